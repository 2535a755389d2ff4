// The harness: a fresh server on a free port, a real Chromium, named checks with a pass/fail
// record, an accessibility audit (axe-core) and screenshots of every page visited.

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

export const BIN = resolve(here, process.env.MUMSTRONG_BIN ?? '../target/debug/mumstrong');
export const SHOTS = resolve(here, process.env.E2E_SCREENSHOTS ?? 'screenshots');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/// Every standard a page is audited against.
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// ---- the server ---------------------------------------------------------------------------------

/// Starts `mumstrong serve` on a free port with a fresh SQLite database; resolves once
/// `/healthz` answers. `stop()` kills it (also on exit).
export async function startServer() {
  const dir = mkdtempSync(join(process.env.E2E_TMP ?? tmpdir(), 'mumstrong-e2e-'));
  const databaseUrl = `sqlite://${join(dir, 'db.sqlite')}`;
  const child = spawn(BIN, ['serve', '--bind', '127.0.0.1:0', '--database-url', databaseUrl], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, RUST_LOG: process.env.RUST_LOG ?? 'warn', NO_COLOR: '1' },
  });
  let log = '';
  const url = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`the server did not say where it listens in 30 s:\n${log}`)), 30_000);
    const read = (chunk) => {
      log += chunk;
      const m = log.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('error', (e) => { clearTimeout(timer); fail(new Error(`cannot start ${BIN}: ${e.message}`)); });
    child.on('exit', (code) => { clearTimeout(timer); fail(new Error(`the server exited (${code}) before listening:\n${log}`)); });
  });
  child.stdout.on('data', (c) => { log += c; });
  child.stderr.on('data', (c) => { log += c; });
  for (let i = 0; ; i++) {
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch { /* not yet */ }
    if (i > 100) throw new Error('/healthz did not answer in 10 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try { child.kill('SIGKILL'); } catch { /* gone */ }
    try { rmSync(dir, { recursive: true, force: true }); } catch { /* kept */ }
  };
  process.on('exit', stop);
  return { url, databaseUrl, dir, stop, log: () => log };
}

/// Makes a coach account with the CLI (an admin's job), with the given password.
export function addCoach(databaseUrl, email, name, password) {
  const r = spawnSync(BIN, ['user', 'add', '--coach', email, '--name', name, '--password-stdin', '--database-url', databaseUrl], {
    input: `${password}\n`,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`mumstrong user add failed (${r.status}): ${r.stderr}${r.stdout}`);
}

// ---- the browser --------------------------------------------------------------------------------

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-quic', '--disable-component-update', '--disable-sync'],
  });
}

/// A new browser context as a phone (390 x 844). Console errors, failed requests and server
/// errors of its pages are collected in `ctx.problems`, to be reported by `checkPage`.
export async function newContext(browser, base, options = {}) {
  const context = await browser.newContext({
    baseURL: base,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 1,
    locale: 'en-GB',
    timezoneId: 'UTC',
    ...options,
  });
  context.setDefaultTimeout(10_000);
  context.problems = [];
  context.on('page', (p) => watch(context, p));
  return context;
}

function watch(context, page) {
  page.on('console', (m) => {
    // A page answered with 404 or 422 is a page state the flows check themselves; a failed
    // subresource is reported by the response handler below, with its address.
    if (m.text().startsWith('Failed to load resource')) return;
    if (m.type() === 'error' || m.type() === 'warning') {
      context.problems.push(`console ${m.type()} on ${pathOf(page)}: ${m.text()}`);
    }
  });
  page.on('pageerror', (e) => context.problems.push(`script error on ${pathOf(page)}: ${e.message}`));
  page.on('response', (r) => {
    const document = r.request().resourceType() === 'document';
    if (document && r.frame() === page.mainFrame()) page.lastStatus = r.status();
    if (r.status() >= 500 || (!document && r.status() >= 400)) {
      context.problems.push(`HTTP ${r.status()} for ${r.request().method()} ${new URL(r.url()).pathname}`);
    }
  });
  page.on('requestfailed', (r) => {
    // Aborted: the page went elsewhere before a load finished (a click during loading).
    if (r.failure()?.errorText === 'net::ERR_ABORTED') return;
    context.problems.push(`request failed: ${r.method()} ${r.url()} (${r.failure()?.errorText})`);
  });
}

