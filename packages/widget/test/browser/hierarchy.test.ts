import { expect, oneEvent } from '@open-wc/testing';
import type { OktaAuthn } from '../../src/okta-authn.js';
import { button, cleanup, click, expectAccessible, find, heading, mount, press, root, type, waitForHeading } from './helpers.js';
import { PASSWORD, createUser, signIn, useSimulator } from './factors-support.js';
import { UNREACHABLE, enrollEntry, enrollState, link, lockedOutState, mfaRequired, oktaTotpFactor, passwordState, pushFactor, recoverySmsChallenge, smsChallenge, smsFactor, totpActivation, user } from './raw-fixtures.js';

/** A step of the element, reached by raw transaction or by clicks. */
interface Step {
  name: string;
  open: () => Promise<OktaAuthn>;
}

async function raw(transaction: Record<string, unknown>, title: string, attributes: Record<string, string | boolean> = {}): Promise<OktaAuthn> {
  const element = await mount({ 'base-url': UNREACHABLE, ...attributes });
  element.transaction = transaction;
  await waitForHeading(element, title);
  return element;
}

async function local(link: string, title: string): Promise<OktaAuthn> {
  const element = await mount({ 'base-url': UNREACHABLE, 'recovery-factors': 'email sms', unlock: true });
  await click(element, link);
  await waitForHeading(element, title);
  return element;
}

/** Opens every `<details>` of the step, so what they hold is laid out too. */
async function openDisclosures(element: OktaAuthn): Promise<OktaAuthn> {
  for (const details of root(element).querySelectorAll('details')) details.open = true;
  await element.updateComplete;
  return element;
}

const securityQuestion = {
  id: 'ques1',
  factorType: 'question',
  provider: 'OKTA',
  vendorName: 'OKTA',
  profile: { question: 'disliked_food', questionText: 'What is the food you least liked as a child?' },
  _links: { verify: link('/api/v1/authn/factors/ques1/verify') },
};
const unlocked = { status: 'SUCCESS', recoveryType: 'UNLOCK', expiresAt: '2030-01-01T00:00:00.000Z', _embedded: { user } };
const emailSent = { status: 'RECOVERY_CHALLENGE', factorResult: 'WAITING', factorType: 'EMAIL', recoveryType: 'PASSWORD' };

/** Steps whose main action is a button: each has exactly one primary. */
const STEPS: Step[] = [
  { name: 'sign-in', open: () => mount({ 'base-url': UNREACHABLE, unlock: true }) },
  { name: 'forgot password', open: () => local('Forgot password?', 'Reset your password') },
  { name: 'unlock account', open: () => local('Unlock account?', 'Unlock your account') },
  { name: 'LOCKED_OUT', open: () => raw(lockedOutState(), 'Your account is locked') },
  { name: 'PASSWORD_WARN', open: () => raw(passwordState('PASSWORD_WARN'), 'Your password expires') },
  { name: 'PASSWORD_EXPIRED', open: () => raw(passwordState('PASSWORD_EXPIRED'), 'Your password has expired') },
  {
    name: 'PASSWORD_EXPIRED changed elsewhere',
    open: () => raw(passwordState('PASSWORD_EXPIRED'), 'Your password has expired', { 'password-expired-url': 'https://id.example.test/password' }),
  },
  { name: 'PASSWORD_RESET', open: () => raw(passwordState('PASSWORD_RESET'), 'Reset your password') },
  { name: 'RECOVERY_CHALLENGE by SMS', open: () => raw(recoverySmsChallenge(), 'Enter the code from the text message') },
  { name: 'RECOVERY_CHALLENGE by email', open: () => raw(emailSent, 'Check your email') },
  { name: 'MFA_CHALLENGE by SMS', open: () => raw(smsChallenge(), 'Verify with a text message') },
  { name: 'TOTP activation', open: async () => openDisclosures(await raw(totpActivation(), 'Link Google Authenticator')) },
  {
    name: 'MFA_ENROLL with everything required set up',
    open: () => raw(enrollState([enrollEntry('sms', 'OKTA', 'REQUIRED', 'ACTIVE'), enrollEntry('question', 'OKTA', 'OPTIONAL')], true), 'Set up security methods'),
  },
  { name: 'account unlocked', open: () => raw(unlocked, 'Account unlocked') },
  { name: 'SMS before the code is sent', open: () => raw(mfaRequired([smsFactor('sms1', '+1 XXX-XXX-4242')]), 'Verify with a text message') },
  { name: 'push before it is sent', open: () => raw(mfaRequired([pushFactor()]), 'Approve a push notification') },
  { name: 'an Okta Verify code', open: () => raw(mfaRequired([oktaTotpFactor()], true), 'Okta Verify') },
  { name: 'the security question', open: () => raw(mfaRequired([securityQuestion]), 'Answer your security question') },
];

