// report.js: the last settlement report, the transitions a clock move caused ({post, from, to,
// at, failure}), or the executions seen while polling (realtime). Each opens its post.

import {byId, fill, h} from './dom.js';
import * as format from './format.js';
import {on, pageName, state} from './state.js';
import {openPost} from './postdialog.js';

function render() {
  const report = state.report;
  const list = byId('report-list');
  const summary = byId('report-summary');
  if (!report) {
    fill(summary, 'Move the clock: the posts it executes are listed here and marked on the '
      + 'timeline.');
    fill(list);
    byId('report').dataset.count = '0';
    return;
  }
  const failed = report.transitions.filter((t) => t.to === 'failed').length;
  byId('report').dataset.count = String(report.transitions.length);
  fill(summary, `${report.source}: ${report.transitions.length} post(s) executed`
    + (failed ? `, ${failed} failed.` : '.'));
  fill(list, report.transitions.map((t) => {
    const post = state.byId.get(t.post);
    const caption = post?.caption ? ` ${post.caption.slice(0, 50)}` : '';
    return h('li', {dataset: {post: t.post, to: t.to}},
      h('button', {type: 'button', class: 'link', onclick: () => openPost(t.post),
        'aria-label': `Open post ${t.post}`},
      h('span', {class: `dot ${t.to}`, 'aria-hidden': 'true'}),
      h('time', {datetime: format.isoUtc(t.at)}, format.shortDateTime(t.at, state.zone)),
      ` ${t.from} → `, h('strong', {}, t.to), t.failure ? `: ${t.failure}` : '',
      h('span', {class: 'muted'}, ` · ${pageName(post?.facebook_page)}${caption}`)));
  }));
}

export function setupReport() {
  for (const event of ['report', 'zone', 'directory']) on(event, render);
  render();
}
