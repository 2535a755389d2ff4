// The flows of the web app issue, in order. Each step is a named check; a step that needs an
// earlier one is skipped when that one failed. Elements are found by role and label.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, checkPage, expect, newContext, pathOf } from './lib.mjs';

/// A small Strong export from the importer's samples.
const STRONG_CSV = join(dirname(fileURLToPath(import.meta.url)), '..', 'examples', 'imports', 'strong-classic.csv');

const PASSWORD = 'a long enough password';

/// Where the page is now (path only).
function at(page) {
  return new URL(page.url()).pathname;
}

/// Waits until the page is at `path` (a string, or a RegExp for the path).
async function expectAt(page, path) {
  const ok = (p) => (path instanceof RegExp ? path.test(p) : p === path);
  await page.waitForURL((u) => ok(u.pathname), { timeout: 10_000 }).catch(() => {});
  expect(ok(at(page)), `expected to be at ${path}, but the page is ${pathOf(page)}`);
}

/// The main landmark, where a page's own content is.
function main(page) {
  return page.getByRole('main');
}

/// A heading's text, for messages.
async function h1(page) {
  return (await page.getByRole('heading', { level: 1 }).first().textContent().catch(() => ''))?.trim();
}

// ---- sign up ------------------------------------------------------------------------------------

async function signUp(page, { name, email }) {
  await page.goto('/signup');
  await page.getByLabel('Your first name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('checkbox', { name: /exercise guidance, not medical advice/i }).check();
  await page.getByRole('button', { name: 'Make my account' }).click();
  await expectAt(page, /^\/onboarding/);
}

async function signIn(page, { email, password }) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState('load');
}

// ---- onboarding ---------------------------------------------------------------------------------

