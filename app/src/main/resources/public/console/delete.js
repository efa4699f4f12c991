/* Delete: confirm, then remove; deleting the signed-in token signs out. */
import { api, tokenPath } from './api.js';
import { closeDialog, openDialog } from './dialog.js';
import { signOut } from './session.js';
import { isSelf, state } from './state.js';
import { loadTokens } from './tokens.js';
import { announce } from './ui.js';

export function confirmDelete(token) {
  var paragraphs = ['Delete "' + token.name + '"? Anything that uses it will be refused at once. This cannot be undone.'];
  if (isSelf(token)) {
    paragraphs.push('You are signed in with this token, so you will be signed out.');
  }
  openDialog({
    title: 'Delete ' + token.name,
    paragraphs: paragraphs,
    confirmLabel: 'Delete',
    danger: true,
    action: function () {
      return api('DELETE', tokenPath(token.id)).then(function () {
        var self = isSelf(token);
        state.returnFocus = null;
        closeDialog();
        if (self) {
          signOut('You deleted the token you were signed in with, so you have been signed out.', false);
          return;
        }
        announce('Deleted "' + token.name + '".');
        loadTokens();
      });
    },
  });
}
