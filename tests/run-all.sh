#!/usr/bin/env bash
# `npm test`: every test — unit, integration and browser — then one line of totals.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p tests/.tmp
rm -f tests/.tmp/*.sqlite* tests/.tmp/*.json

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests (needs root)..."
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null || {
    echo "Could not install chromium: install it with 'apt-get install chromium' and run npm test again."; exit 1; }
fi

echo "== typecheck"; npx tsc --noEmit; typecheck=$?
echo "== build"; npm run --silent build || { echo "0 passed, 1 failed"; exit 1; }
echo "== unit and integration tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=tests/.tmp/vitest-results.json; unit=$?
echo "== browser tests (playwright, Debian chromium)"
npx playwright test; e2e=$?

node -e '
const fs = require("fs");
const [typecheck, unit, e2e] = process.argv.slice(1).map(Number);
const read = (f) => { try { return JSON.parse(fs.readFileSync(f, "utf8")); } catch { return null; } };
let passed = 0, failed = 0;
// A runner that exited non-zero without a failed test (a crash, a broken file) counts as one failure.
const v = read("tests/.tmp/vitest-results.json");
const vFailed = v ? v.numFailedTests : 0;
passed += v ? v.numPassedTests : 0;
failed += vFailed + (unit !== 0 && vFailed === 0 ? 1 : 0);
const p = read("tests/.tmp/playwright-results.json");
const pFailed = p ? p.stats.unexpected + p.stats.flaky : 0;
passed += p ? p.stats.expected : 0;
failed += pFailed + (e2e !== 0 && pFailed === 0 ? 1 : 0);
failed += typecheck !== 0 ? 1 : 0;
console.log(`${passed} passed, ${failed} failed`);
' "$typecheck" "$unit" "$e2e"

[ $typecheck -eq 0 ] && [ $unit -eq 0 ] && [ $e2e -eq 0 ]
