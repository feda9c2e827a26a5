/** Loads the shipped (or a given) Langevin score network and its manifest from disk for the CLIs. */
import fs from 'node:fs';
import path from 'node:path';
import { loadScoreNet, type ScoreNet } from '../../core/langevin/score-net';
import { REPO_ROOT } from './load-colorizer';
import { fileLoadHandler } from './model-files';

export const DEFAULT_SCORE_DIR = path.join(REPO_ROOT, 'public/models/langevin/v1');

export async function loadNodeScoreNet(dir = DEFAULT_SCORE_DIR): Promise<ScoreNet> {
  const modelJson = path.join(dir, 'model.json');
  const manifestPath = path.join(dir, 'manifest.json');
  for (const f of [modelJson, manifestPath]) if (!fs.existsSync(f)) throw new Error(`No score network at ${dir} (missing ${path.basename(f)})`);
  return loadScoreNet(fileLoadHandler(modelJson), JSON.parse(fs.readFileSync(manifestPath, 'utf8')));
}