/** The width of the card's content box: what "as wide as the form" means. */
function contentWidth(element: OktaAuthn): number {
  const card = find(element, '[part="base"]')!;
  const style = getComputedStyle(card);
  return card.clientWidth - parseFloat(style.paddingInlineStart) - parseFloat(style.paddingInlineEnd);
}

/** The computed properties that make a style, for comparing one control with another. */
function look(node: Element, properties: (keyof CSSStyleDeclaration)[]): string {
  const style = getComputedStyle(node);
  return properties.map((property) => `${String(property)}: ${String(style[property])}`).join('; ');
}

const SECONDARY_LOOK: (keyof CSSStyleDeclaration)[] = ['color', 'backgroundColor', 'borderTopColor', 'borderTopWidth', 'borderTopLeftRadius', 'fontSize', 'fontWeight', 'paddingTop', 'paddingInlineStart', 'minHeight'];
const LINK_LOOK: (keyof CSSStyleDeclaration)[] = ['color', 'fontSize', 'fontWeight', 'textDecorationLine', 'paddingTop', 'paddingBottom', 'lineHeight'];

/** Boxes laid out in a flow container (not hidden, not out of flow, not `display: contents`), top to bottom. */
function blocks(container: Element): DOMRect[] {
  return [...container.children]
    .filter((child) => {
      const style = getComputedStyle(child);
      return style.display !== 'none' && style.display !== 'contents' && style.position !== 'absolute';
    })
    .map((child) => child.getBoundingClientRect())
    .sort((a, b) => a.top - b.top);
}

/** Every vertical gap between neighbouring blocks of the card, its forms and its open disclosures, rounded to 0.1 px. */
function gaps(element: OktaAuthn): { where: string; gap: number }[] {
  const containers = [find(element, '[part="base"]')!, ...root(element).querySelectorAll('form, details[open]')];
  return containers.flatMap((container) => {
    const boxes = blocks(container);
    return boxes.slice(1).map((box, index) => ({ where: container.localName, gap: Math.round((box.top - boxes[index]!.bottom) * 10) / 10 }));
  });
}

describe('one hierarchy: primary, secondary, links and one block spacing', () => {
  afterEach(cleanup);

  for (const step of STEPS) {
    it(`${step.name}: exactly one primary action, as wide as the form; blocks spaced by the one block gap`, async () => {
      const element = await step.open();
      const primaries = [...root(element).querySelectorAll('.primary')];
      expect(primaries.map((node) => node.textContent?.trim()), 'one primary').to.have.length(1);
      expect(primaries[0]!.getAttribute('part')).to.include('submit');
      expect(Math.abs(primaries[0]!.getBoundingClientRect().width - contentWidth(element)), 'full width').to.be.below(0.5);
      const measured = gaps(element);
      expect(measured.length, 'at least two blocks').to.be.greaterThan(0);
      for (const { where, gap } of measured) expect(gap, `gap in ${where}`).to.equal(16);
      await expectAccessible(element);
    });
  }

  it('the block gap is the --okta-authn-space-m token: a page that sets it changes every gap', async () => {
    const element = await raw(smsChallenge(), 'Verify with a text message');
    element.style.setProperty('--okta-authn-space-m', '22px');
    await openDisclosures(element);
    const measured = gaps(element);
    expect(new Set(measured.map(({ gap }) => gap))).to.deep.equal(new Set([22]));
    const resend = button(element, 'Send again').closest('[part="links"]')!.getBoundingClientRect();
    const help = find(element, 'details')!.getBoundingClientRect();
    expect(Math.round(help.top - resend.bottom), '"Send again" to "Didn’t get it?"').to.equal(22);
  });

  it('"Copy key" and the text after it are one block gap apart', async () => {
    const element = await openDisclosures(await raw(totpActivation(), 'Link Google Authenticator'));
    const copy = button(element, 'Copy key').closest('details')!.getBoundingClientRect();
    const next = find(element, 'details + p')!.getBoundingClientRect();
    expect(Math.round(next.top - copy.bottom)).to.equal(16);
  });

  it('secondary actions look the same in every step, and so do links', async () => {
    const secondaries = new Map<string, string>();
    const linkLooks = new Map<string, string>();
    for (const step of STEPS) {
      const element = await step.open();
      for (const node of root(element).querySelectorAll('.secondary')) secondaries.set(`${step.name}: ${node.textContent?.trim()}`, look(node, SECONDARY_LOOK));
      for (const node of root(element).querySelectorAll('.link, a[part~="link"], details summary')) linkLooks.set(`${step.name}: ${node.textContent?.trim()}`, look(node, LINK_LOOK));
      cleanup();
    }
    expect(secondaries.size, 'several secondary actions were seen').to.be.greaterThan(3);
    expect(new Set(secondaries.values()), JSON.stringify(Object.fromEntries(secondaries), null, 1)).to.have.property('size', 1);
    expect(linkLooks.size, 'several links were seen').to.be.greaterThan(8);
    expect(new Set(linkLooks.values()), JSON.stringify(Object.fromEntries(linkLooks), null, 1)).to.have.property('size', 1);
  });
});

