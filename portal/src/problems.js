// For the agents of an incident: the open problems and known errors that may explain it
// (GET /api/tickets/{n}/known-errors), each linked to it with a click, and a known error's
// workaround sent to the requester as a public comment — once: applied, it says when and by whom,
// and is offered again only when the workaround was revised since; withdrawn since, it says so.
import { tr } from './i18n.js';
import { age, dateAndTime } from './format.js';

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
        p.applied ? h('p', { class: 'meta applied' },
          tr('Workaround applied {when} by {name}', { when: dateAndTime(p.applied.at), name: p.applied.byName }),
          p.applied.withdrawnSince
            ? ` ${tr('It was withdrawn since: {problem} has no workaround now.', { problem: p.number })}`
            : p.applied.revisedSince ? ` ${tr('It was revised since.')}` : '') : '',
        p.workaround && (!p.applied || p.applied.revisedSince) ? h('button', { type: 'button', class: 'primary',
          onclick: act(() => api('POST', `/api/tickets/${number}/workaround`, { problem: p.number })) },
          p.applied ? tr('Apply the revised workaround of {problem}', { problem: p.number })
            : tr('Apply the workaround of {problem}', { problem: p.number })) : ''))));
  }, () => { /* a help; the ticket shows without it */ });
  return box;
}

/** Agents (and administrators) work problems; the API refuses everyone else. */
export function worksProblems(me) {
  return me.roles.includes('agent') || me.roles.includes('administrator');
}

/**
 * The problem pages for agents: #/problems, the list (open ones by default, by status and words),
 * and #/problems/PRB-000001, one problem with its findings, incidents, fixing changes and timeline.
 */
