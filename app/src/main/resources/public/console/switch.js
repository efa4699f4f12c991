/* Disable and enable: a disabled token is refused by every door yet kept, so it can be enabled again. */
import { api, tokenPath } from './api.js';
import { closeDialog, openDialog } from './dialog.js';
import { signOut } from './session.js';
import { isSelf, state } from './state.js';
import { loadTokens } from './tokens.js';
import { announce } from './ui.js';

/** The update that flips only enabled: the name and permissions are sent as they are, the CIDR blocks are kept by leaving them out. */
function switchTo(token, enabled) {
  return api('POST', tokenPath(token.id), { name: token.name, permissions: token.permissions, enabled: enabled });
}

/** Disabling asks first (it refuses whatever uses the token); enabling does not. */
export function confirmSwitch(token) {
  if (token.enabled === false) {
    return openDialog({
      title: 'Enable ' + token.name,
      paragraphs: ['Enable "' + token.name + '"? Its value works again at once, on every node.'],
      confirmLabel: 'Enable',
      danger: false,
      action: function () {
        return switchTo(token, true).then(function () {
          closeDialog();
          announce('Enabled "' + token.name + '".');
          loadTokens();
        });
      },
    });
  }
  var paragraphs = ['Disable "' + token.name + '"? Anything that uses it will be refused within a second, until '
    + 'you enable it again. Its value and settings are kept.'];
  if (isSelf(token)) {
    paragraphs.push('You are signed in with this token, so you will be signed out.');
  }
  openDialog({
    title: 'Disable ' + token.name,
    paragraphs: paragraphs,
    confirmLabel: 'Disable',
    danger: true,
    action: function () {
      return switchTo(token, false).then(function () {
        var self = isSelf(token);
        state.returnFocus = self ? null : state.returnFocus;
        closeDialog();
        if (self) {
          signOut('You disabled the token you were signed in with, so you have been signed out.', false);
          return;
        }
        announce('Disabled "' + token.name + '".');
        loadTokens();
      });
    },
  });
}
