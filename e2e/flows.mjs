// The flows of the web app issue, in order. Each step is a named check; a step that needs an
// earlier one is skipped when that one failed. Elements are found by role and label.

import { check, checkPage, expect, newContext, pathOf } from './lib.mjs';

const PASSWORD = 'a long enough password';

/// Where the page is now (path only).
function at(page) {
  return new URL(page.url()).pathname;
}

async function expectAt(page, path) {
  await page.waitForURL((u) => u.pathname === path, { timeout: 10_000 }).catch(() => {});
  expect(at(page) === path, `expected to be at ${path}, but the page is ${pathOf(page)}`);
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
  await expectAt(page, '/onboarding');
}

async function signIn(page, { email, password }) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState('load');
}

// ---- the flows ----------------------------------------------------------------------------------

export async function all({ browser, base, coach }) {
  const member = { name: 'Ana', email: 'ana@example.org' };
  const ctx = await newContext(browser, base);
  const page = await ctx.newPage();

  await check('welcome page leads to sign-up', async () => {
    await page.goto('/');
    expect(/strong again/i.test(await h1(page)), `welcome h1 is "${await h1(page)}"`);
    await checkPage(page, 'welcome');
    await page.getByRole('link', { name: /make an account/i }).first().click();
    await expectAt(page, '/signup');
  });

  await check('about this guidance', async () => {
    await page.goto('/about');
    await main(page).getByRole('heading', { name: 'When to get help now' }).waitFor();
    await checkPage(page, 'about');
  });

  await check('sign-up names a missing field and keeps what she typed', async () => {
    await page.goto('/signup');
    await checkPage(page, 'signup');
    await page.getByLabel('Your first name').fill(member.name);
    await page.getByLabel('Email').fill(member.email);
    await page.getByLabel('Password').fill('short');
    await page.getByRole('checkbox', { name: /exercise guidance, not medical advice/i }).check();
    await page.getByRole('button', { name: 'Make my account' }).click();
    await page.getByRole('alert').first().waitFor();
    expect(at(page) === '/signup', `a bad sign-up went to ${pathOf(page)}`);
    const password = page.getByLabel('Password');
    expect((await password.getAttribute('aria-invalid')) === 'true', 'the password field is not marked aria-invalid');
    expect((await page.getByLabel('Email').inputValue()) === member.email, 'the email she typed was lost');
    await checkPage(page, 'signup-error');
  });

  await check('sign up', async () => {
    await signUp(page, member);
  });

  await check('sign out and sign in again', async () => {
    await page.goto('/about');
    await page.getByRole('button', { name: /sign out/i }).click();
    await expectAt(page, '/');
    await page.goto('/login');
    await checkPage(page, 'login');
    await signIn(page, { email: member.email, password: PASSWORD });
    await expectAt(page, '/onboarding');
  }, { needs: ['sign up'] });

  await check('unknown address: a page that says not found', async () => {
    const r = await page.goto('/no-such-page');
    expect(r.status() === 404, `status ${r.status()}`);
    expect(/not found/i.test(await h1(page)), `h1 is "${await h1(page)}"`);
    await checkPage(page, 'not-found');
  });

  await ctx.close();
}
