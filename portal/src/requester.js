// What a requester may do with their own request beyond commenting: withdraw it while the model lets
// them (service-request.bpmn waits for the withdrawal only before work starts; the API says when).

/** A card to withdraw the request, with an optional reason; '' when it cannot be withdrawn (now). */
export async function withdrawCard(ticket, { h, api, tr, say, refresh }) {
  if (ticket.type !== 'request') return '';
  const { possible } = await api('GET', `/api/requests/${encodeURIComponent(ticket.number)}/withdrawal`);
  if (!possible) return '';
  const reason = h('textarea', { id: 'withdraw-reason', name: 'withdraw-reason', rows: 2 });
  return h('form', { class: 'card withdraw', onsubmit: async event => {
    event.preventDefault();
    say('');
    try {
      await api('POST', `/api/requests/${encodeURIComponent(ticket.number)}/withdraw`,
        reason.value.trim() ? { reason: reason.value.trim() } : {});
      say(tr('{number} is withdrawn.', { number: ticket.number }), 'ok');
      await refresh();
    } catch (e) { if (e.status !== 401) say(e.message); }
  } },
  h('h2', {}, tr('Withdraw this request')),
  h('p', { class: 'meta' }, tr('Nobody has started on it yet: you may still take it back.')),
  h('label', { for: 'withdraw-reason' }, tr('Why (optional)')), reason,
  h('div', { class: 'actions' }, h('button', { type: 'submit' }, tr('Withdraw'))));
}

/**
 * A card to reopen a closed incident, with the reason it needs, while incident.bpmn lets it be reopened
 * (its reopenWithin after closing; the API says until when); after that, a word that it is too late.
 */
export async function reopenCard(ticket, { h, api, tr, say, refresh, when }) {
  if (ticket.type !== 'incident' || !ticket.closedAt) return '';
  const { possible, until } = await api('GET', `/api/tickets/${encodeURIComponent(ticket.number)}/reopening`);
  if (!possible) {
    return until && new Date(until) < new Date()
      ? h('p', { class: 'card meta reopen-over' },
        tr('It could be reopened until {when}. If the problem is back, please report a new incident.', { when: when(until) }))
      : '';
  }
  const reason = h('textarea', { id: 'reopen-reason', name: 'reopen-reason', rows: 2, required: true,
    'aria-describedby': 'reopen-until' });
  return h('form', { class: 'card reopen', onsubmit: async event => {
    event.preventDefault();
    say('');
    if (!reason.value.trim()) { say(tr('Say why it is not solved, so the group knows where to start.')); reason.focus(); return; }
    try {
      await api('POST', `/api/tickets/${encodeURIComponent(ticket.number)}/reopen`, { reason: reason.value.trim() });
      say(tr('{number} is reopened and back with the group.', { number: ticket.number }), 'ok');
      await refresh();
    } catch (e) { if (e.status !== 401) say(e.message); }
  } },
  h('h2', {}, tr('Not solved after all?')),
  h('p', { class: 'meta', id: 'reopen-until' }, tr('You can reopen it until {when}.', { when: when(until) })),
  h('label', { for: 'reopen-reason' }, tr('What is wrong again')), reason,
  h('div', { class: 'actions' }, h('button', { type: 'submit' }, tr('Reopen'))));
}
