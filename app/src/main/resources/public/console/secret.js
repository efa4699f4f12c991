/* A token's one-time value with its Copy button, shown after a create or a rotation. */
import { byId } from './ui.js';

var secretCount = 0;

/** Fills the container with the value and returns its input. */
export function renderSecret(container, value, tokenName) {
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
