// The HTTP API, with the signed-in user's token; errors keep the contract's error model.
import {forget, token} from './auth.js';

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message || `HTTP ${status}`);
    this.status = status;
    this.code = body?.code;
    this.target = body?.target;
    this.details = body?.details || [];
    this.meta = body?.meta || {};
  }
}

let base = '';

export function configure(config) {
  base = config.api.replace(/\/$/, '');
}

async function send(method, path, {json, body, contentType, accept = 'application/json'} = {}) {
  const headers = {Authorization: `Bearer ${token()}`, Accept: accept};
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (contentType) {
    headers['Content-Type'] = contentType;
  }
  const answer = await fetch(base + path, {method, headers, body});
  if (answer.status === 401) {
    forget();
    location.reload();
  }
  if (!answer.ok) {
    let error = null;
    try {
      error = await answer.json();
    } catch { /* not JSON */ }
    throw new ApiError(answer.status, error);
  }
  return answer;
}

export const api = {
  get: async (path) => (await send('GET', path)).json(),
  text: async (path, accept) => (await send('GET', path, {accept})).text(),
  blob: async (path) => (await send('GET', path, {accept: '*/*'})).blob(),
  post: async (path, json) => {
    const answer = await send('POST', path, {json});
    return answer.status === 204 ? null : answer.json();
  },
  /** A POST whose answer is text, such as a drawing. */
  postText: async (path, json, accept) => (await send('POST', path, {json, accept})).text(),
  put: async (path, json) => (await send('PUT', path, {json})).json(),
  del: async (path) => {
    await send('DELETE', path);
  },
  upload: async (path, file) => (await send('POST', path, {body: file, contentType: file.type || 'application/octet-stream'})).json(),
};

/** Path pieces are ids from the API, still encoded. */
export function itemPath(itemId, rest = '') {
  return `/items/${encodeURIComponent(itemId)}${rest}`;
}

export function jobPath(itemId, jobId, rest = '') {
  return itemPath(itemId, `/jobs/${encodeURIComponent(jobId)}${rest}`);
}
