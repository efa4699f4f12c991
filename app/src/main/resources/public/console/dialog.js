/* The confirmation dialog of rotate, disable and delete; it stays open while its action runs. */
import { sentence } from './format.js';
import { endSessionIfRefused } from './session.js';
import { state } from './state.js';
import { byId, hideAlert, setBusy, showAlert } from './ui.js';

var dialogAction = null;
var dialogConflict = null;
var dialogBusy = false;

/**
 * options: title, paragraphs, confirmLabel, danger, action (returns a promise), and optionally fill,
 * which puts more content (such as a choice the action reads) into the body after the paragraphs, and
 * conflictSaysWhy: a 409 or 404 then shows the server's message (about something other than a token)
 * instead of "someone changed this token" or "this token no longer exists".
 */
export function openDialog(options) {
  var dialog = byId('confirm-dialog');
  byId('confirm-title').textContent = options.title;
  var body = byId('confirm-body');
  body.textContent = '';
  options.paragraphs.forEach(function (text) {
    var p = document.createElement('p');
    p.textContent = text;
    body.appendChild(p);
  });
  if (options.fill) {
    options.fill(body);
  }
  hideAlert('confirm-error');
  var ok = byId('confirm-ok');
  ok.hidden = false;
  ok.textContent = options.confirmLabel;
  ok.className = 'button ' + (options.danger ? 'button-danger' : 'button-primary');
  ok.disabled = false;
  ok.removeAttribute('aria-busy');
  delete ok.dataset.label;
  var cancel = byId('confirm-cancel');
  cancel.textContent = 'Cancel';
  cancel.className = 'button button-secondary';
  dialogAction = options.action;
  dialogConflict = Boolean(options.conflictSaysWhy);
  if (!dialog.open) {
    dialog.showModal();
  }
  // The safe choice has the focus, so a stray Enter never deletes or rotates anything.
  cancel.focus();
}

/** Turns the open dialog into a result with one Done button; fill puts the content into its body. */
export function showOutcome(title, fill) {
  byId('confirm-title').textContent = title;
  var body = byId('confirm-body');
  body.textContent = '';
  fill(body);
  byId('confirm-ok').hidden = true;
  dialogAction = null;
  var done = byId('confirm-cancel');
  done.textContent = 'Done';
  done.className = 'button button-primary';
}

export function closeDialog() {
  var dialog = byId('confirm-dialog');
  if (dialog.open) {
    dialog.close();
  }
}

export function onDialogClosed() {
  dialogAction = null;
  byId('confirm-body').textContent = '';
  var focus = state.returnFocus;
  state.returnFocus = null;
  if (!byId('view-tokens').hidden) {
    if (focus && document.contains(focus)) {
      focus.focus();
    } else {
      byId('tokens-title').focus();
    }
  }
}

/** Escape does not close the dialog while its action runs. */
export function onDialogCancel(event) {
  if (dialogBusy) {
    event.preventDefault();
  }
}

export function onDialogConfirm() {
  if (!dialogAction) {
    return;
  }
  var ok = byId('confirm-ok');
  setBusy(ok, true, 'Working…');
  // Until the answer arrives the dialog stays open: a rotation's new value must not be lost.
  dialogBusy = true;
  byId('confirm-cancel').disabled = true;
  hideAlert('confirm-error');
  dialogAction().then(function () {
    dialogBusy = false;
    byId('confirm-cancel').disabled = false;
  }, function (error) {
    dialogBusy = false;
    byId('confirm-cancel').disabled = false;
    setBusy(ok, false, 'Working…');
    if (endSessionIfRefused(error)) {
      return;
    }
    var text;
    if (error.status === 404 && dialogConflict) {
      text = sentence(error.message);
    } else if (error.status === 404) {
      text = 'This token no longer exists: someone may have deleted it already.';
    } else if (error.status === 403) {
      text = 'Your token is not allowed to do this. ' + sentence(error.message);
    } else if (error.status === 409 && dialogConflict) {
      text = sentence(error.message);
    } else if (error.status === 409) {
      text = 'Someone changed this token at the same moment. Try again.';
    } else {
      text = sentence(error.message);
    }
    showAlert('confirm-error', text);
  });
}
