// requests.js: the session's request journal (GET /_mock/requests), newest first, filtered by
// operation and status class; each entry expands to its request and response. Refresh, or
// auto refresh: polls with the `after` cursor (info.last_id) and adds only what is new.

import {OPERATION_CHOICES, control} from './api.js';
import {byId, fill, h, json, options} from './dom.js';
import {attempt} from './status.js';

const SHOWN = 100; // entries kept on the page
const AUTO_MS = 2000;

let lastId = 0;
let autoTimer = 0;

function filters() {
  return {operation: byId('requests-operation').value, status: byId('requests-status').value};
}

function query(entry) {
  const pairs = Object.entries(entry.query || {})
    .flatMap(([key, values]) => values.map((v) => `${key}=${v}`));
  return pairs.length ? `?${pairs.join('&')}` : '';
}

function statusClass(status) {
  return status === null ? 'none' : `s${String(status)[0]}xx`;
}

function message(title, part) {
  const headers = Object.entries(part.headers || {}).map(([k, v]) => `${k}: ${v}`).join('\n');
  const size = `${part.size} byte(s)${part.truncated ? ', cut short' : ''}`;
  return h('section', {class: 'message'}, h('h4', {}, title),
    h('pre', {class: 'headers'}, headers),
    h('h5', {}, `Body (${size})`),
    h('pre', {class: 'body'}, part.body === null ? '(empty)' : json(part.body)));
}

function entryElement(entry) {
  const details = h('details', {class: 'request', dataset: {requestId: String(entry.id),
    operation: entry.operation ?? '', status: String(entry.status ?? '')}});
  const when = new Date(entry.at).toLocaleTimeString('en-GB', {hour12: false});
  details.append(h('summary', {},
    h('span', {class: `code ${statusClass(entry.status)}`}, entry.status ?? 'closed'),
    ` ${entry.method} `, h('code', {}, entry.path),
    h('span', {class: 'muted'}, ` ${entry.operation ?? 'no operation'} · #${entry.id} · ${when}`
      + ` · ${entry.duration_ms} ms`),
    entry.fault ? h('span', {class: 'badge failing'}, entry.fault) : null));
  // The bodies are rendered when the entry is opened: a list's answer can be large.
  details.addEventListener('toggle', () => {
    if (!details.open || details.dataset.rendered) return;
    details.dataset.rendered = '1';
    details.append(h('div', {class: 'exchange'},
      h('p', {}, h('code', {}, `${entry.method} ${entry.path}${query(entry)}`),
        ` → ${entry.status ?? 'no answer (connection closed)'}`,
        entry.fault ? ` by fault rule ${entry.fault}` : ''),
      message('Request', entry.request), message(`Response ${entry.status ?? ''}`, entry.response)));
  }, {once: false});
  return details;
}

function render(entries, {replace}) {
  const list = byId('request-list');
  if (replace) fill(list);
  const items = entries.map((entry) => h('li', {}, entryElement(entry)));
  list.prepend(...items);
  while (list.children.length > SHOWN) list.lastElementChild.remove();
  const empty = byId('requests-empty');
  empty.hidden = list.children.length > 0;
  byId('requests').dataset.count = String(list.children.length);
}

// Everything matching the filters again, newest first.
export async function loadRequests() {
  const answer = await control('/requests', {params: {...filters(), limit: 50}});
  lastId = answer.info.last_id ?? 0;
  render(answer.data, {replace: true});
  fill(byId('requests-total'), `${answer.info.total} matching`);
}

// Only what arrived since the last look (oldest first, then shown on top, newest first).
async function tail() {
  const answer = await control('/requests',
    {params: {...filters(), after: lastId, order: 'asc', limit: SHOWN}});
  lastId = answer.info.last_id ?? lastId;
  if (answer.data.length) render(answer.data.reverse(), {replace: false});
}

function auto() {
  window.clearTimeout(autoTimer);
  if (!byId('requests-auto').checked) return;
  autoTimer = window.setTimeout(async () => {
    try {
      await tail();
    } catch {
      // quiet in the background; the Refresh button reports
    }
    auto();
  }, AUTO_MS);
}

export function setupRequests() {
  options(byId('requests-operation'), OPERATION_CHOICES);
  const reload = () => attempt('Loading the requests', loadRequests);
  byId('requests-refresh').addEventListener('click', reload);
  byId('requests-operation').addEventListener('change', reload);
  byId('requests-status').addEventListener('change', reload);
  byId('requests-clear').addEventListener('click', async () => {
    const done = await attempt('Clearing the journal', () =>
      control('/requests', {method: 'DELETE'}));
    if (done !== undefined) await reload();
  });
  byId('requests-auto').addEventListener('change', auto);
  auto();
}
