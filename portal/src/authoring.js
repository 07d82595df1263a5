// The knowledge author's screens (agents): the Knowledge page (drafts, reviews waiting for the
// person's groups, published articles, those due for review), writing and editing an article in
// Markdown with a preview FlowDesk renders, and an article's versions with the changes between two.
// The API decides who may do what; requesters never get here (the portal offers them no link, and
// the API gives them neither drafts nor articles for agents).
import { articleStatus, renderedBody } from './knowledge.js';
import { fieldErrors } from './fielderrors.js';
import { tr } from './i18n.js';

const PAGE_SIZE = 10;

/** Agents and administrators write articles. */
export const writesArticles = me => me.roles.includes('agent') || me.roles.includes('administrator');

/** One list of the Knowledge page, a page at a time, with its total. */
function articleList(title, query, empty, ctx) {
  const { h, api, say, when, serviceName } = ctx;
  const box = h('section', { class: 'card article-list', 'aria-live': 'polite' });
  const show = async at => {
    const found = await api('GET', `/api/articles?${query}&page=${at}&size=${PAGE_SIZE}`);
    const pages = Math.max(1, Math.ceil(found.total / PAGE_SIZE));
    box.replaceChildren(h('h2', {}, `${title} (${found.total})`),
      found.items.length ? h('ul', { class: 'tickets' }, found.items.map(a => h('li', { class: 'ticket' },
        h('a', { href: `#/articles/${encodeURIComponent(a.id)}`, class: 'number' }, a.id),
        h('span', { class: 'title' }, a.title),
        h('span', { class: `status article-${a.status}` }, articleStatus(a.status)),
        h('span', {}, serviceName(a.service)),
        a.kind === 'known_error' ? h('span', { class: 'tag known-error' }, tr('known error')) : '',
        a.audience === 'agents' ? h('span', { class: 'tag' }, tr('agents only')) : '',
        h('span', { class: 'due' }, tr('changed {when}', { when: when(a.updatedAt) }))))) : h('p', {}, empty),
      pages > 1 ? h('div', { class: 'actions' },
        h('button', { type: 'button', disabled: at === 0, onclick: () => show(at - 1).catch(e => say(e.message)) }, tr('Previous')),
        h('span', { class: 'meta' }, tr('Page {page} of {pages}', { page: at + 1, pages })),
        h('button', { type: 'button', disabled: at + 1 >= pages, onclick: () => show(at + 1).catch(e => say(e.message)) }, tr('Next')))
        : '');
  };
  return { box, show };
}

/** The Knowledge page: what waits for the person, their drafts, the published articles, those due for review. */
export async function knowledgePage(ctx) {
  const { h, page, me } = ctx;
  const lists = [
    articleList(tr('Waiting for your review'), 'review=true', tr('No article waits for your review.'), ctx),
    articleList(tr('Your drafts'), 'mine=true&status=draft', tr('You have no drafts.'), ctx),
    articleList(tr('Yours in review'), 'mine=true&status=in_review', tr('None of yours is being reviewed.'), ctx),
    articleList(tr('Due for review'), 'status=due_for_review', tr('No article is due for review.'), ctx),
    articleList(tr('Published'), 'status=published', tr('No article is published yet.'), ctx)];
  await ctx.learnNames({});
  await Promise.all(lists.map(list => list.show(0)));
  page(tr('Knowledge'),
    writesArticles(me) ? h('p', {}, h('a', { class: 'button primary', href: '#/knowledge/new' }, tr('Write an article'))) : '',
    lists.map(list => list.box));
}

/** A labelled field of the article form. */
function field(h, id, label, control, hint) {
  return h('div', { class: 'field' }, h('label', { for: id }, label), control,
    hint ? h('p', { class: 'meta', id: `${id}-hint` }, hint) : '');
}

/**
 * Writing a new article (from a resolved ticket, its title, service and resolution filled in) or
 * changing an article's working copy; Preview shows it as readers will see it.
 */
