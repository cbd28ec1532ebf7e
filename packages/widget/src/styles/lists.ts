import { factorListStyles } from './factor-list.js';
import { stepStyles } from './steps.js';

/** What the chunks with lists of security methods (`mfa`, `enroll`) bring: the steps' styles and the lists'. */
export const listStepStyles = [stepStyles, factorListStyles];
