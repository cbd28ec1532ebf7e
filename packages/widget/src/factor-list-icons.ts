import { svg } from 'lit';
import { icon } from './icons.js';

/**
 * The icons the lists of security methods draw themselves, in the frame of `src/icons.ts` (the one
 * icon set). Apart from the families' icons (`src/factor-icons.ts`) because the lists' chunks, not
 * the factors', import them: each set goes to the chunks that show it.
 */

/** A shield: a security method without an icon of its own. */
export const genericFactorIcon = icon(svg`<path d="M12 3l8 3v6c0 4.5-3.4 8.3-8 9-4.6-.7-8-4.5-8-9v-6Z" />`);

/** A check mark: a security method already set up. */
export const doneIcon = icon(svg`<path d="M5 12.5l4.5 4.5 9.5-9.5" />`);
