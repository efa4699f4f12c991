/* The create and edit form: one form for both; an edit keeps the expiry the token was created with. */
import { api, tokenPath } from './api.js';
import { showCreated } from './created.js';
import { check as checkCidrs } from './cidr.js';
import { dateFormat } from './format.js';
import { placeFormError } from './form-errors.js';
import { metaFromForm, showMeta, showMetaProblem } from './meta-rows.js';
import { fillOwnerChoice } from './owners.js';
import { choosePermissions, chosenPermissions, clearPermissionsError } from './permission-picker.js';
import { endSessionIfRefused, renderSessionName, signOut } from './session.js';
import { state } from './state.js';
import { loadTokens } from './tokens.js';
import { announce, byId, clearFieldError, hideAlert, setBusy, showFieldError, showView } from './ui.js';

var NAME_MAX = 255;

function clearFormErrors() {
  clearFieldError('f-name', 'f-name-error');
  clearPermissionsError();
  clearFieldError('f-cidrs', 'f-cidrs-error');
  clearFieldError('f-expiry', 'f-expiry-error');
  clearFieldError('f-meta-add', 'f-meta-error');
  byId('f-expiry-date').removeAttribute('aria-invalid');
  hideAlert('form-error');
}

/** Opens the form to edit the token, or to create one when token is null. */
export function showForm(token) {
  state.editing = token || null;
  clearFormErrors();
  var editing = Boolean(token);
  byId('form-title').textContent = editing ? 'Edit ' + token.name : 'Create an API Token';
  byId('form-submit').textContent = editing ? 'Save Changes' : 'Create API Token';
  byId('f-name').value = editing ? token.name : '';
  choosePermissions(editing ? token.permissions : []);
  byId('f-cidrs').value = editing ? (token.allowedCIDRBlocks || []).join('\n') : '';
  byId('f-enabled').checked = editing ? token.enabled !== false : true;
  showMeta(editing ? token.meta : {});
  fillOwnerChoice(editing ? token.ownerId : null);
  byId('f-expiry').value = 'never';
  byId('f-expiry-date').value = '';
  byId('f-expiry-custom').hidden = true;
  // The API sets the expiry at creation only; an edit shows it without offering to change it.
  byId('f-expiry-editable').hidden = editing;
  var fixed = byId('f-expiry-fixed');
  fixed.hidden = !editing;
  if (editing) {
    fixed.textContent = token.expiresAt
      ? 'This token expires on ' + dateFormat.format(new Date(token.expiresAt)) + '. The expiry is set when a token is created.'
      : 'This token never expires. The expiry is set when a token is created.';
  }
  showView('view-form', byId('f-name'));
}

export function leaveForm() {
  var focus = state.returnFocus;
  state.editing = null;
  state.returnFocus = null;
  showView('view-tokens', focus && document.contains(focus) ? focus : null);
}

export function checkCidrsAsTyped() {
  var result = checkCidrs(byId('f-cidrs').value);
  if (result.problems.length) {
    showFieldError('f-cidrs', 'f-cidrs-error', result.problems.join(' '));
  } else {
    clearFieldError('f-cidrs', 'f-cidrs-error');
  }
  return result;
}

export function onExpiryChosen() {
  byId('f-expiry-custom').hidden = byId('f-expiry').value !== 'custom';
  clearFieldError('f-expiry', 'f-expiry-error');
}

function expiryFromForm() {
  var choice = byId('f-expiry').value;
  if (choice === 'never') {
    return { value: null };
  }
  var when;
  if (choice === 'custom') {
    var day = byId('f-expiry-date').value;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) {
      return { problem: 'Pick the date on which the token should expire.' };
    }
    var parts = day.split('-').map(Number);
    // The end of the chosen day in the admin's own time zone.
    when = new Date(parts[0], parts[1] - 1, parts[2], 23, 59, 59);
    if (when.getTime() <= Date.now()) {
      return { problem: 'The expiry date must be in the future.' };
    }
  } else {
    when = new Date(Date.now() + Number(choice) * 24 * 60 * 60 * 1000);
  }
  return { value: when.toISOString().replace(/\.\d{3}Z$/, 'Z') };
}

export function onSubmitForm(event) {
  event.preventDefault();
  clearFormErrors();
  var editing = state.editing;
  var invalid = [];
  var name = byId('f-name').value.trim();
  if (!name) {
    showFieldError('f-name', 'f-name-error', 'Give the token a name.');
    invalid.push(byId('f-name'));
  } else if (name.length > NAME_MAX) {
    showFieldError('f-name', 'f-name-error', 'The name may be at most ' + NAME_MAX + ' characters long.');
    invalid.push(byId('f-name'));
  }
  var permissions = chosenPermissions();
  var cidrs = checkCidrsAsTyped();
  if (cidrs.problems.length) {
    invalid.push(byId('f-cidrs'));
  }
  var meta = metaFromForm();
  if (meta.problem) {
    showMetaProblem(meta);
    invalid.push(meta.focus);
  }
  var expiry = editing ? { value: null } : expiryFromForm();
  if (expiry.problem) {
    showFieldError('f-expiry', 'f-expiry-error', expiry.problem);
    var custom = byId('f-expiry').value === 'custom';
    if (custom) {
      byId('f-expiry-date').setAttribute('aria-invalid', 'true');
    }
    invalid.push(custom ? byId('f-expiry-date') : byId('f-expiry'));
  }
  if (invalid.length) {
    invalid[0].focus();
    return;
  }

  var body = { name: name, permissions: permissions, allowedCIDRBlocks: cidrs.blocks, enabled: byId('f-enabled').checked,
    meta: meta.value || {} };
  var ownerId = byId('f-owner').value;
  if (ownerId || editing) {
    body.ownerId = ownerId || null;
  }
  if (!editing && expiry.value) {
    body.expiresAt = expiry.value;
  }
  var submit = byId('form-submit');
  setBusy(submit, true, editing ? 'Saving…' : 'Creating…');
  var request = editing ? api('POST', tokenPath(editing.id), body) : api('POST', '/api-tokens', body);
  request.then(function (token) {
    setBusy(submit, false, editing ? 'Saving…' : 'Creating…');
    if (editing) {
      if (state.self && token.id === state.self.id && token.enabled === false) {
        signOut('You disabled the token you were signed in with, so you have been signed out.', false);
        return;
      }
      if (state.self && token.id === state.self.id) {
        state.self = token;
        renderSessionName();
      }
      var focus = state.returnFocus;
      state.editing = null;
      state.returnFocus = null;
      announce('Saved changes to "' + token.name + '".');
      showView('view-tokens', focus && document.contains(focus) ? focus : null);
      loadTokens();
    } else {
      showCreated(token);
    }
  }, function (error) {
    setBusy(submit, false, editing ? 'Saving…' : 'Creating…');
    if (!endSessionIfRefused(error)) {
      placeFormError(error);
    }
  });
}
