/** Chunk `question`: the security question factor. */
export { question } from '../factors/question.js';
