// Re-prioritising an open incident (POST /api/tickets/{n}/priority), for the agents working it. The fields
// and their allowed values are those of forms/incident-reprioritise.form (GET /api/forms/…, in the
// person's language); the priority itself is the model's decision, shown once the API answers.
import { tr } from './i18n.js';

const FORM = 'incident-reprioritise';

/** The form's field with this key, from a form-js schema. */
function field(schema, key) {
  return (schema.components || []).find(c => c.key === key) || {};
}

/** "Change priority" on an open incident's page, for its agents; nothing for other tickets. */
export async function priorityCard(t, { h, api, say, refresh, isOpen }) {
  if (t.type !== 'incident' || !isOpen(t.status)) return '';
  const schema = await api('GET', `/api/forms/${FORM}`);
  const choice = (key, current) => {
    const f = field(schema, key);
    const min = (f.validate && f.validate.min) || 1;
    const max = (f.validate && f.validate.max) || 3;
    const values = Array.from({ length: max - min + 1 }, (_, i) => min + i);
    const select = h('select', { id: `priority-${key}`, name: key, required: true },
      values.map(v => h('option', { value: String(v), selected: v === current }, String(v))));
    return [h('label', { for: `priority-${key}` }, f.label || key), select];
  };
  const [impactLabel, impact] = choice('impact', t.impact);
  const [urgencyLabel, urgency] = choice('urgency', t.urgency);
  const reasonField = field(schema, 'reason');
  const maxLength = (reasonField.validate && reasonField.validate.maxLength) || 2000;
  const reason = h('textarea', { id: 'priority-reason', name: 'reason', rows: 2, maxlength: maxLength, required: true });
  const form = h('form', { class: 'priority', onsubmit: async event => {
    event.preventDefault();
    say('');
    if (!reason.value.trim()) { say(tr('Say why the priority changes.')); reason.focus(); return; }
    try {
      const changed = await api('POST', `/api/tickets/${encodeURIComponent(t.number)}/priority`,
        { impact: Number(impact.value), urgency: Number(urgency.value), reason: reason.value.trim() });
      await refresh();
      say(tr('{number} now has priority P{priority}; its SLA clocks follow the new targets.',
        { number: t.number, priority: changed.priority }), 'ok');
    } catch (e) { if (e.status !== 401) say(e.message); }
  } },
  h('p', { class: 'meta' }, tr('Now P{priority} (impact {impact}, urgency {urgency}). The model decides the new priority; the time already used counts against its targets.',
    { priority: t.priority, impact: t.impact, urgency: t.urgency })),
  impactLabel, impact, urgencyLabel, urgency,
  h('label', { for: 'priority-reason' }, reasonField.label || tr('Why')), reason,
  h('div', { class: 'actions' }, h('button', { type: 'submit' }, tr('Change priority'))));
  return h('section', { class: 'card change-priority' }, h('h2', {}, tr('Change priority')), form);
}
