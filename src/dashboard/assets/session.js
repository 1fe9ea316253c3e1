// The API token the dashboard reads with, kept in sessionStorage only: that is this browser tab's, gone when the
// tab closes and never sent anywhere by itself. localStorage would keep it for good and for every tab; a cookie
// would go to the server with every request, /dashboard's too, and a token in the URL would end up in history
// and logs.

const KEY = 'followthrough.apiToken';

// Where a browser refuses storage (some privacy settings throw on access): this page only, until it reloads.
let inMemory = null;

export function readToken() {
  try {
    return window.sessionStorage.getItem(KEY) ?? inMemory;
  } catch {
    return inMemory;
  }
}

export function keepToken(token) {
  try {
    window.sessionStorage.setItem(KEY, token);
  } catch {
    inMemory = token;
  }
}

export function forgetToken() {
  inMemory = null;
  try {
    window.sessionStorage.removeItem(KEY);
  } catch {
    // Nothing was kept there.
  }
}
