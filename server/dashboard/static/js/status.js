// status.js: the page's one status line (aria-live), for what an action did or why it failed.
// Errors from the mock show here (their problem title and detail), never on the console.

import {byId} from './dom.js';

let clearTimer = 0;

function show(kind, message, {sticky = false} = {}) {
  const el = byId('status');
  el.textContent = message;
  el.dataset.kind = kind;
  window.clearTimeout(clearTimer);
  if (!sticky) clearTimer = window.setTimeout(() => { el.textContent = ''; el.dataset.kind = ''; },
    8000);
}

export function info(message) {
  show('info', message);
}

// An error (a ProblemError or any other), shown until the next message.
export function error(err, doing = '') {
  const status = err && err.status ? ` (${err.status})` : '';
  const text = err && err.title ? `${err.title}${status}${err.detail ? `: ${err.detail}` : ''}`
    : String(err && err.message ? err.message : err);
  show('error', doing ? `${doing} failed: ${text}` : text, {sticky: true});
  document.dispatchEvent(new CustomEvent('dashboard:error', {detail: err}));
}

// Run an action the user asked for; report its failure instead of throwing.
export async function attempt(doing, action) {
  try {
    return await action();
  } catch (err) {
    error(err, doing);
    return undefined;
  }
}
