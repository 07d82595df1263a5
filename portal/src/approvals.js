// A ticket's approvals as people read them: who decided what so far, with the reason, and whom the
// open approval steps wait on since when (GET /api/tickets/{number}/approvals). For a change this
// is the CAB's vote as it stands.
import { groupWord, stepWord } from './i18n.js';

/** The card, or '' when the ticket has had no approval step. */
export function approvalsCard(approvals, { h, when, tr }) {
  if (!approvals || (!approvals.decided.length && !approvals.waiting.length)) {
    return '';
  }
  const approved = approvals.decided.filter(d => d.approved).length;
  const rejected = approvals.decided.length - approved;
  return h('section', { class: 'card approvals' }, h('h2', {}, tr('Approvals')),
    approvals.decided.length
      ? h('p', { class: 'meta' }, tr('{approved} approved, {rejected} rejected so far', { approved, rejected })) : '',
    h('ul', { class: 'plain' },
      approvals.decided.map(d => h('li', {},
        h('span', { class: d.approved ? 'tag ok' : 'tag breach' }, d.approved ? tr('Approved') : tr('Rejected')), ' ',
        h('strong', {}, d.approverName), ` (${stepWord(d.stepName)}), ${when(d.decidedAt)}`,
        d.comment ? h('p', { class: 'text' }, d.comment) : '')),
      approvals.waiting.map(w => h('li', {},
        h('span', { class: 'tag' }, tr('Waiting')), ' ', `${stepWord(w.step)}: `,
        h('strong', {}, [...w.people.map(p => p.name), ...w.groups.map(g => groupWord(g.id, g.name))].join(', ') || tr('nobody yet')),
        `, ${tr('since {when}', { when: when(w.since) })}`))));
}
