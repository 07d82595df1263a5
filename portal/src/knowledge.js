// Knowledge articles in the portal: an article's page (its published version, votes) and the
// suggestions shown while a person describes a problem, with "This solved it" (a deflection
// instead of a ticket). The article's HTML is rendered and sanitized by FlowDesk (commonmark and
// OWASP's sanitizer); titles and excerpts are text.
import { marked } from './search.js';

/** An article's page: published version, when, and "Was this helpful?". */
export async function articlePage(id, { h, api, page, say, when }) {
  const a = await api('GET', `/api/articles/${encodeURIComponent(id)}`);
  const body = h('div', { class: 'article-body' });
  // Sanitized on the server to formatting, blocks, tables, links (http, https, mailto) and images.
  body.innerHTML = a.html || (a.draft ? a.draft.html : '');
  const thanks = h('p', { class: 'meta', role: 'status' });
  const vote = helpful => async () => {
    try {
      await api('POST', `/api/articles/${encodeURIComponent(id)}/votes`, { helpful });
      thanks.textContent = 'Thank you for your vote.';
    } catch (e) { say(e.message); }
  };
  page(a.title || (a.draft && a.draft.title) || id,
    h('p', { class: 'meta' }, a.version ? `Version ${a.version}, published ${when(a.publishedAt)}` : `Not published (${a.status})`,
      ` · ${a.views} views · ${a.helpful} found it helpful`),
    h('article', { class: 'card' }, body),
    a.version ? h('section', { class: 'card' }, h('h2', {}, 'Was this helpful?'),
      h('div', { class: 'actions' }, h('button', { type: 'button', onclick: vote(true) }, 'Yes'),
        h('button', { type: 'button', onclick: vote(false) }, 'No')), thanks) : '');
}

/**
 * Articles that match what a person types as the title of a problem (the best five, asked for once
 * typing pauses), each with "This solved it": counted as a deflection, and nothing is reported.
 */
export function suggestions({ h, api, navigate, say }) {
  const box = h('section', { class: 'card suggestions', 'aria-live': 'polite', hidden: true });
  let timer = null;
  let asked = '';
  const show = async words => {
    if (words === asked) return;
    asked = words;
    if (words.length < 3) { box.hidden = true; return; }
    try {
      const found = await api('GET', `/api/search?q=${encodeURIComponent(anyOf(words))}&kind=article&size=5`);
      if (words !== asked) return;
      box.hidden = !found.items.length;
      box.replaceChildren(h('h2', {}, 'These articles may answer it'),
        h('ul', { class: 'hits' }, found.items.map(hit => h('li', { class: 'hit hit-article' },
          h('a', { href: `#/articles/${encodeURIComponent(hit.ref)}`, target: '_blank', class: 'title' },
            marked(h, hit.titleParts)),
          h('button', { type: 'button', class: 'solved', onclick: async () => {
            try {
              await api('POST', `/api/articles/${encodeURIComponent(hit.ref)}/deflections`);
              navigate('#/', 'Glad the article helped. Nothing was reported.');
            } catch (e) { say(e.message); }
          } }, 'This solved it'),
          hit.excerpt && hit.excerpt.length ? h('p', { class: 'excerpt' }, marked(h, hit.excerpt)) : ''))));
    } catch (e) { /* suggestions are a help; the report goes on without them */ }
  };
  return { box, typed: title => { clearTimeout(timer); timer = setTimeout(() => show((title || '').trim()), 300); } };
}

/** Words of a title as a search for articles that have any of them (best ones first). */
export function anyOf(title) {
  return (title || '').replace(/["]/g, ' ').split(/\s+/).map(w => w.replace(/^-+/, ''))
    .filter(w => w.length >= 3).slice(0, 12).join(' or ');
}

/** For the agents of a ticket: articles like it, each sent to the requester as a public comment with a click. */
export function suggestedForTicket(t, { h, api, say, refresh }) {
  const box = h('section', { class: 'card suggestions', hidden: true });
  const words = anyOf(t.title);
  if (!words) return box;
  api('GET', `/api/search?q=${encodeURIComponent(words)}&kind=article&size=5`).then(found => {
    if (!found.items.length) return;
    box.hidden = false;
    box.replaceChildren(h('h2', {}, 'Articles that may solve it'), h('ul', { class: 'hits' }, found.items.map(hit =>
      h('li', { class: 'hit hit-article' },
        h('a', { href: `#/articles/${encodeURIComponent(hit.ref)}`, class: 'title' }, marked(h, hit.titleParts)),
        h('button', { type: 'button', class: 'solved', onclick: async () => {
          try {
            await api('POST', `/api/tickets/${encodeURIComponent(t.number)}/comments`, { internal: false,
              text: `This article may solve it: ${hit.title} ${location.origin}/#/articles/${encodeURIComponent(hit.ref)}` });
            refresh();
          } catch (e) { say(e.message); }
        } }, 'Send to the requester')))));
  }, () => { /* suggestions are a help; the ticket shows without them */ });
  return box;
}
