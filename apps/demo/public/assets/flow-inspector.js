// The flow inspector: the authn requests of the current flow, in order, with tokens masked, and the
// state diagram with the current state highlighted. It records through the fetch it hands the widget.

import { TokenNumbers, maskJson, maskUrl } from './mask.js';
import { DIAGRAM_STATES, drawStateDiagram, stateLabel } from './state-diagram.js';

function el(name, className, text) {
  const node = document.createElement(name);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** `next (verify)`, `resend (sms, call)`, `cancel` — the relations a response offers. */
function describeLinks(links) {
  if (!links || typeof links !== 'object') return [];
  return Object.entries(links).map(([relation, link]) => {
    const list = Array.isArray(link) ? link : [link];
    const names = list.map((item) => (item && typeof item === 'object' && typeof item.name === 'string' ? item.name : undefined)).filter(Boolean);
    return names.length ? `${relation} (${names.join(', ')})` : relation;
  });
}

/** Primary authentication and recovery requests start a new transaction. */
function startsFlow(url, request) {
  const path = new URL(url).pathname;
  if (path === '/api/v1/authn') return Boolean(request && typeof request.username === 'string');
  return /^\/api\/v1\/authn\/recovery\/(password|unlock|token)$/.test(path);
}

function bodyOf(input, init) {
  const body = init?.body;
  if (typeof body !== 'string') return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/**
 * Sets up the inspector in `root` for requests to `orgUrl`. Returns `fetch` (hand it to the widget),
 * `state(status)` (from `okta-authn-state` events) and `unavailable()` (the widget takes no fetch).
 */
export function createFlowInspector({ root, orgUrl }) {
  const log = root.querySelector('#flow-log');
  const empty = root.querySelector('#flow-empty');
  const currentLabel = root.querySelector('#current-state');
  const show = drawStateDiagram(root.querySelector('#state-diagram'));
  const org = new URL(orgUrl).origin;
  const numbers = new TokenNumbers();
  let path = ['NONE'];
  let lastStateToken;
  let count = 0;

  function moveTo(status) {
    const state = DIAGRAM_STATES.includes(status) ? status : 'NONE';
    if (path.at(-1) !== state) path.push(state);
    currentLabel.textContent = stateLabel(show(path));
  }

  function clear() {
    log.replaceChildren();
    empty.hidden = false;
    count = 0;
    path = [path.at(-1) ?? 'NONE'];
    moveTo(path[0]);
  }

  function record({ method, url, request, status, response, failed }) {
    count += 1;
    empty.hidden = true;
    const entry = el('li', `flow-entry ${failed ? 'failed' : status >= 400 ? 'error' : 'ok'}`);
    entry.dataset.index = String(count);
    const line = el('div', 'flow-line');
    line.append(el('span', 'flow-method', method), el('span', 'flow-path', maskUrl(url, numbers)));
    line.append(el('span', 'flow-http', failed ? 'no answer: the org could not be reached' : String(status)));
    const txStatus = response && typeof response === 'object' && typeof response.status === 'string' ? response.status : undefined;
    if (txStatus) {
      entry.dataset.status = txStatus;
      line.append(el('span', 'flow-arrow', '→'), el('span', 'flow-status', txStatus));
    } else if (response && typeof response.errorCode === 'string') {
      line.append(el('span', 'flow-arrow', '→'), el('span', 'flow-error', `${response.errorCode} ${response.errorSummary ?? ''}`.trim()));
    }
    entry.append(line);

    const stateToken = response && typeof response.stateToken === 'string' ? response.stateToken : undefined;
    if (stateToken) {
      const fresh = numbers.isNew(stateToken, 'stateToken');
      const changed = lastStateToken !== undefined && stateToken !== lastStateToken;
      const label = numbers.label(stateToken, 'stateToken');
      entry.append(el('div', `flow-token${changed ? ' changed' : ''}`, `stateToken •••• ${label}${changed ? (fresh ? ' — new token: use this one from now on' : ' — changed') : ''}`));
      lastStateToken = stateToken;
    }
    const links = describeLinks(response?._links);
    if (links.length) entry.append(el('div', 'flow-links', `links: ${links.join(' · ')}`));

    const details = el('details', 'flow-bodies');
    details.append(el('summary', '', 'Request and response'));
    if (request !== undefined) details.append(el('pre', 'flow-body', `request ${JSON.stringify(maskJson(request, numbers), null, 2)}`));
    if (response !== undefined) details.append(el('pre', 'flow-body', `response ${JSON.stringify(maskJson(response, numbers), null, 2)}`));
    entry.append(details);
    log.append(entry);
    // Scrolls the log only: scrolling the entry into view would scroll the whole page away from the widget.
    log.scrollTop = log.scrollHeight;

    if (startsFlow(url, request)) moveTo('NONE');
    if (txStatus) moveTo(txStatus);
    else if (!failed && status < 300 && /\/cancel$/.test(new URL(url).pathname)) moveTo('NONE');
    else if (response?.errorCode === 'E0000011') moveTo('NONE');
    if (response && typeof response === 'object') {
      document.dispatchEvent(new CustomEvent('demo-authn-response', { detail: { url, request, status, response } }));
    }
  }

  /** A fetch that records authn traffic to the org and otherwise behaves exactly like `fetch`. */
  async function inspectedFetch(input, init) {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    let watched = false;
    try {
      watched = new URL(url, location.href).origin === org;
    } catch {
      watched = false;
    }
    if (!watched) return window.fetch(input, init);
    const request = bodyOf(input, init);
    if (request) document.dispatchEvent(new CustomEvent('demo-authn-request', { detail: { url, request, startsFlow: startsFlow(url, request) } }));
    let response;
    try {
      response = await window.fetch(input, init);
    } catch (error) {
      record({ method, url, request, status: 0, failed: true });
      throw error;
    }
    response
      .clone()
      .json()
      .catch(() => undefined)
      .then((json) => record({ method, url, request, status: response.status, response: json }));
    return response;
  }

  root.querySelector('#flow-clear').addEventListener('click', clear);
  moveTo('NONE');

  return {
    fetch: inspectedFetch,
    state(status) {
      moveTo(status);
    },
    unavailable() {
      root.querySelector('#flow-unavailable').hidden = false;
      empty.hidden = true;
    },
  };
}
