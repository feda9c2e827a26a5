import { describe, expect, it } from 'vitest';
import { CSP_DIRECTIVES, contentSecurityPolicy, headersFile } from './csp';

const parse = (policy: string) =>
  new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name!, sources]));

describe('contentSecurityPolicy', () => {
  it('allows no other origin anywhere: only self, none, blob:/data: and wasm compilation', () => {
    const allowed = new Set(["'self'", "'none'", "'wasm-unsafe-eval'", 'blob:', 'data:']);
    for (const [name, sources] of parse(contentSecurityPolicy())) {
      for (const source of sources) expect(allowed.has(source), `${name} ${source}`).toBe(true);
    }
  });

  it('lets the app run: its wasm, its worker, result images; no JS eval or inline script', () => {
    const csp = parse(contentSecurityPolicy());
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(csp.get('worker-src')).toContain("'self'");
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('img-src')).toEqual(expect.arrayContaining(['blob:', 'data:']));
    expect(contentSecurityPolicy()).not.toMatch(/'unsafe-(inline|eval)'|https?:|\*/);
  });

  it('leaves header-only directives out of the <meta> form', () => {
    expect(parse(contentSecurityPolicy()).has('frame-ancestors')).toBe(true);
    const meta = parse(contentSecurityPolicy({ forMeta: true }));
    expect(meta.has('frame-ancestors')).toBe(false);
    expect(meta.size).toBe(Object.keys(CSP_DIRECTIVES).length - 1);
  });
});

describe('headersFile', () => {
  it('applies the policy to every path', () => {
    const lines = headersFile().split('\n');
    expect(lines[0]).toBe('/*');
    expect(lines).toContain(`  Content-Security-Policy: ${contentSecurityPolicy()}`);
    expect(lines).toContain('  X-Content-Type-Options: nosniff');
  });
});
