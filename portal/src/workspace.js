// The agent's workspace (the Queues page): filters, sortable columns, saved views with their counts,
// and actions on the selected tickets with a report per ticket (GET /api/tickets, /api/views,
// POST /api/tickets/bulk). The choices of resolution codes and groups come from the work form.
import { tr } from './i18n.js';
import { age } from './format.js';

const COLUMNS = [['requester', 'Requester'], ['service', 'Service'], ['priority', 'Priority'], ['due', 'Due'],
  ['age', 'Age'], ['updated', 'Last update']];
const FILTERS = ['group', 'assignee', 'priority', 'breached', 'dueWithinHours', 'q'];

/** Why a ticket was refused, by the report's refusal code, in words the portal translates. */
const REFUSALS = {
  not_found: 'No such ticket that you may see',
  not_yours: 'Another group works it, not you',
  taken: 'Someone else has taken it on',
  no_step: 'It has no step now that does this',
  invalid: 'Its form refused what was given',
  failed: 'It could not be done; nothing of it was changed',
};

/** The choices a field of the form offers, as [value, label]. */
function choices(form, key) {
  const field = (form.components || []).find(c => c.key === key);
  return field && field.values ? field.values.map(v => [v.value, v.label]) : [];
}

export async function workspacePage({ h, api, page, say, when, status, groupName, agentGroups, exportLinks, dueOf,
  learnNames, userName, serviceName, myId }) {
  const view = { sort: 'due' };
  const selected = new Set();
  const form = await api('GET', '/api/forms/incident-work').catch(() => ({ components: [] }));
  // The colleagues of the agent's groups, whom "Assign" may give the selected tickets to.
  const colleagues = new Map();
  for (const members of await Promise.all(agentGroups.map(g => api('GET', `/api/groups/${encodeURIComponent(g)}/members`)
    .catch(() => [])))) {
    for (const member of members) colleagues.set(member.userId, member.name);
  }
  const select = (label, name, options) => h('label', {}, label, ' ', h('select', { name },
    options.map(([value, text]) => h('option', { value }, text))));
  const filters = h('form', { class: 'search workspace-filters', role: 'search' },
    select(tr('Group'), 'group', [['', tr('All my groups')], ...agentGroups.map(g => [g, groupName(g)])]),
    select(tr('Assignee'), 'assignee', [['', tr('Anyone')], ['me', tr('Me')], ['none', tr('Nobody')]]),
    select(tr('Priority'), 'priority', [['', tr('Any')], ...[1, 2, 3, 4, 5].map(p => [String(p), `P${p}`])]),
    h('label', {}, h('input', { type: 'checkbox', name: 'breached' }), ' ', tr('Breached only')),
    h('label', {}, tr('Due within (hours)'), ' ', h('input', { type: 'number', name: 'dueWithinHours', min: 1, max: 8760 })),
    h('label', {}, tr('Words'), ' ', h('input', { type: 'search', name: 'q', maxlength: 200 })),
    h('button', { type: 'submit' }, tr('Show')));
  const views = h('section', { class: 'saved-views', 'aria-label': tr('Saved views') });
  const list = h('section', { class: 'queue', 'aria-live': 'polite', 'aria-label': tr('Tickets') });
  const report = h('section', { id: 'bulk-report', 'aria-live': 'polite' });
  const actions = h('form', { class: 'bulk-bar' });

  const fromForm = () => {
    const data = new FormData(filters);
    for (const key of FILTERS) view[key] = key === 'breached' ? (data.get(key) ? 'true' : '') : (data.get(key) || '').trim();
  };
  const toForm = () => {
    for (const key of FILTERS) {
      const input = filters.elements[key];
      if (key === 'breached') input.checked = view[key] === true || view[key] === 'true';
      else input.value = view[key] === null || view[key] === undefined ? '' : String(view[key]);
    }
  };
  const query = () => {
    const params = new URLSearchParams({ open: 'true' });
    for (const key of [...FILTERS, 'sort']) if (view[key] !== '' && view[key] !== null && view[key] !== undefined) params.set(key, view[key]);
    return params.toString();
  };

  const header = ([key, label]) => {
    const sorted = view.sort === key ? 'ascending' : view.sort === `-${key}` ? 'descending' : null;
    return h('th', { scope: 'col', 'aria-sort': sorted || 'none' }, h('button', { type: 'button', class: 'sort',
      onclick: () => { view.sort = view.sort === key ? `-${key}` : key; show().catch(e => say(e.message)); } }, tr(label)),
    sorted ? h('span', { 'aria-hidden': 'true' }, sorted === 'ascending' ? ' ▲' : ' ▼') : '');
  };
  const show = async () => {
    const data = await api('GET', `/api/tickets?size=200&${query()}`);
    // People and services by their names, as on a ticket's page, not their ids.
    await learnNames({ users: data.items.map(t => t.requester) });
    selected.clear();
    const box = t => h('input', { type: 'checkbox', 'aria-label': tr('Select {number}', { number: t.number }),
      onchange: e => { if (e.target.checked) selected.add(t.number); else selected.delete(t.number); showSelection(); } });
    list.replaceChildren(h('p', { class: 'meta' }, data.total === 1 ? tr('1 ticket') : tr('{n} tickets', { n: data.total })),
      data.items.length ? h('table', { class: 'workspace' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, h('input', { type: 'checkbox', 'aria-label': tr('Select all'),
          onchange: e => { list.querySelectorAll('tbody input[type=checkbox]').forEach(c => { c.checked = e.target.checked; c.dispatchEvent(new Event('change')); }); } })),
        h('th', { scope: 'col' }, tr('Ticket')), h('th', { scope: 'col' }, tr('Status')), ...COLUMNS.map(header))),
        h('tbody', {}, data.items.map(t => h('tr', { class: `ticket${t.resolutionBreached || t.responseBreached ? ' breached' : ''}` },
          h('td', {}, box(t)),
          h('td', {}, h('a', { href: `#/tickets/${encodeURIComponent(t.number)}`, class: 'number' }, t.number), ' ',
            h('span', { class: 'title' }, t.title)),
          // Each cell says its column on a phone, where the cells stack without the header (portal.css).
          h('td', { 'data-label': tr('Status') }, status(t.status)),
          h('td', { 'data-label': tr('Requester') }, userName(t.requester)),
          h('td', { 'data-label': tr('Service') }, t.service ? serviceName(t.service) : ''),
          h('td', { 'data-label': tr('Priority') }, t.priority ? `P${t.priority}` : ''),
          h('td', { 'data-label': tr('Due') }, dueOf(t)),
          // Its age as people say it; the exact time it was opened on hovering.
          h('td', { 'data-label': tr('Age'), class: 'age', title: when(t.createdAt) }, age(t.createdAt)),
          h('td', { 'data-label': tr('Last update') }, when(t.updatedAt))))))
        : h('p', {}, tr('No ticket matches.')),
      data.items.length ? exportLinks(query()) : '');
    showSelection();
  };

  const drawViews = async () => {
    const saved = await api('GET', '/api/views');
    const name = h('input', { type: 'text', name: 'name', maxlength: 100, required: true });
    views.replaceChildren(h('h2', {}, tr('Saved views')),
      saved.length ? h('ul', {}, saved.map(v => h('li', {},
        h('button', { type: 'button', class: 'view', onclick: () => {
          for (const key of FILTERS) view[key] = v[key] === null || v[key] === undefined ? '' : String(v[key]);
          view.sort = v.sort || 'due';
          toForm();
          show().catch(e => say(e.message));
        } }, tr('{name} ({n})', { name: v.name, n: v.count === null ? '?' : v.count })), ' ',
        h('button', { type: 'button', 'aria-label': tr('Delete the view {name}', { name: v.name }), onclick: async () => {
          await api('DELETE', `/api/views/${v.id}`).catch(e => say(e.message));
          await drawViews();
        } }, '×'))))
        : h('p', {}, tr('No saved views yet.')),
      h('form', { class: 'save-view', onsubmit: async e => {
        e.preventDefault();
        fromForm();
        const body = { name: name.value, open: true, sort: view.sort };
        for (const key of FILTERS) {
          if (view[key] === '') continue;
          body[key] = key === 'priority' || key === 'dueWithinHours' ? Number(view[key]) : key === 'breached' ? true : view[key];
        }
        try {
          await api('POST', '/api/views', body);
          say(tr('View saved.'), 'ok');
          await drawViews();
        } catch (err) {
          say(err.message);
        }
      } }, h('label', {}, tr('Name of the view'), ' ', name), ' ', h('button', { type: 'submit' }, tr('Save this view'))));
  };

  // The server's sentence names the ticket and the group, in English; another language gets the refusal's words.
  const refusal = r => {
    const words = REFUSALS[r.refusal];
    const translated = words ? tr(words) : '';
    return translated && translated !== words ? translated : r.reason;
  };
  const drawActions = () => {
    const action = actions.elements.action ? actions.elements.action.value : 'assign';
    const fields = {
      assign: [select(tr('Assign to'), 'assignee', [['', tr('Me')], ...[...colleagues].filter(([id]) => id !== myId)
        .sort((a, b) => a[1].localeCompare(b[1])).map(([id, name]) => [id, name])])],
      comment: [h('label', {}, tr('Comment'), ' ', h('textarea', { name: 'text', required: true, maxlength: 20000 })),
        h('label', {}, h('input', { type: 'checkbox', name: 'internal' }), ' ', tr('Internal'))],
      resolve: [select(tr('Resolution code'), 'resolutionCode', choices(form, 'resolutionCode')),
        h('label', {}, tr('Resolution notes'), ' ', h('textarea', { name: 'resolutionNotes', required: true, maxlength: 20000 }))],
      reassign: [select(tr('New group'), 'group', choices(form, 'newGroup')),
        h('label', {}, tr('Why'), ' ', h('input', { type: 'text', name: 'reason', maxlength: 2000 }))],
    };
    const chooser = select(tr('Action'), 'action', [['assign', tr('Assign')], ['comment', tr('Comment')],
      ['resolve', tr('Resolve')], ['reassign', tr('Reassign')]]);
    chooser.querySelector('select').value = action;
    chooser.querySelector('select').addEventListener('change', drawActions);
    actions.replaceChildren(h('p', { class: 'selection' }), chooser, ...fields[action],
      h('button', { type: 'submit', class: 'apply' }, tr('Apply to the selected tickets')));
    showSelection();
  };
  // What is selected changes the count and whether the action may be applied, not what was typed.
  const showSelection = () => {
    const count = actions.querySelector('.selection');
    if (!count) return;
    count.textContent = tr('{n} selected', { n: selected.size });
    actions.querySelector('button.apply').disabled = selected.size === 0;
  };
  // The last action's report goes as soon as the next is tried: one the browser stops (a required field left
  // empty: no submit event) or the API refuses must not leave the old "Done for 2" to read as this one's.
  actions.addEventListener('click', e => { if (e.target.closest('button.apply')) report.replaceChildren(); });
  actions.addEventListener('submit', async e => {
    e.preventDefault();
    report.replaceChildren();
    const data = new FormData(actions);
    const body = { action: data.get('action'), tickets: [...selected] };
    for (const key of ['text', 'resolutionCode', 'resolutionNotes', 'group', 'reason', 'assignee']) {
      if (data.get(key)) body[key] = data.get(key);
    }
    if (body.action === 'comment') body.internal = Boolean(data.get('internal'));
    try {
      const result = await api('POST', '/api/tickets/bulk', body);
      report.replaceChildren(h('h2', {}, tr('Done for {done}, refused for {refused}', result)),
        h('ul', {}, result.results.map(r => h('li', { class: r.done ? 'done' : 'refused' },
          h('a', { href: `#/tickets/${encodeURIComponent(r.ticket)}` }, r.ticket), ': ', r.done ? tr('done') : refusal(r)))));
      await show();
      await drawViews();
    } catch (err) {
      say(err.message);
    }
  });
  filters.addEventListener('submit', e => {
    e.preventDefault();
    fromForm();
    show().catch(err => say(err.message));
  });

  drawActions();
  await Promise.all([show(), drawViews()]);
  page(tr('Queues'), agentGroups.length ? [filters, views, actions, report, list] : h('p', {}, tr('You are in no agent group.')));
}
