// timeline.js: the brand's posts on a time axis, one lane per Facebook/Instagram page (named
// from the directory), a day or a week at a time (prev / now / next), drafts listed aside.
// Scheduled posts sit at their due_at, executed ones (published, failed) at their executed_at.
// Each post is a button (its JSON on click); posts the last settlement changed are marked.

import {byId, fill, h} from './dom.js';
import * as format from './format.js';
import {instantOf, on, pageName, state, statusOf} from './state.js';
import {openPost} from './postdialog.js';

const MARKER_PX = 16; // a marker's width plus a gap: closer posts go on another row
const ROW_PX = 18;

const view = {span: 'day', anchor: null}; // anchor null: the window holding the clock's now

function bounds() {
  const zone = state.zone;
  const at = view.anchor ?? state.clock?.now ?? Date.now() / 1000;
  if (view.span === 'week') {
    const from = format.weekStart(at, zone);
    return {from, to: format.weekStart(from, zone, 1)};
  }
  const from = format.dayStart(at, zone);
  return {from, to: format.dayStart(from, zone, 1)};
}

function ticks(from, to) {
  const zone = state.zone;
  const out = [];
  if (view.span === 'week') {
    for (let d = 0; d < 7; d += 1) {
      const at = format.dayStart(from, zone, d);
      out.push({at, label: format.day(at, zone), major: true});
      const noon = format.wallParts(at, zone);
      out.push({at: format.wallToEpoch({...noon, hour: 12}, zone), major: false});
    }
  } else {
    const p = format.wallParts(from, zone);
    for (let hour = 0; hour < 24; hour += 1) {
      const at = format.wallToEpoch({year: p.year, month: p.month, day: p.day, hour}, zone);
      out.push({at, label: hour % 3 === 0 ? format.time(at, zone) : '', major: hour % 3 === 0,
        odd: hour % 6 === 3});
    }
  }
  return out.filter((t) => t.at >= from && t.at < to);
}

function lanes() {
  const pages = (state.directory?.pages ?? []).filter((p) => p.brand === state.brand);
  const known = new Set(pages.map((p) => p.id));
  const extra = [...new Set(state.posts.map((p) => p.facebook_page))]
    .filter((id) => id && !known.has(id))
    .map((id) => ({id, name: pageName(id), platform: 'unknown page', failure: null}));
  return [...pages, ...extra];
}

export function describePost(post) {
  const status = statusOf(post);
  const zone = state.zone;
  const at = instantOf(post);
  const when = at === null ? '' : {scheduled: 'due', published: 'published',
    failed: 'failed'}[status] + ` ${format.shortDateTime(at, zone)}`;
  const caption = (post.caption || '(no caption)').slice(0, 60);
  const failure = status === 'failed' && post.failure ? `: ${post.failure}` : '';
  return `${status} post ${when}${failure}, ${pageName(post.facebook_page)}: ${caption}`;
}

function marker(post, from, to, row) {
  const status = statusOf(post);
  const changed = state.changed.get(post.id);
  const button = h('button', {
    type: 'button', class: changed ? 'post changed' : 'post',
    dataset: {post: post.id, status, ...(changed ? {changed} : {})},
    'aria-label': describePost(post), title: describePost(post),
    onclick: () => openPost(post.id),
  });
  button.style.left = `${((instantOf(post) - from) / (to - from)) * 100}%`;
  button.style.top = `${4 + row * ROW_PX}px`;
  return button;
}

function track(posts, from, to, width, now, marks) {
  const rows = [];
  const placed = posts.map((post) => {
    const px = ((instantOf(post) - from) / (to - from)) * width;
    let row = rows.findIndex((last) => px - last >= MARKER_PX);
    if (row < 0) row = rows.push(px) - 1;
    else rows[row] = px;
    return marker(post, from, to, row);
  });
  const el = h('div', {class: 'track'}, marks.map((t) => gridline(t, from, to)), placed,
    now >= from && now < to ? nowLine(now, from, to) : null,
    posts.length ? null : h('span', {class: 'empty'}, 'no posts in this window'));
  el.style.height = `${Math.max(1, rows.length) * ROW_PX + 8}px`;
  return el;
}

function gridline(tick, from, to) {
  const line = h('span', {class: tick.major ? 'gridline major' : 'gridline', 'aria-hidden': 'true'});
  line.style.left = `${((tick.at - from) / (to - from)) * 100}%`;
  return line;
}

function nowLine(now, from, to) {
  const line = h('span', {class: 'now-line', 'aria-hidden': 'true'});
  line.style.left = `${((now - from) / (to - from)) * 100}%`;
  return line;
}

