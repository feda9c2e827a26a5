/**
 * Build-time (Node) helper for the service worker's precache manifest: every model
 * folder (`models/<family>/<name>/`) gets one revision for all its files, made of
 * the version in its `manifest.json` (when it has one) and a hash of the files'
 * contents. A new model (new weights or a new version) therefore changes the
 * revision of all of its files together: the next service worker downloads the
 * whole model at install and drops the old one when it activates, so a model.json
 * is never served with weights from another build.
 *
 * Workbox computes a content hash (MD5) for each globbed file; the folder hash is
 * made from those, so no file is read twice.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface PrecacheEntry {
  readonly url: string;
  readonly revision: string | null;
  readonly size: number;
}

/** "models/chromagan/v1/weights.bin" → "models/chromagan/v1/"; null for files outside a model folder. */
export function modelFolderOf(url: string): string | null {
  const match = /^(?:\.?\/)?(models\/[^/]+\/[^/]+\/)[^/]+$/.exec(url);
  return match ? match[1]! : null;
}

/**
 * Returns the entries with model files re-revisioned. `versions` maps a model folder
 * (e.g. "models/chromagan/v1/") to its manifest version.
 */
export function versionModelEntries<T extends PrecacheEntry>(
  entries: readonly T[],
  versions: Readonly<Record<string, string>>,
): { manifest: T[]; warnings: string[] } {
  const warnings: string[] = [];
  const byFolder = new Map<string, T[]>();
  for (const entry of entries) {
    const folder = modelFolderOf(entry.url);
    if (!folder) continue;
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), entry]);
  }
  const revisions = new Map<string, string>();
  for (const [folder, files] of byFolder) {
    const hash = createHash('sha256');
    for (const file of [...files].sort((a, b) => a.url.localeCompare(b.url))) {
      if (file.revision === null) warnings.push(`${file.url} has no content revision; its model revision uses its size`);
      hash.update(`${file.url}\0${file.revision ?? `size:${file.size}`}\n`);
    }
    const digest = hash.digest('hex').slice(0, 16);
    const version = versions[folder];
    revisions.set(folder, version ? `${sanitise(version)}.${digest}` : digest);
  }
  const manifest = entries.map((entry) => {
    const folder = modelFolderOf(entry.url);
    return folder ? { ...entry, revision: revisions.get(folder)! } : entry;
  });
  return { manifest, warnings };
}

function sanitise(version: string): string {
  return version.replace(/[^\w.-]+/g, '_').slice(0, 64);
}

/**
 * The model files under `publicDir` (`models/<family>/<name>/*.json|bin`), as
 * precache URLs. Every one must be precached for the app to work offline.
 */
export function listModelFiles(publicDir: string): string[] {
  const files: string[] = [];
  const modelsDir = path.join(publicDir, 'models');
  if (!fs.existsSync(modelsDir)) return files;
  for (const family of fs.readdirSync(modelsDir, { withFileTypes: true })) {
    if (!family.isDirectory()) continue;
    for (const model of fs.readdirSync(path.join(modelsDir, family.name), { withFileTypes: true })) {
      if (!model.isDirectory()) continue;
      for (const file of fs.readdirSync(path.join(modelsDir, family.name, model.name))) {
        if (/\.(json|bin)$/.test(file)) files.push(`models/${family.name}/${model.name}/${file}`);
      }
    }
  }
  return files.sort();
}

/**
 * Throws when a model file is missing from the precache manifest, e.g. because new
 * weights outgrew `maximumFileSizeToCacheInBytes` (Workbox only warns and skips it,
 * and the app would then fail offline).
 */
export function assertPrecached(entries: readonly PrecacheEntry[], required: readonly string[]): void {
  const listed = new Set(entries.map((e) => e.url.replace(/^\.?\//, '')));
  const missing = required.filter((url) => !listed.has(url));
  if (missing.length > 0) {
    throw new Error(`These model files would not be precached (too large for maximumFileSizeToCacheInBytes, or not matched by globPatterns): ${missing.join(', ')}`);
  }
}

/**
 * Reads the `version` of every `models/<family>/<name>/manifest.json` under
 * `publicDir`, keyed by model folder. Folders without one (the frozen encoder) are
 * versioned by content alone.
 */
export function readModelVersions(publicDir: string): Record<string, string> {
  const versions: Record<string, string> = {};
  const modelsDir = path.join(publicDir, 'models');
  if (!fs.existsSync(modelsDir)) return versions;
  for (const family of fs.readdirSync(modelsDir, { withFileTypes: true })) {
    if (!family.isDirectory()) continue;
    for (const model of fs.readdirSync(path.join(modelsDir, family.name), { withFileTypes: true })) {
      if (!model.isDirectory()) continue;
      const manifestPath = path.join(modelsDir, family.name, model.name, 'manifest.json');
      if (!fs.existsSync(manifestPath)) continue;
      const { version } = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as { version?: unknown };
      if (typeof version !== 'string' || !version) throw new Error(`${manifestPath} has no "version" string`);
      versions[`models/${family.name}/${model.name}/`] = version;
    }
  }
  return versions;
}
