// sessions.js: sessions, scenarios and snapshots. Pick a session (its dashboard is at
// /_sessions/<name>/_mock/, the default one at /_mock/), create one (from a scenario), drop
// this one; reset this session to a scenario; save, restore and delete its snapshots.

import {control, sessionName, sessionUrl} from './api.js';
import {byId, fill, h, onSubmit, options} from './dom.js';
import * as format from './format.js';
import {state} from './state.js';
import {attempt, info} from './status.js';

let afterChange = async () => {};

export async function loadSessions() {
  const {data} = await control('/sessions', {global: true});
  const names = data.map((s) => s.name);
  if (!names.includes(sessionName)) names.push(sessionName); // it is created by its first use
  options(byId('session-select'), names.map((n) => [n, n === 'default' ? 'default' : n]),
    sessionName);
  const current = data.find((s) => s.name === sessionName);
  fill(byId('session-facts'), current
    ? `${current.posts} post(s), from ${current.scenario ?? 'the fixtures'}; created `
      + `${new Date(current.created).toLocaleString()}` : '');
}

export async function loadScenarios() {
  const {data} = await control('/scenarios');
  const entries = [['', 'its starting data (plain reset)'],
    ...data.map((s) => [s.name, s.name])];
  options(byId('reset-scenario'), entries);
  options(byId('session-scenario'), [['', 'the mock’s default data'],
    ...data.map((s) => [s.name, s.name])]);
  fill(byId('scenario-notes'), data.map((s) => [h('dt', {}, s.name),
    h('dd', {}, s.description || '—')]));
}

export async function loadSnapshots() {
  const {data} = await control('/snapshots');
  byId('snapshot-list').dataset.count = String(data.length);
  fill(byId('snapshot-list'), data.length ? data.map((snap) => h('li', {
    class: 'snapshot', dataset: {snapshot: snap.name},
  },
  h('div', {}, h('strong', {}, snap.name),
    h('span', {class: 'muted'}, ` ${snap.posts} post(s), clock `
      + `${format.shortDateTime(snap.clock.now, state.zone)} ${snap.clock.mode}`)),
  h('button', {type: 'button', 'aria-label': `Restore snapshot ${snap.name}`,
    onclick: () => restore(snap.name)}, 'Restore'),
  h('button', {type: 'button', class: 'secondary', 'aria-label': `Delete snapshot ${snap.name}`,
    onclick: () => remove(snap.name)}, 'Delete'))) : h('li', {class: 'muted'}, 'No snapshot.'));
}

async function restore(name) {
  const clock = await attempt(`Restoring snapshot ${name}`, () =>
    control(`/snapshots/${encodeURIComponent(name)}/restore`, {method: 'POST'}));
  if (!clock) return;
  await afterChange();
  info(`Snapshot ${name} restored: clock at ${clock.iso}.`);
}

async function remove(name) {
  const done = await attempt(`Deleting snapshot ${name}`, () =>
    control(`/snapshots/${encodeURIComponent(name)}`, {method: 'DELETE'}));
  if (done === undefined) return;
  info(`Snapshot ${name} deleted.`);
  await attempt('Loading the snapshots', loadSnapshots);
}

// `changed`: reloads everything after the session's data was replaced (reset, restore).
export function setupSessions(changed) {
  afterChange = changed;
  fill(byId('session-name'), sessionName);
  const select = byId('session-select');
  select.addEventListener('change', () => {
    if (select.value !== sessionName) location.assign(sessionUrl(select.value));
  });
  onSubmit(byId('session-form'), async (form) => {
    const name = form.elements.name.value.trim();
    const scenario = form.elements.scenario.value;
    const body = scenario ? {name, scenario} : {name};
    const made = await attempt(`Creating session ${name}`, () =>
      control('/sessions', {method: 'POST', body, global: true}));
    if (made) location.assign(sessionUrl(made.name));
  });
  const drop = byId('session-delete');
  drop.hidden = sessionName === 'default';
  drop.addEventListener('click', async () => {
    const done = await attempt(`Dropping session ${sessionName}`, () =>
      control(`/sessions/${encodeURIComponent(sessionName)}`, {method: 'DELETE', global: true}));
    if (done !== undefined) location.assign(sessionUrl('default'));
  });
  onSubmit(byId('reset-form'), async (form) => {
    const scenario = form.elements.scenario.value;
    const clock = await attempt('Resetting the session', () =>
      control('/reset', {method: 'POST', body: scenario ? {scenario} : {}}));
    if (!clock) return;
    await afterChange();
    info(`Session reset${scenario ? ` to scenario ${scenario}` : ''}: clock at ${clock.iso}.`);
  });
  onSubmit(byId('snapshot-form'), async (form) => {
    const name = form.elements.name.value.trim();
    const snap = await attempt(`Saving snapshot ${name}`, () =>
      control('/snapshots', {method: 'POST', body: {name}}));
    if (!snap) return;
    form.reset();
    info(`Snapshot ${name} saved (${snap.posts} posts, clock ${snap.clock.iso}).`);
    await attempt('Loading the snapshots', loadSnapshots);
  });
}
