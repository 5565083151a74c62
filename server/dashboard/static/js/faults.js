// faults.js: the session's fault rules (/_mock/faults): a form to add one (match: operation,
// method, path, body fields; effect: status + message, connection, delay; frequency: times,
// probability, after), the list with their counters, removing one or all.

import {OPERATION_CHOICES, control} from './api.js';
import {byId, fill, h, onSubmit, options} from './dom.js';
import {attempt, info} from './status.js';

function number(value) {
  return value === '' ? undefined : Number(value);
}

// "300" or "100-300" (milliseconds).
function delay(value) {
  const text = value.trim();
  if (!text) return undefined;
  const range = /^(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)$/.exec(text);
  if (range) return {min: Number(range[1]), max: Number(range[2])};
  return Number(text);
}

// The rule the form describes, as POST /_mock/faults takes it (empty fields left out).
function rule(form) {
  const f = form.elements;
  const body = {
    operation: f.operation.value || undefined,
    method: f.method.value || undefined,
    path: f.path.value.trim() || undefined,
    status: number(f.status.value),
    message: f.message.value.trim() || undefined,
    connection: f.connection.value || undefined,
    delay_ms: delay(f.delay_ms.value),
    times: number(f.times.value),
    probability: number(f.probability.value),
    after: number(f.after.value),
  };
  const match = f.body.value.trim();
  if (match) body.body = JSON.parse(match);
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
}

function describe(fault) {
  const match = [fault.operation, fault.method, fault.path,
    fault.body ? `body ${JSON.stringify(fault.body)}` : null].filter(Boolean).join(' ')
    || 'every API request';
  const effects = [];
  if (fault.status) effects.push(`answers ${fault.status}${fault.message ? ` “${fault.message}”` : ''}`);
  if (fault.connection) effects.push(`connection ${fault.connection}`);
  if (fault.delay_ms !== undefined) {
    const d = fault.delay_ms;
    effects.push(`waits ${typeof d === 'number' ? d : `${d.min}-${d.max}`} ms`);
  }
  const when = [fault.times !== null ? `${fault.times} time(s)` : 'always',
    fault.probability !== 1 ? `p=${fault.probability}` : null,
    fault.after ? `after ${fault.after}` : null].filter(Boolean).join(', ');
  return `${match}: ${effects.join(', ')} (${when})`;
}

export async function loadFaults() {
  const {data} = await control('/faults');
  const list = byId('fault-list');
  byId('faults').dataset.count = String(data.length);
  fill(list, data.length ? data.map((fault) => h('li', {
    class: fault.remaining === 0 ? 'fault spent' : 'fault',
    dataset: {fault: fault.id, fired: String(fault.fired)},
  },
  h('div', {}, h('strong', {}, fault.id), ' ', describe(fault)),
  h('div', {class: 'muted'}, `matched ${fault.matched} · fired ${fault.fired} · remaining `
    + `${fault.remaining ?? '∞'}`),
  h('button', {type: 'button', class: 'secondary', 'aria-label': `Remove ${fault.id}`,
    onclick: () => remove(fault.id)}, 'Remove'))) : h('li', {class: 'muted'}, 'No fault rule.'));
}

async function remove(id) {
  const done = await attempt(`Removing ${id}`, () =>
    control(`/faults/${encodeURIComponent(id)}`, {method: 'DELETE'}));
  if (done === undefined) return;
  info(`${id} removed.`);
  await attempt('Loading the fault rules', loadFaults);
}

export function setupFaults() {
  options(byId('fault-form').operation, OPERATION_CHOICES);
  onSubmit(byId('fault-form'), async (form) => {
    let body;
    try {
      body = rule(form);
    } catch {
      info('Body fields must be a JSON object, such as {"caption": "fail me"}.');
      return;
    }
    const fault = await attempt('Adding the fault rule', () =>
      control('/faults', {method: 'POST', body}));
    if (!fault) return;
    info(`${fault.id} added: ${describe(fault)}.`);
    await attempt('Loading the fault rules', loadFaults);
  });
  byId('faults-refresh').addEventListener('click', () =>
    attempt('Loading the fault rules', loadFaults));
  byId('faults-clear').addEventListener('click', async () => {
    const done = await attempt('Removing the fault rules', () =>
      control('/faults', {method: 'DELETE'}));
    if (done === undefined) return;
    info('Every fault rule removed.');
    await attempt('Loading the fault rules', loadFaults);
  });
}
