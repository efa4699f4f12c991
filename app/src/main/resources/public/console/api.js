/* The REST API client: every call carries the signed-in token as X-API-Key and fails with an ApiError. */
import { state } from './state.js';

export function ApiError(status, message) {
  this.status = status;
  this.message = message;
}

/** Calls the API with the signed-in key; resolves to the parsed body, rejects with an ApiError. */
export function api(method, path, body, key) {
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

export function tokenPath(id) {
  return '/api-tokens/' + encodeURIComponent(id);
}
