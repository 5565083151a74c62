// api.js: every request the dashboard makes. The session's URL prefix (the part of the page's
// path before /_mock/), the control API (/_mock/…, with the control token when one is given)
// and the contract's API (/brands/…, as one of the directory's users, always X-Mock-Quiet so
// that the dashboard's own reads stay out of the journal and out of the fault rules' way).

const CONTROL_TOKEN_KEY = 'socialpost.controlToken';

// The contract's operations (openapi.yaml's operationIds), as fault rules and the journal
// name them: the choices of both operation selects, after "any".
export const OPERATIONS = ['listSocialPosts', 'createSocialPost', 'getSocialPostStats',
  'updateSocialPost', 'deleteSocialPost'];
export const OPERATION_CHOICES = [['', 'any'], ...OPERATIONS.map((id) => [id, id])];

const at = location.pathname.indexOf('/_mock/');
// '' for the default session, '/_sessions/<name>' for a named one.
export const prefix = at > 0 ? location.pathname.slice(0, at) : '';
const named = /^\/_sessions\/([^/]+)$/.exec(prefix);
export const sessionName = named ? decodeURIComponent(named[1]) : 'default';

// The dashboard URL of a session (the default one at /_mock/).
export function sessionUrl(name) {
  return name === 'default' ? '/_mock/' : `/_sessions/${encodeURIComponent(name)}/_mock/`;
}

let apiToken = null;

export function setApiToken(token) {
  apiToken = token;
}

export function controlToken() {
  return sessionStorage.getItem(CONTROL_TOKEN_KEY) || '';
}

export function setControlToken(token) {
  if (token) sessionStorage.setItem(CONTROL_TOKEN_KEY, token);
  else sessionStorage.removeItem(CONTROL_TOKEN_KEY);
}

// An answer other than 2xx (or no answer): what the mock's problem document says.
export class ProblemError extends Error {
  constructor(status, title, detail, {control = false, url = ''} = {}) {
    super(detail ? `${title}: ${detail}` : title);
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.control = control;
    this.url = url;
  }
}

async function send(url, {method = 'GET', body, headers = {}, control = false} = {}) {
  const init = {method, headers: {Accept: 'application/json, application/problem+json',
    ...headers}};
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    throw new ProblemError(0, 'The mock cannot be reached', error.message, {control, url});
  }
  const text = await response.text();
  let data = text;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  if (!response.ok) {
    const problem = data && typeof data === 'object' ? data : {};
    const title = problem.title || `${response.status} ${response.statusText}`;
    const detail = problem.detail || problem.message || (typeof data === 'string' ? data : '');
    throw new ProblemError(response.status, title, detail, {control, url});
  }
  return data;
}

function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

// The control API of this page's session: control('/clock'), control('/clock', {method, body}).
// {global: true} addresses /_mock/… without the session prefix (the sessions themselves).
export function control(path, {params, global = false, ...options} = {}) {
  const token = controlToken();
  const headers = token ? {Authorization: `Bearer ${token}`} : {};
  const base = global ? '' : prefix;
  return send(`${base}/_mock${path}${query(params)}`, {...options, headers, control: true});
}

// The contract's API of this page's session, as the chosen token's user, quietly.
export function api(path, {params, ...options} = {}) {
  const headers = {'X-Mock-Quiet': '1'};
  if (apiToken) headers.Authorization = `Bearer ${apiToken}`;
  return send(`${prefix}${path}${query(params)}`, {...options, headers});
}

// Every post of a brand (soft-deleted ones are never listed), page by page.
export async function allPosts(brand) {
  const path = `/brands/${encodeURIComponent(brand)}/social-posts`;
  const posts = [];
  for (;;) {
    const page = await api(path, {params: {limit: 1000, start: posts.length}});
    posts.push(...page.data);
    if (!page.data.length || posts.length >= page.info.total) return posts;
  }
}