function isoDaysAgo(days) {
  const d = new Date(Date.now() - days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

function group(page, name) {
  return main(page).getByRole('group', { name });
}

async function next(page) {
  await main(page).getByRole('button', { name: 'Next', exact: true }).click();
  await page.waitForLoadState('load');
}

/// The step's page is shown without an error (a refused step re-renders with an alert; the
/// urgent stop a ticked warning sign shows is an alert too, but not an error).
async function stepIs(page, path, title) {
  await expectAt(page, path);
  const alerts = await main(page).locator('[role=alert]:not(#urgent)').allTextContents();
  expect(!alerts.length, `${path} shows an error: ${alerts.join(' | ')}`);
  const heading = await h1(page);
  expect(heading === title, `${path}: h1 is "${heading}", want "${title}"`);
}

/// Walks every step of the questionnaire as she would, from /onboarding to the screening.
/// `look` screenshots and audits each step; `redFlag` ticks a warning sign.
async function onboard(page, { look = true, redFlag = null, label = 'onboarding', weeks = 14 } = {}) {
  const seen = async (slug) => { if (look) await checkPage(page, `${label}-${slug}`); };
  await page.goto('/onboarding');
  await stepIs(page, /^\/onboarding(\/birth)?$/, 'Your birth');
  await seen('birth');
  if (look) {
    // Next without a birth date: the step comes back (422) naming the field, nothing lost.
    await group(page, 'How was your baby born?').getByRole('radio', { name: 'Vaginal birth', exact: true }).check();
    await next(page);
    expect(page.lastStatus === 422, `a step without the birth date answered ${page.lastStatus}, not 422`);
    const alert = (await main(page).getByRole('alert').allTextContents()).join(' ');
    expect(/birth|born|date/i.test(alert), `the error does not name the birth date: "${alert}"`);
    const date = main(page).getByLabel('When was your baby born?');
    expect((await date.getAttribute('aria-invalid')) === 'true', 'the birth date is not marked aria-invalid');
    const described = (await date.getAttribute('aria-describedby')) ?? '';
    const messages = await Promise.all(described.split(/\s+/).filter(Boolean).map((id) => page.locator(`[id="${id}"]`).textContent()));
    expect(messages.some((m) => /birth|born|date/i.test(m ?? '')), `the birth date's aria-describedby (${described}) does not point at the message`);
    expect(await group(page, 'How was your baby born?').getByRole('radio', { name: 'Vaginal birth', exact: true }).isChecked(), 'the delivery she chose was lost');
    await checkPage(page, `${label}-birth-error`, { status: 422 });
  }
  await main(page).getByLabel('When was your baby born?').fill(isoDaysAgo(weeks * 7));
  await group(page, 'How was your baby born?').getByRole('radio', { name: 'Vaginal birth', exact: true }).check();
  await group(page, /Did you have a tear/).getByRole('radio', { name: /^Second-degree tear/ }).check();
  await main(page).getByLabel('How many babies were born?').fill('1');
  await group(page, /Your baby is a/).getByRole('radio', { name: 'Girl' }).check();
  await main(page).getByLabel(/^Birth weight in kg/).fill('3.4');
  await next(page);

  await stepIs(page, '/onboarding/feel', 'How you feel now');
  await seen('feel');
  await group(page, /6-8 week postnatal check/).getByRole('radio', { name: 'Yes', exact: true }).check();
  await group(page, /pelvic-health physiotherapist assessed you/).getByRole('radio', { name: 'No', exact: true }).check();
  await group(page, /Are you breastfeeding/).getByRole('radio', { name: 'Yes', exact: true }).check();
  await main(page).getByLabel(/Gap between your tummy muscles/).fill('1');
  await next(page);

  await stepIs(page, '/onboarding/warning-signs', 'Warning signs');
  await seen('warning-signs');
  if (redFlag) {
    await group(page, 'Do you have any of these now?').getByRole('checkbox', { name: redFlag }).check();
    if (look) await checkPage(page, `${label}-warning-sign-ticked`);
  }
  await next(page);

  await stepIs(page, '/onboarding/mood', 'Your mood (optional)');
  if (redFlag) {
    // The help comes at once, not after the last step: the stop with her numbers to call.
    const stop = main(page).locator('#urgent');
    expect(await stop.count() === 1, 'the step after a ticked warning sign shows no stop');
    expect(await stop.getByRole('link', { name: 'Call 999 (UK emergency)' }).count() === 1, 'the stop has no 999 button');
  }
  await seen('mood');
  await main(page).getByRole('button', { name: 'Skip this step' }).click();
  await page.waitForLoadState('load');

  await stepIs(page, '/onboarding/readiness', 'Readiness tests');
  await seen('readiness');
  const tests = main(page).getByRole('group').filter({ has: page.getByRole('radio', { name: 'Not tried' }) });
  const count = await tests.count();
  expect(count >= 10, `the readiness step shows ${count} tests (want the 11 of the return-to-running guideline)`);
  for (let i = 0; i < count; i++) {
    await tests.nth(i).getByRole('radio', { name: i === 0 ? 'Passed' : 'Not tried', exact: true }).check();
  }
  await next(page);

  await stepIs(page, '/onboarding/training', 'Your training');
  await seen('training');
  await group(page, 'What do you want from training?').getByRole('checkbox', { name: /^Get stronger/ }).check();
  await group(page, 'Have you done strength training before?').getByRole('radio', { name: /^Trained before, returning/ }).check();
  await main(page).getByLabel('Days a week').fill('3');
  await main(page).getByLabel('Minutes a session').fill('20');
  const equipment = group(page, 'What do you have at home?');
  await equipment.getByRole('checkbox', { name: /^Dumbbells/ }).check();
  await equipment.getByRole('checkbox', { name: /^An exercise mat/ }).check();
  // Her baby as a load: the early sessions' carry has a weight (the kg/lb check needs one).
  await equipment.getByRole('checkbox', { name: /^My baby/ }).check();
  await main(page).getByLabel(/^Dumbbell weights in kg/).fill('4, 6, 8');
  await next(page);

  await stepIs(page, '/onboarding/review', 'Check your answers');
  await seen('review');
  const review = await main(page).textContent();
  for (const want of ['Vaginal birth', 'Dumbbells']) {
    expect(review.includes(want), `the review does not show "${want}"`);
  }
  await main(page).getByRole('button', { name: 'Save and see my screening' }).click();
  await expectAt(page, '/screening');
}

/// From the screening page: 8 weeks, and the button.
async function makeProgramme(page) {
  await main(page).getByLabel('How many weeks?').selectOption({ label: '8 weeks' });
  await main(page).getByRole('button', { name: 'Make my programme' }).click();
  await page.waitForLoadState('load');
  const alerts = await main(page).getByRole('alert').allTextContents();
  expect(page.lastStatus < 400 && !alerts.length,
    `making the programme answered ${page.lastStatus} at ${pathOf(page)}: ${alerts.join(' | ') || await h1(page)}`);
}

// ---- the flows ----------------------------------------------------------------------------------

export async function all({ browser, base, coach }) {
  const ana = { name: 'Ana', email: 'ana@example.org' };
  const ctx = await newContext(browser, base);
  const page = await ctx.newPage();

  await check('welcome page leads to sign-up', async () => {
    await page.goto('/');
    expect(/strong again/i.test(await h1(page)), `welcome h1 is "${await h1(page)}"`);
    await checkPage(page, 'welcome');
    await page.getByRole('link', { name: /make an account/i }).first().click();
    await expectAt(page, '/signup');
  }, { page });

  await check('about this guidance', async () => {
    await page.goto('/about');
    await main(page).getByRole('heading', { name: 'When to get help now' }).waitFor();
    await checkPage(page, 'about');
  }, { page });

  await check('sign-up names a bad field and keeps what she typed', async () => {
    await page.goto('/signup');
    await checkPage(page, 'signup');
    await page.getByLabel('Your first name').fill(ana.name);
    await page.getByLabel('Email').fill(ana.email);
    await page.getByLabel('Password').fill('short');
    await page.getByRole('checkbox', { name: /exercise guidance, not medical advice/i }).check();
    await page.getByRole('button', { name: 'Make my account' }).click();
    await page.getByRole('alert').first().waitFor();
    expect(at(page) === '/signup', `a bad sign-up went to ${pathOf(page)}`);
    const password = page.getByLabel('Password');
    expect((await password.getAttribute('aria-invalid')) === 'true', 'the password field is not marked aria-invalid');
    expect((await page.getByLabel('Email').inputValue()) === ana.email, 'the email she typed was lost');
    await checkPage(page, 'signup-error', { status: 422 });
  }, { page });

  await check('sign-up keeps her tick after an error', async () => {
    await expectAt(page, '/signup');
    const tick = page.getByRole('checkbox', { name: /exercise guidance, not medical advice/i });
    expect(await tick.isChecked(), 'she ticked "I understand …" but the form came back unticked');
  }, { page });

  await check('sign up', async () => {
    await signUp(page, ana);
  }, { page });

  await check('sign out and sign in again', async () => {
    await page.goto('/about');
    await page.getByRole('button', { name: /sign out/i }).click();
    await expectAt(page, '/');
    await page.goto('/login');
    await checkPage(page, 'login');
    await signIn(page, { email: ana.email, password: PASSWORD });
    await expectAt(page, /^\/onboarding/);
  }, { needs: ['sign up'], page });

  await check('onboarding: every step of the questionnaire, to the screening', async () => {
    await onboard(page);
  }, { needs: ['sign up'], page });

  await check('screening: what is safe now, and the programme is made from it', async () => {
    await expectAt(page, '/screening');
    expect(await h1(page) === 'Your screening', `h1 is "${await h1(page)}"`);
    await main(page).getByRole('heading', { name: 'Safe now' }).waitFor();
    await checkPage(page, 'screening');
    await makeProgramme(page);
    await checkPage(page, 'after-make-programme');
  }, { needs: ['onboarding: every step of the questionnaire, to the screening'], page });

  await check('programme page shows the plan', async () => {
    await page.goto('/programme');
    expect(/plan|programme/i.test(await h1(page)), `h1 is "${await h1(page)}"`);
    await checkPage(page, 'programme');
  }, { needs: ['screening: what is safe now, and the programme is made from it'], page });

  const made = 'screening: what is safe now, and the programme is made from it';
  await check('today: tick a set Done and the rest timer appears', async () => {
    await page.goto('/today');
    await checkPage(page, 'today');
    // The first Tab reaches "Skip to content", and it moves focus to the main content.
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement?.textContent?.trim());
    expect(first === 'Skip to content', `the first Tab stop is "${first}", not "Skip to content"`);
    await page.keyboard.press('Enter');
    const focused = await page.evaluate(() => document.activeElement?.closest('main') !== null);
    expect(focused, 'Skip to content did not move focus into the main content');
    const done = main(page).getByRole('button', { name: /^Done/ });
    expect(await done.count() > 0, `Today has no set to tick (h1 "${await h1(page)}"): ${(await main(page).textContent()).slice(0, 400)}`);
    const progress = await main(page).getByText(/ of \d+ sets done/).textContent();
    let navigations = 0;
    const count = (frame) => { if (frame === page.mainFrame()) navigations++; };
    page.on('framenavigated', count);
    await done.first().click();
    const timer = page.getByRole('region', { name: 'Rest timer' });
    await timer.waitFor({ state: 'visible' });
    const shown = await timer.textContent();
    await page.waitForTimeout(1200);
    expect(await timer.textContent() !== shown, `the rest timer does not count: "${shown}"`);
    page.off('framenavigated', count);
    expect(navigations === 0, 'with JavaScript the set was logged by reloading the page, not in place');
    await main(page).getByText(/Set 1 done/).first().waitFor();
    const after = await main(page).getByText(/ of \d+ sets done/).textContent();
    expect(after !== progress, `the sets count did not move: "${progress}" then "${after}"`);
    await checkPage(page, 'today-resting');
    await timer.getByRole('button', { name: 'Skip rest' }).click();
    await timer.waitFor({ state: 'hidden' });
  }, { needs: [made], page });

  await check('today: a set with leaking, and a check-in with leaking', async () => {
    await page.goto('/today');
    const set = main(page).getByRole('listitem').filter({ has: page.getByRole('button', { name: /^Done/ }) }).first();
    await set.getByText('Something felt wrong?').click();
    await set.getByRole('checkbox', { name: 'Leaking' }).check();
    await set.getByRole('button', { name: /^Done/ }).click();
    await main(page).getByText(/Noted: leaking/i).first().waitFor();
    const checkin = page.getByRole('region', { name: 'How did it go?' });
    await checkin.getByRole('group', { name: 'Did you notice any of these?' }).getByRole('checkbox', { name: /^Leaking urine/ }).check();
    await checkin.getByLabel(/How hard was it/).selectOption('6');
    await checkin.getByRole('group', { name: 'How are you feeling?' }).getByRole('radio').nth(2).check();
    await checkin.getByRole('button', { name: 'Save my check-in' }).click();
    await page.waitForLoadState('load');
    await checkPage(page, 'today-checked-in');
  }, { needs: ['today: tick a set Done and the rest timer appears'], page });

  await check('today: the next session adapts, and the page says how', async () => {
    await page.goto('/today');
    const adapted = page.getByRole('region', { name: 'We changed your plan' });
    await adapted.waitFor();
    const text = await adapted.textContent();
    expect(/leaking/i.test(text), `"We changed your plan" does not name the leaking: ${text}`);
    await checkPage(page, 'today-adapted');
  }, { needs: ['today: a set with leaking, and a check-in with leaking'], page });

  await check('progress: a chart (SVG with a title)', async () => {
    await page.goto('/progress');
    expect(await h1(page) === 'Your progress', `h1 is "${await h1(page)}"`);
    const charts = main(page).locator('svg[role="img"]');
    expect(await charts.count() > 0, 'no chart (svg role=img) on the progress page');
    const title = (await charts.first().locator('title').textContent())?.trim();
    expect(title, 'the first chart has no <title>');
    await main(page).getByRole('img', { name: new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).first().waitFor();
    await checkPage(page, 'progress');
  }, { needs: ['today: tick a set Done and the rest timer appears'], page });

  await check('pelvic floor: the guided timer starts, and a round is ticked', async () => {
    await page.goto('/pelvic-floor');
    expect(await h1(page) === 'Pelvic floor', `h1 is "${await h1(page)}"`);
    await checkPage(page, 'pelvic-floor');
    const timer = page.getByRole('region', { name: 'Guided timer' });
    await timer.getByRole('button', { name: 'Start' }).click();
    await timer.getByRole('button', { name: 'Pause' }).waitFor({ state: 'visible' });
    await timer.getByText('Ready when you are').waitFor({ state: 'detached' }).catch(() => {});
    await page.waitForTimeout(1500);
    expect(!(await timer.getByText('Ready when you are').isVisible()), 'the timer still says "Ready when you are" after Start');
    await checkPage(page, 'pelvic-floor-timer');
    await timer.getByRole('button', { name: 'Stop' }).click();
    const rounds = page.getByRole('region', { name: 'Rounds today' });
    await rounds.getByRole('button', { name: 'Tick round 1' }).click();
    await page.getByRole('region', { name: 'Rounds today' }).getByText('Round 1 done').waitFor();
  }, { needs: [made], page });

  await check('account: switch to lb, and Today shows lb', async () => {
    await page.goto('/account');
    expect(await h1(page) === 'Account', `h1 is "${await h1(page)}"`);
    await checkPage(page, 'account');
    const units = page.getByRole('region', { name: 'Units' });
    await units.getByRole('radio', { name: 'Pounds (lb)' }).check();
    await units.getByRole('button', { name: 'Save units' }).click();
    await page.waitForLoadState('load');
    await page.goto('/today');
    const lb = await main(page).getByText(/\blb\b/).count() + await main(page).getByLabel('Load (lb)').count();
    const kg = await main(page).getByLabel('Load (kg)').count();
    expect(lb > 0 && kg === 0, `Today after switching to lb: ${lb} mentions of lb, ${kg} kg load fields`);
    await checkPage(page, 'today-lb');
  }, { needs: [made], page });

  // ---- the coach ----
  const cctx = await newContext(browser, base);
  const cpage = await cctx.newPage();
  let anaId = null;
  let code = null;
  await check('coach: signs in to an empty client list', async () => {
    const me = await page.request.get('/api/v1/me');
    expect(me.ok(), `GET /api/v1/me for Ana: ${me.status()}`);
    anaId = (await me.json()).id;
    expect(anaId, 'GET /api/v1/me gave no id');
    await signIn(cpage, coach);
    await expectAt(cpage, '/coach');
    expect(await h1(cpage) === 'Your clients', `h1 is "${await h1(cpage)}"`);
    await checkPage(cpage, 'coach-empty');
  }, { needs: ['sign up'], page: cpage });

  await check('coach: before the invite is redeemed, Ana is not listed and her page is 404', async () => {
    await cpage.goto('/coach');
    expect(await main(cpage).getByRole('link', { name: /Ana/ }).count() === 0, 'Ana is listed before she shared');
    const r = await cpage.goto(`/coach/clients/${anaId}`);
    expect(r.status() === 404, `her page answered ${r.status()}, not 404`);
    const text = await main(cpage).textContent();
    expect(!/Ana/.test(await h1(cpage)), `her page shows her name: ${text.slice(0, 200)}`);
  }, { needs: ['coach: signs in to an empty client list'], page: cpage });

  await check('coach: makes an invitation code', async () => {
    await cpage.goto('/coach');
    await main(cpage).getByRole('button', { name: 'Make an invitation code' }).first().click();
    await cpage.waitForLoadState('load');
    expect(await h1(cpage) === 'Invitation code', `h1 is "${await h1(cpage)}"`);
    code = (await main(cpage).getByRole('code').first().textContent())?.trim();
    expect(code && code.length >= 6, `no code shown: "${code}"`);
    await checkPage(cpage, 'coach-invitation');
  }, { needs: ['coach: signs in to an empty client list'], page: cpage });

  await check('member: redeems the code under Account', async () => {
    await page.goto('/account');
    const share = page.getByRole('region', { name: 'Share with a coach' });
    await share.getByLabel('Invitation code').fill(code);
    await share.getByRole('button', { name: 'Share with this coach' }).click();
    await page.waitForLoadState('load');
    await page.getByRole('region', { name: 'Share with a coach' }).getByText(coach.name, { exact: true }).waitFor();
    await checkPage(page, 'account-shared');
  }, { needs: ['coach: makes an invitation code'], page });

  await check('coach: after the invite, Ana is listed and her page opens', async () => {
    await cpage.goto('/coach');
    const link = main(cpage).getByRole('link', { name: /Ana/ }).first();
    await link.waitFor();
    await checkPage(cpage, 'coach-clients');
    await link.click();
    await expectAt(cpage, `/coach/clients/${anaId}`);
    expect(/Ana/.test(await h1(cpage)), `her page's h1 is "${await h1(cpage)}"`);
    await main(cpage).getByRole('heading', { name: 'Screening' }).first().waitFor();
    await checkPage(cpage, 'coach-client');
    await main(cpage).getByRole('link', { name: 'Printable report' }).click();
    await cpage.waitForLoadState('load');
    expect(cpage.lastStatus === 200 && /Ana/.test(await cpage.locator('body').textContent()), `the coach's report of Ana answered ${cpage.lastStatus}`);
    await checkPage(cpage, 'coach-report');
  }, { needs: ['member: redeems the code under Account'], page: cpage });

  // ---- a second member with a warning sign: the urgent takeover ----
  const bctx = await newContext(browser, base);
  const bpage = await bctx.newPage();
  await check('red flag: a warning sign gives the urgent screening takeover', async () => {
    await signUp(bpage, { name: 'Bea', email: 'bea@example.org' });
    await onboard(bpage, { look: true, redFlag: /^Heavy bleeding/, label: 'redflag' });
    // (Every step after the warning signs showed the stop at once: see `onboard`.)
    expect(await h1(bpage) === 'Stop exercising and get help now', `h1 is "${await h1(bpage)}"`);
    expect(await main(bpage).getByRole('button', { name: 'Make my programme' }).count() === 0, 'the urgent screening offers to make a programme');
    await checkPage(bpage, 'screening-urgent');
    await bpage.goto('/today');
    await checkPage(bpage, 'today-urgent');
    // The same stop on every page she uses, before any plan exists: same heading, same buttons.
    for (const [path, name] of [['/programme', 'plan-urgent'], ['/pelvic-floor', 'pelvic-floor-urgent'], ['/progress', 'progress-urgent']]) {
      await bpage.goto(path);
      const stop = main(bpage).locator('#urgent');
      expect(await stop.count() === 1, `${path} shows no urgent stop`);
      expect(await stop.getByRole('link', { name: 'Call 999 (UK emergency)' }).count() === 1, `${path}: no 999 button`);
      expect(await main(bpage).getByRole('button', { name: /Make my (plan|programme)/ }).count() === 0, `${path} offers to make a plan`);
      await checkPage(bpage, name);
    }
  }, { page: bpage });

  await check('coach: an urgent client comes first', async () => {
    await cpage.goto('/coach');
    await main(cpage).getByRole('button', { name: 'Make an invitation code' }).first().click();
    const beaCode = (await main(cpage).getByRole('code').first().textContent())?.trim();
    await bpage.goto('/account');
    const share = bpage.getByRole('region', { name: 'Share with a coach' });
    await share.getByLabel('Invitation code').fill(beaCode);
    await share.getByRole('button', { name: 'Share with this coach' }).click();
    await bpage.waitForLoadState('load');
    await cpage.goto('/coach');
    const names = await main(cpage).getByRole('link', { name: /Ana|Bea/ }).allTextContents();
    expect(names.length >= 2 && /Bea/.test(names[0]), `client order: ${JSON.stringify(names)}`);
    await checkPage(cpage, 'coach-clients-urgent');
    await main(cpage).getByRole('link', { name: /Bea/ }).first().click();
    await cpage.waitForLoadState('load');
    await checkPage(cpage, 'coach-client-urgent');
  }, { needs: ['red flag: a warning sign gives the urgent screening takeover', 'coach: makes an invitation code'], page: cpage });

  await check('member: stops sharing, and the coach loses access', async () => {
    await page.goto('/account');
    const share = page.getByRole('region', { name: 'Share with a coach' });
    page.once('dialog', (d) => d.accept()); // "Stop sharing your data with …?"
    await share.getByRole('button', { name: `Stop sharing with ${coach.name}` }).click();
    await page.waitForLoadState('load');
    await page.getByRole('region', { name: 'Share with a coach' }).getByText('No coach can see your data.').waitFor();
    const r = await cpage.goto(`/coach/clients/${anaId}`);
    expect(r.status() === 404, `after she stopped sharing, her page answered ${r.status()}, not 404`);
    await cpage.goto('/coach');
    expect(await main(cpage).getByRole('link', { name: /Ana/ }).count() === 0, 'Ana is still listed after she stopped sharing');
  }, { needs: ['coach: after the invite, Ana is listed and her page opens'], page });

  await check('report: she opens the printable report for her coach', async () => {
    await page.goto('/account');
    await main(page).getByRole('link', { name: 'Report for my coach or physio' }).click();
    await expectAt(page, '/report');
    expect(await h1(page) === 'Report for your coach or physio', `h1 is "${await h1(page)}"`);
    await checkPage(page, 'report-form');
    await main(page).getByRole('button', { name: 'Open the report' }).click();
    await page.waitForLoadState('load');
    expect(page.lastStatus === 200, `the report answered ${page.lastStatus}`);
    const text = await page.locator('body').textContent();
    expect(/Ana/.test(text) && /screening/i.test(text), `the report does not show her name and screening: ${text.slice(0, 200)}`);
    await checkPage(page, 'report');
  }, { needs: [made], page });

  await check('account: download all her data (JSON)', async () => {
    await page.goto('/account');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      main(page).getByRole('link', { name: 'Download all my data (JSON)' }).click(),
    ]);
    const body = JSON.parse(readFileSync(await download.path(), 'utf8'));
    expect(JSON.stringify(body).includes('ana@example.org'), 'the export does not carry her account');
  }, { needs: [made], page });

  await check('import: a Strong export, previewed, imported and undone', async () => {
    await page.goto('/account');
    await main(page).getByRole('link', { name: /^Import from Strong/ }).click();
    await expectAt(page, '/import');
    expect(await h1(page) === 'Import your history', `h1 is "${await h1(page)}"`);
    await checkPage(page, 'import');
    await main(page).getByLabel(/^Export file/).setInputFiles(STRONG_CSV);
    await main(page).getByLabel('Unit of the weights in the file').selectOption({ label: 'Kilograms (kg)' });
    await main(page).getByRole('button', { name: 'Show me the preview' }).click();
    await page.waitForLoadState('load');
    expect(await h1(page) === 'Check your import', `h1 is "${await h1(page)}": ${(await main(page).getByRole('alert').allTextContents()).join(' ')}`);
    await checkPage(page, 'import-preview');
    await main(page).getByRole('button', { name: /^Import \d+ sets?$/ }).click();
    await page.waitForLoadState('load');
    await expectAt(page, '/import');
    const undo = main(page).getByRole('button', { name: /^Undo the import of/ });
    await undo.first().waitFor();
    await checkPage(page, 'import-done');
    page.once('dialog', (d) => d.accept()); // "Remove every set this import added?"
    await undo.first().click();
    await page.waitForLoadState('load');
    await main(page).getByText('undone', { exact: true }).first().waitFor();
  }, { needs: [made], page });

  await check('unknown address: a page that says not found', async () => {
    const r = await page.goto('/no-such-page');
    expect(r.status() === 404, `status ${r.status()}`);
    expect(/not found/i.test(await h1(page)), `h1 is "${await h1(page)}"`);
    await checkPage(page, 'not-found', { status: 404 });
  }, { page });

  await noJavaScript({ browser, base });

  await ctx.close();
  await cctx.close();
  await bctx.close();
}

