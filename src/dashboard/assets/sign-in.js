// The sign-in form and the page for a token whose role may not read the review. The token is only ever in the
// password input and in sessionStorage (session.js): it is never written into the page, the address or the
// console, and the input is cleared once the token was refused.
import { code, h } from './dom.js';

export const CREATE_TOKEN = 'npm run -s cli -- token create --name NAME --role viewer';

const howToCreate = () => h('p', { className: 'muted', id: 'api-token-help' }, 'No token yet? Create one with ', code(CREATE_TOKEN), ' and paste the token it prints.');

// Tokens are printable ASCII (ft_ and base64url); anything else cannot go in a header, and fetch would throw.
const PRINTABLE = /^[\x21-\x7e]+$/;

/**
 * The form. `signIn(token)` reads the review with the token and resolves once it is shown; when it rejects,
 * the form stays and says why (`describe(error)`), with the server's message when the token was refused.
 */
export function signInForm({ refusal, signIn, describe }) {
  // No name attribute: a form submitted without this script (or around it) sends no token, least of all in the URL.
  const input = h('input', { id: 'api-token', type: 'password', autocomplete: 'off', spellcheck: 'false', autocapitalize: 'none', required: '', 'aria-describedby': 'api-token-refusal api-token-help' });
  const button = h('button', { type: 'submit', className: 'primary' }, 'Sign in');
  const alert = h('p', { id: 'api-token-refusal', className: 'refusal', role: 'alert', dataset: { testid: 'sign-in-refusal' } });
  const say = (message) => {
    alert.textContent = message ?? '';
    alert.hidden = !message;
  };
  say(refusal);

  const form = h(
    'form',
    { className: 'card sign-in', method: 'post', 'aria-labelledby': 'sign-in-title', dataset: { testid: 'sign-in' } },
    h('h2', { id: 'sign-in-title' }, 'Sign in'),
    h('p', {}, 'The review is read from the API with a token (the viewer role is enough). It is kept in this browser tab only, until you sign out or close the tab.'),
    h('label', { for: 'api-token' }, 'API token'),
    h('div', { className: 'sign-in-row' }, input, button),
    alert,
    howToCreate(),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = input.value.trim();
    if (!PRINTABLE.test(token)) {
      input.value = '';
      say(token ? 'That is not an API token: tokens start with ft_ and hold only letters, digits, - and _.' : 'Paste your API token.');
      input.focus();
      return;
    }
    button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    say(null);
    signIn(token).catch((error) => {
      form.removeAttribute('aria-busy');
      button.disabled = false;
      input.value = '';
      // Should a refusal ever quote the token, it still does not reach the page.
      say(describe(error).split(token).join('ft_…'));
      input.focus();
    });
  });
  return { form, focus: () => input.focus() };
}

/** A valid token whose role may not read the review: what it was told, and how to get one that may. */
export function forbiddenPage(message) {
  return h(
    'section',
    { className: 'card error', role: 'alert', dataset: { testid: 'forbidden' } },
    h('h2', {}, 'This token may not read the review'),
    h('p', {}, message),
    h('p', {}, 'Sign out to use a token with the role the message above asks for.'),
  );
}
