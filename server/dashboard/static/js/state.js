// state.js: what the page knows (directory, who it acts as, the zone, clock, posts, the last
// settlement) and a small event bus the panels listen on. Posts are loaded here, and compared
// with the previous load so that changes nobody reported (realtime publishing, another
// client's clock move) are highlighted like the ones a move of ours reported.

import {allPosts, control} from './api.js';

export const state = {
  directory: null, // GET /_mock/directory
  token: null,
  user: null, // the token's user, from the directory
  brand: null,
  zone: null, // an IANA zone: the user's, until another is chosen
  clock: null, // GET /_mock/clock
  posts: [],
  byId: new Map(),
  report: null, // {source, now, transitions}
  changed: new Map(), // post id -> status it changed to, highlighted on the timeline
  generation: 0, // bumped when the data is replaced (reset, restore, another brand)
};

const bus = new EventTarget();

export function on(name, handler) {
  bus.addEventListener(name, (event) => handler(event.detail));
}

export function emit(name, detail = null) {
  bus.dispatchEvent(new CustomEvent(name, {detail}));
}

// draft (no due_at), scheduled (due, not executed), published, failed.
export function statusOf(post) {
  if (post.failure || post.failed_at) return 'failed';
  if (post.executed_at !== null && post.executed_at !== undefined) return 'published';
  if (post.due_at !== null && post.due_at !== undefined) return 'scheduled';
  return 'draft';
}

// Where a post sits on the time axis: when it was executed, else when it is due.
export function instantOf(post) {
  return post.executed_at ?? post.due_at ?? null;
}

export function pageName(id) {
  const page = state.directory?.pages.find((p) => p.id === id);
  return page ? page.name : id;
}

export function postFailure(id) {
  return state.directory?.post_failures.find((f) => f.post === id)?.message ?? null;
}

// A settlement report ({transitions}) from a clock move, or changes seen while polling.
export function settled(transitions, source) {
  state.report = {source, now: state.clock?.now ?? null, transitions};
  state.changed = new Map(transitions.map((t) => [t.post, t.to]));
  emit('report', state.report);
}

export function forgetReport() {
  state.generation += 1;
  state.report = null;
  state.changed = new Map();
  emit('report', null);
}

export async function loadDirectory() {
  state.directory = await control('/directory');
  emit('directory', state.directory);
  return state.directory;
}

let loading = null;

// Load the brand's posts. Unless `baseline`, executions since the last load that no report
// explained are reported as seen while polling.
export async function loadPosts({baseline = false} = {}) {
  if (!state.brand) {
    state.posts = [];
    state.byId = new Map();
    emit('posts');
    return;
  }
  if (loading) await loading.catch(() => {});
  const generation = state.generation;
  loading = allPosts(state.brand);
  let posts;
  try {
    posts = await loading;
  } finally {
    loading = null;
  }
  const before = state.byId;
  state.posts = posts;
  state.byId = new Map(posts.map((p) => [p.id, p]));
  // Posts loaded across a reset or a restore are compared with nothing.
  if (!baseline && before.size && generation === state.generation) {
    const unexplained = [];
    for (const post of posts) {
      const was = before.get(post.id);
      const now = statusOf(post);
      if (!was || statusOf(was) !== 'scheduled' || now === 'scheduled' || now === 'draft') continue;
      if (state.changed.get(post.id) === now) continue;
      unexplained.push({post: post.id, brand: post.brand, from: 'scheduled', to: now,
        at: post.executed_at, failure: post.failure});
    }
    if (unexplained.length) settled(unexplained, 'seen while polling');
  }
  emit('posts');
}
