// mumstrong end to end: a member and her coach use the real pages in a real browser.
//
//   MUMSTRONG_BIN=../target/debug/mumstrong npm test
//
// Starts `mumstrong serve` on a free port with a fresh database, drives Chromium through the
// flows (elements found by role and label, as a person finds them), audits every page with
// axe-core and screenshots it at 390 and 1280 px. Prints `e2e: N passed, M failed` and exits
// non-zero on any failure.

import { existsSync, rmSync } from 'node:fs';
import { addCoach, auditReport, BIN, CHROMIUM, launchBrowser, SHOTS, startServer, summary } from './lib.mjs';
import * as flows from './flows.mjs';

for (const [what, path] of [['the mumstrong binary (MUMSTRONG_BIN)', BIN], ['Chromium (CHROMIUM)', CHROMIUM]]) {
  if (!existsSync(path)) {
    console.error(`e2e: ${what} is missing at ${path}`);
    console.log('e2e: 0 passed, 1 failed');
    process.exit(1);
  }
}

rmSync(SHOTS, { recursive: true, force: true }); // this run's screenshots only
let server;
try {
  server = await startServer();
} catch (e) {
  console.log(`FAIL starting the server\n${e?.stack ?? e}`);
  console.log('e2e: 0 passed, 1 failed');
  process.exit(1);
}
console.log(`e2e: server ${server.url} (${BIN}), database ${server.databaseUrl}`);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => { server.stop(); process.exit(1); });
}
let browser;
try {
  browser = await launchBrowser();
  const coach = { email: 'coach@example.org', password: 'coach password 123', name: 'Coach Cara' };
  addCoach(server.databaseUrl, coach.email, coach.name, coach.password);
  await flows.all({ browser, base: server.url, coach });
} catch (e) {
  console.log(`FAIL harness\n${e?.stack ?? e}`);
  process.exitCode = 1;
} finally {
  await browser?.close().catch(() => {});
  server.stop();
}

const audits = auditReport();
const bad = [...audits].filter(([, v]) => v.length);
console.log(`\naccessibility: ${audits.size} page(s) audited with axe-core (WCAG 2.1 A/AA), ${bad.length} with violations`);
for (const [page, violations] of bad) {
  console.log(`  ${page}: ${violations.map((v) => `${v.id} (${v.nodes.length})`).join(', ')}`);
}
console.log(`screenshots: ${SHOTS}`);
const { passed, failed, skipped, results } = summary();
for (const r of results.filter((r) => r.status !== 'passed')) {
  console.log(`  ${r.status}: ${r.name}${r.status === 'skipped' ? ` (${r.why})` : ''}`);
}
if (process.exitCode) console.log('e2e: the harness itself failed (see above)');
console.log(`e2e: ${passed} passed, ${failed + (process.exitCode ? 1 : 0)} failed, ${skipped} skipped`);
if (failed || skipped) process.exitCode = 1;
