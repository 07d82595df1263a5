// Knowledge articles in the portal: an article's page (its published version, votes; for its author
// and the owners of its service the working copy, submit, review and retire) and the suggestions
// shown while a person describes a problem or searches the catalog, with "This solved it" (a
// deflection instead of a ticket). The article's HTML is rendered and sanitized by FlowDesk
// (commonmark and OWASP's sanitizer); titles and excerpts are text.
import { marked } from './search.js';
import { currentLanguage, tr } from './i18n.js';
import { articleFilesCard } from './attachments.js';

/** An article's status (its own, not a ticket's) in the person's language. */
export function articleStatus(code) {
  const words = { draft: tr('Draft'), in_review: tr('In review'), published: tr('Published'),
    due_for_review: tr('Due for review'), retired: tr('Retired') };
  return words[code] || code;
}

/** HTML that FlowDesk rendered from Markdown and sanitized (formatting, blocks, tables, http(s)/mailto links, images). */
export function renderedBody(h, html) {
  const body = h('div', { class: 'article-body' });
  body.innerHTML = html || '';
  return body;
}

/**
 * An article's page: the published version, when, and "Was this helpful?"; for its author and the
 * owners of its service also the working copy with what they may do now (edit, submit, retire),
 * and the review form when a review step of the article's process waits for the person.
 */
export async function articlePage(id, ctx) {
  const { h, api, page, say, when, navigate, formView, refresh, learnNames, userName, csrf } = ctx;
  const path = `/api/articles/${encodeURIComponent(id)}`;
  const a = await api('GET', path);
  if (a.draft) await learnNames({ users: [a.author] });
  const may = a.permitted || {};
  const thanks = h('p', { class: 'meta', role: 'status' });
  const vote = helpful => async () => {
    try {
      await api('POST', `${path}/votes`, { helpful });
      thanks.textContent = tr('Thank you for your vote.');
    } catch (e) { say(e.message); }
  };
  const act = (what, note) => async () => {
    say('');
    try {
      await api('POST', `${path}/${what}`);
      await refresh();
      say(note, 'ok');
    } catch (e) { if (e.status !== 401) say(e.message); }
  };
  // Retiring cannot be undone: a second button, shown after the first, asks once more.
  const confirmRetire = h('button', { type: 'button', class: 'danger',
    onclick: act('retire', tr('{id} is retired; search no longer finds it.', { id })) }, tr('Yes, retire it'));
  const actions = h('div', { class: 'actions' });

  let review = '';
  if (may.review) {
    // The step's own form (the model's words), answered to the article's endpoint, which checks the answers.
    const detail = await api('GET', `/api/tasks/${encodeURIComponent(may.review.task)}`);
    review = h('section', { class: 'card review' }, h('h2', {}, may.review.name),
      await formView(detail.form, {}, tr('Send the review'), async (answers, picked) => {
        // A review belongs to no ticket: files are attached to the article (below), not to its review.
        if (picked && Object.keys(picked).length) throw new Error(tr('A review takes no files: attach them to the article instead.'));
        await api('POST', `${path}/${may.review.action}`, answers);
        navigate('#/knowledge', tr('{id}: review sent.', { id }));
      }));
  }

  const draft = a.draft;
  const working = draft ? h('section', { class: 'card working-copy' },
    h('h2', {}, tr('Working copy')),
    h('p', { class: 'meta' }, h('span', { class: `status article-${a.status}` }, articleStatus(a.status)), ' ',
      tr('changed {when}', { when: when(draft.updatedAt) }), ' · ', tr('by {author}', { author: userName(a.author) }),
      a.sourceTicket ? [' · ', tr('from'), ' ', h('a', { href: `#/tickets/${encodeURIComponent(a.sourceTicket)}` }, a.sourceTicket)] : ''),
    draft.reviewNote ? h('p', { class: 'note error review-note' }, tr('Sent back: {reason}', { reason: draft.reviewNote })) : '',
    // The published version is shown below; the working copy only when it is not the same.
    !a.version || draft.html !== a.html || draft.title !== a.title ? [h('h3', {}, draft.title), renderedBody(h, draft.html)] : '',
    actions) : '';
  actions.append(...[
    may.edit ? h('a', { class: 'button', href: `#/articles/${encodeURIComponent(id)}/edit` }, tr('Edit')) : '',
    // A published article is submitted again only as a revision: once its working copy differs.
    may.submit && (!a.version || draft.title !== a.title || draft.html !== a.html) ? h('button', { type: 'button', class: 'primary',
      onclick: act('submit', tr('{id} is submitted for review.', { id })) }, tr('Submit for review')) : '',
    may.retire ? h('button', { type: 'button', onclick: () => { actions.append(confirmRetire); confirmRetire.focus(); } },
      tr('Retire')) : ''].filter(Boolean));

  page(a.title || (draft && draft.title) || id,
    a.kind === 'known_error' ? h('p', { class: 'note known-error' }, tr('A known error: the workaround to use until its problem is fixed. It is retired when the fix is in.')) : '',
    h('p', { class: 'meta' }, a.version ? tr('Version {version}, published {when}', { version: a.version, when: when(a.publishedAt) })
      : tr('Not published yet ({status})', { status: articleStatus(a.status) }),
    // One view and one who found it helpful have words of their own: "1 Aufruf", "1 fand ihn hilfreich".
    ' · ', a.views === 1 ? tr('1 view') : tr('{n} views', { n: a.views }),
    ' · ', a.helpful === 1 ? tr('1 found it helpful') : tr('{n} found it helpful', { n: a.helpful }),
    a.version > 1 || (a.version && draft) ? [' · ', h('a', { href: `#/articles/${encodeURIComponent(id)}/versions` }, tr('Versions'))] : ''),
    review,
    working,
    a.html ? h('article', { class: 'card' }, renderedBody(h, a.html)) : '',
    // Its files: readers those of the published version, the author all of them, to add and remove.
    articleFilesCard(id, { mayChange: !!may.edit, csrf, say, refresh, learnNames, userName }),
    a.version ? h('section', { class: 'card' }, h('h2', {}, tr('Was this helpful?')),
      h('div', { class: 'actions' }, h('button', { type: 'button', onclick: vote(true) }, tr('Yes')),
        h('button', { type: 'button', onclick: vote(false) }, tr('No'))), thanks) : '');
}

