/* The list of tokens: loads every page of GET /api-tokens and shows one tile per token. */
import { api } from './api.js';
import { hasPassed, renderChange, renderTime, renderUse, sentence } from './format.js';
import { wireMenu } from './menu.js';
import { loadOwners, ownerOf } from './owners.js';
import { ALL_PERMISSIONS, LABELS } from './permissions.js';
import { endSessionIfRefused, renderSessionName } from './session.js';
import { isSelf, state } from './state.js';
import { byId, markNav, showView } from './ui.js';

var PAGE_SIZE = 100; // the API's maximum: fewest round trips
var PERMISSIONS_SHOWN = 6;

export function showTokens(focusTarget) {
  markNav('nav-tokens');
  showView('view-tokens', focusTarget);
  loadTokens();
}

export function clearTokens() {
  byId('token-tiles').textContent = '';
}

var loadGeneration = 0;

/**
 * Loads every token, following "next" page after page, and shows them once all have arrived; the
 * tiles shown before stay until then, so nothing flickers. The list is aria-busy meanwhile.
 */
export function loadTokens() {
  // A reload supersedes any load still in flight, so two quick reloads never mix their results.
  var generation = ++loadGeneration;
  var list = byId('token-tiles');
  var loaded = [];
  byId('tokens-error-text').textContent = '';
  byId('tokens-error').hidden = true;
  list.setAttribute('aria-busy', 'true');
  byId('tokens-summary').textContent = 'Loading tokens…';

  function current() {
    return generation === loadGeneration && Boolean(state.key);
  }

  function fetchPage(cursor) {
    var query = '?limit=' + PAGE_SIZE + (cursor ? '&cursor=' + encodeURIComponent(cursor) : '');
    return api('GET', '/api-tokens' + query).then(function (page) {
      if (!current()) {
        return null;
      }
      loaded = loaded.concat(page && Array.isArray(page.results) ? page.results : []);
      if (page && page.next) {
        byId('tokens-summary').textContent = 'Loading tokens… ' + loaded.length + ' so far';
        return fetchPage(page.next);
      }
      state.tokens = loaded;
      var self = loaded.filter(isSelf)[0];
      if (self) {
        state.self = self;
        renderSessionName();
      }
      renderTokens();
      return null;
    });
  }

  // Owners first, so the tiles can name them; a token that may not list owners still lists tokens.
  return loadOwners().catch(function () {
    return [];
  }).then(function () {
    return fetchPage(null);
  }).catch(function (error) {
    if (!current()) {
      return;
    }
    list.removeAttribute('aria-busy');
    if (endSessionIfRefused(error)) {
      return;
    }
    byId('tokens-summary').textContent = '';
    var text = error.status === 403
      ? 'Your token cannot list tokens: ' + sentence(error.message)
      : 'The tokens could not be loaded. ' + sentence(error.message);
    byId('tokens-error-text').textContent = text;
    byId('tokens-error').hidden = false;
  });
}

// Tiles are drawn for at most this many matches at a time ("Show more" draws the next ones), so an
// installation with thousands of keys stays quick to show and to search.
var TILES_SHOWN = 200;
var shownLimit = TILES_SHOWN;

/** The tokens the search box, the status and the owner choice keep, in the API's order. */
function matchingTokens() {
  var search = byId('token-search').value.trim().toLowerCase();
  var status = byId('token-status').value;
  var owner = byId('token-owner-filter').value;
  return state.tokens.filter(function (token) {
    return (!search || token.name.toLowerCase().indexOf(search) >= 0)
      && (status === '' || (status === 'disabled') === (token.enabled === false))
      && (owner === '' || (owner === 'none' ? !token.ownerId : token.ownerId === owner));
  });
}

/** A change of the search or a filter starts again from the first tiles. */
export function onFindTokens() {
  shownLimit = TILES_SHOWN;
  renderTokens();
}

export function onShowMoreTokens() {
  shownLimit += TILES_SHOWN;
  renderTokens();
}

function fillOwnerFilter() {
  var select = byId('token-owner-filter');
  var chosen = select.value;
  select.textContent = '';
  [['', 'All owners'], ['none', 'No owner']].concat((state.owners || []).map(function (owner) {
    return [owner.id, owner.externalId + (owner.name ? ' (' + owner.name + ')' : '')];
  })).forEach(function (pair) {
    var option = document.createElement('option');
    option.value = pair[0];
    option.textContent = pair[1];
    select.appendChild(option);
  });
  select.value = Array.prototype.some.call(select.options, function (option) { return option.value === chosen; }) ? chosen : '';
}

function renderTokens() {
  fillOwnerFilter();
  var list = byId('token-tiles');
  list.textContent = '';
  var matching = matchingTokens();
  matching.slice(0, shownLimit).forEach(function (token) {
    list.appendChild(renderTile(token));
  });
  list.removeAttribute('aria-busy');
  byId('tokens-more').hidden = matching.length <= shownLimit;
  byId('tokens-empty').hidden = state.tokens.length > 0;
  var count = state.tokens.length;
  var all = count === 1 ? '1 token' : count + ' tokens';
  byId('tokens-summary').textContent = matching.length === count ? all : matching.length + ' of ' + all + ' match';
}

