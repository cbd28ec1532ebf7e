/** Chunk `question`: the security question factor. */
export { question } from '../factors/question.js';
export { laterEnglish as english } from '../i18n/en-later.js';
export { stepStyles as styles } from '../styles/steps.js';
