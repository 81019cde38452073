// A tiny element builder: text always goes in as text, never as markup.
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

export function table(headings, rows, attributes = {}) {
  return h('table', attributes,
    h('thead', {}, h('tr', {}, headings.map(t => h('th', {}, t)))),
    h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: headings.length, class: 'muted' }, 'Nothing to show.'))));
}

export const when = value => (value ? new Date(value).toLocaleString() : '—');
export const short = (hex, length = 12) => (hex ? `${hex.slice(0, length)}…` : '—');
export const code = (text, full) => h('code', { title: full ?? text }, text ?? '—');

/** Runs an action, showing its refusal in the banner instead of throwing. */
export async function attempt(action) {
  const banner = document.getElementById('banner');
  banner.hidden = true;
  try {
    return await action();
  } catch (error) {
    banner.textContent = error.message;
    banner.hidden = false;
    return undefined;
  }
}
