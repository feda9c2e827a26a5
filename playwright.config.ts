/**
 * End-to-end tests against the production build (vite build + vite preview), in the
 * system's Debian Chromium (Playwright's own browser download is not used).
 *
 *   CHROMIUM_PATH   Chromium binary (default /usr/bin/chromium)
 *   PW_REUSE_SERVER=1  reuse a preview server already on :4173 (local iteration only)
 *   PW_PORT         serve on another port, and
 *   PW_DIST_DIR     build into and serve another folder than dist/ (two people testing
 *                   on one machine; e2e/pwa.spec.ts edits the served sw.js)
 */
import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.PW_PORT) || 4173;
const DIST_DIR = process.env.PW_DIST_DIR || 'dist';
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const baseArgs = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export default defineConfig({
  testDir: 'e2e',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Model load + inference on 2 busy CPU cores; the WebGPU (software adapter) test sets its own.
  timeout: 180_000,
  expect: { timeout: 90_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  // Not test-results/ itself: Playwright empties outputDir, and the unit-test report lives there.
  outputDir: 'test-results/e2e-artifacts',
  use: {
    baseURL: `http://localhost:${PORT}`,
    acceptDownloads: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1360, height: 900 },
    launchOptions: { executablePath, args: baseArgs },
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: /webgpu\.spec\.ts/,
    },
    {
      name: 'webgpu',
      testMatch: /webgpu\.spec\.ts/,
      use: {
        // SwiftShader's software WebGPU adapter: correct, but ~100× slower than wasm.
        launchOptions: { executablePath, args: [...baseArgs, '--enable-unsafe-webgpu'] },
      },
    },
  ],
  webServer: {
    // --bypass-lock: another preview of this project may run on another port and folder.
    command: `npm run build -- --outDir ${DIST_DIR} --emptyOutDir && npx vite preview --outDir ${DIST_DIR} --port ${PORT} --strictPort --bypass-lock`,
    url: `http://localhost:${PORT}`,
    reuseExistingServer: process.env.PW_REUSE_SERVER === '1',
    timeout: 300_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
