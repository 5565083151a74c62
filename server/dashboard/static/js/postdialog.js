// postdialog.js: one post in a dialog: its status, times, link or failure, its JSON as the API
// lists it, and the publishing failure injected for it (PUT/DELETE /_mock/posts/{id}/failure).

import {control} from './api.js';
import {byId, fill, h, json, onSubmit} from './dom.js';
import * as format from './format.js';
import {loadDirectory, on, pageName, postFailure, state, statusOf} from './state.js';
import {attempt, info} from './status.js';

let shown = null; // the id of the post the dialog shows
let opener = null; // the element that had the focus, given back on close

function when(sec) {
  if (sec === null || sec === undefined) return '—';
  return `${format.dateTime(sec, state.zone)} (${format.isoUtc(sec)})`;
}

function render() {
  const post = shown && state.byId.get(shown);
  const dialog = byId('post-dialog');
  if (!post) {
    if (dialog.open && shown) fill(byId('post-summary'), h('p', {}, 'This post is no longer listed.'));
    return;
  }
  const status = statusOf(post);
  const changed = state.changed.get(post.id);
  dialog.dataset.post = post.id;
  dialog.dataset.status = status;
  fill(byId('post-dialog-title'), `${status[0].toUpperCase()}${status.slice(1)} post`);
  const rows = [
    ['id', h('code', {}, post.id)],
    ['caption', post.caption ?? '(none)'],
    ['page', pageName(post.facebook_page)],
    ['due', when(post.due_at)],
    ['executed', when(post.executed_at)],
  ];
  if (post.post_link) {
    rows.push(['link', h('a', {href: post.post_link, target: '_blank', rel: 'noopener noreferrer'},
      post.post_link)]);
  }
  if (status === 'failed') rows.push(['failure', `${post.failure ?? ''} (at ${post.failed_at})`]);
  if (changed) rows.push(['last move', `scheduled → ${changed}`]);
  fill(byId('post-summary'), h('dl', {class: 'facts'},
    rows.map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)])));
  const injected = postFailure(post.id);
  fill(byId('post-failure-state'), injected
    ? `When published, this post fails with “${injected}”.`
    : 'No failure is set for this post (its page’s failure still applies).');
  byId('post-failure-clear').disabled = !injected;
  byId('post-failure-form').hidden = status !== 'scheduled' && status !== 'draft' && !injected;
  fill(byId('post-json'), json(post));
}

export function openPost(id) {
  shown = id;
  if (!byId('post-dialog').open) opener = document.activeElement;
  const form = byId('post-failure-form');
  form.reset();
  render();
  const dialog = byId('post-dialog');
  if (!dialog.open) dialog.showModal();
}

export function setupPostDialog() {
  const dialog = byId('post-dialog');
  byId('post-dialog-close').addEventListener('click', () => dialog.close());
  // A click on the backdrop (outside the dialog's box) closes it too.
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close();
  });
  dialog.addEventListener('close', () => {
    // Back to the opener; if a re-render replaced it, to the same post on the timeline.
    const back = opener?.isConnected ? opener : shown && document.querySelector(
      `#timeline-section [data-post="${CSS.escape(shown)}"]`);
    shown = null;
    opener = null;
    if (back) back.focus();
  });
  onSubmit(byId('post-failure-form'), async (form) => {
    const id = shown;
    const message = form.elements.message.value.trim();
    if (!id || !message) return;
    const done = await attempt('Setting the post’s failure', () =>
      control(`/posts/${encodeURIComponent(id)}/failure`, {method: 'PUT', body: {message}}));
    if (done === undefined) return;
    await attempt('Reloading the directory', loadDirectory);
    info(`Post ${id.slice(0, 8)}… will fail with “${message}”.`);
  });
  byId('post-failure-clear').addEventListener('click', async () => {
    const id = shown;
    const done = await attempt('Clearing the post’s failure', () =>
      control(`/posts/${encodeURIComponent(id)}/failure`, {method: 'DELETE'}));
    if (done === undefined) return;
    await attempt('Reloading the directory', loadDirectory);
    info(`Post ${id.slice(0, 8)}… publishes normally again.`);
  });
  for (const event of ['posts', 'directory', 'zone', 'report']) on(event, render);
}
