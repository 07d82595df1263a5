// Major incidents and duplicates on an incident's page (POST /api/tickets/{n}/major, /children,
// /updates, /merge): for the agents working it. Whoever reads an attached incident sees which major
// incident it is part of; the updates themselves are on its timeline.
import { tr } from './i18n.js';

/** "Part of the major incident INC-…", for everyone who reads a child; nothing otherwise. */
export function majorParentNote(t, { h }) {
  return t.majorParent ? h('p', { class: 'note major-parent' }, tr('Part of the major incident'), ' ',
    h('a', { href: `#/tickets/${encodeURIComponent(t.majorParent)}` }, t.majorParent),
    ': ', tr('updates on it are posted here, and this incident is resolved with it.')) : '';
}

/**
 * The "Major incident" card for an incident's agents: declare it; once major, its children (attach
 * another incident) and a status update to all of their requesters; and merging a duplicate into
 * another incident.
 */
export function majorIncidentCard(t, { h, api, say, refresh, status, learnNames, isOpen }) {
  // Only an incident in a status its model declares open (not resolved, not closed) is made major.
  if (t.type !== 'incident' || !isOpen(t.status) || t.majorParent) return '';
  const number = encodeURIComponent(t.number);
  const act = call => async event => {
    event.preventDefault();
    say('');
    try {
      const message = await call();
      await refresh();
      if (message) say(message, 'ok');
    } catch (e) { if (e.status !== 401) say(e.message); }
  };
  const box = h('section', { class: 'card major-incident' }, h('h2', {}, t.major ? tr('Major incident') : tr('Major incident or duplicate')));
  if (!t.major) {
    box.append(h('p', {}, h('button', { type: 'button', onclick: act(async () => {
      await api('POST', `/api/tickets/${number}/major`);
      return tr('{number} is a major incident now.', { number: t.number });
    }) }, tr('Declare a major incident'))));
  } else {
    const children = t.majorChildren || [];
    const list = h('ul', { class: 'plain major-children' });
    box.append(h('h3', {}, tr('Attached incidents ({n})', { n: children.length })), list);
    Promise.all(children.map(child => api('GET', `/api/tickets/${encodeURIComponent(child)}`).catch(() => null)))
      .then(async found => {
        await learnNames({ users: found.filter(Boolean).map(c => c.requester) });
        list.replaceChildren(...found.map((c, i) => h('li', {},
          h('a', { href: `#/tickets/${encodeURIComponent(children[i])}` }, children[i]),
          c ? [' ', c.title, ' ', status(c.status)] : '')));
      });
    const child = h('input', { id: 'major-child', name: 'incident', placeholder: 'INC-000042', size: 14,
      pattern: '[A-Za-z]{3}-[0-9]{1,12}', required: true });
    box.append(h('form', { class: 'inline-form', onsubmit: act(async () => {
      const incident = child.value.trim().toUpperCase();
      await api('POST', `/api/tickets/${number}/children`, { incident });
      return tr('{child} is attached to {number}.', { child: incident, number: t.number });
    }) }, h('label', { for: 'major-child' }, tr('Attach an incident')), child,
    h('button', { type: 'submit' }, tr('Attach to this major incident'))));
    const update = h('textarea', { id: 'major-update', name: 'text', rows: 2, maxlength: 1500, required: true });
    box.append(h('form', { class: 'major-update', onsubmit: act(async () => {
      const posted = await api('POST', `/api/tickets/${number}/updates`, { text: update.value.trim() });
      return tr('The update reached {n} attached incidents.', { n: (posted.reached || []).length });
    }) }, h('label', { for: 'major-update' }, tr('Status update for everyone affected')), update,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, tr('Post the update')))));
  }
  if (!t.major) {
    const into = h('input', { id: 'merge-into', name: 'into', placeholder: 'INC-000041', size: 14,
      pattern: '[A-Za-z]{3}-[0-9]{1,12}', required: true });
    const why = h('input', { id: 'merge-reason', name: 'reason', maxlength: 2000 });
    box.append(h('form', { class: 'merge', onsubmit: act(async () => {
      const survivor = into.value.trim().toUpperCase();
      await api('POST', `/api/tickets/${number}/merge`, { into: survivor, reason: why.value.trim() || null });
      return tr('{number} is merged into {into} and closed as its duplicate.', { number: t.number, into: survivor });
    }) }, h('h3', {}, tr('A duplicate?')),
    h('label', { for: 'merge-into' }, tr('Merge into the incident')), into,
    h('label', { for: 'merge-reason' }, tr('Why (optional)')), why,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, tr('Merge')))));
  }
  return box;
}
