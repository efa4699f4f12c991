/* The form's permission checkboxes, one fieldset per group with a "Select all" / "Clear all" button. */
import { ALL_PERMISSIONS, PERMISSION_GROUPS } from './permissions.js';
import { byId } from './ui.js';

export function buildPermissionPicker() {
  var container = byId('permission-groups');
  PERMISSION_GROUPS.forEach(function (group, groupIndex) {
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

/** Ticks exactly the given permissions. */
export function choosePermissions(names) {
  permissionBoxes().forEach(function (box) {
    box.checked = names.indexOf(box.value) >= 0;
  });
  onPermissionsChanged();
}

export function chosenPermissions() {
  return permissionBoxes().filter(function (box) {
    return box.checked;
  }).map(function (box) {
    return box.value;
  });
}

function onPermissionsChanged() {
  var checked = chosenPermissions().length;
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

export function clearPermissionsError() {
  var error = byId('f-permissions-error');
  error.textContent = '';
  error.hidden = true;
  byId('f-permissions').removeAttribute('aria-invalid');
}

/** Shows the message above the checkboxes and puts the focus on the first one. */
export function showPermissionsError(message) {
  var error = byId('f-permissions-error');
  error.textContent = message;
  error.hidden = false;
  byId('f-permissions').setAttribute('aria-invalid', 'true');
  permissionBoxes()[0].focus();
}
