// For the agents of an incident: the open problems and known errors that may explain it
// (GET /api/tickets/{n}/known-errors), each linked to it with a click, and a known error's
// workaround sent to the requester as a public comment.
import { tr } from './i18n.js';

/** The "Known problems" card; hidden while there is none. */
export function knownProblemsForTicket(t, { h, api, say, refresh, status }) {
  const box = h('section', { class: 'card known-problems', hidden: true });
  if (t.type !== 'incident') return box;
  const number = encodeURIComponent(t.number);
  const act = (call) => async () => {
    try {
      await call();
      refresh();
    } catch (e) { say(e.message); }
  };
  api('GET', `/api/tickets/${number}/known-errors`).then(found => {
    if (!found.length) return;
    box.hidden = false;
    box.replaceChildren(h('h2', {}, tr('Known problems')), h('ul', { class: 'plain' }, found.map(p =>
      h('li', { class: 'known-problem' },
        h('p', {}, h('strong', {}, p.number), ' ', p.title, ' ', status(p.status),
          p.linked ? h('span', { class: 'linked' }, ' ', tr('linked')) : ''),
        p.workaround ? h('p', { class: 'text' }, h('strong', {}, tr('Workaround:')), ' ', p.workaround) : '',
        p.linked ? '' : h('button', { type: 'button', onclick: act(() => api('POST',
          `/api/problems/${encodeURIComponent(p.number)}/incidents`, { incident: t.number })) },
          tr('Link to {problem}', { problem: p.number })),
        p.workaround ? h('button', { type: 'button', class: 'primary', onclick: act(() => api('POST',
          `/api/tickets/${number}/workaround`, { problem: p.number })) },
          tr('Apply the workaround of {problem}', { problem: p.number })) : ''))));
  }, () => { /* a help; the ticket shows without it */ });
  return box;
}
