// Who follows a ticket besides its requester and agents: watchers see it (and find it under "Tickets you
// watch") and are told of it. The requester and the agents add and remove them; a watcher may leave.

/** The watchers card of a ticket page: their names, remove buttons and, for those who may, an add form. */
export async function watchersCard(ticket, { h, api, tr, say, refresh, me, agent, learnNames, userName }) {
  const path = `/api/tickets/${encodeURIComponent(ticket.number)}/watchers`;
  const watchers = await api('GET', path);
  await learnNames({ users: watchers });
  const manages = agent || ticket.requester === me.id;
  const remove = watcher => h('button', { type: 'button', class: 'link',
    'aria-label': watcher === me.id ? tr('Stop watching') : tr('Remove {name}', { name: userName(watcher) }),
    onclick: async () => {
      say('');
      try {
        await api('DELETE', `${path}/${encodeURIComponent(watcher)}`);
        say(watcher === me.id ? tr('You no longer watch {number}.', { number: ticket.number })
          : tr('{name} no longer watches {number}.', { name: userName(watcher), number: ticket.number }), 'ok');
        await refresh();
      } catch (e) { if (e.status !== 401) say(e.message); }
    } }, watcher === me.id ? tr('Stop watching') : tr('Remove'));
  const person = h('input', { id: 'watcher', name: 'watcher', autocomplete: 'off', 'aria-describedby': 'watcher-hint' });
  // Why a person could not be added is said at the field, where the person is typing, not in the banner at the
  // top of the page (out of view on a long ticket page): the field is marked invalid and describes itself by it.
  const problem = h('p', { class: 'field-error', id: 'watcher-error', role: 'alert', hidden: true });
  const refuse = words => {
    problem.textContent = words;
    problem.hidden = !words;
    if (words) {
      person.setAttribute('aria-invalid', 'true');
      person.setAttribute('aria-describedby', 'watcher-hint watcher-error');
      person.focus();
    } else {
      person.removeAttribute('aria-invalid');
      person.setAttribute('aria-describedby', 'watcher-hint');
    }
  };
  const add = manages ? h('form', { class: 'add-watcher', onsubmit: async event => {
    event.preventDefault();
    say('');
    refuse('');
    if (!person.value.trim()) { refuse(tr('Give a user id or a name first.')); return; }
    try {
      const now = await api('POST', path, { user: person.value.trim() });
      const added = now.find(id => !watchers.includes(id));
      if (added) await learnNames({ users: [added] });
      say(added ? tr('{name} now watches {number}.', { name: userName(added), number: ticket.number })
        : tr('{name} already watches {number}.', { name: person.value.trim(), number: ticket.number }), 'ok');
      await refresh();
    } catch (e) { if (e.status !== 401) refuse(e.message); }
  } },
  h('label', { for: 'watcher' }, tr('Add a watcher')),
  h('p', { class: 'meta', id: 'watcher-hint' }, tr('A user id (mark) or a first and last name (Mark Meyer).')),
  h('div', { class: 'inline-form' }, person, h('button', { type: 'submit' }, tr('Add'))), problem) : '';
  return h('section', { class: 'card watchers' }, h('h2', {}, tr('Watchers')),
    watchers.length
      ? h('ul', { class: 'plain' }, watchers.map(w => h('li', {}, userName(w), ' ',
        manages || w === me.id ? remove(w) : '')))
      : h('p', { class: 'meta' }, tr('Nobody watches this ticket yet.')),
    add);
}
