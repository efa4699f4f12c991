/* Rotate: confirm, then show the new value once; rotating the signed-in token switches the session to it. */
import { api, tokenPath } from './api.js';
import { openDialog, showOutcome } from './dialog.js';
import { renderSecret } from './secret.js';
import { switchToRotatedKey } from './session.js';
import { isSelf } from './state.js';
import { loadTokens } from './tokens.js';

export function confirmRotate(token) {
  var paragraphs = [
    'Rotating gives "' + token.name + '" a new value. The current value stops working immediately, '
      + 'so anything that uses it must be given the new one.',
  ];
  if (isSelf(token)) {
    paragraphs.push('You are signed in with this token: the console will switch to the new value for you.');
  }
  openDialog({
    title: 'Rotate ' + token.name,
    paragraphs: paragraphs,
    confirmLabel: 'Continue',
    action: function () {
      return api('POST', tokenPath(token.id) + '/rotate').then(function (rotated) {
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
      var p = document.createElement('p');
      p.textContent = 'The console now uses this new value for your session.';
      body.appendChild(p);
    }
    var holder = document.createElement('div');
    body.appendChild(holder);
    input = renderSecret(holder, token.value, token.name);
  });
  input.focus();
}