export async function articleEditor({ id, fromTicket }, ctx) {
  const { h, api, page, say, navigate } = ctx;
  const existing = id ? await api('GET', `/api/articles/${encodeURIComponent(id)}`) : null;
  if (existing && !(existing.permitted && existing.permitted.edit)) {
    throw Object.assign(new Error(tr('{id} cannot be changed now ({status}).', { id, status: articleStatus(existing.status) })),
      { status: 409 });
  }
  const ticket = fromTicket ? await api('GET', `/api/tickets/${encodeURIComponent(fromTicket)}`) : null;
  const catalog = await api('GET', '/api/catalog');
  const start = existing ? { ...existing.draft, category: existing.category, audience: existing.audience,
    language: existing.language, keywords: existing.keywords, service: existing.service }
    : { title: ticket ? ticket.title : '', body: ticket ? ticket.resolutionNotes || '' : '', service: ticket ? ticket.service : '',
      category: ticket ? ticket.category || '' : '', audience: 'everyone', language: 'en', keywords: '' };

  const title = h('input', { id: 'article-title', name: 'title', required: true, maxlength: 200 });
  title.value = start.title || '';
  const service = h('select', { id: 'article-service', name: 'service', required: true, disabled: !!existing },
    h('option', { value: '' }, tr('Choose a service')),
    catalog.services.map(s => h('option', { value: s.id, selected: s.id === start.service }, s.name)));
  const category = h('input', { id: 'article-category', name: 'category', maxlength: 64 });
  category.value = start.category || '';
  const audience = h('select', { id: 'article-audience', name: 'audience' },
    h('option', { value: 'everyone', selected: start.audience === 'everyone' }, tr('Everyone')),
    h('option', { value: 'agents', selected: start.audience === 'agents' }, tr('Agents only')));
  const language = h('select', { id: 'article-language', name: 'language' },
    h('option', { value: 'en', selected: start.language === 'en' }, 'English'),
    h('option', { value: 'de', selected: start.language === 'de' }, 'Deutsch'));
  const keywords = h('input', { id: 'article-keywords', name: 'keywords', maxlength: 500 });
  keywords.value = start.keywords || '';
  const body = h('textarea', { id: 'article-body', name: 'body', rows: 14, required: true, 'aria-describedby': 'article-body-hint' });
  body.value = start.body || '';
  const preview = h('section', { class: 'card preview', 'aria-live': 'polite', hidden: true });

  const text = () => {
    const value = { title: title.value.trim(), body: body.value, audience: audience.value, language: language.value,
      category: category.value.trim() || null, keywords: keywords.value.trim() || null };
    return existing ? value : { ...value, service: service.value || null, fromTicket: fromTicket || null };
  };
  const save = async submit => {
    say('');
    // What the editor declares (a title, a service, a text) is checked here, and said by its field as the API's refusal is.
    if (!refusals.checkMarkup()) return;
    try {
      const saved = existing ? await api('PUT', `/api/articles/${encodeURIComponent(id)}`, text())
        : await api('POST', '/api/articles', text());
      if (submit) await api('POST', `/api/articles/${encodeURIComponent(saved.id)}/submit`);
      navigate(`#/articles/${encodeURIComponent(saved.id)}`, submit ? tr('{id} is submitted for review.', { id: saved.id })
        : tr('{id} is saved as a draft.', { id: saved.id }));
    } catch (e) { if (e.status !== 401 && !refusals.refuse(e.problem)) say(e.message); }
  };
  // novalidate: the browser's own bubbles would say it in its words, apart from the page; the portal says it by the field.
  const form = h('form', { class: 'card article-form', novalidate: true, onsubmit: event => { event.preventDefault(); save(false); } },
    ticket ? h('p', { class: 'meta' }, tr('From {number}: its title, service and resolution are filled in.', { number: ticket.number })) : '',
    field(h, 'article-title', tr('Title'), title),
    field(h, 'article-service', tr('Service'), service),
    field(h, 'article-category', tr('Category'), category),
    field(h, 'article-audience', tr('Audience'), audience),
    field(h, 'article-language', tr('Language of the article'), language),
    field(h, 'article-keywords', tr('Keywords'), keywords, tr('Words people search for that the text does not say')),
    field(h, 'article-body', tr('Text'), body, tr('Markdown: **bold**, # heading, - list, [link](https://…)')),
    h('div', { class: 'actions' },
      h('button', { type: 'button', onclick: async () => {
        say('');
        try {
          const shown = await api('POST', '/api/articles/preview', { body: body.value });
          preview.hidden = false;
          preview.replaceChildren(h('h2', {}, tr('Preview')), h('h3', {}, title.value), renderedBody(h, shown.html));
        } catch (e) { if (e.status !== 401) say(e.message); }
      } }, tr('Preview')),
      h('button', { type: 'submit' }, tr('Save draft')),
      h('button', { type: 'button', class: 'primary', onclick: () => save(true) }, tr('Save and submit for review'))));
  const refusals = fieldErrors(null, form, { h });
  form.prepend(refusals.summary);
  page(existing ? tr('Edit {id}', { id }) : tr('Write an article'), form, preview);
}

/** An article's published versions, and what changed between two of them (a unified diff of the Markdown). */
export async function versionsPage(id, ctx) {
  const { h, api, page, say, when, learnNames, userName } = ctx;
  const path = `/api/articles/${encodeURIComponent(id)}`;
  const versions = await api('GET', `${path}/versions`);
  await learnNames({ users: versions.map(v => v.approvedBy) });
  const pick = (name, label, chosen) => field(h, `diff-${name}`, label, h('select', { id: `diff-${name}`, name },
    versions.map(v => h('option', { value: v.version, selected: v.version === chosen }, tr('Version {version}', { version: v.version })))));
  const last = versions.length ? versions[versions.length - 1].version : 0;
  const from = pick('from', tr('From'), Math.max(1, last - 1));
  const to = pick('to', tr('To'), last);
  const changes = h('div', { 'aria-live': 'polite' });
  const compare = async event => {
    event.preventDefault();
    say('');
    try {
      const diff = await api('GET', `${path}/diff?from=${from.querySelector('select').value}&to=${to.querySelector('select').value}`);
      changes.replaceChildren(diff.lines.length
        ? h('pre', { class: 'diff' }, diff.lines.map(line => h('span', { class: line.startsWith('+') && !line.startsWith('+++') ? 'added'
          : line.startsWith('-') && !line.startsWith('---') ? 'removed' : '' }, `${line}\n`)))
        : h('p', {}, tr('The two versions are the same.')));
    } catch (e) { if (e.status !== 401) say(e.message); }
  };
  page(tr('Versions of {id}', { id }),
    h('p', {}, h('a', { href: `#/articles/${encodeURIComponent(id)}` }, tr('Back to the article'))),
    versions.length > 1 ? h('form', { class: 'card diff-form', onsubmit: compare }, from, to,
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, tr('Show the changes'))), changes) : '',
    h('ol', { class: 'plain versions' }, versions.map(v => h('li', { class: 'card' },
      h('details', {}, h('summary', {}, tr('Version {version}', { version: v.version }), ': ', v.title, ' · ',
        tr('published {when}', { when: when(v.publishedAt) }), v.approvedBy ? ` · ${tr('approved by {name}', { name: userName(v.approvedBy) })}` : ''),
      renderedBody(h, v.html))))));
}
