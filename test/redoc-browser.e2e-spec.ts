import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createTestApp, type TestApp } from './helpers/test-app';

const CHROMIUM = '/usr/bin/chromium';
const REDOCLY_LOGO = 'https://cdn.redoc.ly/redoc/logo-mini.svg';
const REDOC_VERSION = (
  JSON.parse(readFileSync('node_modules/redoc/package.json', 'utf8')) as {
    version: string;
  }
).version;
// Only for a machine that cannot have a browser; CI installs Chromium and never sets it.
const skip = process.env.SKIP_BROWSER_TESTS === '1';

/** The API docs as a browser with no internet sees them: every non-local request is refused. */
(skip ? describe.skip : describe)('API docs in a browser with no internet', () => {
  // Undefined when the set-up failed part-way (no Chromium): afterAll closes what was opened.
  let t: TestApp | undefined;
  let browser: BrowserContext | undefined;
  let profile: string | undefined;
  let base = '';
  let appName = '';
  const leaving: string[] = [];
  const newPage = (): Promise<Page> => {
    if (!browser) throw new Error('The browser did not start.');
    return browser.newPage();
  };
  const refused: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium is not installed at ${CHROMIUM}: install it (apt-get install chromium), ` +
          'or set SKIP_BROWSER_TESTS=1 on a machine that cannot run a browser.',
      );
    }
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.server.address() as AddressInfo).port}`;
    appName = t.config.app.name;
    profile = await mkdtemp(join(tmpdir(), 'redoc-chromium-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    await browser.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (['127.0.0.1', 'localhost'].includes(url.hostname) || url.protocol === 'blob:') {
        await route.continue();
      } else {
        leaving.push(url.href);
        await route.abort('internetdisconnected');
      }
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
    await t?.close();
  });

  it('renders the API title and its operations from our own bundle, loading nothing from elsewhere', async () => {
    const page = await newPage();
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
    });
    const response = await page.goto(`${base}/redoc`, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    const policy = (await response?.headerValue('content-security-policy')) ?? '';
    expect(policy).toMatch(/script-src 'self'(;|$)/);
    expect(policy).not.toMatch(/https?:/);

    const title = page.locator('h1', { hasText: appName });
    await title.first().waitFor({ timeout: 30_000 });
    await page
      .locator('h2', {
        hasText: 'Sign in with email and password; returns an access token and a refresh token',
      })
      .first()
      .waitFor({ timeout: 30_000 });
    expect(leaving).toEqual([]);
    // The bundle's "API docs by Redocly" logo points at a CDN: the policy stops it unfetched.
    // Nothing else may be refused (a blocked script, style or worker would break the page).
    expect(refused.filter((text) => !text.includes(REDOCLY_LOGO))).toEqual([]);
    const scripts = await page.$$eval('script[src]', (nodes) =>
      nodes.map((node) => node.getAttribute('src')),
    );
    expect(scripts).toEqual([`/redoc/redoc.standalone.js?v=${REDOC_VERSION}`]);
  }, 90_000);

  it('renders Swagger UI at /docs from local assets too', async () => {
    const page = await newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
    });
    await page.goto(`${base}/docs`, { waitUntil: 'load' });
    await page.locator('.opblock-summary-path', { hasText: '/api/auth/login' }).first().waitFor({
      timeout: 30_000,
    });
    expect(leaving).toEqual([]);
    expect(problems).toEqual([]);
  }, 60_000);

  it('serves the bundle of the redoc version package.json pins exactly, cached for a day', async () => {
    const pinned = (
      JSON.parse(readFileSync('package.json', 'utf8')) as {
        dependencies: Record<string, string>;
      }
    ).dependencies.redoc;
    expect(pinned).toBe(REDOC_VERSION);
    const res = await fetch(`${base}/redoc/redoc.standalone.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=86400');
    expect((await res.text()).length).toBeGreaterThan(500_000);
  });
});