/**
 * Articles that match what a person types (a problem's title, a search of the catalog): the best
 * five, asked for once typing pauses, each with "This solved it", counted as a deflection.
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
      const query = anyOf(words);
      if (!query) { box.hidden = true; return; }
      const found = await api('GET', `/api/search?q=${encodeURIComponent(query)}&kind=article&size=10`);
      if (words !== asked) return;
      const hits = worthSuggesting(words, found.items, currentLanguage()).slice(0, 5);
      box.hidden = !hits.length;
      box.replaceChildren(h('h2', {}, tr('These articles may answer it')),
        h('ul', { class: 'hits' }, hits.map(hit => h('li', { class: 'hit hit-article' },
          h('a', { href: `#/articles/${encodeURIComponent(hit.ref)}`, target: '_blank', class: 'title' },
            marked(h, hit.titleParts)),
          h('button', { type: 'button', class: 'solved', onclick: async () => {
            try {
              await api('POST', `/api/articles/${encodeURIComponent(hit.ref)}/deflections`);
              navigate('#/', tr('Glad the article helped. Nothing was reported.'));
            } catch (e) { say(e.message); }
          } }, tr('This solved it')),
          hit.excerpt && hit.excerpt.length ? h('p', { class: 'excerpt' }, marked(h, hit.excerpt)) : ''))));
    } catch (e) { /* suggestions are a help; the page goes on without them */ }
  };
  return { box, typed: title => { clearTimeout(timer); timer = setTimeout(() => show((title || '').trim()), 300); } };
}

// Words that say nothing about what is wrong, in the languages FlowDesk speaks: an article that shares only
// "the", "not" or "geht" with a title is no suggestion.
const COMMON = new Set(('the and for not but was are has have had does did can cannot can\'t won\'t doesn\'t '
  + 'isn\'t with from into onto our your you they them this that these those there when what which who why how '
  + 'all any some more most very again still just only also after before since since while work works working '
  + 'worked problem problems issue issues help please need needs new get gets got '
  + 'der die das den dem des ein eine einen einem einer und oder aber nicht kein keine ist sind war waren hat '
  + 'haben geht gehen funktioniert mit von für auf aus bei nach seit wenn wie was wer warum bitte noch mehr '
  + 'sehr immer auch nur mein meine meinen ich wir sie ihr problem fehler').split(' '));

/** The words of a title that say what it is about: three letters or more, none of the common ones. */
function telling(title) {
  const seen = new Set();
  return (title || '').replace(/["()]/g, ' ').split(/\s+/).map(w => w.replace(/^-+/, '').replace(/[.,:;!?]+$/, ''))
    .filter(w => w.length >= 3 && !COMMON.has(w.toLowerCase()))
    .filter(w => !seen.has(w.toLowerCase()) && seen.add(w.toLowerCase())).slice(0, 12);
}

/** Words of a title as a search for articles that have any of them (best ones first). */
export function anyOf(title) {
  return telling(title).join(' or ');
}

/**
 * The hits worth suggesting for a title: those that share two of its telling words when it has three or more (one
 * when it is a word or two, as while typing), in the reader's language when there are such; one word in common with
 * a long title is a coincidence, not an answer.
 */
export function worthSuggesting(title, hits, language) {
  const wanted = telling(title).length >= 3 ? 2 : 1;
  const shared = hit => new Set([...(hit.titleParts || []), ...(hit.excerpt || [])].filter(part => part.match)
    .map(part => part.text.toLowerCase())).size;
  const good = hits.filter(hit => shared(hit) >= wanted);
  const own = good.filter(hit => !hit.language || hit.language === language);
  return own.length ? own : good;
}

/** For the agents of a ticket: articles like it, each sent to the requester as a public comment with a click. */
export function suggestedForTicket(t, { h, api, say, refresh }) {
  const box = h('section', { class: 'card suggestions', hidden: true });
  const words = anyOf(t.title);
  // Articles answer what people ask and report; a change or a problem is worked from its own findings.
  if (!words || !['incident', 'request'].includes(t.type)) return box;
  api('GET', `/api/search?q=${encodeURIComponent(words)}&kind=article&size=10`).then(found => {
    const hits = worthSuggesting(t.title, found.items, currentLanguage()).slice(0, 5);
    if (!hits.length) return;
    box.hidden = false;
    box.replaceChildren(h('h2', {}, tr('Articles that may solve it')), h('ul', { class: 'hits' }, hits.map(hit =>
      h('li', { class: 'hit hit-article' },
        h('a', { href: `#/articles/${encodeURIComponent(hit.ref)}`, class: 'title' }, marked(h, hit.titleParts)),
        h('button', { type: 'button', class: 'solved', onclick: async () => {
          try {
            await api('POST', `/api/tickets/${encodeURIComponent(t.number)}/comments`, { internal: false,
              text: tr('This article may solve it: {title} {link}', { title: hit.title,
                link: `${location.origin}/#/articles/${encodeURIComponent(hit.ref)}` }) });
            refresh();
          } catch (e) { say(e.message); }
        } }, tr('Send to the requester'))))));
  }, () => { /* suggestions are a help; the ticket shows without them */ });
  return box;
}
