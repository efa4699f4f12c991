/*
 * Owners: whose keys are. The page lists every owner (all pages of GET /owners), creates one from its
 * externalId and name, and deletes one no token belongs to; the token form offers them as a choice.
 */
import { api } from './api.js';
import { closeDialog, openDialog } from './dialog.js';
import { sentence } from './format.js';
import { endSessionIfRefused } from './session.js';
import { state } from './state.js';
import { announce, byId, clearFieldError, hideAlert, markNav, setBusy, showAlert, showFieldError, showView } from './ui.js';

var PAGE_SIZE = 100;

/** Every owner, page after page; kept in state.owners for the token form and the tiles. */
export function loadOwners() {
  var loaded = [];
  function fetchPage(cursor) {
    var query = '?limit=' + PAGE_SIZE + (cursor ? '&cursor=' + encodeURIComponent(cursor) : '');
    return api('GET', '/owners' + query).then(function (page) {
      loaded = loaded.concat(page && Array.isArray(page.results) ? page.results : []);
      if (page && page.next) {
        return fetchPage(page.next);
      }
      state.owners = loaded;
      return loaded;
    });
  }
  return fetchPage(null);
}

/** The owner a token names, by id, from what was loaded; null when unknown or none. */
export function ownerOf(token) {
  if (!token.ownerId) {
    return null;
  }
  return (state.owners || []).filter(function (owner) {
    return owner.id === token.ownerId;
  })[0] || null;
}

export function showOwners() {
  markNav('nav-owners');
  showView('view-owners');
  refreshOwners();
}

function refreshOwners() {
  hideAlert('owners-error');
  byId('owners-summary').textContent = 'Loading owners…';
  return loadOwners().then(renderOwners, function (error) {
    if (!endSessionIfRefused(error)) {
      byId('owners-summary').textContent = '';
      showAlert('owners-error', 'The owners could not be loaded. ' + sentence(error.message));
    }
  });
}

function renderOwners() {
  var rows = byId('owner-rows');
  rows.textContent = '';
  state.owners.forEach(function (owner) {
    var row = document.createElement('tr');
    row.dataset.ownerId = owner.id;
    cell(row, owner.externalId, 'mono');
    cell(row, owner.name || '—');
    cell(row, Object.keys(owner.meta || {}).map(function (key) {
      var value = owner.meta[key];
      return key + ': ' + (typeof value === 'string' ? value : JSON.stringify(value));
    }).join(', ') || '—', 'mono');
    var actions = document.createElement('td');
    var remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'link-button danger';
    remove.textContent = 'Delete';
    remove.setAttribute('aria-label', 'Delete owner ' + owner.externalId);
    remove.addEventListener('click', function () {
      confirmDeleteOwner(owner, remove);
    });
    actions.appendChild(remove);
    row.appendChild(actions);
    rows.appendChild(row);
  });
  var count = state.owners.length;
  byId('owners-summary').textContent = count === 1 ? '1 owner' : count + ' owners';
  byId('owners-empty').hidden = count > 0;
}

function cell(row, text, className) {
  var td = document.createElement('td');
  td.textContent = text;
  if (className) {
    td.className = className;
  }
  row.appendChild(td);
}

export function onCreateOwner(event) {
  event.preventDefault();
  clearFieldError('o-external-id', 'o-external-id-error');
  hideAlert('owners-error');
  var externalId = byId('o-external-id').value;
  if (!externalId.trim()) {
    showFieldError('o-external-id', 'o-external-id-error', 'Give the owner the id your platform knows it by.');
    byId('o-external-id').focus();
    return;
  }
  var name = byId('o-name').value.trim();
  var body = { externalId: externalId };
  if (name) {
    body.name = name;
  }
  var submit = byId('o-submit');
  setBusy(submit, true, 'Creating…');
  api('POST', '/owners', body).then(function (owner) {
    setBusy(submit, false, 'Creating…');
    byId('o-external-id').value = '';
    byId('o-name').value = '';
    announce('Created owner "' + owner.externalId + '".');
    return refreshOwners();
  }, function (error) {
    setBusy(submit, false, 'Creating…');
    if (endSessionIfRefused(error)) {
      return;
    }
    if (error.status === 400 || error.status === 409) {
      showFieldError('o-external-id', 'o-external-id-error', sentence(error.message));
      byId('o-external-id').focus();
    } else {
      showAlert('owners-error', 'The owner could not be created. ' + sentence(error.message));
    }
  });
}

function confirmDeleteOwner(owner, returnTo) {
  state.returnFocus = returnTo;
  openDialog({
    title: 'Delete owner ' + owner.externalId,
    paragraphs: ['Delete the owner "' + owner.externalId + '"? Only an owner no token belongs to can be deleted.'],
    confirmLabel: 'Delete',
    danger: true,
    conflictSaysWhy: true,
    action: function () {
      return api('DELETE', '/owners/' + encodeURIComponent(owner.id)).then(function () {
        state.returnFocus = null;
        closeDialog();
        announce('Deleted owner "' + owner.externalId + '".');
        refreshOwners().then(function () {
          byId('owners-title').focus();
        });
      });
    },
  });
}

/** The token form's owner choice: "No owner" and every owner by externalId (and name). */
export function fillOwnerChoice(selectedId) {
  var select = byId('f-owner');
  select.textContent = '';
  var none = document.createElement('option');
  none.value = '';
  none.textContent = 'No owner';
  select.appendChild(none);
  (state.owners || []).forEach(function (owner) {
    var option = document.createElement('option');
    option.value = owner.id;
    option.textContent = owner.externalId + (owner.name ? ' (' + owner.name + ')' : '');
    select.appendChild(option);
  });
  // An owner the list does not hold (not loaded, or newer than the list) stays chosen, never dropped.
  if (selectedId && !(state.owners || []).some(function (owner) { return owner.id === selectedId; })) {
    var kept = document.createElement('option');
    kept.value = selectedId;
    kept.textContent = 'Owner ' + selectedId;
    select.appendChild(kept);
  }
  select.value = selectedId || '';
}
