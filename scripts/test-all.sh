#!/usr/bin/env bash
# Runs every test: unit (Vitest) then end-to-end (Playwright, system Chromium).
# Does not stop at the first failure. The last line is the summary, from both JSON
# reports: "N passed, N failed" (plus ", N skipped" when some were skipped).
# Exits non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  echo "Chromium not found at $CHROMIUM; install it with apt-get install -y chromium or set CHROMIUM_PATH" >&2
  exit 1
fi
export CHROMIUM_PATH="$CHROMIUM"

mkdir -p test-results
rm -f test-results/unit.json test-results/e2e.json

echo "== Unit tests (vitest) =="
npx vitest run --reporter=default --reporter=json --outputFile=test-results/unit.json
unit_rc=$?

echo
echo "== End-to-end tests (playwright, $CHROMIUM) =="
npx playwright test
e2e_rc=$?

echo
node - "$unit_rc" "$e2e_rc" <<'NODE'
const fs = require('fs');
const [unitRc, e2eRc] = process.argv.slice(2).map(Number);
let passed = 0, failed = 0, skipped = 0;
const notes = [];

function read(path) {
  try { return JSON.parse(fs.readFileSync(path, 'utf8')); } catch { return null; }
}

const unit = read('test-results/unit.json');
if (!unit) {
  failed += 1;
  notes.push('unit: no report (vitest did not finish)');
} else {
  passed += unit.numPassedTests ?? 0;
  failed += unit.numFailedTests ?? 0;
  skipped += (unit.numPendingTests ?? 0) + (unit.numTodoTests ?? 0);
  // A test file that fails to load has no failed tests of its own: count it once.
  const brokenFiles = (unit.testResults ?? []).filter(
    (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length;
  if (brokenFiles) { failed += brokenFiles; notes.push(`unit: ${brokenFiles} test file(s) failed to run`); }
  if (unitRc !== 0 && !unit.numFailedTests && !brokenFiles) { failed += 1; notes.push(`unit: vitest exited with ${unitRc}`); }
}

const e2e = read('test-results/e2e.json');
if (!e2e) {
  failed += 1;
  notes.push('e2e: no report (playwright did not finish)');
} else {
  const s = e2e.stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
  skipped += s.skipped ?? 0;
  // Errors outside tests (web server failed to build/start, config errors).
  const errors = (e2e.errors ?? []).length;
  if (errors && !s.unexpected) { failed += errors; notes.push(`e2e: ${errors} error(s) outside tests (see above)`); }
  if (e2eRc !== 0 && !s.unexpected && !errors) { failed += 1; notes.push(`e2e: playwright exited with ${e2eRc}`); }
}

for (const n of notes) console.log(n);
console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ''));
process.exit(failed > 0 ? 1 : 0);
NODE
