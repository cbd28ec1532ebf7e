import type { Messages } from './en.js';
import { enFactors } from './en-factors.js';
import { enSteps } from './en-steps.js';

/** English of every view after the first step: each chunk exports it, and the registry adds it to the English in use when the chunk loads. */
export const laterEnglish: Messages = { ...enSteps, ...enFactors };
