import { expect } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { en } from '../../src/i18n/en.js';
import { shippedTags } from '../../src/i18n/shipped.js';
import type { OktaAuthn } from '../../src/okta-authn.js';
import { bannerText, button, cleanup, click, enterIn, expectAccessible, expectBanner, expectFieldError, fieldError, find, focused, input, mount, press, root, type, until, waitForHeading } from './helpers.js';
import { createUser, signIn, useSimulator } from './factors-support.js';
import { UNREACHABLE, oktaError, passwordState } from './raw-fixtures.js';

/** The password inputs of the sign-in form and of a new-password form. */
const PASSWORD_INPUTS = { 'sign-in': ['password'], 'expired password': ['oldPassword', 'newPassword', 'confirmPassword'] } as const;

/** An element in a container `width` px wide (the element fills it), in `lang`, showing sign-in. */
async function inContainer(lang: string): Promise<{ element: OktaAuthn; container: HTMLDivElement }> {
  const container = document.createElement('div');
  container.className = 'fields-test-container';
  document.body.append(container);
  const element = document.createElement('okta-authn');
  element.setAttribute('base-url', UNREACHABLE);
  element.setAttribute('lang', lang);
  container.append(element);
  await element.updateComplete;
  return { element, container };
}

/** Where the toggle sits against its input, and the input's text box (its content box, where typed text shows). */
function toggleGeometry(element: OktaAuthn, name: string): { input: DOMRect; toggle: DOMRect; textStart: number; textEnd: number } {
  const field = input(element, name);
  const toggle = field.parentElement!.querySelector<HTMLElement>('[part="password-toggle"]')!;
  const box = field.getBoundingClientRect();
  const style = getComputedStyle(field);
  const px = (value: string) => Number.parseFloat(value);
  return {
    input: box,
    toggle: toggle.getBoundingClientRect(),
    textStart: box.left + px(style.borderLeftWidth) + px(style.paddingLeft),
    textEnd: box.right - px(style.borderRightWidth) - px(style.paddingRight),
  };
}

describe('password fields', () => {
  afterEach(() => {
    cleanup();
    for (const container of document.querySelectorAll('.fields-test-container')) container.remove();
  });

  /** Username input widths by container width, from the sign-in form of the language under test. */
  const widths = new Map<number, number>();

  for (const lang of shippedTags) {
    it(`${lang}: every password input is as wide as the username input at 240 px and 390 px, its toggle inside it at the inline end, text never under the toggle`, async () => {
      const { element, container } = await inContainer(lang);
      const rtl = find(element, '[part="base"]')?.getAttribute('dir') === 'rtl';
      for (const [view, names] of Object.entries(PASSWORD_INPUTS)) {
        if (view !== 'sign-in') {
          element.transaction = passwordState('PASSWORD_EXPIRED');
          await until(() => find(element, '[name="confirmPassword"]') !== null, 'the new-password form', element);
        }
        for (const width of [240, 390]) {
          container.style.width = `${width}px`;
          await element.updateComplete;
          // The username input of sign-in at this width (the new-password form's own username input is hidden).
          const usernameWidth = view === 'sign-in' ? input(element, 'username').getBoundingClientRect().width : widths.get(width)!;
          widths.set(width, usernameWidth);
          for (const name of names) {
            const where = `${view}, ${name}, ${width} px`;
            const { input: box, toggle, textStart, textEnd } = toggleGeometry(element, name);
            expect(box.width, `${where}: as wide as the username input`).to.be.closeTo(usernameWidth, 0.5);
            expect(toggle.top >= box.top - 0.5 && toggle.bottom <= box.bottom + 0.5, `${where}: the toggle is inside the input`).to.equal(true);
            if (rtl) {
              expect(toggle.left, `${where}: the toggle at the inline end (left)`).to.be.closeTo(box.left, 1);
              expect(textStart, `${where}: text starts after the toggle`).to.be.at.least(toggle.right - 0.5);
            } else {
              expect(toggle.right, `${where}: the toggle at the inline end (right)`).to.be.closeTo(box.right, 1);
              expect(textEnd, `${where}: text ends before the toggle`).to.be.at.most(toggle.left + 0.5);
            }
            expect(textEnd - textStart, `${where}: room to type`).to.be.greaterThan(width / 3);
          }
        }
      }
    });
  }

  it('the toggle is an icon button named "Show password" whose aria-pressed says whether the password is shown', async () => {
    const element = await mount({ 'base-url': UNREACHABLE });
    const toggle = () => find<HTMLButtonElement>(element, '[part="password-toggle"]')!;
    expect(toggle().textContent?.trim(), 'its name, in words').to.equal(en['primary.showPassword']);
    expect(toggle().getAttribute('aria-pressed')).to.equal('false');
    expect(toggle().getAttribute('aria-controls')).to.equal(input(element, 'password').id);
    const icon = toggle().querySelector('svg')!;
    expect(icon.getAttribute('aria-hidden')).to.equal('true');
    expect(getComputedStyle(icon).stroke, 'drawn in the text colour').to.equal(getComputedStyle(toggle()).color);
    const hiddenIcon = icon.innerHTML;
    await type(element, 'password', 'secret');
    toggle().click();
    await element.updateComplete;
    expect(input(element, 'password').type).to.equal('text');
    expect(toggle().getAttribute('aria-pressed')).to.equal('true');
    expect(toggle().textContent?.trim(), 'the name stays: the pressed state says it is shown').to.equal(en['primary.showPassword']);
    expect(toggle().querySelector('svg')!.innerHTML, 'the icon changes').to.not.equal(hiddenIcon);
    expect(input(element, 'password').value).to.equal('secret');
    await expectAccessible(element);
    await click(element, 'Show password');
    expect(input(element, 'password').type).to.equal('password');
    expect(toggle().getAttribute('aria-pressed')).to.equal('false');
  });
});

