// Adds up what Vitest and Playwright report, as one closing line: "ci: N passed, N failed".
import fs from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
const [vitestFile, playwrightFile] = process.argv.slice(2);

const vitest = JSON.parse(fs.readFileSync(vitestFile, 'utf8'));
passed += vitest.numPassedTests;
failed += vitest.numFailedTests;
skipped += vitest.numPendingTests + (vitest.numTodoTests ?? 0);
console.log(`vitest: ${vitest.numPassedTests} passed, ${vitest.numFailedTests} failed`);

const playwright = JSON.parse(fs.readFileSync(playwrightFile, 'utf8'));
const s = playwright.stats;
passed += s.expected + s.flaky;
failed += s.unexpected;
skipped += s.skipped;
console.log(`playwright: ${s.expected + s.flaky} passed, ${s.unexpected} failed`);

if (passed === 0) {
  console.log('no test ran');
  process.exit(1);
}
console.log(`ci: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