export function pathOf(page) {
  try {
    const u = new URL(page.url());
    return u.pathname + u.search;
  } catch {
    return page.url();
  }
}

// ---- checks -------------------------------------------------------------------------------------

const results = [];
const failures = new Set();

/// Runs one named check. `needs` names earlier checks that must have passed; if one failed,
/// this one is skipped (and says why). A check fails on any thrown error.
export async function check(name, fn, { needs = [], page = null } = {}) {
  const missing = needs.filter((n) => failures.has(n) || !results.some((r) => r.name === n));
  if (missing.length) {
    results.push({ name, status: 'skipped', why: `needs: ${missing.join(', ')}` });
    failures.add(name);
    console.log(`SKIP ${name} (needs ${missing.join(', ')})`);
    return false;
  }
  const started = Date.now();
  try {
    await fn();
    results.push({ name, status: 'passed' });
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
    return true;
  } catch (e) {
    results.push({ name, status: 'failed', why: e?.message ?? String(e) });
    failures.add(name);
    let shot = '';
    if (page && !page.isClosed()) {
      mkdirSync(SHOTS, { recursive: true });
      const file = join(SHOTS, `FAIL-${name.replace(/[^a-zA-Z0-9]+/g, '-').slice(0, 60)}.png`);
      if (await page.screenshot({ path: file, fullPage: true }).then(() => true, () => false)) {
        shot = `\n     (the page at ${pathOf(page)} then: ${file})`;
      }
    }
    console.log(`FAIL ${name} (${Date.now() - started} ms)\n${indent(e?.stack ?? String(e))}${shot}`);
    return false;
  }
}

export function summary() {
  const passed = results.filter((r) => r.status === 'passed').length;
  const failed = results.filter((r) => r.status === 'failed').length;
  const skipped = results.filter((r) => r.status === 'skipped').length;
  return { passed, failed, skipped, results };
}

function indent(text) {
  return String(text).split('\n').map((l) => `     ${l}`).join('\n');
}

/// An assertion with a message.
export function expect(condition, message) {
  if (!condition) throw new Error(message);
}

// ---- every page: axe, problems, screenshots -----------------------------------------------------

let shotNumber = 0;
const audited = new Map();

/// The accessibility audit of the page as it is now: every violation with its nodes, or [].
export async function axe(page) {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html.slice(0, 300), summary: n.failureSummary })),
    }));
  }, AXE_TAGS);
}

function describeViolations(violations) {
  return violations.map((v) => [
    `${v.id} (${v.impact}): ${v.help}`,
    ...v.nodes.map((n) => `  at ${n.target}\n    ${n.html}\n    ${String(n.summary).replaceAll('\n', '\n    ')}`),
  ].join('\n')).join('\n');
}

