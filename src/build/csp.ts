/**
 * The app's Content-Security-Policy: nothing may be loaded from, or sent to, another
 * origin. Used at build time (vite.config.ts): as a <meta> in the built index.html
 * (so any static host enforces it on the page) and as a response header from
 * `vite preview` (which also covers the worker and the service worker, whose
 * policies come from their own responses, and allows `frame-ancestors`).
 *
 * What the app itself needs, and nothing more:
 * - scripts, workers, wasm: its own files; `'wasm-unsafe-eval'` lets the tfjs wasm
 *   backend compile its bundled binaries (no JS eval is allowed).
 * - images: its own icons, plus `blob:` (results, downloads) and `data:` (favicon).
 * - fetch: its own origin only (model, weights, wasm, precaching).
 * - WebGPU and WebGL need no directive.
 */

export type CspDirectives = Readonly<Record<string, readonly string[]>>;

export const CSP_DIRECTIVES: CspDirectives = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'worker-src': ["'self'"],
  'connect-src': ["'self'"],
  'img-src': ["'self'", 'blob:', 'data:'],
  'style-src': ["'self'"],
  'font-src': ["'self'"],
  'manifest-src': ["'self'"],
  'media-src': ["'self'", 'blob:'],
  'object-src': ["'none'"],
  'frame-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/** Directives a <meta> policy may not carry (browsers ignore them there, with a warning). */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'report-to', 'sandbox']);

/** The policy as a header value, or for a <meta http-equiv> when `forMeta` is set. */
export function contentSecurityPolicy({ forMeta = false, directives = CSP_DIRECTIVES }: { forMeta?: boolean; directives?: CspDirectives } = {}): string {
  return Object.entries(directives)
    .filter(([name]) => !(forMeta && HEADER_ONLY.has(name)))
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

/** Response headers for every file of the app (vite preview, and `_headers` for static hosts). */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}

/** The headers as a Netlify / Cloudflare Pages `_headers` file, for every path. */
export function headersFile(headers: Record<string, string> = securityHeaders()): string {
  return ['/*', ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`), ''].join('\n');
}
