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
  const add = manages ? h('form', { class: 'add-watcher', onsubmit: async event => {
    event.preventDefault();
    say('');
    if (!person.value.trim()) { say(tr('Give a user id or a name first.')); person.focus(); return; }
    try {
      const now = await api('POST', path, { user: person.value.trim() });
      const added = now.find(id => !watchers.includes(id));
      if (added) await learnNames({ users: [added] });
      say(added ? tr('{name} now watches {number}.', { name: userName(added), number: ticket.number })
        : tr('{name} already watches {number}.', { name: person.value.trim(), number: ticket.number }), 'ok');
      await refresh();
    } catch (e) { if (e.status !== 401) { say(e.message); person.focus(); } }
  } },
  h('label', { for: 'watcher' }, tr('Add a watcher')),
  h('p', { class: 'meta', id: 'watcher-hint' }, tr('A user id (mark) or a first and last name (Mark Meyer).')),
  h('div', { class: 'inline-form' }, person, h('button', { type: 'submit' }, tr('Add')))) : '';
  return h('section', { class: 'card watchers' }, h('h2', {}, tr('Watchers')),
    watchers.length
      ? h('ul', { class: 'plain' }, watchers.map(w => h('li', {}, userName(w), ' ',
        manages || w === me.id ? remove(w) : '')))
      : h('p', { class: 'meta' }, tr('Nobody watches this ticket yet.')),
    add);
}