describe('steps that end here look like outcomes', () => {
  afterEach(cleanup);

  /** The status icon is decorative and shows above the heading. */
  function expectStatusIcon(element: OktaAuthn): void {
    const status = find(element, '[part="status"]');
    expect(status, 'a status icon').to.not.equal(null);
    expect(status!.querySelector('svg')?.getAttribute('aria-hidden')).to.equal('true');
    expect(status!.getBoundingClientRect().bottom).to.be.at.most(find(element, '[part="title"]')!.getBoundingClientRect().top);
  }

  const OUTCOMES = [
    { name: 'account unlocked', transaction: unlocked, title: 'Account unlocked' },
    { name: 'recovery email sent', transaction: emailSent, title: 'Check your email' },
  ];
  for (const { name, transaction, title } of OUTCOMES) {
    it(`${name}: the icon above "${title}", and "Back to sign in" is the primary action`, async () => {
      const element = await raw(transaction, title);
      expectStatusIcon(element);
      expect(find(element, '.primary')?.textContent?.trim()).to.equal('Back to sign in');
      await expectAccessible(element);
      await click(element, 'Back to sign in');
      await waitForHeading(element, 'Sign in');
    });
  }
});

describe('signed in is an outcome', () => {
  afterEach(cleanup);

  it('a SUCCESS the host handles itself: the status icon and "You are signed in", nothing more to click', async () => {
    const element = await mount({ 'base-url': UNREACHABLE });
    element.addEventListener('okta-authn-success', (event) => event.preventDefault());
    element.transaction = { status: 'SUCCESS', sessionToken: '20111token', expiresAt: '2030-01-01T00:00:00.000Z', _embedded: { user } };
    await waitForHeading(element, 'You are signed in');
    expect(find(element, '[part="status"] svg')).to.not.equal(null);
    expect(root(element).querySelectorAll('button')).to.have.length(0);
    await expectAccessible(element);
  });
});

describe('password changed is an outcome', () => {
  const baseUrl = useSimulator();

  it('an expired password changed: the icon and "Password changed", and the person is signed in', async () => {
    const account = await createUser({ mfa: 'none', expired: true });
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true });
    element.addEventListener('okta-authn-success', (event) => event.preventDefault());
    await signIn(element, account.login);
    await waitForHeading(element, 'Your password has expired');
    await type(element, 'oldPassword', PASSWORD);
    await type(element, 'newPassword', 'Fresh-Meadow-42!');
    await type(element, 'confirmPassword', 'Fresh-Meadow-42!');
    const success = oneEvent(element, 'okta-authn-success');
    await press('Enter');
    await success;
    await waitForHeading(element, 'Password changed');
    expect(find(element, '[part="intro"]')?.textContent?.trim()).to.equal('You are signed in');
    expect(find(element, '[part="status"] svg')).to.not.equal(null);
    expect(heading(element)).to.equal('Password changed');
    await expectAccessible(element);
  });
});
