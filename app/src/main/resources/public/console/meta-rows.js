/*
 * A token's metadata in the form: one row per key, a key and a value. A value typed here is a string;
 * a row left as the token had it keeps its original JSON value (a number stays a number).
 */
import { byId, clearFieldError, showFieldError } from './ui.js';

var rowCount = 0;

function addRow(key, text, original) {
  rowCount += 1;
  var row = document.createElement('li');
  row.className = 'meta-row';
  if (original !== undefined) {
    row.dataset.original = JSON.stringify(original);
    row.dataset.originalText = text;
  }
  var keyId = 'meta-key-' + rowCount;
  var valueId = 'meta-value-' + rowCount;
  row.appendChild(labelled(keyId, 'Key', 'meta-key', key));
  row.appendChild(labelled(valueId, 'Value', 'meta-value', text));
  var remove = document.createElement('button');
  remove.type = 'button';
  remove.className = 'link-button meta-remove';
  remove.textContent = 'Remove';
  remove.addEventListener('click', function () {
    row.remove();
    clearFieldError('f-meta-add', 'f-meta-error');
    byId('f-meta-add').focus();
  });
  row.appendChild(remove);
  byId('f-meta-rows').appendChild(row);
  return row;
}

function labelled(id, labelText, className, value) {
  var wrap = document.createElement('div');
  wrap.className = 'meta-cell';
  var label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = labelText;
  var input = document.createElement('input');
  input.type = 'text';
  input.id = id;
  input.className = className;
  input.autocomplete = 'off';
  input.spellcheck = false;
  input.value = value;
  wrap.appendChild(label);
  wrap.appendChild(input);
  return wrap;
}

/** Fills the rows from a token's metadata (or none, for a new token). */
export function showMeta(meta) {
  byId('f-meta-rows').textContent = '';
  clearFieldError('f-meta-add', 'f-meta-error');
  Object.keys(meta || {}).forEach(function (key) {
    var value = meta[key];
    addRow(key, typeof value === 'string' ? value : JSON.stringify(value), value);
  });
}

export function onAddMetaRow() {
  addRow('', '').querySelector('.meta-key').focus();
}

/** The rows as one object, or a problem to show next to them. */
export function metaFromForm() {
  // No prototype: a key such as "__proto__" is a key like any other.
  var meta = Object.create(null);
  var rows = Array.prototype.slice.call(byId('f-meta-rows').children);
  for (var i = 0; i < rows.length; i++) {
    // Keys are taken as typed: one loaded from the token keeps even its spaces.
    var key = rows[i].querySelector('.meta-key').value;
    var text = rows[i].querySelector('.meta-value').value;
    if (!key.trim()) {
      return { problem: 'Give every metadata row a key, or remove the row.', focus: rows[i].querySelector('.meta-key') };
    }
    if (Object.prototype.hasOwnProperty.call(meta, key)) {
      return { problem: 'The key "' + key + '" appears twice.', focus: rows[i].querySelector('.meta-key') };
    }
    var unchanged = rows[i].dataset.original !== undefined && rows[i].dataset.originalText === text;
    meta[key] = unchanged ? JSON.parse(rows[i].dataset.original) : text;
  }
  return { value: meta };
}

export function showMetaProblem(result) {
  showFieldError('f-meta-add', 'f-meta-error', result.problem);
}
