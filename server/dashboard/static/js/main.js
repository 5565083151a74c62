// main.js: wires the dashboard. Reads the directory, picks who the page acts as (token, brand,
// time zone; kept in sessionStorage), loads every panel, reloads them all after a reset or a
// snapshot restore, and asks for the control token when the control API answers 403.

import {controlToken, setApiToken, setControlToken} from './api.js';
import {byId, onSubmit, options} from './dom.js';
import {isZone} from './format.js';
import {loadClock, setupClock, startPolling} from './clock.js';
import {loadFaults, setupFaults} from './faults.js';
import {setupFailures} from './failures.js';
import {setupPostDialog} from './postdialog.js';
import {setupReport} from './report.js';
import {loadRequests, setupRequests} from './requests.js';
import {loadScenarios, loadSessions, loadSnapshots, setupSessions} from './sessions.js';
import {emit, forgetReport, loadDirectory, loadPosts, state} from './state.js';
import {attempt, error} from './status.js';
import {setupTimeline} from './timeline.js';

const CHOICE_KEY = 'socialpost.dashboard';

function remembered() {
  try {
    return JSON.parse(sessionStorage.getItem(CHOICE_KEY) || '{}');
  } catch {
    return {};
  }
}

function remember() {
  sessionStorage.setItem(CHOICE_KEY, JSON.stringify(
    {token: state.token, brand: state.brand, zone: state.zone}));
}

const userOf = (token) => {
  const entry = state.directory.tokens.find((t) => t.token === token);
  return state.directory.users.find((u) => u.id === entry?.user) ?? null;
};

// Fill the token, brand and zone selects; keep what was chosen while it still exists.
function chooseIdentity(wanted = remembered()) {
  const {tokens, brands} = state.directory;
  const token = tokens.some((t) => t.token === wanted.token) ? wanted.token : tokens[0]?.token;
  state.token = token ?? null;
  state.user = token ? userOf(token) : null;
  setApiToken(state.token);
  options(byId('token-select'), tokens.map((t) =>
    [t.token, `${userOf(t.token)?.display_name ?? t.user} (${t.token})`]), state.token ?? '');
  const mine = state.user?.brands ?? [];
  state.brand = mine.includes(wanted.brand) ? wanted.brand : mine[0] ?? null;
  options(byId('brand-select'), mine.map((id) =>
    [id, brands.find((b) => b.id === id)?.name ?? id]), state.brand ?? '');
  const members = brands.find((b) => b.id === state.brand)?.members ?? [];
  const zones = [state.user?.timezone, ...members.map((id) =>
    state.directory.users.find((u) => u.id === id)?.timezone), 'UTC',
  Intl.DateTimeFormat().resolvedOptions().timeZone].filter((z, i, all) =>
    z && isZone(z) && all.indexOf(z) === i);
  state.zone = zones.includes(wanted.zone) ? wanted.zone : zones[0] ?? 'UTC';
  options(byId('zone-select'), zones.map((z) =>
    [z, z === state.user?.timezone ? `${z} (${state.user.display_name})` : z]), state.zone);
  remember();
  emit('identity');
  emit('zone');
}

// Everything, from the mock (the first load, a reset, a restore, a new control token).
async function loadAll() {
  forgetReport();
  await loadDirectory();
  chooseIdentity({token: state.token ?? remembered().token,
    brand: state.brand ?? remembered().brand, zone: state.zone ?? remembered().zone});
  await loadClock();
  await loadPosts({baseline: true});
  await Promise.all([loadFaults(), loadRequests(), loadSnapshots(), loadSessions(),
    loadScenarios()]);
  document.body.dataset.ready = 'true';
}

function setupIdentity() {
  const changed = async (wanted) => {
    chooseIdentity(wanted);
    forgetReport();
    await attempt('Loading the posts', () => loadPosts({baseline: true}));
  };
  byId('token-select').addEventListener('change', (e) =>
    changed({token: e.target.value, zone: state.zone}));
  byId('brand-select').addEventListener('change', (e) =>
    changed({token: state.token, brand: e.target.value, zone: state.zone}));
  byId('zone-select').addEventListener('change', (e) => {
    state.zone = e.target.value;
    remember();
    emit('zone');
  });
}

function setupControlToken() {
  const form = byId('control-token-form');
  document.addEventListener('dashboard:error', ({detail}) => {
    if (detail?.control && detail.status === 403) {
      form.hidden = false;
      byId('control-token').value = controlToken();
    }
  });
  onSubmit(form, async () => {
    setControlToken(byId('control-token').value.trim());
    form.hidden = true;
    await attempt('Loading the dashboard', loadAll);
  });
}

async function start() {
  setupControlToken();
  setupIdentity();
  setupClock();
  setupTimeline();
  setupPostDialog();
  setupReport();
  setupFailures();
  setupFaults();
  setupRequests();
  setupSessions(() => attempt('Reloading the dashboard', loadAll));
  try {
    await loadAll();
  } catch (err) {
    error(err, 'Loading the dashboard');
  }
  startPolling();
}

start();