/// The core flow with JavaScript off: forms and redirects only.
async function noJavaScript({ browser, base }) {
  const ctx = await newContext(browser, base, { javaScriptEnabled: false });
  const page = await ctx.newPage();
  const cleo = { name: 'Cleo', email: 'cleo@example.org' };
  const signedUp = 'no JavaScript: sign up';
  await check(signedUp, async () => {
    await signUp(page, cleo);
  }, { page });
  const onboarded = 'no JavaScript: onboarding, every step, and make the programme';
  await check(onboarded, async () => {
    await onboard(page, { look: false });
    await makeProgramme(page);
  }, { needs: [signedUp], page });
  const logged = 'no JavaScript: log a set (5000 reps are refused first)';
  await check(logged, async () => {
    await page.goto('/today');
    const done = main(page).getByRole('button', { name: /^Done/ });
    expect(await done.count() > 0, `Today has no set to tick (h1 "${await h1(page)}")`);
    const set = main(page).getByRole('listitem').filter({ has: page.getByRole('button', { name: /^Done/ }) }).first();
    const reps = set.getByRole('textbox').first();
    // Digits only (the field's pattern stops letters in the browser), but far too many.
    await reps.fill('5000');
    await set.getByRole('button', { name: /^Done/ }).click();
    await page.waitForLoadState('load');
    expect(page.lastStatus === 422, `a set with 5000 reps answered ${page.lastStatus}, not 422`);
    const bad = main(page).locator('[aria-invalid="true"]');
    expect(await bad.count() === 1, `${await bad.count()} fields marked aria-invalid after a bad set`);
    expect(await bad.inputValue() === '5000', 'what she typed was not kept');
    await checkPage(page, 'today-set-error-nojs', { status: 422, audit: false }); // axe needs JavaScript
    await bad.fill('5');
    await main(page).getByRole('listitem').filter({ has: page.locator('[aria-invalid="true"]') }).getByRole('button', { name: /^Done/ }).click();
    await page.waitForLoadState('load');
    await expectAt(page, '/today');
    await main(page).getByText(/Set 1 done/).first().waitFor();
  }, { needs: [onboarded], page });
  await check('no JavaScript: check-in with leaking, and the plan adapts', async () => {
    const checkin = page.getByRole('region', { name: 'How did it go?' });
    await checkin.getByRole('group', { name: 'Did you notice any of these?' }).getByRole('checkbox', { name: /^Leaking urine/ }).check();
    await checkin.getByRole('group', { name: 'How are you feeling?' }).getByRole('radio').nth(3).check();
    await checkin.getByRole('button', { name: 'Save my check-in' }).click();
    await page.waitForLoadState('load');
    await expectAt(page, '/today');
    // Just after the check-in the notice is a live status; later a plain region.
    const adapted = page.getByRole('status', { name: 'We changed your plan' })
      .or(page.getByRole('region', { name: 'We changed your plan' }));
    await adapted.waitFor();
    expect(/leaking/i.test(await adapted.textContent()), 'the adaptation does not name the leaking');
    await checkPage(page, 'today-adapted-nojs', { audit: false }); // axe needs JavaScript
  }, { needs: [logged], page });
  await check('no JavaScript: delete the account', async () => {
    await page.goto('/account');
    const section = page.getByRole('region', { name: 'Delete account' });
    await section.getByText('Delete my account', { exact: true }).click(); // the <summary>
    await section.getByLabel('Your password').fill(PASSWORD);
    await section.getByRole('checkbox', { name: /cannot be undone/ }).check();
    await section.getByRole('button', { name: 'Delete my account for good' }).click();
    await page.waitForLoadState('load');
    await expectAt(page, '/account/deleted');
    expect(await h1(page) === 'Your account is deleted', `h1 is "${await h1(page)}"`);
    await checkPage(page, 'account-deleted-nojs', { audit: false }); // axe needs JavaScript
    await signIn(page, { email: cleo.email, password: PASSWORD });
    expect(at(page) === '/login' && page.lastStatus >= 400, `signing in after deleting went to ${pathOf(page)} (${page.lastStatus})`);
  }, { needs: [signedUp], page });
  await ctx.close();
}
