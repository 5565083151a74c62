// clock.js: the simulated clock panel. Shows now (UTC and the chosen zone), mode and speed;
// advances it (+1 min, +1 h, +1 day, to the next due post, to a date-time), switches
// frozen/realtime. Every move's settlement report goes to state.settled(); while realtime the
// clock (and the posts) are polled every second, else every few seconds.

import {api, control} from './api.js';
import {byId, fill, h, onSubmit} from './dom.js';
import * as format from './format.js';
import {emit, loadPosts, on, settled, state} from './state.js';
import {attempt, info} from './status.js';

const REALTIME_POLL_MS = 1000;
const FROZEN_POLL_MS = 5000;

let pollTimer = 0;

export async function loadClock() {
  state.clock = await control('/clock');
  emit('clock', state.clock);
  return state.clock;
}

async function move(body, label) {
  const report = await attempt(`Moving the clock (${label})`, () =>
    control('/clock', {method: 'POST', body}));
  if (!report) return;
  const {transitions, ...clock} = report;
  state.clock = clock;
  emit('clock', clock);
  settled(transitions, label);
  await attempt('Loading the posts', () => loadPosts());
  const failed = transitions.filter((t) => t.to === 'failed').length;
  info(`Clock moved (${label}): ${transitions.length} post(s) executed`
    + (failed ? `, ${failed} failed` : '') + '.');
}

async function toNextDue() {
  if (!state.brand) {
    info('Choose a brand first.');
    return;
  }
  const next = await attempt('Finding the next due post', () => api(
    `/brands/${encodeURIComponent(state.brand)}/social-posts`,
    {params: {status: 'scheduled', order: 'due_at', limit: 1}}));
  if (!next) return;
  const post = next.data[0];
  if (!post) {
    info('No scheduled post: nothing is due.');
    return;
  }
  const now = state.clock.now;
  // An overdue post (created with a past due_at) goes out as soon as the clock moves at all.
  const body = post.due_at > now ? {now: post.due_at} : {advance: 0};
  await move(body, `to the next due post, ${format.shortDateTime(post.due_at, state.zone)}`);
}

function render() {
  const clock = state.clock;
  if (!clock) return;
  const zone = state.zone;
  const panel = byId('clock');
  panel.dataset.now = String(clock.now);
  panel.dataset.mode = clock.mode;
  fill(byId('clock-local'), format.dateTime(clock.now, zone));
  fill(byId('clock-zone'), `${zone} (${format.zoneAbbreviation(clock.now, zone)})`);
  fill(byId('clock-iso'), h('time', {datetime: clock.iso}, clock.iso));
  fill(byId('clock-mode'), clock.mode === 'realtime'
    ? `realtime, ×${clock.speed} (${format.duration(clock.speed)} per second)` : 'frozen');
  const modeSelect = byId('clock-mode-select');
  if (document.activeElement !== modeSelect) modeSelect.value = clock.mode;
  const speed = byId('clock-speed');
  if (document.activeElement !== speed && !speed.dataset.edited) speed.value = String(clock.speed);
  const jump = byId('jump-at');
  if (document.activeElement !== jump && !jump.dataset.edited) {
    jump.value = format.toLocalInput(Math.floor(clock.now), zone);
  }
  fill(byId('jump-zone'), zone);
}

async function poll() {
  window.clearTimeout(pollTimer);
  const realtime = state.clock?.mode === 'realtime';
  try {
    if (document.visibilityState !== 'hidden') {
      await loadClock();
      await loadPosts();
    }
  } catch {
    // A background poll that fails says nothing: the next action the user takes will.
  }
  pollTimer = window.setTimeout(poll, realtime ? REALTIME_POLL_MS : FROZEN_POLL_MS);
}

export function startPolling() {
  pollTimer = window.setTimeout(poll, FROZEN_POLL_MS);
}

export function setupClock() {
  for (const button of document.querySelectorAll('[data-advance]')) {
    button.addEventListener('click', () =>
      move({advance: Number(button.dataset.advance)}, button.textContent.trim()));
  }
  byId('next-due').addEventListener('click', toNextDue);
  const jump = byId('jump-at');
  jump.addEventListener('input', () => { jump.dataset.edited = '1'; });
  onSubmit(byId('jump-form'), async () => {
    const at = format.fromLocalInput(jump.value, state.zone);
    if (at === null) {
      info('Give a date and a time to jump to.');
      return;
    }
    delete jump.dataset.edited;
    await move({now: at}, `to ${format.shortDateTime(at, state.zone)}`);
  });
  const speed = byId('clock-speed');
  speed.addEventListener('input', () => { speed.dataset.edited = '1'; });
  onSubmit(byId('mode-form'), async () => {
    const mode = byId('clock-mode-select').value;
    const body = {mode};
    if (speed.value) body.speed = Number(speed.value);
    const report = await attempt('Switching the clock', () =>
      control('/clock', {method: 'POST', body}));
    if (!report) return;
    delete speed.dataset.edited;
    state.clock = report;
    emit('clock', report);
    info(mode === 'realtime' ? `The clock runs, ×${report.speed}.` : 'The clock is frozen.');
    poll();
  });
  on('clock', render);
  on('zone', render);
}
