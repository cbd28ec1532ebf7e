// The device panel: what the signing-in person's phone, inbox and authenticator would show, read
// from the simulator's /__sim/ dev controls (and, for addresses and factor ids, from the demo
// server's /demo/device API, which asks the org's Management API with a token the page never sees).

import { timeElement } from './time.js';

const OUTBOX_POLL_MS = 1500;
const CHANNEL_NAMES = { sms: 'SMS', call: 'Voice call', email: 'Email' };
const CODE_FACTORS = new Set(['token:software:totp', 'token', 'token:hardware', 'token:hotp']);
const RECOVERY_LINK = /https?:\/\/\S+?\/signin\/(reset-password|unlock)\/([\w-]+)/;

function el(name, className, text) {
  const node = document.createElement(name);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * `value` encoded as one URL path segment. `encodeURIComponent` keeps `.` and `..`, which the URL then
 * resolves away (`/demo/device/users/..` is `/demo/device/`), so those, and empty values, are refused.
 */
export function pathSegment(value) {
  const text = String(value ?? '');
  if (text === '' || text === '.' || text === '..') throw new RangeError(`Not usable in a URL path: "${text}"`);
  return encodeURIComponent(text);
}

/** `fetch`, where a request that got no answer fails with words ("… cannot be reached"), not the browser's "Failed to fetch". */
async function reach(url, init, who) {
  try {
    return await fetch(url, init);
  } catch {
    throw new Error(`${who} cannot be reached (is the demo still running?)`);
  }
}

function addressKey(value) {
  return String(value).replace(/[^\d+@.a-z]/gi, '').toLowerCase();
}

function factorName(factor) {
  if (factor.factorType === 'token:software:totp') return factor.provider === 'GOOGLE' ? 'Google Authenticator' : 'Okta Verify (TOTP)';
  if (factor.factorType === 'token:hardware') return 'YubiKey (next OTP)';
  if (factor.factorType === 'token') return factor.provider === 'RSA' ? 'RSA SecurID' : `${factor.provider} token`;
  return factor.factorType;
}

/** `text` with a capital first letter, as a sentence of its own. */
function sentence(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Three numbers for a number challenge, the right one among them, in a stable order per challenge. */
function numberChoices(correct) {
  const decoys = [(correct + 37) % 100, (correct + 71) % 100].map((value) => (value === correct ? (value + 11) % 100 : value));
  const order = correct % 3;
  const choices = [...decoys];
  choices.splice(order, 0, correct);
  return choices;
}

/** Wires the panel in `root` (the `#device-panel` aside) to the widget on the page; `follow(login)` shows that user's devices. */
export function createDevicePanel({ root, widget }) {
  const orgUrl = root.dataset.orgUrl;
  const select = root.querySelector('#device-user');
  const status = root.querySelector('#device-status');
  const outbox = root.querySelector('#outbox');
  const outboxEmpty = root.querySelector('#outbox-empty');
  const push = root.querySelector('#push');
  const pushEmpty = root.querySelector('#push-empty');
  const codes = root.querySelector('#codes');
  const codesEmpty = root.querySelector('#codes-empty');
  const keys = root.querySelector('#keys');
  const keysEmpty = root.querySelector('#keys-empty');
  const clockNow = root.querySelector('#clock-now');
  const knownLogins = new Set([...select.options].map((option) => option.value).filter(Boolean));

  let followed = '';
  let user;
  let userLoading;
  let policy;
  let pending;
  let messagesSeen = '';
  let codeTimer;
  let clockOffset = 0;

  async function sim(path, init) {
    const response = await reach(new URL(path, orgUrl), { ...init, headers: { accept: 'application/json', ...(init?.body ? { 'content-type': 'application/json' } : {}) } }, 'the simulator');
    const body = await response.json().catch(() => undefined);
    if (!response.ok) {
      const error = new Error(body?.errorSummary ?? `the simulator answered with an error (HTTP ${response.status})`);
      error.status = response.status;
      throw error;
    }
    return body;
  }

  function login() {
    return select.value || followed;
  }

  function say(text) {
    status.textContent = text;
  }

  async function loadUser() {
    const wanted = login();
    if (!wanted) {
      user = undefined;
      policy = undefined;
      render();
      return;
    }
    const request = (async () => {
      const response = await reach(`/demo/device/users/${pathSegment(wanted)}`, { headers: { accept: 'application/json' } }, 'the demo server');
      if (!response.ok) throw new Error(response.status === 404 ? `No user ${wanted} in the simulator.` : `Could not load ${wanted} (HTTP ${response.status}).`);
      const loaded = await response.json();
      const users = await sim('/__sim/users');
      return { loaded, policy: users.find((entry) => entry.id === loaded.id)?.policy };
    })();
    userLoading = request;
    try {
      const result = await request;
      if (userLoading !== request) return;
      user = result.loaded;
      policy = result.policy;
      say(`Showing the devices of ${user.login}.`);
    } catch (error) {
      if (userLoading !== request) return;
      user = undefined;
      say(sentence(error.message));
    }
    messagesSeen = '';
    render();
    await Promise.all([refreshOutbox(), refreshCodes()]);
  }

  function follow(value) {
    if (!knownLogins.has(value) || value === followed) return;
    followed = value;
    if (!select.value) void loadUser();
  }

  async function refreshOutbox() {
    if (!user) return;
    const addresses = new Set(user.addresses.map(addressKey));
    let messages;
    try {
      messages = (await sim('/__sim/outbox')).filter((message) => addresses.has(addressKey(message.to)));
    } catch {
      return;
    }
    const signature = `${user.id}:${messages.length}:${messages.at(-1)?.sentAt ?? ''}`;
    if (signature === messagesSeen) return;
    messagesSeen = signature;
    outbox.replaceChildren(...messages.reverse().map(renderMessage));
    outboxEmpty.hidden = messages.length > 0;
  }

  function renderMessage(message) {
    const item = el('li', 'message');
    item.dataset.channel = message.channel;
    const head = el('div', 'message-head');
    head.append(el('span', 'channel', CHANNEL_NAMES[message.channel] ?? message.channel), el('span', 'to', `to ${message.to}`), timeElement(message.sentAt, 'sent'));
    item.append(head);
    const link = RECOVERY_LINK.exec(message.text);
    item.append(el('p', 'message-text', link ? message.text.replace(link[0], `…/signin/${link[1]}/••••`) : message.text));
    if (link) {
      const anchor = el('a', 'message-link', link[1] === 'unlock' ? 'Open the unlock link' : 'Open the reset link');
      anchor.href = `/login?recoveryToken=${encodeURIComponent(link[2])}`;
      item.append(anchor, el('p', 'hint', 'With a real org, point the email template’s link at your sign-in page with the token.'));
    } else if (message.code) {
      const code = el('p', 'message-code-line', 'Code ');
      code.append(el('output', 'message-code', message.code));
      item.append(code);
    }
    return item;
  }

  async function refreshCodes() {
    clearTimeout(codeTimer);
    // A TOTP being set up has its secret already: the app shows its code, which finishes the enrollment.
    const factors = (user?.factors ?? []).filter(
      (factor) => CODE_FACTORS.has(factor.factorType) && (factor.status === 'ACTIVE' || (factor.status === 'PENDING_ACTIVATION' && factor.factorType === 'token:software:totp')),
    );
    codesEmpty.hidden = factors.length > 0;
    if (!user || factors.length === 0) {
      codes.replaceChildren();
      return;
    }
    const owner = user.id;
    const results = await Promise.all(
      factors.map((factor) => sim(`/__sim/users/${pathSegment(owner)}/factors/${pathSegment(factor.id)}/passcode`).then((value) => ({ factor, value }), () => ({ factor, value: undefined }))),
    );
    if (user?.id !== owner) return;
    codes.replaceChildren(
      ...results.map(({ factor, value }) => {
        const item = el('li', 'code-item');
        item.dataset.factorType = factor.factorType;
        item.dataset.status = factor.status;
        const name = el('span', 'code-name', factorName(factor));
        if (factor.status === 'PENDING_ACTIVATION') name.append(el('span', 'code-setup', 'being set up: type this code in the sign-in form'));
        item.append(name, el('output', 'totp-code', value?.passCode ?? '—'));
        if (value?.expiresAt) {
          const left = el('span', 'code-left');
          left.dataset.expiresAt = value.expiresAt;
          item.append(left);
        }
        return item;
      }),
    );
    tickCodes();
  }

  function tickCodes() {
    clearTimeout(codeTimer);
    let refresh = false;
    for (const left of codes.querySelectorAll('.code-left')) {
      const seconds = Math.max(0, Math.ceil((Date.parse(left.dataset.expiresAt) - (Date.now() + clockOffset)) / 1000));
      left.textContent = `${seconds} s`;
      if (seconds === 0) refresh = true;
    }
    if (refresh) void refreshCodes();
    else if (codes.querySelector('.code-left')) codeTimer = setTimeout(tickCodes, 1000);
  }

  async function answerPush(factorId, approve, answer) {
    try {
      const result = await sim(`/__sim/push/${pathSegment(factorId)}/${approve ? 'approve' : 'reject'}`, {
        method: 'POST',
        body: JSON.stringify(answer === undefined ? {} : { answer }),
      });
      say(result.answered === 'activation' ? (approve ? 'Device paired.' : 'Pairing refused.') : approve ? 'Sign-in approved on the phone.' : 'Sign-in rejected on the phone.');
      pending = undefined;
      renderPush();
      if (result.answered === 'activation') void loadUser();
    } catch (error) {
      say(error.status === 404 ? 'Nothing is waiting on this phone.' : `The phone could not answer: ${error.message}`);
    }
  }

  /** The user's security keys (WebAuthn and U2F factors) by name: a person's own authenticator answers for them. */
  function renderKeys() {
    const factors = (user?.factors ?? []).filter((factor) => (factor.factorType === 'webauthn' || factor.factorType === 'u2f') && factor.status === 'ACTIVE');
    keysEmpty.hidden = factors.length > 0;
    keys.replaceChildren(
      ...factors.map((factor) => {
        const item = el('li', 'code-item');
        item.dataset.factorType = factor.factorType;
        item.append(el('span', 'code-name', factor.name ?? (factor.factorType === 'u2f' ? 'U2F key' : 'Security key')));
        return item;
      }),
    );
  }

  function renderPush() {
    const factors = (user?.factors ?? []).filter((factor) => factor.factorType === 'push');
    if (pending && !factors.some((factor) => factor.id === pending.factorId)) factors.push({ id: pending.factorId, factorType: 'push', provider: 'OKTA', status: 'PENDING_ACTIVATION' });
    pushEmpty.hidden = factors.length > 0;
    push.replaceChildren(
      ...factors.map((factor) => {
        const card = el('div', 'push-card');
        card.dataset.factorId = factor.id;
        const waiting = pending?.factorId === factor.id ? pending : undefined;
        const title = waiting?.kind === 'activation' ? 'Pair this phone with your account?' : waiting ? `Are you signing in as ${user?.login ?? 'this user'}?` : factor.status === 'ACTIVE' ? 'Okta Verify is set up.' : 'Okta Verify is waiting to be paired.';
        card.append(el('p', `push-title${waiting ? ' waiting' : ''}`, title));
        const row = el('div', 'button-row');
        if (waiting?.correctAnswer !== undefined && waiting.correctAnswer !== null) {
          card.append(el('p', 'hint', 'Tap the number shown on the sign-in page.'));
          for (const number of numberChoices(waiting.correctAnswer)) {
            const button = el('button', 'number-choice', String(number));
            button.type = 'button';
            button.setAttribute('aria-label', `Approve with ${number}`);
            button.addEventListener('click', () => void answerPush(factor.id, true, number));
            row.append(button);
          }
        } else if (policy?.numberChallenge && waiting?.kind !== 'activation') {
          const label = el('label', 'field', 'Number on the sign-in page ');
          const input = el('input', 'number-input');
          input.inputMode = 'numeric';
          input.size = 3;
          label.append(input);
          const approve = el('button', 'primary', 'Approve');
          approve.type = 'button';
          approve.addEventListener('click', () => void answerPush(factor.id, true, Number(input.value)));
          row.append(label, approve);
        } else {
          const approve = el('button', 'primary', waiting?.kind === 'activation' ? 'Pair' : 'Approve');
          approve.type = 'button';
          approve.addEventListener('click', () => void answerPush(factor.id, true));
          row.append(approve);
        }
        const reject = el('button', '', waiting?.kind === 'activation' ? 'Refuse' : 'Reject');
        reject.type = 'button';
        reject.addEventListener('click', () => void answerPush(factor.id, false));
        row.append(reject);
        card.append(row);
        return card;
      }),
    );
  }

  function render() {
    if (!user) {
      outbox.replaceChildren();
      codes.replaceChildren();
      outboxEmpty.hidden = false;
      codesEmpty.hidden = false;
    }
    renderPush();
    renderKeys();
  }

  async function refreshClock() {
    try {
      const clock = await sim('/__sim/clock');
      clockOffset = Date.parse(clock.now) - Date.now();
      clockNow.replaceChildren(timeElement(clock.now));
    } catch {
      clockNow.textContent = 'unavailable';
    }
  }

  for (const button of root.querySelectorAll('[data-advance]')) {
    button.addEventListener('click', async () => {
      const seconds = Number(button.dataset.advance);
      try {
        await sim('/__sim/clock/advance', { method: 'POST', body: JSON.stringify({ seconds }) });
        say(`The org clock moved forward by ${button.textContent}.`);
      } catch (error) {
        say(`The clock could not move: ${error.message}`);
      }
      await refreshClock();
      void refreshCodes();
    });
  }

  select.addEventListener('change', () => void loadUser());

  // What the person is signing in as: from the requests (instrumented fetch) or, failing that, the username field.
  document.addEventListener('demo-authn-request', (event) => {
    const username = event.detail.request?.username;
    if (typeof username === 'string') follow(username.trim());
  });
  // `input` is composed, so it crosses the widget's shadow root; only seeded logins are looked up.
  widget.addEventListener('input', (event) => {
    const input = event.composedPath()[0];
    if (input instanceof HTMLInputElement && input.name === 'username') follow(input.value.trim());
  });
  document.addEventListener('demo-authn-response', (event) => {
    const tx = event.detail.response;
    const profileLogin = tx?._embedded?.user?.profile?.login;
    if (typeof profileLogin === 'string') follow(profileLogin);
    const factor = tx?._embedded?.factor;
    const before = JSON.stringify(pending ?? null);
    if (factor?.factorType === 'push' && tx.factorResult === 'WAITING' && (tx.status === 'MFA_CHALLENGE' || tx.status === 'MFA_ENROLL_ACTIVATE')) {
      const correctAnswer = factor._embedded?.challenge?.correctAnswer;
      pending = { factorId: factor.id, kind: tx.status === 'MFA_ENROLL_ACTIVATE' ? 'activation' : 'verification', correctAnswer: typeof correctAnswer === 'number' ? correctAnswer : undefined };
    } else if (typeof tx?.status === 'string' || tx?.errorCode === 'E0000011') {
      pending = undefined;
    }
    if (JSON.stringify(pending ?? null) !== before) renderPush();
  });
  widget.addEventListener('okta-authn-state', () => {
    if (user) void loadUser();
  });

  setInterval(() => {
    if (document.visibilityState === 'visible') void refreshOutbox();
  }, OUTBOX_POLL_MS);
  setInterval(() => void refreshClock(), 30_000);
  void refreshClock();
  render();
  return { follow };
}
