/*
 * Rotate: confirm, choosing how long the current value keeps working, then show the new value once;
 * rotating the signed-in token switches the session to it.
 */
import { api, tokenPath } from './api.js';
import { openDialog, showOutcome } from './dialog.js';
import { timeElement } from './format.js';
import { renderSecret } from './secret.js';
import { switchToRotatedKey } from './session.js';
import { isSelf } from './state.js';
import { loadTokens } from './tokens.js';
import { byId } from './ui.js';

export function confirmRotate(token) {
  var paragraphs = [explainRotation(token)];
  if (isSelf(token)) {
    paragraphs.push('You are signed in with this token: the console will switch to the new value for you.');
  }
  var overlap;
  openDialog({
    title: 'Rotate ' + token.name,
    paragraphs: paragraphs,
    fill: function (body) {
      overlap = byId('overlap-template').content.firstElementChild.cloneNode(true);
      body.appendChild(overlap);
    },
    confirmLabel: 'Continue',
    action: function () {
      var request = { gracePeriodSeconds: Number(overlap.querySelector('input:checked').value) };
      return api('POST', tokenPath(token.id) + '/rotate', request).then(function (rotated) {
        var self = isSelf(token);
        if (self) {
          switchToRotatedKey(rotated.value, withoutValue(rotated));
        }
        showRotated(rotated, self);
        loadTokens();
      });
    },
  });
}

function explainRotation(token) {
  // The server ends an overlap when the token expires, if that comes first.
  return 'Rotating gives "' + token.name + '" a new value. The current value stops working immediately, '
    + 'unless you choose below to keep it working for a while' + (token.expiresAt ? ' (never past the token\'s expiry)' : '')
    + ': then anything that uses it can be switched to the new value without an outage.';
}

function withoutValue(token) {
  var copy = {};
  Object.keys(token).forEach(function (key) {
    if (key !== 'value') {
      copy[key] = token[key];
    }
  });
  return copy;
}

function showRotated(token, self) {
  var input;
  showOutcome('New value for ' + token.name, function (body) {
    if (self) {
      body.appendChild(paragraph('The console now uses this new value for your session.'));
    }
    if (token.previousValueExpiresAt) {
      body.appendChild(paragraph('The previous value keeps working until ', timeElement(token.previousValueExpiresAt), '.'));
    }
    var holder = document.createElement('div');
    body.appendChild(holder);
    input = renderSecret(holder, token.value, token.name);
  });
  input.focus();
}

/** A paragraph of text and elements. */
function paragraph() {
  var p = document.createElement('p');
  p.append.apply(p, arguments);
  return p;
}
