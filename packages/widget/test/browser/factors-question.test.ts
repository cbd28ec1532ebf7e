import { expect, oneEvent } from '@open-wc/testing';
import { cleanup, click, errorText, expectAccessible, find, focused, heading, input, mount, press, text, type, until, waitForHeading } from './helpers.js';
import { HOSTILE } from './fixtures.js';
import { mfaRequired } from './raw-fixtures.js';
import { addFactor, createUser, signIn, useSimulator } from './factors-support.js';

describe('security question against the simulator', () => {
  const baseUrl = useSimulator();

  it('enrollment: questions from the questions link, an answer under 4 characters is refused before sending, then saved', async () => {
    const user = await createUser({ enroll: ['question'] });
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true });
    await signIn(element, user.login);
    await until(() => text(element).includes('Security question'), 'the enrollment list', element);
    await click(element, 'Security question');
    await waitForHeading(element, 'Set up a security question');
    await until(() => find(element, 'select[name="question"]') !== null, 'the questions', element);
    const select = find<HTMLSelectElement>(element, 'select[name="question"]')!;
    expect(select.options.length).to.equal(20);
    expect(select.options[0]!.textContent).to.equal('What is the food you least liked as a child?');
    expect(focused(element)).to.equal(select);
    await expectAccessible(element);
    select.value = 'favorite_movie_quote';
    await type(element, 'answer', 'abc');
    await press('Enter');
    expect(errorText(element)).to.equal('Your answer must be at least 4 characters long.');
    expect(focused(element)).to.equal(input(element, 'answer'));
    const success = oneEvent(element, 'okta-authn-success');
    await type(element, 'answer', 'Here is looking at you');
    await press('Enter');
    await success;
    cleanup();

    const again = await mount({ 'base-url': baseUrl(), 'no-remember-me': true });
    await signIn(again, user.login);
    await waitForHeading(again, 'Answer your security question');
    expect(text(again)).to.include('What is your favorite movie quote?');
  });

  it('verify: the question text, a wrong answer says so and keeps the answer field, the right one signs in', async () => {
    const user = await createUser();
    await addFactor(user, { factorType: 'question', provider: 'OKTA', profile: { question: 'disliked_food', answer: 'mayonnaise' } });
    const element = await mount({ 'base-url': baseUrl(), 'no-remember-me': true });
    await signIn(element, user.login);
    await waitForHeading(element, 'Answer your security question');
    expect(text(element)).to.include('What is the food you least liked as a child?');
    expect(focused(element)).to.equal(input(element, 'answer'));
    await expectAccessible(element);
    await press('Enter');
    expect(errorText(element)).to.equal('Enter your answer.');
    await type(element, 'answer', 'ketchup');
    await press('Enter');
    await until(() => errorText(element) === 'That answer does not match our records. Try again.', 'the wrong-answer message', element);
    expect(focused(element)).to.equal(input(element, 'answer'));
    expect(heading(element)).to.equal('Answer your security question');
    await expectAccessible(element);
    const success = oneEvent(element, 'okta-authn-success');
    await type(element, 'answer', 'mayonnaise');
    await press('Enter');
    await success;
  });

  it('a hostile question text is shown as text', async () => {
    const element = await mount({ 'base-url': baseUrl() });
    const link = { href: `${baseUrl()}/api/v1/authn/factors/q/verify`, hints: { allow: ['POST'] } };
    element.transaction = mfaRequired([{ id: 'q1', factorType: 'question', provider: 'OKTA', profile: { question: 'x', questionText: HOSTILE }, _links: { verify: link } }]);
    await waitForHeading(element, 'Answer your security question');
    expect(text(element)).to.include(HOSTILE);
    expect(find(element, 'img')).to.equal(null);
    await expectAccessible(element);
  });
});
