/*
 * Sign-in and sign-out. The signed-in token lives in sessionStorage (this tab only) under one key,
 * written and removed here alone; it is never logged.
 */
import { api, ApiError, tokenPath } from './api.js';
import { sentence } from './format.js';
import { state } from './state.js';
import { byId, clearFieldError, setBusy, showFieldError, showView } from './ui.js';

var STORAGE_KEY = 'keyward.console.apiKey';
var TOKEN_FORMAT = /^kw_[0-9A-Za-z]{36}$/;

// main.js says what starts and ends with a session, so this module needs no view of its own beyond sign-in.
var hooks = { started: function () {}, ended: function () {} };

export function connectSession(started, ended) {
  hooks = { started: started, ended: ended };
}

function showSignIn(message, isError) {
  var notice = byId('signin-notice');
  notice.textContent = message || '';
  notice.hidden = !message;
  notice.classList.toggle('notice-error', Boolean(isError));
  byId('signin-token').value = '';
  clearFieldError('signin-token', 'signin-error');
  showView('view-signin', byId('signin-token'));
}

var READ_PERMISSION = 'OrganizationAPITokenRead';
var LACKS_READ = 'This token is valid but lacks Read API Token Info (OrganizationAPITokenRead), '
  + 'which the console needs to show tokens.';

/**
 * The token as GET /api-tokens/self returned it, if it may use the console: every live token may read
 * itself, but listing tokens needs OrganizationAPITokenRead.
 */
function consoleCapable(self) {
  if ((self.permissions || []).indexOf(READ_PERMISSION) < 0) {
    return Promise.reject({status: 403});
  }
  return self;
}

function signInRefusal(error) {
  if (error.status === 401) {
    return 'Keyward refused this token. It may be mistyped, expired, rotated or deleted, '
      + 'or not allowed from your network address.';
  }
  if (error.status === 403) {
    return LACKS_READ;
  }
  return sentence(error.message);
}

export function onSignIn(event) {
  event.preventDefault();
  var input = byId('signin-token');
  var value = input.value.trim();
  clearFieldError('signin-token', 'signin-error');
  byId('signin-notice').hidden = true;
  if (!value) {
    showFieldError('signin-token', 'signin-error', 'Paste an API token to sign in.');
    input.focus();
    return;
  }
  if (!TOKEN_FORMAT.test(value)) {
    showFieldError('signin-token', 'signin-error',
      'This is not a Keyward token: a token is "kw_" followed by 36 letters and digits.');
    input.focus();
    return;
  }
  var button = byId('signin-submit');
  setBusy(button, true, 'Signing in…');
  api('GET', tokenPath('self'), undefined, value).then(consoleCapable).then(function (self) {
    setBusy(button, false, 'Signing in…');
    startSession(value, self);
  }, function (error) {
    setBusy(button, false, 'Signing in…');
    showFieldError('signin-token', 'signin-error', signInRefusal(error));
    input.focus();
  });
}

function startSession(key, self) {
  state.key = key;
  state.self = self;
  sessionStorage.setItem(STORAGE_KEY, key);
  byId('signin-token').value = '';
  renderSessionName();
  hooks.started();
}

/** Resumes the session this tab signed in with before a reload, if its token still works. */
export function resumeSession() {
  var saved = sessionStorage.getItem(STORAGE_KEY);
  if (!saved) {
    showSignIn();
    return;
  }
  api('GET', tokenPath('self'), undefined, saved).then(consoleCapable).then(function (self) {
    startSession(saved, self);
  }, function (error) {
    sessionStorage.removeItem(STORAGE_KEY);
    showSignIn(signInRefusal(error) + ' Sign in again.', true);
  });
}

/** After the signed-in token was rotated the session goes on with its new value. */
export function switchToRotatedKey(value, self) {
  state.key = value;
  sessionStorage.setItem(STORAGE_KEY, value);
  state.self = self;
}

export function renderSessionName() {
  byId('session-name').textContent = state.self ? state.self.name : '';
}

export function signOut(message, isError) {
  sessionStorage.removeItem(STORAGE_KEY);
  state.key = null;
  state.self = null;
  state.tokens = [];
  state.editing = null;
  hooks.ended();
  showSignIn(message || 'You have signed out. The token has been forgotten by this tab.', isError);
}

/** A 401 after sign-in means the session's token stopped working: go back to sign-in, saying why. */
export function endSessionIfRefused(error) {
  if (error instanceof ApiError && error.status === 401) {
    signOut('Keyward no longer accepts the token you signed in with (it may have been rotated, deleted, '
      + 'expired or disabled, or your address is not allowed). Sign in again with a valid token.', true);
    return true;
  }
  return false;
}
