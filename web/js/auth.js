// Who is signed in. Local cloud: its dev sign-in page (config.signIn.mode "dev") leaves a dev token in
// sessionStorage. AWS: Cognito's hosted UI, authorization-code flow with PKCE (mode "cognito"); the
// app keeps the ID token (aud = the app client, cognito:groups) in sessionStorage, never in a cookie.

const TOKEN = 'wfm.token';
const VERIFIER = 'wfm.pkce.verifier';
const STATE = 'wfm.pkce.state';
const RETURN = 'wfm.return';

export function token() {
  const value = sessionStorage.getItem(TOKEN);
  return value && !expired(value) ? value : null;
}

/** The token's claims: sub, groups (or cognito:groups), exp. */
export function claims(jwt = token()) {
  try {
    const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(decodeURIComponent(escape(atob(payload))));
  } catch {
    return {};
  }
}

export function user() {
  const c = claims();
  return {id: c.sub, groups: c.groups || c['cognito:groups'] || []};
}

function expired(jwt) {
  const exp = claims(jwt).exp;
  return !exp || exp * 1000 < Date.now() + 30_000;
}

/** Ensures a token: finishes a Cognito redirect, or sends the browser to sign in (and answers false). */
export async function signIn(config) {
  const mode = config.signIn?.mode;
  if (mode === 'cognito') {
    const query = new URLSearchParams(location.search);
    if (query.has('code')) {
      await finishCognito(config.signIn, query);
    }
  }
  if (token()) return true;
  const back = location.pathname + location.hash;
  if (mode === 'dev') {
    location.assign(`${config.signIn.url}?return=${encodeURIComponent(back)}`);
  } else if (mode === 'cognito') {
    await startCognito(config.signIn, back);
  } else {
    throw new Error('config.json names no sign-in mode');
  }
  return false;
}

export function signOut(config) {
  sessionStorage.removeItem(TOKEN);
  if (config.signIn?.mode === 'cognito') {
    const {domain, clientId} = config.signIn;
    location.assign(`${domain}/logout?client_id=${encodeURIComponent(clientId)}&logout_uri=${encodeURIComponent(appUrl())}`);
  } else {
    location.assign(`${config.signIn.url}?return=${encodeURIComponent('/')}`);
  }
}

function appUrl() {
  return location.origin + location.pathname;
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

async function startCognito({domain, clientId}, back) {
  const verifier = randomString();
  const state = randomString();
  sessionStorage.setItem(VERIFIER, verifier);
  sessionStorage.setItem(STATE, state);
  sessionStorage.setItem(RETURN, back);
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const query = new URLSearchParams({response_type: 'code', client_id: clientId, redirect_uri: appUrl(),
    scope: 'openid email profile', state, code_challenge: challenge, code_challenge_method: 'S256'});
  location.assign(`${domain}/oauth2/authorize?${query}`);
}

async function finishCognito({domain, clientId}, query) {
  const verifier = sessionStorage.getItem(VERIFIER);
  const expected = sessionStorage.getItem(STATE);
  sessionStorage.removeItem(VERIFIER);
  sessionStorage.removeItem(STATE);
  const back = sessionStorage.getItem(RETURN) || '/';
  sessionStorage.removeItem(RETURN);
  history.replaceState(null, '', back);
  if (!verifier || query.get('state') !== expected) return; // not our redirect: sign in again
  const answer = await fetch(`${domain}/oauth2/token`, {method: 'POST',
    headers: {'Content-Type': 'application/x-www-form-urlencoded'},
    body: new URLSearchParams({grant_type: 'authorization_code', client_id: clientId, code: query.get('code'),
      redirect_uri: appUrl(), code_verifier: verifier})});
  if (!answer.ok) {
    // Signing in again at once would loop between the app and the hosted UI: say why and stop.
    const error = await answer.json().catch(() => ({}));
    throw new Error(`the sign-in was refused (${error.error || `HTTP ${answer.status}`}); reload the page to sign in again`);
  }
  sessionStorage.setItem(TOKEN, (await answer.json()).id_token);
}

/** A token the API refused (expired, revoked): forget it and sign in again. */
export function forget() {
  sessionStorage.removeItem(TOKEN);
}