function axis(from, to, marks, now) {
  const labels = marks.filter((t) => t.label).map((t) => {
    const label = h('span', {class: t.odd ? 'tick odd' : 'tick'}, t.label);
    label.style.left = `${((t.at - from) / (to - from)) * 100}%`;
    return label;
  });
  const at = (now - from) / (to - from);
  // Near the right end the label sits left of its line, so that it is never cut off.
  const nowLabel = now >= from && now < to ? h('span',
    {class: at > 0.75 ? 'tick now-tick end' : 'tick now-tick'},
    `now ${format.time(now, state.zone)}`) : null;
  if (nowLabel) nowLabel.style.left = `${at * 100}%`;
  return h('div', {class: 'lane axis-row', 'aria-hidden': 'true'},
    h('div', {class: 'lane-label'}), h('div', {class: 'track axis'}, labels, nowLabel));
}

function drafts() {
  const list = state.posts.filter((p) => statusOf(p) === 'draft')
    .sort((a, b) => b.updated_at - a.updated_at);
  fill(byId('drafts-count'), String(list.length));
  fill(byId('drafts-list'), list.map((post) => h('li', {},
    h('button', {type: 'button', class: 'post draft-item', dataset: {post: post.id, status: 'draft'},
      'aria-label': describePost(post), onclick: () => openPost(post.id)},
    h('span', {class: 'caption'}, post.caption || '(no caption)'),
    h('span', {class: 'muted'}, pageName(post.facebook_page))))));
}

let lastKey = '';

// What a render depends on: polls that change none of it leave the DOM (and focus) alone.
function renderKey(from, to, width) {
  const posts = state.posts.map((p) => `${p.id}:${statusOf(p)}:${instantOf(p)}:${p.caption}`);
  return JSON.stringify([from, to, width, state.clock.now, state.zone, state.brand,
    [...state.changed], state.directory, posts]);
}

function render() {
  const root = byId('timeline');
  if (!state.clock || !state.directory) return;
  const {from, to} = bounds();
  const now = state.clock.now;
  const zone = state.zone;
  const width = Math.max(120, trackWidth(root));
  const key = renderKey(from, to, width);
  if (key === lastKey) return;
  lastKey = key;
  const focused = document.activeElement?.closest?.('#timeline-section [data-post]');
  root.dataset.from = String(from);
  root.dataset.to = String(to);
  root.dataset.view = view.span;
  root.dataset.following = view.anchor === null ? 'true' : 'false';
  const marks = ticks(from, to);
  const inView = state.posts.filter((p) => {
    const at = instantOf(p);
    return at !== null && at >= from && at < to;
  }).sort((a, b) => instantOf(a) - instantOf(b) || (a.id < b.id ? -1 : 1));
  const counts = {scheduled: 0, published: 0, failed: 0};
  for (const post of inView) counts[statusOf(post)] += 1;
  const title = view.span === 'week'
    ? `Week of ${format.day(from, zone)}` : format.day(from, zone);
  fill(byId('timeline-title'), `${title} (${format.zoneAbbreviation(from, zone)})`);
  fill(byId('timeline-summary'), `${counts.scheduled} scheduled, ${counts.published} published, `
    + `${counts.failed} failed in this window`);
  fill(root, axis(from, to, marks, now), lanes().map((page) => {
    const posts = inView.filter((p) => p.facebook_page === page.id);
    return h('div', {class: 'lane', role: 'group', dataset: {page: page.id},
      'aria-label': `${page.name} (${page.platform}): ${posts.length} post(s)`},
    h('div', {class: 'lane-label'},
      h('span', {class: 'lane-name'}, page.name),
      h('span', {class: 'muted'}, ` ${page.platform}`),
      page.failure ? h('span', {class: 'badge failing', title: page.failure},
        `fails: ${page.failure}`) : null),
    track(posts, from, to, width, now, marks));
  }));
  drafts();
  if (focused) {
    // The same post keeps the focus across a re-render (a poll, a clock move).
    const again = document.querySelector(
      `#timeline-section [data-post="${CSS.escape(focused.dataset.post)}"]`);
    if (again) again.focus();
  }
  for (const button of document.querySelectorAll('[data-span]')) {
    button.setAttribute('aria-pressed', String(button.dataset.span === view.span));
  }
}

// The tracks' width in pixels, as last laid out (before the first layout: an estimate).
function trackWidth(root) {
  const laidOut = root.querySelector('.track.axis');
  if (laidOut && laidOut.clientWidth) return laidOut.clientWidth;
  const width = root.clientWidth || 800;
  return width < 600 ? width : width - 180;
}

export function setupTimeline() {
  byId('timeline-prev').addEventListener('click', () => {
    view.anchor = bounds().from - 1;
    render();
  });
  byId('timeline-next').addEventListener('click', () => {
    view.anchor = bounds().to;
    render();
  });
  byId('timeline-now').addEventListener('click', () => {
    view.anchor = null;
    render();
  });
  for (const button of document.querySelectorAll('[data-span]')) {
    button.addEventListener('click', () => {
      view.span = button.dataset.span;
      render();
    });
  }
  let width = 0;
  new ResizeObserver(([entry]) => {
    if (Math.abs(entry.contentRect.width - width) < 8) return;
    width = entry.contentRect.width;
    render();
  }).observe(byId('timeline'));
  for (const event of ['posts', 'clock', 'zone', 'directory', 'report']) on(event, render);
}
