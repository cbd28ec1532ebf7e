import { css } from 'lit';

/**
 * Styles of the later steps' views, brought by their chunks (the first form does not wait for
 * them): a step's outcome icon, the password checklist, codes and QR codes, countdowns, the
 * lines that keep their space while they come and go, and the lists of security methods. One sheet
 * for every later chunk: they share it rather than each bringing a part.
 */
export const stepStyles = css`
  .status {
    order: -1;
    display: flex;
  }
  .status .icon {
    width: 3em;
    height: 3em;
  }
  .status.success {
    color: var(--_color-success);
  }
  .status.info {
    color: var(--_color-primary);
  }
  .rules {
    list-style: none;
    margin: 0;
    padding: 0;
    font-size: var(--_font-size-small);
  }
  .rules li {
    display: flex;
    gap: var(--_space-s);
    color: var(--_color-text-muted);
  }
  .rules li::before {
    content: '○';
    width: 1em;
  }
  .rules li.met {
    color: var(--_color-success);
  }
  .rules li.met::before {
    content: '✓';
  }
  .countdown {
    color: var(--_color-text-muted);
    font-size: var(--_font-size-small);
  }
  .qr {
    display: block;
    align-self: center;
    background: #fff;
  }
  .challenge {
    font-size: var(--_font-size-challenge);
    font-weight: var(--_font-weight-bold);
    text-align: center;
    margin: 0;
  }
  .secret {
    font-size: 1.125em;
    letter-spacing: 0.05em;
    overflow-wrap: anywhere;
    user-select: all;
  }
  details summary {
    cursor: pointer;
  }
  /* A line that comes and goes (a countdown, "checking again in…") keeps its space: its longest text is laid out, hidden, under it. */
  .reserved {
    display: grid;
  }
  .reserved::before {
    content: attr(data-reserve);
    visibility: hidden;
  }
  .reserved::before,
  .reserved > * {
    grid-area: 1 / 1;
  }
  .factors {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: var(--_space-s);
  }
  /* A security method in a list: its family's icon, its name and one line about it; set up ones are marked, not buttons. */
  .factors .factor {
    display: flex;
    align-items: center;
    gap: var(--_space-m);
    width: 100%;
    padding: var(--_space-s) var(--_space-m);
    text-align: start;
    background: var(--_color-surface);
    color: var(--_color-text);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
  }
  .factors button.factor:hover:not(:disabled) {
    border-color: var(--_color-primary);
  }
  .factors .factor.done {
    background: none;
    border-style: dashed;
  }
  .factor-icon {
    flex: none;
    display: flex;
    color: var(--_color-primary);
  }
  .factor-icon .icon {
    width: 1.75em;
    height: 1.75em;
  }
  .factor-text {
    display: flex;
    flex-direction: column;
    min-width: 0;
  }
  .factor-name {
    font-weight: var(--_font-weight-bold);
  }
  .factor-description {
    color: var(--_color-text-muted);
    font-size: var(--_font-size-small);
  }
  .factor-done {
    display: inline-flex;
    align-items: center;
    gap: var(--_space-xs);
    color: var(--_color-success);
  }
`;
