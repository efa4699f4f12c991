/* The page's moving parts shared by every view: which view shows, the toast, field errors, busy buttons. */

export function byId(id) {
  return document.getElementById(id);
}

var VIEWS = ['view-signin', 'view-tokens', 'view-owners', 'view-form', 'view-created'];
var HEADINGS = {
  'view-signin': 'signin-title',
  'view-tokens': 'tokens-title',
  'view-owners': 'owners-title',
  'view-form': 'form-title',
  'view-created': 'created-title',
};

/** Marks the page of the main navigation that shows: API Tokens or Owners. */
export function markNav(id) {
  ['nav-tokens', 'nav-owners'].forEach(function (nav) {
    if (nav === id) {
      byId(nav).setAttribute('aria-current', 'page');
    } else {
      byId(nav).removeAttribute('aria-current');
    }
  });
}

export function showView(view, focusTarget) {
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

export function announce(message) {
  var toast = byId('toast');
  toast.textContent = message;
  toast.classList.add('visible');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(function () {
    toast.classList.remove('visible');
  }, 5000);
}

export function showFieldError(inputId, errorId, message) {
  var error = byId(errorId);
  error.textContent = message;
  error.hidden = false;
  byId(inputId).setAttribute('aria-invalid', 'true');
}

export function clearFieldError(inputId, errorId) {
  var error = byId(errorId);
  error.textContent = '';
  error.hidden = true;
  byId(inputId).removeAttribute('aria-invalid');
}

export function showAlert(id, message) {
  var alert = byId(id);
  alert.textContent = message;
  alert.hidden = false;
}

export function hideAlert(id) {
  var alert = byId(id);
  alert.textContent = '';
  alert.hidden = true;
}

export function setBusy(button, busy, busyLabel) {
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
