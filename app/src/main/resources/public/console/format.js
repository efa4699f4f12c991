/* How sentences, times and actors read on the page; data is put in as text, never as HTML. */
import { state } from './state.js';

export function sentence(message) {
  var text = String(message).trim();
  if (!text) {
    return text;
  }
  text = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(text) ? text : text + '.';
}

export const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A <time> element showing the RFC 3339 instant in the reader's time zone (the instant itself as its title). */
export function timeElement(iso) {
  var time = document.createElement('time');
  time.dateTime = iso;
  var date = new Date(iso);
  time.textContent = isNaN(date.getTime()) ? iso : dateFormat.format(date);
  time.title = iso;
  return time;
}

export function renderTime(element, iso, whenAbsent) {
  element.textContent = '';
  if (!iso) {
    element.textContent = whenAbsent;
    return;
  }
  element.appendChild(timeElement(iso));
}

/** Whether the RFC 3339 instant has come; false when there is none. */
export function hasPassed(iso) {
  return Boolean(iso) && new Date(iso).getTime() <= Date.now();
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

/** When a token was last used and, when known, from which client address. */
export function renderUse(element, iso, from) {
  renderTime(element, iso, 'Never');
  if (iso && from) {
    var where = document.createElement('span');
    where.className = 'by used-from';
    where.textContent = 'from ' + from;
    element.appendChild(where);
  }
}

export function renderChange(element, iso, actor) {
  renderTime(element, iso, '—');
  if (iso && actor) {
    var by = document.createElement('span');
    by.className = 'by';
    by.textContent = 'by ' + describeActor(actor);
    element.appendChild(by);
  }
}
