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
