// The /app page: reads the live Okta session (GET /auth/session) and extends it; Sign out is a plain form (POST /auth/logout).

import { formatTime, timeElement } from './time.js';

const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
const errorBox = document.getElementById('app-error');
const checked = document.getElementById('session-checked');
const buttons = [...document.querySelectorAll('.button-row button')];

const FIELDS = {
  'session-status': 'status',
  'session-amr': 'amr',
  'session-expires': 'expiresAt',
  'session-created': 'createdAt',
  'session-password': 'lastPasswordVerification',
  'session-factor': 'lastFactorVerification',
  'session-mfa': 'mfaActive',
};

/** The session's fields that are points in time, shown in the demo's time format. */
const TIME_FIELDS = new Set(['expiresAt', 'createdAt', 'lastPasswordVerification', 'lastFactorVerification']);

function text(value) {
  if (value === undefined || value === null) return '—';
  return Array.isArray(value) ? value.join(', ') : String(value);
}

function fill(cell, key, value) {
  if (TIME_FIELDS.has(key) && (typeof value === 'string' || typeof value === 'number') && formatTime(value)) cell.replaceChildren(timeElement(value));
  else cell.textContent = text(value);
}

function showError(message) {
  errorBox.textContent = message;
  errorBox.hidden = false;
}

function show(session) {
  for (const [id, key] of Object.entries(FIELDS)) {
    const cell = document.getElementById(id);
    fill(cell, key, session[key]);
    if (key === 'status') cell.dataset.status = text(session[key]);
  }
  checked.replaceChildren('Checked with Okta at ', timeElement(new Date()), '.');
}

function toLogin() {
  location.assign(`/login?returnTo=${encodeURIComponent(location.pathname)}`);
}

async function call(method, url) {
  errorBox.hidden = true;
  for (const button of buttons) button.disabled = true;
  try {
    const response = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }) },
    });
    if (response.status === 204) return undefined;
    const body = await response.json().catch(() => ({}));
    if (response.status === 401) {
      toLogin();
      return undefined;
    }
    if (!response.ok) {
      showError(response.status === 503 ? 'Okta cannot be reached right now. Your session is kept; try again in a few seconds.' : `${body.errorSummary ?? `HTTP ${response.status}`}`);
      return undefined;
    }
    return body;
  } catch {
    showError('The demo server cannot be reached. Check that it is running.');
    return undefined;
  } finally {
    for (const button of buttons) button.disabled = false;
  }
}

async function refresh() {
  const body = await call('GET', '/auth/session');
  if (body?.session) show(body.session);
}

// The page arrives with the session as the guard saw it, times as ISO strings: shown in the demo's format at once.
for (const [id, key] of Object.entries(FIELDS)) {
  const cell = document.getElementById(id);
  if (TIME_FIELDS.has(key)) fill(cell, key, cell.textContent.trim());
}

document.getElementById('refresh').addEventListener('click', () => void refresh());
document.getElementById('extend').addEventListener('click', async () => {
  const body = await call('POST', '/app/session/refresh');
  if (body?.session) show(body.session);
});
void refresh();
