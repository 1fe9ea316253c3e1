// DOM helpers. Every string goes in as a text node or an attribute value, never as markup, so titles and
// reasons taken from postmortems cannot inject HTML.

const SVG_NS = 'http://www.w3.org/2000/svg';

function fill(node, attrs, children) {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(name === 'className' ? 'class' : name, String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** An HTML element: h('td', { className: 'num' }, '12'). */
export function h(tag, attrs = {}, ...children) {
  return fill(document.createElement(tag), attrs, children);
}

/** An SVG element, same shape as h. */
export function s(tag, attrs = {}, ...children) {
  return fill(document.createElementNS(SVG_NS, tag), attrs, children);
}

/** Only http(s) links from the data become hrefs: a "javascript:" URL in a Jira field must not be clickable. */
export function safeUrl(url) {
  return typeof url === 'string' && /^https?:\/\//i.test(url) ? url : null;
}

const integer = new Intl.NumberFormat('en');
export const formatCount = (n) => integer.format(n);
export const formatRate = (rate) => (rate === null || rate === undefined ? '—' : `${Math.round(rate * 100)}%`);

const dayFormat = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
const shortDayFormat = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });
/** A calendar date (YYYY-MM-DD) as written, without shifting it through the browser's time zone. */
export const formatDay = (day) => (day ? dayFormat.format(new Date(`${day}T00:00:00Z`)) : '—');
export const formatShortDay = (day) => shortDayFormat.format(new Date(`${day}T00:00:00Z`));

export function formatStatus(status) {
  const words = status.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** An item's title linking to /items/<id>, and its Jira key linking to the issue when it has one. */
export function itemLink(item) {
  const parts = [h('a', { href: `/items/${encodeURIComponent(item.id)}`, className: 'item-title' }, item.title)];
  const jira = safeUrl(item.jiraUrl);
  if (jira) parts.push(' ', h('a', { href: jira, className: 'jira', target: '_blank', rel: 'noopener noreferrer', title: 'Open in Jira' }, item.jiraKey ?? 'Jira'));
  else if (item.jiraKey) parts.push(' ', h('span', { className: 'jira' }, item.jiraKey));
  return parts;
}

/** Who answers for an item: its owner, and its team when that says more. */
export function ownerText(item) {
  if (item.ownerName && item.teamName && item.ownerName !== item.teamName) return `${item.ownerName} · ${item.teamName}`;
  return item.ownerName ?? item.teamName ?? 'Unowned';
}

/** A command inside prose, e.g. the import command an empty state asks for. */
export function code(text) {
  return h('code', {}, text);
}
