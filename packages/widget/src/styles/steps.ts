import { css } from 'lit';

/**
 * Styles of the later steps' views, brought by their chunks (the first form does not wait for
 * them): a step's outcome icon, the password checklist, codes and QR codes, countdowns and the
 * lines that keep their space while they come and go.
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
`;
