/* Puts the API's refusal of a create or edit next to the field it is about. */
import { sentence } from './format.js';
import { showPermissionsError } from './permission-picker.js';
import { byId, showAlert, showFieldError } from './ui.js';

/** Places the error by the field its message names, else in the form's alert. */
export function placeFormError(error) {
  var message = sentence(error.message);
  if (error.status === 400 || error.status === 403) {
    var target = fieldOf(error);
    if (target === 'name') {
      showFieldError('f-name', 'f-name-error', message);
      byId('f-name').focus();
      return;
    }
    if (target === 'permissions') {
      showPermissionsError(message);
      return;
    }
    if (target === 'allowedCIDRBlocks') {
      showFieldError('f-cidrs', 'f-cidrs-error', message);
      byId('f-cidrs').focus();
      return;
    }
    if (target === 'expiresAt') {
      showFieldError('f-expiry', 'f-expiry-error', message);
      byId('f-expiry').focus();
      return;
    }
  }
  var text;
  if (error.status === 403) {
    text = 'Your token is not allowed to do this. ' + message;
  } else if (error.status === 404) {
    text = 'This token no longer exists: someone may have deleted it. Go back to the list to see the current tokens.';
  } else if (error.status === 409) {
    text = 'Someone changed this token at the same moment. Go back to the list, then try again.';
  } else {
    text = message;
  }
  showAlert('form-error', text);
}

function fieldOf(error) {
  var message = error.message;
  if (error.status === 403) {
    // "this token lacks X needed to ..." is about the caller; "cannot grant X" is about the choice.
    return /\blacks\b/.test(message) ? null : 'permissions';
  }
  if (/allowedCIDRBlocks|CIDR/i.test(message)) {
    return 'allowedCIDRBlocks';
  }
  if (/expiresAt/.test(message)) {
    return 'expiresAt';
  }
  if (/permission/i.test(message)) {
    return 'permissions';
  }
  if (/\bname\b/i.test(message)) {
    return 'name';
  }
  return null;
}
