/* The page after a create: the new token's value, once; Done forgets it and goes back to the list. */
import { renderSecret } from './secret.js';
import { state } from './state.js';
import { showTokens } from './tokens.js';
import { byId, showView } from './ui.js';

export function showCreated(token) {
  state.editing = null;
  byId('created-name').textContent = 'Your new token "' + token.name + '" is ready.';
  renderSecret(byId('created-secret'), token.value, token.name);
  showView('view-created');
}

export function clearSecrets() {
  byId('created-secret').textContent = '';
}

export function onCreatedDone() {
  clearSecrets();
  state.returnFocus = null;
  showTokens();
}
