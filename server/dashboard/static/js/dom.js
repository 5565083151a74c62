// dom.js: builds elements without innerHTML (captions and bodies are data, never markup).
// h('button', {class: 'x', dataset: {post: id}, onclick}, 'text', child) makes one element.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'class') el.className = value;
    else if (key in el && typeof value !== 'string') el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

// Replace an element's children.
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export function byId(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id}`);
  return el;
}

// Pretty JSON for <pre> blocks.
export function json(value) {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

// A form's submit, never sent anywhere (the CSP forbids it anyway): runs handler(form).
export function onSubmit(form, handler) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    handler(form);
  });
}

// <option>s for a <select>, keeping the current value when it is still offered.
export function options(select, entries, wanted = select.value) {
  fill(select, entries.map(([value, label]) => h('option', {value}, label)));
  if (entries.some(([value]) => value === wanted)) select.value = wanted;
}