/// Looks at the page the way every page is looked at: screenshots at 390 x 844 (full page) and
/// 1280 x 900 (full page), then a named check that it answered with `status` (any success by
/// default), has exactly one h1, does not scroll sideways at 390 px, has no touch target under
/// 44 px there (buttons, fields, summaries, navigation), no accessibility violation (axe-core, WCAG 2.1 A and AA), and no
/// console error, failed request or server error since the last look. `name` is a short slug
/// (`today`, `coach-client`).
export async function checkPage(page, name, { audit = true, status = 200 } = {}) {
  const n = String(++shotNumber).padStart(2, '0');
  const context = page.context();
  const problems = context.problems.splice(0);
  let violations = [];
  await check(`page ${n} ${name} (${pathOf(page)}): one h1, fits 390 px, 44 px targets, accessible, no codes, no errors`, async () => {
    await page.waitForLoadState('load');
    const size = page.viewportSize();
    let overflow = null;
    let small = [];
    mkdirSync(SHOTS, { recursive: true });
    try {
      await page.setViewportSize({ width: 390, height: 844 });
      overflow = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        if (document.documentElement.scrollWidth <= width) return null;
        // The widest elements that stick out, to say where.
        const out = [...document.querySelectorAll('body *')]
          .filter((el) => el.getBoundingClientRect().right > width + 1 && !el.closest('.table-wrap, [hidden]'))
          .map((el) => ({ el, w: Math.round(el.getBoundingClientRect().right) }))
          .filter(({ el }) => !el.parentElement || el.parentElement.getBoundingClientRect().right <= width + 1)
          .slice(0, 5)
          .map(({ el, w }) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''} (right edge ${w}px): "${(el.textContent || '').trim().slice(0, 60)}"`);
        return `${document.documentElement.scrollWidth}px wide at ${width}px; sticking out: ${out.join('; ') || 'unknown'}`;
      });
      await page.screenshot({ path: join(SHOTS, `${n}-${name}-390.png`), fullPage: true });
      small = await page.evaluate(smallTargets, MIN_TARGET).catch(() => []);
      if (audit) violations = await axe(page);
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.screenshot({ path: join(SHOTS, `${n}-${name}-1280.png`), fullPage: true });
      if (audit) {
        // The wide layout can fail where the phone's does not (and the other way round).
        const seen = new Set(violations.flatMap((v) => v.nodes.map((node) => `${v.id} ${node.target}`)));
        for (const v of await axe(page)) {
          const nodes = v.nodes.filter((node) => !seen.has(`${v.id} ${node.target}`));
          if (nodes.length) violations.push({ ...v, help: `${v.help} (at 1280 px)`, nodes });
        }
      }
    } finally {
      await page.setViewportSize(size);
    }
    const h1 = await page.locator('h1').count();
    // A person reads words, not codes: no snake_case vocabulary word (`urinary_leakage`) in the
    // text of the page, outside code samples (and her API token, shown once).
    const codes = await page.evaluate(() => {
      const body = document.body.cloneNode(true);
      body.querySelectorAll('code, pre, kbd, samp, script, style, template').forEach((e) => e.remove());
      const words = (body.textContent || '').match(/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g) || [];
      return [...new Set(words)].filter((w) => !w.startsWith('ms_'));
    });
    const errors = [];
    if (codes.length) errors.push(`codes shown to a person: ${codes.join(', ')}`);
    const got = page.lastStatus ?? 200;
    if (status === 200 ? got >= 400 : got !== status) errors.push(`the page answered HTTP ${got} (want ${status === 200 ? 'success' : status})`);
    if (h1 !== 1) errors.push(`${h1} h1 elements (want exactly one)`);
    if (overflow) errors.push(`the page scrolls sideways on a phone: ${overflow}`);
    if (small.length) {
      errors.push(`${small.length} touch target(s) smaller than ${MIN_TARGET} px at 390 px:\n${small.map((t) => `  ${t}`).join('\n')}`);
    }
    if (audit) {
      audited.set(`${n} ${name}`, violations);
      if (violations.length) errors.push(`axe found ${violations.length} violation(s):\n${describeViolations(violations)}`);
    }
    if (problems.length) errors.push(`problems while getting here:\n${problems.join('\n')}`);
    expect(!errors.length, errors.join('\n'));
  });
  return violations;
}

/// The smallest touch target, in CSS pixels (height, and width for icon buttons): WCAG 2.5.5's
/// 44 px (the pages aim at 48; the shell's navigation links and link-buttons are 44).
const MIN_TARGET = 44;

/// Runs in the page: every visible control a thumb must hit (buttons, button-links, fields,
/// summaries, the navigation) smaller than `min` px; a checkbox or radio counts as its label.
function smallTargets(min) {
  const name = (el) => (el.getAttribute('aria-label') || el.textContent || el.getAttribute('name') || '').trim().replace(/\s+/g, ' ').slice(0, 40);
  return [...document.querySelectorAll('button, a.button, input:not([type=hidden]), select, textarea, summary, nav a')]
    .filter((el) => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden' && !el.closest('[hidden], .visually-hidden')
      // Inside a closed <details> only its summary is on screen.
      && !(el.closest('details:not([open])') && el.tagName !== 'SUMMARY'))
    .map((el) => {
      const box = (el.type === 'checkbox' || el.type === 'radio') && el.closest('label') ? el.closest('label') : el;
      const r = box.getBoundingClientRect();
      return { el, h: Math.round(r.height), w: Math.round(r.width) };
    })
    .filter(({ h, w }) => h < min - 0.5 || w < min - 0.5)
    .map(({ el, h, w }) => `${el.tagName.toLowerCase()}${el.type && el.tagName !== 'BUTTON' ? `[type=${el.type}]` : ''} "${name(el)}": ${w} × ${h} px`);
}

/// Every page audited, with its violations (for the closing report).
export function auditReport() {
  return audited;
}
