// "Where it is", as a requester reads it: the ticket's journey (GET /api/tickets/{number}/journey) as a
// list of milestones — done, now, ahead — the current one saying whom it waits on and since when. The
// milestones and their labels are the models' (extension properties milestone.<code>); nothing here
// names one. The full BPMN diagram stays one click away, drawn only once it is shown.
import { groupWord, stepWord } from './i18n.js';

/** "Mark Meyer", "Bea Berger or Sam Silva", "you", "Purchasing": whom an open step waits on. */
function whom(wait, me, tr) {
  const names = wait.people.map(p => (p.id === me.id ? tr('you') : p.name)).concat(wait.groups.map(g => groupWord(g.id, g.name)));
  if (names.length <= 1) return names[0] || tr('someone to take it on');
  return tr('{some} or {last}', { some: names.slice(0, -1).join(', '), last: names[names.length - 1] });
}

/** The words under a milestone: when it was reached, and for the current one whom it waits on. */
function details(step, journey, { me, h, when, tr }) {
  if (step.state === 'done') {
    // A reopened incident's earlier milestones were reached by the run before the reopen: no time here.
    return h('span', { class: 'when' }, step.reachedAt ? tr('Reached {when}', { when: when(step.reachedAt) }) : tr('Reached'));
  }
  if (step.state === 'skipped') return h('span', { class: 'when' }, tr('Skipped'));
  if (step.state === 'ahead') return h('span', { class: 'when' }, tr('Ahead'));
  const now = h('span', { class: 'when' }, journey.ended ? tr('Finished {when}', { when: when(step.reachedAt) })
    : tr('Now, since {when}', { when: when(step.reachedAt) }));
  // "since" once when the step began with the milestone, again when it began later (a second approver).
  const waits = step.waitingOn.map(wait => h('span', { class: 'waiting' }, tr('Waiting for {whom}', { whom: whom(wait, me, tr) }),
    when(wait.since) === when(step.reachedAt) ? '' : ` ${tr('since {when}', { when: when(wait.since) })}`,
    h('span', { class: 'meta' }, ` (${stepWord(wait.step)})`)));
  return [now, ...waits];
}

/** The journey as an ordered list; the current milestone is marked for screen readers too. */
export function journeyList(journey, tools) {
  const { h, tr, milestoneWord } = tools;
  return h('ol', { class: 'journey', 'aria-label': tr('Journey') }, journey.milestones.map(step =>
    h('li', { class: step.state, 'aria-current': step.state === 'current' ? 'step' : null },
      h('span', { class: 'milestone' }, milestoneWord(step.process, step.code, step.label)),
      details(step, journey, tools))));
}

/**
 * Fills the "Where it is" box: the journey, then a button that shows (and draws, the first time) the
 * full diagram. tools: { api, me, h, when, tr, milestoneWord }; drawDiagram(container) draws the ticket's processes.
 */
export async function whereItIs(box, number, tools, drawDiagram) {
  const { api, h, tr } = tools;
  try {
    const journey = await api('GET', `/api/tickets/${encodeURIComponent(number)}/journey`);
    box.append(journey.milestones.length ? journeyList(journey, tools)
      : h('p', {}, tr('This ticket has no milestones to show.')));
  } catch (e) {
    box.append(h('p', { class: 'note error' }, e.message));
  }
  const full = h('div', { class: 'full-diagram', id: `diagram-${number}`, hidden: true });
  let drawn = false;
  const toggle = h('button', { type: 'button', class: 'diagram-toggle', 'aria-expanded': 'false', 'aria-controls': full.id,
    onclick: async () => {
      const show = full.hidden;
      full.hidden = !show;
      toggle.setAttribute('aria-expanded', String(show));
      toggle.textContent = show ? tr('Hide the full diagram') : tr('Show the full diagram');
      if (show && !drawn) {
        drawn = true;
        await drawDiagram(full);
      }
    } }, tr('Show the full diagram'));
  box.append(h('p', {}, toggle), full);
}

/**
 * Keeps a bpmn-js canvas fitted to its container — but only while the container has a size: fitted in a
 * hidden or zero-size container, bpmn-js computes a non-finite scale ("SVGMatrix … non-finite") and draws
 * nothing. The observer fits it once it is shown, and again when a phone is turned or a window resized.
 */
export function fitWhenSized(container, canvas) {
  const fit = () => {
    if (container.clientWidth > 0 && container.clientHeight > 0) canvas.zoom('fit-viewport', 'auto');
  };
  fit();
  new ResizeObserver(fit).observe(container);
}
