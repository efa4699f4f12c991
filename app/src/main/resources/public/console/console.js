/*
 * The Keyward console: manages API tokens through the public REST API only (/api-tokens).
 * The signed-in token lives in sessionStorage (this tab only) and is sent as X-API-Key.
 * Data from the server is only ever put into the page as text, never as HTML.
 */
(function () {
  'use strict';

  var STORAGE_KEY = 'keyward.console.apiKey';
  var PAGE_SIZE = 100; // the API's maximum: fewest round trips
  var TOKEN_FORMAT = /^kw_[0-9A-Za-z]{36}$/;
  var PERMISSIONS_SHOWN = 6;
  var NAME_MAX = 255;

  var GROUPS = window.KEYWARD_PERMISSION_GROUPS;
  var LABELS = {};
  var ALL_PERMISSIONS = [];
  GROUPS.forEach(function (group) {
    group.permissions.forEach(function (permission) {
      LABELS[permission.name] = permission.label;
      ALL_PERMISSIONS.push(permission.name);
    });
  });

  var state = {
    key: null,      // the signed-in token's value
    self: null,     // the signed-in token as GET /api-tokens/self returns it
    tokens: [],     // every token loaded so far, in the API's order
    next: null,     // the cursor of the next page, null after the last
    editing: null,  // the token being edited, null when creating
    returnFocus: null,
  };

  function byId(id) {
    return document.getElementById(id);
  }

  // ---------------------------------------------------------------- the REST API

  function ApiError(status, message) {
    this.status = status;
    this.message = message;
  }

  /** Calls the API with the signed-in key; resolves to the parsed body, rejects with an ApiError. */
  function api(method, path, body, key) {
    var headers = { 'Accept': 'application/json', 'X-API-Key': key || state.key };
    var init = { method: method, headers: headers, cache: 'no-store', credentials: 'omit' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(function (response) {
      return response.text().then(function (text) {
        var payload = null;
        if (text) {
          try {
            payload = JSON.parse(text);
          } catch (e) {
            payload = null;
          }
        }
        if (!response.ok) {
          var message = payload && typeof payload.message === 'string' && payload.message
            ? payload.message
            : 'Keyward answered with HTTP status ' + response.status + '.';
          throw new ApiError(response.status, message);
        }
        return payload;
      });
    }, function () {
      throw new ApiError(0, 'Keyward could not be reached. Check your connection and try again.');
    });
  }

  function tokenPath(id) {
    return '/api-tokens/' + encodeURIComponent(id);
  }

  function sentence(message) {
    var text = String(message).trim();
    if (!text) {
      return text;
    }
    text = text.charAt(0).toUpperCase() + text.slice(1);
    return /[.!?]$/.test(text) ? text : text + '.';
  }

  /** A 401 after sign-in means the session's token stopped working: go back to sign-in, saying why. */
  function endSessionIfRefused(error) {
    if (error instanceof ApiError && error.status === 401) {
      signOut('Keyward no longer accepts the token you signed in with (it may have been rotated, deleted '
        + 'or expired, or your address is not allowed). Sign in again with a valid token.', true);
      return true;
    }
    return false;
  }

  // ---------------------------------------------------------------- views

  var VIEWS = ['view-signin', 'view-tokens', 'view-form', 'view-created'];
  var HEADINGS = {
    'view-signin': 'signin-title',
    'view-tokens': 'tokens-title',
    'view-form': 'form-title',
    'view-created': 'created-title',
  };

  function showView(view, focusTarget) {
    VIEWS.forEach(function (id) {
      byId(id).hidden = id !== view;
    });
    byId('session').hidden = view === 'view-signin';
    var target = focusTarget || byId(HEADINGS[view]);
    if (target) {
      target.focus();
    }
  }

  var toastTimer = null;

  function announce(message) {
    var toast = byId('toast');
    toast.textContent = message;
    toast.classList.add('visible');
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () {
      toast.classList.remove('visible');
    }, 5000);
  }

  function showFieldError(inputId, errorId, message) {
    var error = byId(errorId);
    error.textContent = message;
    error.hidden = false;
    byId(inputId).setAttribute('aria-invalid', 'true');
  }

  function clearFieldError(inputId, errorId) {
    var error = byId(errorId);
    error.textContent = '';
    error.hidden = true;
    byId(inputId).removeAttribute('aria-invalid');
  }

  function showAlert(id, message) {
    var alert = byId(id);
    alert.textContent = message;
    alert.hidden = false;
  }

  function hideAlert(id) {
    var alert = byId(id);
    alert.textContent = '';
    alert.hidden = true;
  }

  function setBusy(button, busy, busyLabel) {
    if (busy) {
      button.dataset.label = button.dataset.label || button.textContent.trim();
      button.disabled = true;
      button.setAttribute('aria-busy', 'true');
      if (busyLabel) {
        button.textContent = busyLabel;
      }
    } else {
      button.disabled = false;
      button.removeAttribute('aria-busy');
      if (busyLabel && button.dataset.label) {
        button.textContent = button.dataset.label;
      }
    }
  }

  // ---------------------------------------------------------------- sign-in and sign-out

  function showSignIn(message, isError) {
    var notice = byId('signin-notice');
    notice.textContent = message || '';
    notice.hidden = !message;
    notice.classList.toggle('notice-error', Boolean(isError));
    byId('signin-token').value = '';
    clearFieldError('signin-token', 'signin-error');
    showView('view-signin', byId('signin-token'));
  }

  function signInRefusal(error) {
    if (error.status === 401) {
      return 'Keyward refused this token. It may be mistyped, expired, rotated or deleted, '
        + 'or not allowed from your network address.';
    }
    if (error.status === 403) {
      return 'This token is valid but lacks Read API Token Info (OrganizationAPITokenRead), '
        + 'which the console needs to show tokens.';
    }
    return sentence(error.message);
  }

  function onSignIn(event) {
    event.preventDefault();
    var input = byId('signin-token');
    var value = input.value.trim();
    clearFieldError('signin-token', 'signin-error');
    byId('signin-notice').hidden = true;
    if (!value) {
      showFieldError('signin-token', 'signin-error', 'Paste an API token to sign in.');
      input.focus();
      return;
    }
    if (!TOKEN_FORMAT.test(value)) {
      showFieldError('signin-token', 'signin-error',
        'This is not a Keyward token: a token is "kw_" followed by 36 letters and digits.');
      input.focus();
      return;
    }
    var button = byId('signin-submit');
    setBusy(button, true, 'Signing in…');
    api('GET', tokenPath('self'), undefined, value).then(function (self) {
      setBusy(button, false, 'Signing in…');
      startSession(value, self);
    }, function (error) {
      setBusy(button, false, 'Signing in…');
      showFieldError('signin-token', 'signin-error', signInRefusal(error));
      input.focus();
    });
  }

  function startSession(key, self) {
    state.key = key;
    state.self = self;
    sessionStorage.setItem(STORAGE_KEY, key);
    byId('signin-token').value = '';
    renderSessionName();
    showTokens();
  }

  function renderSessionName() {
    byId('session-name').textContent = state.self ? state.self.name : '';
  }

  function signOut(message, isError) {
    sessionStorage.removeItem(STORAGE_KEY);
    state.key = null;
    state.self = null;
    state.tokens = [];
    state.next = null;
    state.editing = null;
    closeDialog();
    byId('token-tiles').textContent = '';
    clearSecrets();
    showSignIn(message || 'You have signed out. The token has been forgotten by this tab.', isError);
  }

  // ---------------------------------------------------------------- the list

  function showTokens(focusTarget) {
    showView('view-tokens', focusTarget);
    loadTokens();
  }

  var loadGeneration = 0;

  /**
   * Loads every token, following "next" page after page, and shows them once all have arrived; the
   * tiles shown before stay until then, so nothing flickers. The list is aria-busy meanwhile.
   */
  function loadTokens() {
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
        var self = loaded.filter(function (token) {
          return state.self && token.id === state.self.id;
        })[0];
        if (self) {
          state.self = self;
          renderSessionName();
        }
        renderTokens();
        return null;
      });
    }

    return fetchPage(null).catch(function (error) {
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

  function renderTokens() {
    var list = byId('token-tiles');
    list.textContent = '';
    state.tokens.forEach(function (token) {
      list.appendChild(renderTile(token));
    });
    list.removeAttribute('aria-busy');
    byId('tokens-empty').hidden = state.tokens.length > 0;
    var count = state.tokens.length;
    byId('tokens-summary').textContent = count === 1 ? '1 token' : count + ' tokens';
  }

  var dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

  function renderTime(element, iso, whenAbsent) {
    element.textContent = '';
    if (!iso) {
      element.textContent = whenAbsent;
      return;
    }
    var time = document.createElement('time');
    time.dateTime = iso;
    var date = new Date(iso);
    time.textContent = isNaN(date.getTime()) ? iso : dateFormat.format(date);
    time.title = iso;
    element.appendChild(time);
  }

  function describeActor(actor) {
    if (!actor) {
      return 'unknown';
    }
    if (actor.type === 'api-token') {
      var token = state.tokens.filter(function (t) {
        return t.id === actor.id;
      })[0];
      return token ? 'API token "' + token.name + '"' : 'API token ' + actor.id;
    }
    if (actor.type === 'system') {
      return actor.id === 'bootstrap' ? 'System (bootstrap)' : 'System';
    }
    if (actor.type === 'user') {
      return 'User ' + actor.id;
    }
    return actor.type + ' ' + actor.id;
  }

  function renderChange(element, iso, actor) {
    renderTime(element, iso, '—');
    if (iso && actor) {
      var by = document.createElement('span');
      by.className = 'by';
      by.textContent = 'by ' + describeActor(actor);
      element.appendChild(by);
    }
  }

  function renderTile(token) {
    var tile = byId('tile-template').content.firstElementChild.cloneNode(true);
    tile.dataset.tokenId = token.id;
    var nameId = 'token-name-' + token.id;
    var name = tile.querySelector('.tile-name');
    name.id = nameId;
    name.textContent = token.name;
    tile.querySelector('.tile-card').setAttribute('aria-labelledby', nameId);
    var isSelf = Boolean(state.self && token.id === state.self.id);
    tile.querySelector('.badge-self').hidden = !isSelf;
    tile.classList.toggle('tile-self', isSelf);
    var expired = token.expiresAt && new Date(token.expiresAt).getTime() <= Date.now();
    tile.querySelector('.badge-expired').hidden = !expired;
    tile.querySelector('.token-id').textContent = token.id;

    var menuButton = tile.querySelector('.menu-button');
    menuButton.setAttribute('aria-label', 'Actions for ' + token.name);
    var menuId = 'menu-' + token.id;
    menuButton.setAttribute('aria-controls', menuId);
    var menu = tile.querySelector('.menu-list');
    menu.id = menuId;
    menu.setAttribute('aria-label', 'Actions for ' + token.name);
    wireMenu(menuButton, menu, token);

    renderPermissions(tile, token);

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

    renderChange(tile.querySelector('.fact-created'), token.createdAt, token.createdBy);
    renderChange(tile.querySelector('.fact-modified'), token.updatedAt, token.updatedBy);
    renderTime(tile.querySelector('.fact-last-used'), token.lastUsedAt, 'Never');
    renderTime(tile.querySelector('.fact-expires'), token.expiresAt, 'Never');
    renderTime(tile.querySelector('.fact-rotated'), token.rotatedAt, 'Never');
    return tile;
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

  // ---------------------------------------------------------------- the per-token menu

  var openMenu = null;

  function closeMenu(focusButton) {
    if (!openMenu) {
      return;
    }
    openMenu.menu.hidden = true;
    openMenu.button.setAttribute('aria-expanded', 'false');
    if (focusButton) {
      openMenu.button.focus();
    }
    openMenu = null;
  }

  function wireMenu(button, menu, token) {
    var items = Array.prototype.slice.call(menu.querySelectorAll('[role="menuitem"]'));

    function open(focusIndex) {
      closeMenu(false);
      menu.hidden = false;
      button.setAttribute('aria-expanded', 'true');
      openMenu = { button: button, menu: menu };
      items[focusIndex].focus();
    }

    button.addEventListener('click', function () {
      if (openMenu && openMenu.menu === menu) {
        closeMenu(true);
      } else {
        open(0);
      }
    });
    button.addEventListener('keydown', function (event) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        open(event.key === 'ArrowDown' ? 0 : items.length - 1);
      }
    });
    menu.addEventListener('keydown', function (event) {
      var index = items.indexOf(document.activeElement);
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        var step = event.key === 'ArrowDown' ? 1 : -1;
        items[(index + step + items.length) % items.length].focus();
      } else if (event.key === 'Home' || event.key === 'End') {
        event.preventDefault();
        items[event.key === 'Home' ? 0 : items.length - 1].focus();
      } else if (event.key === 'Escape') {
        event.preventDefault();
        closeMenu(true);
      } else if (event.key === 'Tab') {
        closeMenu(false);
      }
    });
    items.forEach(function (item) {
      item.addEventListener('click', function () {
        closeMenu(false);
        state.returnFocus = button;
        var action = item.dataset.action;
        if (action === 'edit') {
          showForm(token);
        } else if (action === 'rotate') {
          confirmRotate(token);
        } else if (action === 'delete') {
          confirmDelete(token);
        }
      });
    });
  }

  document.addEventListener('click', function (event) {
    if (openMenu && !openMenu.menu.contains(event.target) && !openMenu.button.contains(event.target)) {
      closeMenu(false);
    }
  });

  // ---------------------------------------------------------------- create and edit

  function buildPermissionGroups() {
    var container = byId('permission-groups');
    GROUPS.forEach(function (group, groupIndex) {
      var fieldset = document.createElement('fieldset');
      fieldset.className = 'perm-group';
      var legend = document.createElement('legend');
      legend.textContent = group.title;
      fieldset.appendChild(legend);
      var all = document.createElement('button');
      all.type = 'button';
      all.className = 'link-button perm-all';
      all.textContent = 'Select all';
      all.setAttribute('aria-label', 'Select all in ' + group.title);
      fieldset.appendChild(all);
      var boxes = [];
      group.permissions.forEach(function (permission) {
        var row = document.createElement('div');
        row.className = 'perm';
        var box = document.createElement('input');
        box.type = 'checkbox';
        box.name = 'permissions';
        box.value = permission.name;
        box.id = 'perm-' + permission.name;
        var label = document.createElement('label');
        label.htmlFor = box.id;
        var text = document.createElement('span');
        text.className = 'perm-label';
        text.textContent = permission.label;
        var code = document.createElement('code');
        code.className = 'perm-api';
        code.textContent = permission.name;
        label.appendChild(text);
        label.appendChild(code);
        row.appendChild(box);
        row.appendChild(label);
        fieldset.appendChild(row);
        boxes.push(box);
      });
      all.addEventListener('click', function () {
        var select = !boxes.every(function (box) {
          return box.checked;
        });
        boxes.forEach(function (box) {
          box.checked = select;
        });
        onPermissionsChanged();
      });
      fieldset.dataset.group = String(groupIndex);
      container.appendChild(fieldset);
    });
    container.addEventListener('change', onPermissionsChanged);
  }

  function permissionBoxes() {
    return Array.prototype.slice.call(document.querySelectorAll('#permission-groups input[type="checkbox"]'));
  }

  function onPermissionsChanged() {
    var checked = permissionBoxes().filter(function (box) {
      return box.checked;
    }).length;
    byId('f-permissions-count').textContent = checked + ' of ' + ALL_PERMISSIONS.length + ' selected.';
    document.querySelectorAll('#permission-groups .perm-group').forEach(function (fieldset) {
      var boxes = fieldset.querySelectorAll('input[type="checkbox"]');
      var allChecked = Array.prototype.every.call(boxes, function (box) {
        return box.checked;
      });
      var button = fieldset.querySelector('.perm-all');
      button.textContent = allChecked ? 'Clear all' : 'Select all';
      button.setAttribute('aria-label', (allChecked ? 'Clear all in ' : 'Select all in ')
        + fieldset.querySelector('legend').textContent);
    });
    if (checked > 0) {
      clearPermissionsError();
    }
  }

  function clearPermissionsError() {
    var error = byId('f-permissions-error');
    error.textContent = '';
    error.hidden = true;
    byId('f-permissions').removeAttribute('aria-invalid');
  }

  function showPermissionsError(message) {
    var error = byId('f-permissions-error');
    error.textContent = message;
    error.hidden = false;
    byId('f-permissions').setAttribute('aria-invalid', 'true');
  }

  function clearFormErrors() {
    clearFieldError('f-name', 'f-name-error');
    clearPermissionsError();
    clearFieldError('f-cidrs', 'f-cidrs-error');
    clearFieldError('f-expiry', 'f-expiry-error');
    byId('f-expiry-date').removeAttribute('aria-invalid');
    hideAlert('form-error');
  }

  function showForm(token) {
    state.editing = token || null;
    clearFormErrors();
    var editing = Boolean(token);
    byId('form-title').textContent = editing ? 'Edit ' + token.name : 'Create an API Token';
    byId('form-submit').textContent = editing ? 'Save Changes' : 'Create API Token';
    byId('f-name').value = editing ? token.name : '';
    var held = editing ? token.permissions : [];
    permissionBoxes().forEach(function (box) {
      box.checked = held.indexOf(box.value) >= 0;
    });
    onPermissionsChanged();
    byId('f-cidrs').value = editing ? (token.allowedCIDRBlocks || []).join('\n') : '';
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

  function leaveForm() {
    var focus = state.returnFocus;
    state.editing = null;
    state.returnFocus = null;
    showView('view-tokens', focus && document.contains(focus) ? focus : null);
  }

  function checkCidrsAsTyped() {
    var result = window.KeywardCidr.check(byId('f-cidrs').value);
    if (result.problems.length) {
      showFieldError('f-cidrs', 'f-cidrs-error', result.problems.join(' '));
    } else {
      clearFieldError('f-cidrs', 'f-cidrs-error');
    }
    return result;
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

  function onSubmitForm(event) {
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
    var permissions = permissionBoxes().filter(function (box) {
      return box.checked;
    }).map(function (box) {
      return box.value;
    });
    var cidrs = checkCidrsAsTyped();
    if (cidrs.problems.length) {
      invalid.push(byId('f-cidrs'));
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

    var body = { name: name, permissions: permissions, allowedCIDRBlocks: cidrs.blocks };
    if (!editing && expiry.value) {
      body.expiresAt = expiry.value;
    }
    var submit = byId('form-submit');
    setBusy(submit, true, editing ? 'Saving…' : 'Creating…');
    var request = editing ? api('POST', tokenPath(editing.id), body) : api('POST', '/api-tokens', body);
    request.then(function (token) {
      setBusy(submit, false, editing ? 'Saving…' : 'Creating…');
      if (editing) {
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

  /** Puts an API error next to the field it is about, judged by the field the message names. */
  function placeFormError(error) {
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
        permissionBoxes()[0].focus();
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

  // ---------------------------------------------------------------- the one-time value

  var secretCount = 0;

  function renderSecret(container, value, tokenName) {
    container.textContent = '';
    var secret = byId('secret-template').content.firstElementChild.cloneNode(true);
    secretCount += 1;
    var inputId = 'secret-value-' + secretCount;
    var warningId = 'secret-warning-' + secretCount;
    var input = secret.querySelector('.secret-value');
    input.id = inputId;
    input.value = value;
    input.setAttribute('aria-describedby', warningId);
    secret.querySelector('.warning').id = warningId;
    var label = secret.querySelector('.secret-label');
    label.htmlFor = inputId;
    label.textContent = 'Value of "' + tokenName + '"';
    var copy = secret.querySelector('.secret-copy');
    copy.setAttribute('aria-label', 'Copy the value of "' + tokenName + '"');
    var status = secret.querySelector('.copy-status');
    input.addEventListener('focus', function () {
      input.select();
    });
    copy.addEventListener('click', function () {
      copyText(input).then(function () {
        status.textContent = 'Copied to the clipboard.';
      }, function () {
        input.focus();
        input.select();
        status.textContent = 'Copying was blocked by the browser: the value is selected, press Ctrl+C (⌘C on a Mac).';
      });
    });
    container.appendChild(secret);
    return input;
  }

  function copyText(input) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(input.value);
    }
    // Plain-HTTP pages have no clipboard API; the older command still works there.
    input.focus();
    input.select();
    return document.execCommand('copy') ? Promise.resolve() : Promise.reject(new Error('copy refused'));
  }

  function clearSecrets() {
    byId('created-secret').textContent = '';
  }

  function showCreated(token) {
    state.editing = null;
    byId('created-name').textContent = 'Your new token "' + token.name + '" is ready.';
    renderSecret(byId('created-secret'), token.value, token.name);
    showView('view-created');
  }

  function onCreatedDone() {
    clearSecrets();
    state.returnFocus = null;
    showTokens();
  }

  // ---------------------------------------------------------------- rotate and delete dialogs

  var dialogAction = null;
  var dialogBusy = false;

  function openDialog(options) {
    var dialog = byId('confirm-dialog');
    byId('confirm-title').textContent = options.title;
    var body = byId('confirm-body');
    body.textContent = '';
    options.paragraphs.forEach(function (text) {
      var p = document.createElement('p');
      p.textContent = text;
      body.appendChild(p);
    });
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
    if (!dialog.open) {
      dialog.showModal();
    }
    // The safe choice has the focus, so a stray Enter never deletes or rotates anything.
    cancel.focus();
  }

  function closeDialog() {
    var dialog = byId('confirm-dialog');
    if (dialog.open) {
      dialog.close();
    }
  }

  function onDialogClosed() {
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

  function onDialogConfirm() {
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
      if (error.status === 404) {
        text = 'This token no longer exists: someone may have deleted it already.';
      } else if (error.status === 403) {
        text = 'Your token is not allowed to do this. ' + sentence(error.message);
      } else if (error.status === 409) {
        text = 'Someone changed this token at the same moment. Try again.';
      } else {
        text = sentence(error.message);
      }
      showAlert('confirm-error', text);
    });
  }

  function isSelf(token) {
    return Boolean(state.self && token.id === state.self.id);
  }

  function confirmRotate(token) {
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
            state.key = rotated.value;
            sessionStorage.setItem(STORAGE_KEY, rotated.value);
            state.self = withoutValue(rotated);
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
    byId('confirm-title').textContent = 'New value for ' + token.name;
    var body = byId('confirm-body');
    body.textContent = '';
    if (self) {
      var p = document.createElement('p');
      p.textContent = 'The console now uses this new value for your session.';
      body.appendChild(p);
    }
    var holder = document.createElement('div');
    body.appendChild(holder);
    var input = renderSecret(holder, token.value, token.name);
    byId('confirm-ok').hidden = true;
    dialogAction = null;
    var done = byId('confirm-cancel');
    done.textContent = 'Done';
    done.className = 'button button-primary';
    input.focus();
  }

  function confirmDelete(token) {
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

  // ---------------------------------------------------------------- start

  function init() {
    buildPermissionGroups();
    byId('signin-form').addEventListener('submit', onSignIn);
    byId('sign-out').addEventListener('click', function () {
      signOut();
    });
    byId('create-button').addEventListener('click', function () {
      state.returnFocus = byId('create-button');
      showForm(null);
    });
    byId('tokens-retry').addEventListener('click', loadTokens);
    byId('token-form').addEventListener('submit', onSubmitForm);
    byId('form-cancel').addEventListener('click', leaveForm);
    byId('form-back').addEventListener('click', leaveForm);
    byId('f-cidrs').addEventListener('input', checkCidrsAsTyped);
    byId('f-name').addEventListener('input', function () {
      clearFieldError('f-name', 'f-name-error');
    });
    byId('f-expiry').addEventListener('change', function () {
      byId('f-expiry-custom').hidden = byId('f-expiry').value !== 'custom';
      clearFieldError('f-expiry', 'f-expiry-error');
    });
    byId('created-done').addEventListener('click', onCreatedDone);
    byId('confirm-ok').addEventListener('click', onDialogConfirm);
    byId('confirm-cancel').addEventListener('click', closeDialog);
    byId('confirm-dialog').addEventListener('close', onDialogClosed);
    byId('confirm-dialog').addEventListener('cancel', function (event) {
      if (dialogBusy) {
        event.preventDefault();
      }
    });

    var saved = sessionStorage.getItem(STORAGE_KEY);
    if (!saved) {
      showSignIn();
      return;
    }
    api('GET', tokenPath('self'), undefined, saved).then(function (self) {
      startSession(saved, self);
    }, function (error) {
      sessionStorage.removeItem(STORAGE_KEY);
      showSignIn(signInRefusal(error) + ' Sign in again.', true);
    });
  }

  init();
}());