function renderTile(token) {
  var tile = byId('tile-template').content.firstElementChild.cloneNode(true);
  tile.dataset.tokenId = token.id;
  var nameId = 'token-name-' + token.id;
  var name = tile.querySelector('.tile-name');
  name.id = nameId;
  name.textContent = token.name;
  tile.querySelector('.tile-card').setAttribute('aria-labelledby', nameId);
  var self = isSelf(token);
  tile.querySelector('.badge-self').hidden = !self;
  tile.classList.toggle('tile-self', self);
  var disabled = token.enabled === false;
  tile.querySelector('.badge-disabled').hidden = !disabled;
  tile.classList.toggle('tile-disabled', disabled);
  var expired = hasPassed(token.expiresAt);
  tile.querySelector('.badge-expired').hidden = !expired;
  // rotationDueAt comes from the server's rotation period; an expired token needs no rotation.
  var rotationDue = !expired && hasPassed(token.rotationDueAt);
  tile.querySelector('.badge-rotation-due').hidden = !rotationDue;
  tile.querySelector('.token-id').textContent = token.id;

  var menuButton = tile.querySelector('.menu-button');
  menuButton.setAttribute('aria-label', 'Actions for ' + token.name);
  var menuId = 'menu-' + token.id;
  menuButton.setAttribute('aria-controls', menuId);
  var menu = tile.querySelector('.menu-list');
  menu.id = menuId;
  menu.setAttribute('aria-label', 'Actions for ' + token.name);
  menu.querySelector('[data-action="toggle"]').textContent = disabled ? 'Enable' : 'Disable';
  wireMenu(menuButton, menu, token);

  renderPermissions(tile, token);
  renderCidrs(tile, token);
  renderMeta(tile, token.meta || {});
  var owner = ownerOf(token);
  tile.querySelector('.fact-owner-row').hidden = !token.ownerId;
  tile.querySelector('.fact-owner').textContent = owner ? owner.externalId + (owner.name ? ' (' + owner.name + ')' : '')
    : (token.ownerId || '');

  renderChange(tile.querySelector('.fact-created'), token.createdAt, token.createdBy);
  renderChange(tile.querySelector('.fact-modified'), token.updatedAt, token.updatedBy);
  renderUse(tile.querySelector('.fact-last-used'), token.lastUsedAt, token.lastUsedFrom);
  renderTime(tile.querySelector('.fact-expires'), token.expiresAt, 'Never');
  renderTime(tile.querySelector('.fact-rotated'), token.rotatedAt, 'Never');
  renderTime(tile.querySelector('.fact-rotation-due'), token.rotationDueAt, '—');
  renderPreviousValue(tile, token.previousValueExpiresAt);
  return tile;
}

/** After a rotation with an overlap, until when the value before it still works; no fact once it has stopped. */
function renderPreviousValue(tile, iso) {
  var stillValid = Boolean(iso) && !hasPassed(iso);
  tile.querySelector('.fact-previous').hidden = !stillValid;
  if (stillValid) {
    renderTime(tile.querySelector('.fact-previous-until'), iso, '');
  }
}

/** One chip per key, "key: value" (a non-string value as its JSON); no section without metadata. */
function renderMeta(tile, meta) {
  var keys = Object.keys(meta);
  tile.querySelector('.tile-meta').hidden = keys.length === 0;
  var chips = tile.querySelector('.meta-chips');
  keys.forEach(function (key) {
    var chip = document.createElement('li');
    chip.className = 'chip chip-mono';
    chip.textContent = key + ': ' + (typeof meta[key] === 'string' ? meta[key] : JSON.stringify(meta[key]));
    chips.appendChild(chip);
  });
}

function renderCidrs(tile, token) {
  var cidrs = tile.querySelector('.cidr-chips');
  var blocks = token.allowedCIDRBlocks || [];
  if (blocks.length === 0) {
    var any = document.createElement('li');
    any.className = 'chip chip-muted';
    any.textContent = 'Any address';
    cidrs.appendChild(any);
  }
  blocks.forEach(function (block) {
    var chip = document.createElement('li');
    chip.className = 'chip chip-mono';
    chip.textContent = block;
    cidrs.appendChild(chip);
  });
}

function renderPermissions(tile, token) {
  var chips = tile.querySelector('.perm-chips');
  var names = (token.permissions || []).slice().sort(function (a, b) {
    return ALL_PERMISSIONS.indexOf(a) - ALL_PERMISSIONS.indexOf(b);
  });
  tile.querySelector('.perms-heading').textContent = 'Permissions (' + names.length + ')';
  if (names.length === 0) {
    var none = document.createElement('li');
    none.className = 'chip chip-muted';
    none.textContent = 'None (it can only rotate itself)';
    chips.appendChild(none);
  }
  names.forEach(function (permission, index) {
    var chip = document.createElement('li');
    chip.className = 'chip';
    chip.dataset.permission = permission;
    chip.title = permission;
    chip.textContent = LABELS[permission] || permission;
    chip.hidden = index >= PERMISSIONS_SHOWN;
    chips.appendChild(chip);
  });
  var toggle = tile.querySelector('.perms-toggle');
  if (names.length > PERMISSIONS_SHOWN) {
    var listId = 'perms-' + token.id;
    chips.id = listId;
    toggle.setAttribute('aria-controls', listId);
    toggle.hidden = false;
    var collapsedText = 'Show all ' + names.length + ' permissions';
    toggle.textContent = collapsedText;
    toggle.addEventListener('click', function () {
      var expand = toggle.getAttribute('aria-expanded') !== 'true';
      toggle.setAttribute('aria-expanded', String(expand));
      toggle.textContent = expand ? 'Show fewer' : collapsedText;
      Array.prototype.forEach.call(chips.children, function (chip, index) {
        chip.hidden = !expand && index >= PERMISSIONS_SHOWN;
      });
    });
  }
}
