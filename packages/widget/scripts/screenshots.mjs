// Screenshots of the element right-to-left (Arabic) for the README: sign-in, an SMS code and a
// new password, from the browser build (dist/browser) alone — the element loads i18n/ar.js beside
// itself — in headless Chromium, 360 px wide. Each step is a raw authn response set as the
// element's `transaction`, against an org where nothing listens (nothing is sent).
//
//   npm run build -w packages/widget && npm run screenshots -w packages/widget
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/chromium.mjs';
import { BROWSER_DIR, browserFiles } from './build-files.mjs';

const OUT_DIR = fileURLToPath(new URL('../docs/', import.meta.url));
const ORG = 'http://127.0.0.1:9';
const link = (path, extra = {}) => ({ href: `${ORG}${path}`, hints: { allow: ['POST'] }, ...extra });
const user = { id: '00u1example', profile: { login: 'layla@example.com', firstName: 'Layla', lastName: 'Haddad', locale: 'ar', timeZone: 'Asia/Dubai' } };
const policy = {
  expiration: { passwordExpireDays: 0 },
  complexity: { minLength: 8, minLowerCase: 1, minUpperCase: 1, minNumber: 1, minSymbol: 0, excludeUsername: true },
  age: { minAgeMinutes: 0, historyCount: 4 },
};

/** The steps shown, by file name: a raw response, or none for sign-in. */
const SHOTS = {
  'rtl-sign-in': undefined,
  'rtl-sms': {
    stateToken: '00state',
    expiresAt: '2030-01-01T00:00:00.000Z',
    status: 'MFA_CHALLENGE',
    _embedded: {
      user,
      factor: { id: 'sms1', factorType: 'sms', provider: 'OKTA', vendorName: 'OKTA', profile: { phoneNumber: '+971 XX XXX 4242' } },
      policy: { allowRememberDevice: true, rememberDeviceByDefault: false, rememberDeviceLifetimeInMinutes: 1440, factorsPolicyInfo: {} },
    },
    _links: {
      next: link('/api/v1/authn/factors/sms1/verify', { name: 'verify' }),
      prev: link('/api/v1/authn/previous'),
      cancel: link('/api/v1/authn/cancel'),
      resend: [link('/api/v1/authn/factors/sms1/verify/resend', { name: 'sms' })],
    },
  },
  'rtl-password-reset': {
    stateToken: '00state',
    expiresAt: '2030-01-01T00:00:00.000Z',
    status: 'PASSWORD_RESET',
    _embedded: { user, policy },
    _links: { next: link('/api/v1/authn/credentials/reset_password', { name: 'resetPassword' }), cancel: link('/api/v1/authn/cancel') },
  },
};

const PAGE = `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>okta-authn</title>
<style>body{margin:0;padding:16px;background:#f3f4f6;font-family:system-ui,sans-serif}</style>
<script type="module" src="/okta-authn.js"></script></head>
<body><okta-authn base-url="${ORG}" no-remember-me></okta-authn></body></html>`;

const files = new Set(await browserFiles());
const server = createServer(async (request, response) => {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname.slice(1);
  if (path === '') return void response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(PAGE);
  if (!files.has(path) || !path.endsWith('.js')) return void response.writeHead(404).end();
  response.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' }).end(await readFile(join(BROWSER_DIR, path)));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 392, height: 640 }, deviceScaleFactor: 2 });
  for (const [name, raw] of Object.entries(SHOTS)) {
    await page.goto(origin);
    await page.waitForFunction(() => customElements.get('okta-authn') !== undefined);
    await page.evaluate(async (transaction) => {
      const element = document.querySelector('okta-authn');
      if (transaction) element.transaction = transaction;
      await element.updateComplete;
      await document.fonts.ready;
    }, raw ?? null);
    const dir = await page.evaluate(() => document.querySelector('okta-authn').shadowRoot.querySelector('[part="base"]').getAttribute('dir'));
    if (dir !== 'rtl') throw new Error(`${name}: the element shows dir="${dir}", not Arabic`);
    await page.locator('okta-authn').screenshot({ path: join(OUT_DIR, `${name}.png`) });
    console.log(`docs/${name}.png`);
  }
} finally {
  await browser.close();
  server.close();
}
