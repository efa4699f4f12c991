/*
 * The Keyward console: manages API tokens through the public REST API only (/api-tokens).
 * This module wires the others to the page; data from the server is only ever put into it as text.
 */
import { clearSecrets, onCreatedDone } from './created.js';
import { confirmDelete } from './delete.js';
import { closeDialog, onDialogCancel, onDialogClosed, onDialogConfirm } from './dialog.js';
import { closeMenuOnClickOutside, connectMenu } from './menu.js';
import { buildPermissionPicker } from './permission-picker.js';
import { confirmRotate } from './rotate.js';
import { confirmSwitch } from './switch.js';
import { connectSession, onSignIn, resumeSession, signOut } from './session.js';
import { state } from './state.js';
import { onAddMetaRow } from './meta-rows.js';
import { onCreateOwner, showOwners } from './owners.js';
import { checkCidrsAsTyped, leaveForm, onExpiryChosen, onSubmitForm, showForm } from './token-form.js';
import { clearTokens, loadTokens, onFindTokens, onShowMoreTokens, showTokens } from './tokens.js';
import { byId, clearFieldError } from './ui.js';

connectSession(function () {
  showTokens();
}, function () {
  closeDialog();
  clearTokens();
  clearSecrets();
});
connectMenu(showForm, confirmRotate, confirmSwitch, confirmDelete);
document.addEventListener('click', closeMenuOnClickOutside);

buildPermissionPicker();
byId('signin-form').addEventListener('submit', onSignIn);
byId('sign-out').addEventListener('click', function () {
  signOut();
});
byId('create-button').addEventListener('click', function () {
  state.returnFocus = byId('create-button');
  showForm(null);
});
byId('tokens-retry').addEventListener('click', loadTokens);
byId('token-search').addEventListener('input', onFindTokens);
byId('token-status').addEventListener('change', onFindTokens);
byId('token-owner-filter').addEventListener('change', onFindTokens);
byId('tokens-more').addEventListener('click', onShowMoreTokens);
byId('token-form').addEventListener('submit', onSubmitForm);
byId('form-cancel').addEventListener('click', leaveForm);
byId('form-back').addEventListener('click', leaveForm);
byId('f-cidrs').addEventListener('input', checkCidrsAsTyped);
byId('f-name').addEventListener('input', function () {
  clearFieldError('f-name', 'f-name-error');
});
byId('f-expiry').addEventListener('change', onExpiryChosen);
byId('f-meta-add').addEventListener('click', onAddMetaRow);
byId('owner-form').addEventListener('submit', onCreateOwner);
// Signed in, the two pages switch in place; signed out, the links load the page (which asks to sign in).
byId('nav-owners').addEventListener('click', function (event) {
  if (state.key) {
    event.preventDefault();
    showOwners();
  }
});
byId('nav-tokens').addEventListener('click', function (event) {
  if (state.key) {
    event.preventDefault();
    showTokens();
  }
});
byId('created-done').addEventListener('click', onCreatedDone);
byId('confirm-ok').addEventListener('click', onDialogConfirm);
byId('confirm-cancel').addEventListener('click', closeDialog);
byId('confirm-dialog').addEventListener('close', onDialogClosed);
byId('confirm-dialog').addEventListener('cancel', onDialogCancel);

resumeSession();
