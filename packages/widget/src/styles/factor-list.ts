import { css } from 'lit';

/**
 * Styles of the lists of security methods (`MFA_REQUIRED`, `MFA_ENROLL`), brought by the chunks
 * that show them: each method's icon, name and line, and the mark of one already set up.
 */
export const factorListStyles = css`
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
