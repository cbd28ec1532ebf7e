import type { OktaSession } from '@okta-authn/core';
import { shippedLanguages } from '@okta-authn/widget/languages.js';
import type { DemoUser } from './demo-users.js';
import { SafeHtml, escapeHtml, fillTemplate, html } from './templates.js';

/** What the login page needs to render. */
export interface LoginPageData {
  /** The page template (public/login.html). */
  template: string;
  /** The org the widget talks to. */
  orgUrl: string;
  /** True when the org is the embedded simulator: shows the device panel and the users table. */
  simulator: boolean;
  /** CSRF token of this app session, for the widget's session POST. */
  csrfToken: string;
  /** Where to go after sign-in (a same-site path). */
  redirectTo: string;
  /** Recovery factors offered by the widget. */
  recoveryFactors: string;
  /** A recovery token from an emailed link, if the page was opened from one. */
  recoveryToken: string | undefined;
  /** A notice above the widget (signed out, session ended). */
  notice: string | undefined;
  /** The seeded users (simulator only). */
  users: readonly DemoUser[];
  /** The widget's language (a shipped tag; `en` adds no attribute), from `?lang=`. */
  lang: string;
}

/** The shipped language `?lang=` names (any case), else English. */
export function pickLanguage(requested: unknown): string {
  if (typeof requested !== 'string') return 'en';
  return shippedLanguages.find((language) => language.tag.toLowerCase() === requested.toLowerCase())?.tag ?? 'en';
}

/** The language picker: every shipped language by its own name; a GET form, so the choice stays in the URL (`?lang=`). */
function languagePicker(data: LoginPageData): SafeHtml {
  const options = shippedLanguages.map(
    (language) => html`<option value="${language.tag}" lang="${language.tag}" dir="${language.dir}"${new SafeHtml(language.tag === data.lang ? ' selected' : '')}>${language.name}</option>`,
  );
  const keep = data.redirectTo === '/app' ? html`` : html`<input type="hidden" name="returnTo" value="${data.redirectTo}">`;
  return html`<form class="language-picker" method="get" action="/login">
        <label for="language">Language</label>
        <select id="language" name="lang">${options}</select>
        ${keep}<button type="submit">Change</button>
      </form>`;
}

/** The `<okta-authn>` tag as this page uses it, also shown to the reader as the snippet to copy. */
function widgetTag(data: LoginPageData): string {
  const attributes = [
    `base-url="${escapeHtml(data.orgUrl)}"`,
    'session-endpoint="/auth/session"',
    `redirect-to="${escapeHtml(data.redirectTo)}"`,
    `recovery-factors="${escapeHtml(data.recoveryFactors)}"`,
  ];
  // The simulator serves no help page; a real org has one at /help/login (the widget's default).
  if (data.simulator) attributes.push('help-url="none"');
  if (data.recoveryToken) attributes.push(`recovery-token="${escapeHtml(data.recoveryToken)}"`);
  if (data.lang !== 'en') attributes.push(`lang="${escapeHtml(data.lang)}"`);
  return `<okta-authn ${attributes.join(' ')}></okta-authn>`;
}

/** One row per demo user; the username is a button that fills the sign-in form (assets/demo-users.js). */
function usersTable(users: readonly DemoUser[]): SafeHtml {
  const rows = users.map(
    (user) => html`<tr>
          <td>${user.flow}</td>
          <td><button type="button" class="fill-user" data-login="${user.login}" data-password="${user.password}"><span class="visually-hidden">Fill in </span><code>${user.login}</code></button></td>
          <td><code>${user.password}</code></td>
          <td>${user.hint}</td>
        </tr>`,
  );
  return html`${rows}`;
}

function userOptions(users: readonly DemoUser[]): SafeHtml {
  return html`${users.map((user) => html`<option value="${user.login}">${user.login}</option>`)}`;
}

/** Renders /login: the widget, the device panel and users table on the simulator, the flow inspector. */
export function renderLoginPage(data: LoginPageData): string {
  const tag = widgetTag(data);
  const snippet = `<script type="module" src="/vendor/okta-authn.js"></script>\n${tag}`;
  return fillTemplate(data.template, {
    csrfToken: data.csrfToken,
    orgUrl: data.orgUrl,
    simulator: data.simulator,
    realOrg: !data.simulator,
    widget: new SafeHtml(tag),
    snippet,
    notice: data.notice,
    usersTable: usersTable(data.users),
    userOptions: userOptions(data.users),
    languagePicker: languagePicker(data),
  });
}

/** What the app page needs to render. */
export interface AppPageData {
  /** The page template (public/app.html). */
  template: string;
  /** The signed-in user's login. */
  login: string;
  /** The Okta session as the guard last saw it. */
  session: OktaSession;
  /** CSRF token of this app session (logout, extend). */
  csrfToken: string;
  /** The org in use. */
  orgUrl: string;
  /** True on the embedded simulator. */
  simulator: boolean;
}

/** Renders /app: who is signed in and the Okta session (refreshed live by app.js). */
export function renderAppPage(data: AppPageData): string {
  const session = data.session as OktaSession & Record<string, unknown>;
  const text = (value: unknown) => (value === undefined || value === null ? '—' : Array.isArray(value) ? value.join(', ') : String(value));
  return fillTemplate(data.template, {
    csrfToken: data.csrfToken,
    login: data.login,
    orgUrl: data.orgUrl,
    simulator: data.simulator,
    status: text(session.status),
    amr: text(session.amr),
    expiresAt: text(session.expiresAt),
    createdAt: text(session.createdAt),
    lastPasswordVerification: text(session.lastPasswordVerification),
    lastFactorVerification: text(session.lastFactorVerification),
    mfaActive: text(session.mfaActive),
  });
}