describe('errors next to the field they are about', () => {
  const baseUrl = useSimulator();
  afterEach(cleanup);

  it('a phone number: too short here, or refused by the server, the message is under the number', async () => {
    const user = await createUser({ enroll: ['sms'] });
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true, lang: 'en-US' });
    await signIn(element, user.login);
    await until(() => root(element).textContent!.includes('SMS'), 'the enrollment list', element);
    await click(element, 'SMS');
    await waitForHeading(element, 'Set up text message verification');
    await type(element, 'phoneNumber', '12');
    await press('Enter');
    await element.updateComplete;
    expectFieldError(element, 'phoneNumber', en['factor.phone.invalid']);
    await type(element, 'phoneNumber', '12345');
    await press('Enter');
    await until(() => fieldError(element, 'phoneNumber').message?.textContent?.includes(en['error.invalidPhone']) === true, 'the server refusing the number', element);
    expectFieldError(element, 'phoneNumber', en['error.invalidPhone']);
    await expectAccessible(element);
  });

  it('in the dark theme too, a message under a field and the toggle pass axe (contrast included)', async () => {
    document.documentElement.style.colorScheme = 'light dark';
    await emulateMedia({ colorScheme: 'dark' });
    try {
      const element = await mount({ 'base-url': UNREACHABLE });
      await type(element, 'username', 'someone@example.test');
      expect(getComputedStyle(find(element, '[part="base"]')!).backgroundColor, 'the dark card').to.not.equal('rgb(255, 255, 255)');
      await enterIn(element, 'password');
      expectFieldError(element, 'password', en['primary.passwordRequired']);
      await expectAccessible(element);
    } finally {
      await emulateMedia({ colorScheme: 'light' });
      document.documentElement.style.colorScheme = '';
    }
  });

  it('an input in error keeps its red border under the focus ring', async () => {
    const element = await mount({ 'base-url': UNREACHABLE });
    await enterIn(element, 'username');
    const field = input(element, 'username');
    expect(focused(element)).to.equal(field);
    const style = getComputedStyle(field);
    const error = getComputedStyle(find(element, '[part~="field-error"]')!).color;
    expect(style.borderTopColor, 'the border is the error colour').to.equal(error);
    expect(style.boxShadow, 'doubled inside').to.include(error);
    expect(style.outlineStyle, 'the focus ring shows').to.not.equal('none');
    expect(Number.parseFloat(style.outlineOffset), 'outside the border').to.be.greaterThan(0);
  });
});

describe('errors that belong to no field stay in the banner', () => {
  afterEach(cleanup);

  it('a locked account: the banner', async () => {
    const element = await mount(
      { 'base-url': UNREACHABLE },
      { fetch: () => Promise.resolve(new Response(JSON.stringify(oktaError('E0000069', 'User Locked')), { status: 403, headers: { 'Content-Type': 'application/json' } })) },
    );
    await signIn(element, 'someone@example.test');
    await until(() => bannerText(element) !== '', 'the locked-out error', element);
    expectBanner(element, en['error.locked']);
    await expectAccessible(element);
  });

  it('a network failure: the banner with "Try again"', async () => {
    const element = await mount({ 'base-url': UNREACHABLE }, { fetch: () => Promise.reject(new TypeError('Failed to fetch')) });
    await signIn(element, 'someone@example.test');
    await until(() => bannerText(element) !== '', 'the network error', element);
    expectBanner(element, en['error.network'], true);
    expect(button(element, en['widget.retry'])).to.not.equal(null);
    await expectAccessible(element);
  });
});
