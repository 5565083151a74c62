// failures.js: publishing failures. Per page of the brand: set a message every post to it fails
// with, or clear it (PUT/DELETE /_mock/pages/{id}/failure). Lists the posts a failure is set
// for (set per post from the post's dialog) with a button to clear each.

import {control} from './api.js';
import {byId, fill, h} from './dom.js';
import {loadDirectory, on, state} from './state.js';
import {attempt, info} from './status.js';
import {openPost} from './postdialog.js';

async function change(doing, request, done) {
  const answer = await attempt(doing, request);
  if (answer === undefined) return;
  await attempt('Reloading the directory', loadDirectory);
  info(done);
}

function pageForm(page) {
  const input = h('input', {type: 'text', name: 'message', required: true, maxlength: 500,
    placeholder: 'Token expired', 'aria-label': `Failure message for ${page.name}`});
  const form = h('form', {class: 'inline', dataset: {page: page.id}}, input,
    h('button', {type: 'submit'}, 'Set failure'),
    h('button', {type: 'button', disabled: !page.failure, class: 'secondary',
      onclick: () => change(`Clearing ${page.name}’s failure`,
        () => control(`/pages/${encodeURIComponent(page.id)}/failure`, {method: 'DELETE'}),
        `Posts to ${page.name} publish again.`)}, 'Clear'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const message = input.value.trim();
    if (!message) return;
    change(`Setting ${page.name}’s failure`,
      () => control(`/pages/${encodeURIComponent(page.id)}/failure`,
        {method: 'PUT', body: {message}}),
      `Every post to ${page.name} now fails with “${message}”.`);
  });
  return form;
}

function render() {
  const directory = state.directory;
  if (!directory) return;
  const pages = directory.pages.filter((p) => p.brand === state.brand);
  fill(byId('page-failures'), pages.map((page) => h('li', {
    class: 'page-failure', dataset: {page: page.id, failure: page.failure ?? ''},
  },
  h('div', {},
    h('strong', {}, page.name), h('span', {class: 'muted'}, ` ${page.platform} · `),
    page.failure ? h('span', {class: 'badge failing'}, `fails: ${page.failure}`)
      : h('span', {class: 'badge ok'}, 'publishes')),
  pageForm(page))));
  const failures = directory.post_failures;
  fill(byId('post-failures'), failures.length ? failures.map((f) => {
    const post = state.byId.get(f.post);
    return h('li', {class: 'post-failure', dataset: {post: f.post}},
      h('button', {type: 'button', class: 'link', onclick: () => openPost(f.post)},
        post?.caption ? post.caption.slice(0, 40) : f.post),
      ` fails with “${f.message}” `,
      h('button', {type: 'button', class: 'secondary',
        'aria-label': `Clear the failure of post ${f.post}`,
        onclick: () => change('Clearing the post’s failure',
          () => control(`/posts/${encodeURIComponent(f.post)}/failure`, {method: 'DELETE'}),
          'The post publishes normally again.')}, 'Clear'));
  }) : h('li', {class: 'muted'}, 'None. Open a scheduled post to set one.'));
}

export function setupFailures() {
  for (const event of ['directory', 'identity']) on(event, render);
}
