// The demo users table: clicking a username fills the sign-in form with it and its password.
// The username goes in through the element's `username` property; the element has no public way
// to set a password (on purpose: a password attribute would end up in markup), so that one is typed
// into its password input, as a password manager would, with an `input` event.

/** The password input and submit button the element renders now, if its sign-in form is showing. */
function signInForm(widget) {
  const root = widget.renderRoot ?? widget.shadowRoot ?? widget;
  return {
    username: root.querySelector('input[name="username"]'),
    password: root.querySelector('input[name="password"]'),
    submit: root.querySelector('[part~="submit"]'),
  };
}

/** Wires every `.fill-user` button in `root` to fill `widget`; `status` says what happened; `onPick(login)` hears each user filled in. */
export function wireDemoUsers({ root, widget, status, onPick }) {
  async function pick(login, password) {
    widget.username = login;
    await customElements.whenDefined('okta-authn');
    await widget.updateComplete;
    const form = signInForm(widget);
    if (!form.username || !form.password) {
      status.textContent = `${login} will be in the sign-in form when you go back to it (the widget is on another step now).`;
      return;
    }
    // Lit writes the input only when the property changes: after typing over an earlier pick of the same user, put it back.
    if (form.username.value !== login) {
      form.username.value = login;
      form.username.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    }
    form.password.value = password;
    form.password.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    status.textContent = `Filled in ${login} and its password: press Sign in.`;
    onPick?.(login);
    form.submit?.focus();
  }

  root.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('button.fill-user') : null;
    if (!button) return;
    void pick(button.dataset.login ?? '', button.dataset.password ?? '');
  });
}
