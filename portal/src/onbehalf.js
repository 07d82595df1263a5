// On behalf of someone: an agent who takes a phone call reports the incident or orders the item for the
// caller, a manager for a direct report. "For whom?" names that person, who becomes the requester (sees
// the ticket, is told, approves or is approved for); the ticket records who entered it. The field is
// shown only to those who may: GET /api/people offers nobody to everyone else.

/**
 * The "For whom?" field above a report or order form, or null when the caller enters tickets only for
 * themselves. `with(body)` adds requestedFor when a person other than the caller was chosen.
 */
export async function forWhomField({ h, api, tr, me }) {
  const offered = await api('GET', '/api/people');
  if (!offered.length) return null;
  const options = h('datalist', { id: 'for-whom-people' });
  const fill = people => options.replaceChildren(...people.map(person =>
    h('option', { value: person.userId, label: `${person.name} (${person.userId})` })));
  fill(offered);
  const input = h('input', { id: 'for-whom', name: 'requestedFor', list: 'for-whom-people', autocomplete: 'off',
    placeholder: tr('Yourself'), 'aria-describedby': 'for-whom-hint' });
  // Answers may come back out of order while someone types: only the latest fills the list.
  let asked = 0;
  input.addEventListener('input', async () => {
    const mine = ++asked;
    try {
      const found = await api('GET', `/api/people?q=${encodeURIComponent(input.value.trim())}`);
      if (mine === asked) fill(found);
    } catch (e) { /* the list offered before stays */ }
  });
  const element = h('section', { class: 'card for-whom' },
    h('label', { for: 'for-whom' }, tr('For whom?')),
    h('p', { class: 'meta', id: 'for-whom-hint' },
      tr('Taking a call? Give the user id of the person it is for: they become the requester and are told. Leave it empty for yourself.')),
    input, options);
  const person = () => {
    const who = input.value.trim();
    return who && who !== me.id ? who : null;
  };
  // Who else hears of the choice (the report form's devices): told when the field is left with another person in it.
  const onChange = listener => input.addEventListener('change', listener);
  return { element, person, onChange, with: body => (person() ? { ...body, requestedFor: person() } : body) };
}
