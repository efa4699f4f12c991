/* The per-token menu (Edit, Rotate, Disable or Enable, Delete): a menu button with arrow keys, Home, End and Escape. */
import { state } from './state.js';

// main.js names what each item does, so the menu knows none of the views it opens.
var actions = {};

export function connectMenu(edit, rotate, toggle, remove) {
  actions = { edit: edit, rotate: rotate, toggle: toggle, delete: remove };
}

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

/** A click anywhere outside the open menu closes it. */
export function closeMenuOnClickOutside(event) {
  if (openMenu && !openMenu.menu.contains(event.target) && !openMenu.button.contains(event.target)) {
    closeMenu(false);
  }
}

export function wireMenu(button, menu, token) {
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
      var action = actions[item.dataset.action];
      if (action) {
        action(token);
      }
    });
  });
}
