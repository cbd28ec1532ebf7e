import type { SimContext } from '../context.js';
import { oktaErrors } from '../errors.js';
import { normalizeAnswer } from '../secrets.js';
import type { FactorRecord, UserRecord } from '../store.js';
import type { EnrollInput, FactorKind, VerifyInput } from './kind.js';
import { newFactor } from './kind.js';

/** Okta's built-in security questions, in Okta's order. */
export const SECURITY_QUESTIONS: readonly { question: string; questionText: string }[] = [
  { question: 'disliked_food', questionText: 'What is the food you least liked as a child?' },
  { question: 'name_of_first_plush_toy', questionText: 'What is the name of your first stuffed animal?' },
  { question: 'first_award', questionText: 'What did you earn your first medal or award for?' },
  { question: 'favorite_security_question', questionText: 'What is your favorite security question?' },
  { question: 'favorite_toy', questionText: 'What is the toy/stuffed animal you liked the most as a kid?' },
  { question: 'first_computer_game', questionText: 'What was the first computer game you played?' },
  { question: 'favorite_movie_quote', questionText: 'What is your favorite movie quote?' },
  { question: 'first_sports_team_mascot', questionText: 'What was the mascot of the first sports team you played on?' },
  { question: 'first_music_purchase', questionText: 'What music album or song did you first purchase?' },
  { question: 'favorite_art_piece', questionText: 'What is your favorite piece of art?' },
  { question: 'grandmother_favorite_desert', questionText: "What was your grandmother's favorite dessert?" },
  { question: 'first_thing_cooked', questionText: 'What was the first thing you learned to cook?' },
  { question: 'childhood_dream_job', questionText: 'What was your dream job as a child?' },
  { question: 'first_kiss_location', questionText: 'Where did you have your first kiss?' },
  { question: 'place_where_significant_other_was_met', questionText: 'Where did you meet your spouse/significant other?' },
  { question: 'favorite_vacation_location', questionText: 'Where did you go for your favorite vacation?' },
  { question: 'new_years_two_thousand', questionText: "Where were you on New Year's Eve in the year 2000?" },
  { question: 'favorite_speaker_actor', questionText: 'Who is your favorite speaker/orator?' },
  { question: 'favorite_book_movie_character', questionText: 'Who is your favorite book/movie character?' },
  { question: 'favorite_sports_player', questionText: 'Who is your favorite sports player?' },
];

function questionText(key: unknown): string | undefined {
  return SECURITY_QUESTIONS.find((entry) => entry.question === key)?.questionText;
}

/** Security question factor: a built-in question and an answer of at least 4 characters. */
export const questionFactor: FactorKind = {
  type: 'question',
  providers: ['OKTA'],
  amr: ['kba'],
  idPrefix: () => 'ufs',
  async enroll(ctx: SimContext, user: UserRecord, input: EnrollInput): Promise<FactorRecord> {
    const question = input.profile?.question;
    const answer = input.profile?.answer;
    if (typeof question !== 'string' || questionText(question) === undefined || typeof answer !== 'string' || answer.trim().length < 4) {
      throw oktaErrors.validation('factorEnrollRequest', ['Invalid Profile.']);
    }
    const factor = newFactor(ctx, user, questionFactor, 'OKTA', { question }, 'ACTIVE');
    factor.answerHash = await ctx.secrets.hash(normalizeAnswer(answer));
    return factor;
  },
  authnProfile: (factor) => ({ question: factor.profile.question, questionText: questionText(factor.profile.question) }),
  apiProfile: (factor) => ({ question: factor.profile.question, questionText: questionText(factor.profile.question) }),
  hasCredential: (input: VerifyInput) => typeof input.answer === 'string',
  async verify(ctx, factor, _user, input) {
    const ok = typeof input.answer === 'string' && (await ctx.secrets.verify(normalizeAnswer(input.answer), factor.answerHash));
    if (!ok) throw oktaErrors.invalidPasscode("Your answer doesn't match our records. Please try again.");
  },
};
