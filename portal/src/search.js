// The one search box (GET /api/search): tickets the person may see, articles, services and catalog
// items, best first, the matched words marked. Marks come as parts of text and are drawn as <mark>
// elements around text nodes: nothing of a title or excerpt is ever read as markup.
import { tr } from './i18n.js';

/** What kind of thing a match is, in the person's language. */
function kindLabel(kind) {
  const labels = { ticket: tr('Ticket'), article: tr('Article'), service: tr('Service'), item: tr('Catalog') };
  return labels[kind] || kind;
}

/** Where a match leads in the portal. */
function hrefOf(hit) {
  switch (hit.kind) {
    case 'ticket': return `#/tickets/${encodeURIComponent(hit.ref)}`;
    case 'item': return `#/catalog/${encodeURIComponent(hit.ref)}`;
    case 'article': return `#/articles/${encodeURIComponent(hit.ref)}`;
    default: return '#/catalog';
  }
}

/** Parts of a text, the matched ones in <mark>. */
export function marked(h, parts) {
  return (parts || []).map(part => (part.match ? h('mark', {}, part.text) : part.text));
}

/** The matches as a list: kind, title (a link), status and an excerpt. */
export function hitList(h, hits, { status = s => s } = {}) {
  return h('ul', { class: 'hits' }, hits.map(hit => h('li', { class: `hit hit-${hit.kind}` },
    h('span', { class: 'tag' }, kindLabel(hit.kind)),
    hit.kind === 'ticket' ? h('span', { class: 'number' }, hit.ref) : '',
    h('a', { href: hrefOf(hit), class: 'title' }, marked(h, hit.titleParts)),
    hit.kind === 'ticket' && hit.status ? status(hit.status) : '',
    hit.excerpt && hit.excerpt.length ? h('p', { class: 'excerpt' }, marked(h, hit.excerpt)) : '')));
}

/** Searches and draws a page of matches into results, with a count and a note when nothing matches. */
export async function searchInto(results, q, { h, api, status }) {
  const found = await api('GET', `/api/search?q=${encodeURIComponent(q)}&size=20`);
  results.replaceChildren(
    h('p', { class: 'meta', role: 'status' }, found.total === 1 ? tr('1 match') : tr('{n} matches', { n: found.total })),
    found.items.length ? hitList(h, found.items, { status })
      : h('p', {}, tr('Nothing matches. Try other words, or report the problem.')));
}

/** A filter box for a list of tickets: apply(q) redraws the list for the words (all tickets when empty). */
export function ticketFilter(h, label, apply) {
  const input = h('input', { type: 'search', name: 'q', placeholder: tr('Words or a ticket number'), 'aria-label': label });
  return h('form', { class: 'search', role: 'search', onsubmit: event => { event.preventDefault(); apply(input.value.trim()); } },
    input, h('button', { type: 'submit' }, tr('Filter')));
}

/** The q= parameter of a ticket list for the words, or nothing. */
export const withWords = q => (q ? `&q=${encodeURIComponent(q)}` : '');