export function problemPages(p) {
  const { h, api, page, say, when, status, statusName, refresh, learnNames, userName, groupName, serviceName,
    withoutTicket, formView, postForm, navigate, isOpen } = p;

  /** The problems matching the filter as a table, or a sentence when none does. */
  async function table(search) {
    const data = await api('GET', `/api/problems?${search}`);
    await learnNames({ groups: data.items.map(x => x.assignmentGroup) });
    const rows = data.items.map(x => h('tr', {},
      h('th', { scope: 'row' }, h('a', { href: `#/problems/${encodeURIComponent(x.number)}` }, x.number)),
      h('td', {}, x.title, x.knownErrorAt ? [' ', h('span', { class: 'tag known-error' }, tr('known error'))] : ''),
      h('td', {}, status(x.status)),
      h('td', {}, x.service ? serviceName(x.service) : '—'),
      h('td', {}, x.assignmentGroup ? groupName(x.assignmentGroup) : '—'),
      h('td', { title: when(x.createdAt) }, age(x.createdAt)),
      h('td', { class: 'num' }, String(x.incidents))));
    return [h('p', { class: 'meta', role: 'status' }, data.total === 1 ? tr('1 problem') : tr('{n} problems', { n: data.total }),
      data.total > data.items.length ? [' ', tr('The first {n} are shown; narrow the filter to find the others.',
        { n: data.items.length })] : ''),
      // On a phone the table scrolls sideways: the box takes the keyboard's focus for that.
      rows.length ? h('div', { class: 'table-box', tabindex: '0', role: 'region', 'aria-label': tr('Problems') }, h('table', { class: 'problems' },
        h('caption', { class: 'visually-hidden' }, tr('Problems')),
        h('thead', {}, h('tr', {}, [tr('Number'), tr('Title'), tr('Status'), tr('Service'), tr('Group'), tr('Age'),
          tr('Incidents')].map((label, i) => h('th', { scope: 'col', class: i === 6 ? 'num' : null }, label)))),
        h('tbody', {}, rows)))
        : h('p', {}, tr('No problem matches.'))];
  }

  async function list() {
    // The statuses the problem model declares, in its order.
    const statuses = p.statuses().filter(s => s.processes.includes('problem'));
    const statusChoice = h('select', { id: 'problem-status', name: 'status' },
      h('option', { value: '' }, tr('Any status')),
      statuses.map(s => h('option', { value: s.code }, statusName(s.code, s.label))));
    const openOnly = h('input', { type: 'checkbox', id: 'problem-open', name: 'open', checked: true });
    const input = h('input', { type: 'search', id: 'problem-q', name: 'q',
      placeholder: tr('Words or a problem number'), 'aria-label': tr('Words or a problem number') });
    const box = h('div', { 'aria-live': 'polite' });
    const show = async () => {
      const search = new URLSearchParams({ size: '200' });
      if (statusChoice.value) search.set('status', statusChoice.value);
      else if (openOnly.checked) search.set('open', 'true');
      if (input.value.trim()) search.set('q', input.value.trim());
      box.replaceChildren(...await table(search));
    };
    // A status chosen decides alone: "only open" is left aside then.
    statusChoice.addEventListener('change', () => { openOnly.disabled = Boolean(statusChoice.value); });
    const filter = h('form', { class: 'card problem-filter', role: 'search', 'aria-label': tr('Filter the problems'),
      onsubmit: event => { event.preventDefault(); say(''); show().catch(e => say(e.message)); } },
    h('label', { for: 'problem-status' }, tr('Status')), statusChoice,
    h('label', { class: 'inline' }, openOnly, ' ', tr('Only open problems')),
    input, h('button', { type: 'submit' }, tr('Filter')));
    await show();
    page(tr('Problems'), filter, box);
  }

  /** The card to link another incident to an open problem (POST /api/problems/{n}/incidents). */
  function linkForm(problem) {
    const incident = h('input', { id: 'link-incident', name: 'incident', placeholder: 'INC-000042', required: true,
      pattern: '[A-Za-z]{3}-[0-9]{1,12}' });
    return h('form', { class: 'card link-incident', onsubmit: async event => {
      event.preventDefault();
      say('');
      try {
        const number = incident.value.trim().toUpperCase();
        await api('POST', `/api/problems/${encodeURIComponent(problem.number)}/incidents`, { incident: number });
        say(tr('{incident} is linked to {problem}.', { incident: number, problem: problem.number }), 'ok');
        refresh();
      } catch (e) { if (e.status !== 401) say(e.message); }
    } },
    h('label', { for: 'link-incident' }, tr('Link an incident')),
    h('div', { class: 'search' }, incident, h('button', { type: 'submit' }, tr('Link'))));
  }

  async function one(number) {
    const path = `/api/problems/${encodeURIComponent(number)}`;
    const [view, timeline, tasks] = await Promise.all([api('GET', path), api('GET', `${path}/timeline`),
      api('GET', `/api/tasks?ticket=${encodeURIComponent(number)}`)]);
    const t = view.ticket;
    const mine = tasks.filter(task => task.ticketNumber === t.number);
    await learnNames({ users: [t.requester, t.assignee, ...timeline.map(e => e.actor)], groups: [t.assignmentGroup] });
    const open = isOpen(t.status);
    // A fix is raised once the root cause is known, one change at a time (the API says so otherwise).
    const mayRaiseFix = open && view.rootCause && !view.changes.some(c => isOpen(c.status));
    const facts = h('dl', { class: 'facts' },
      h('dt', {}, tr('Status')), h('dd', {}, status(t.status)),
      h('dt', {}, tr('Service')), h('dd', {}, t.service ? serviceName(t.service) : '—'),
      view.affectedService && view.affectedService !== t.service
        ? [h('dt', {}, tr('Affected service')), h('dd', {}, serviceName(view.affectedService))] : [],
      t.category ? [h('dt', {}, tr('Category')), h('dd', {}, t.category)] : [],
      h('dt', {}, tr('Group')), h('dd', {}, t.assignmentGroup ? groupName(t.assignmentGroup) : '—'),
      h('dt', {}, tr('Assignee')), h('dd', {}, t.assignee ? userName(t.assignee) : tr('nobody yet')),
      h('dt', {}, tr('Logged by')), h('dd', {}, userName(t.requester)),
      h('dt', {}, tr('Opened')), h('dd', {}, when(t.createdAt)),
      view.knownErrorAt ? [h('dt', {}, tr('Known error since')), h('dd', {}, when(view.knownErrorAt))] : [],
      t.resolvedAt ? [h('dt', {}, tr('Resolved')), h('dd', {}, when(t.resolvedAt))] : []);
    const incidents = h('section', { class: 'card problem-incidents' },
      h('h2', {}, tr('Incidents ({n})', { n: view.incidents.length })),
      view.incidents.length ? h('ul', { class: 'tickets' }, view.incidents.map(l => h('li', { class: 'ticket' },
        h('a', { href: `#/tickets/${encodeURIComponent(l.number)}`, class: 'number' }, l.number),
        h('span', { class: 'title' }, l.title), status(l.status))))
        : h('p', {}, tr('No incident is linked to this problem yet.')));
    const changes = h('section', { class: 'card problem-changes' }, h('h2', {}, tr('Fixing change')),
      view.changes.length ? h('ul', { class: 'tickets' }, view.changes.map(l => h('li', { class: 'ticket' },
        h('a', { href: `#/tickets/${encodeURIComponent(l.number)}`, class: 'number' }, l.number),
        h('span', { class: 'title' }, l.title), status(l.status))))
        : h('p', {}, tr('No change has been raised to fix it yet.')),
      mayRaiseFix ? h('p', { class: 'actions' }, h('a', { class: 'button', href: `#/problems/${encodeURIComponent(t.number)}/change` },
        tr('Raise the fixing change'))) : '');
    const taskList = mine.length ? h('section', { class: 'card' }, h('h2', {}, tr('Your tasks on this problem')),
      h('ul', { class: 'plain' }, mine.map(task => h('li', {},
        h('a', { href: `#/tasks/${task.id}` }, withoutTicket(task.name, t.number)),
        task.assignee && task.assignee !== p.me.id
          ? h('span', { class: 'tag' }, tr('taken on by {name}', { name: userName(task.assignee) })) : '')))) : '';
    page(`${t.number}: ${t.title}`,
      h('p', { class: 'actions' }, h('a', { href: '#/problems' }, tr('All problems'))),
      facts,
      t.description ? h('section', { class: 'card' }, h('h2', {}, tr('Description')), h('p', { class: 'text' }, t.description)) : '',
      h('section', { class: 'card problem-findings' }, h('h2', {}, tr('Root cause')),
        h('p', { class: 'text' }, view.rootCause || tr('Not found yet.'))),
      h('section', { class: `card problem-workaround${view.workaround ? ' known-error' : ''}` },
        h('h2', {}, view.workaround ? tr('Workaround (known error)') : tr('Workaround')),
        h('p', { class: 'text' }, view.workaround || tr('None yet: this problem is no known error.'))),
      t.resolutionNotes ? h('section', { class: 'card' }, h('h2', {}, tr('Resolution')), h('p', { class: 'text' }, t.resolutionNotes)) : '',
      taskList,
      incidents,
      open ? linkForm(t) : '',
      changes,
      h('section', { class: 'card' }, h('h2', {}, tr('Timeline')),
        h('ol', { class: 'timeline' }, timeline.map(e => h('li', { class: e.internal ? 'internal' : '' },
          h('span', { class: 'when' }, when(e.at)), ' ', h('span', { class: 'actor' }, userName(e.actor)),
          e.internal ? h('span', { class: 'tag' }, tr('internal')) : '',
          h('p', { class: 'text' }, e.text || ''))))));
  }

  /** The change request form (forms/change-request), sent as the problem's fix: POST /api/problems/{n}/changes. */
  async function raiseFix(number) {
    const path = `/api/problems/${encodeURIComponent(number)}`;
    const [view, schema] = await Promise.all([api('GET', path), api('GET', '/api/forms/change-request')]);
    const t = view.ticket;
    const start = { title: tr('Fix {problem}: {title}', { problem: t.number, title: t.title }).slice(0, 200) };
    if (view.affectedService || t.service) start.service = view.affectedService || t.service;
    page(tr('Raise the change that fixes {problem}', { problem: t.number }),
      h('p', { class: 'meta' }, h('a', { href: `#/problems/${encodeURIComponent(t.number)}` }, `${t.number}: ${t.title}`)),
      view.rootCause ? h('p', { class: 'text' }, h('strong', {}, tr('Root cause')), ': ', view.rootCause) : '',
      await formView(schema, start, tr('Raise the change'), async (fields, picked) => {
        const change = await postForm(`${path}/changes`, 'change', fields, picked);
        navigate(`#/problems/${encodeURIComponent(t.number)}`,
          tr('Raised: {number}. The problem waits for its outcome.', { number: change.number }));
      }));
  }

  return { list, one, raiseFix };
}
