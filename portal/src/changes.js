// Changes in the portal: raise one with its deployed form (change-request), the changes a person
// raised, the change calendar by month or week with blackout windows and conflicts marked, and on a
// change's page what a change of its configuration item touches (the impact analysis).
// The pages are drawn with the portal's helpers, handed over by main.js.
import { personLocale } from './format.js';

/** The first day (Monday) of the week holding the day, at midnight in the person's zone. */
function mondayOf(day) {
  const monday = new Date(day.getFullYear(), day.getMonth(), day.getDate());
  monday.setDate(monday.getDate() - ((monday.getDay() + 6) % 7));
  return monday;
}

function addDays(day, n) {
  const next = new Date(day);
  next.setDate(next.getDate() + n);
  return next;
}

/** 2027-03-08 for a day in the person's zone (the calendar's addresses and the API's dates). */
function isoDay(day) {
  const pad = n => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

function parseDay(text) {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(text || '');
  return match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3] || 1)) : null;
}

/** Whether [from, to) touches the day (midnight to midnight in the person's zone). */
function onDay(from, to, day) {
  return new Date(from) < addDays(day, 1) && new Date(to) > day;
}

export function changePages(p) {
  const { h, api, page, formView, navigate, status, ticketList, tr } = p;
  // Made when a calendar is drawn: by then the person's locale is known (format.js).
  let time, weekday, dayTitle, monthTitle;
  const formats = () => {
    const locale = personLocale();
    time = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' });
    weekday = new Intl.DateTimeFormat(locale, { weekday: 'short' });
    dayTitle = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long' });
    monthTitle = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric' });
  };

  async function raise() {
    const schema = await api('GET', '/api/forms/change-request');
    page(tr('Raise a change'), await formView(schema, {}, tr('Raise the change'), async (fields, picked) => {
      const change = await p.postForm('/api/changes', 'change', fields, picked);
      navigate(`#/tickets/${change.number}`, tr('Raised: {number}. Its risk is rated and it goes to approval as the change process says.',
        { number: change.number }));
    }));
  }

  async function mine() {
    const data = await api('GET', '/api/tickets?mine=true&type=change&size=200');
    page(tr('Changes'),
      h('p', { class: 'actions' }, p.mayRaise() ? h('a', { class: 'button', href: '#/changes/new' }, tr('Raise a change')) : '',
        p.maySeeCalendar() ? h('a', { href: '#/calendar' }, tr('Change calendar')) : ''),
      h('h2', {}, tr('Changes you raised')),
      data.items.length ? ticketList(data.items) : h('p', {}, tr('You have raised no changes yet.')));
  }

  /** What the calendar shows on one day: changes (conflicting ones marked) and blackout windows. */
  function dayContent(view, day, conflicting, { long }) {
    // A recurring window's occurrences may overlap: each window is named once a day.
    const blackouts = [...new Map(view.blackouts.filter(b => onDay(b.from, b.to, day)).map(b => [b.id, b])).values()];
    const changes = view.changes.filter(c => onDay(c.plannedStart, c.plannedEnd, day));
    return [
      ...blackouts.map(b => h('p', { class: 'blackout', title: b.name }, tr('Blackout: {name}', { name: b.name }))),
      ...changes.map(c => h('p', { class: `entry${conflicting.has(c.number) ? ' conflict' : ''}` },
        h('a', { href: `#/tickets/${encodeURIComponent(c.number)}` }, c.number),
        long ? [' ', `${time.format(new Date(c.plannedStart))}–${time.format(new Date(c.plannedEnd))} `, c.title, ' ',
          status(c.status)] : '',
        conflicting.has(c.number) ? h('span', { class: 'tag conflict-tag' }, tr('conflict')) : ''))];
  }

  async function calendar(mode, at) {
    formats();
    const week = mode === 'week';
    const anchor = parseDay(at) || new Date();
    const first = week ? mondayOf(anchor) : mondayOf(new Date(anchor.getFullYear(), anchor.getMonth(), 1));
    const month = new Date(anchor.getFullYear(), anchor.getMonth(), 1);
    const days = week ? 7 : 42;
    const last = addDays(first, days);
    const view = await api('GET', `/api/changes/calendar?from=${isoDay(first)}&to=${isoDay(last)}`);
    const conflicting = new Set(view.conflicts.flatMap(c => [c.change, c.kind === 'change' ? c.with : null]).filter(Boolean));
    const grid = [];
    for (let i = 0; i < days; i++) {
      const day = addDays(first, i);
      const blackout = view.blackouts.some(b => onDay(b.from, b.to, day));
      const outside = !week && day.getMonth() !== month.getMonth();
      grid.push(h('li', { class: `day${blackout ? ' in-blackout' : ''}${outside ? ' outside' : ''}`,
        'data-day': isoDay(day), 'aria-label': dayTitle.format(day) },
      h('span', { class: 'date' }, week ? dayTitle.format(day) : String(day.getDate())),
      dayContent(view, day, conflicting, { long: week })));
    }
    const previous = week ? isoDay(addDays(first, -7)) : isoDay(new Date(month.getFullYear(), month.getMonth() - 1, 1)).slice(0, 7);
    const next = week ? isoDay(addDays(first, 7)) : isoDay(new Date(month.getFullYear(), month.getMonth() + 1, 1)).slice(0, 7);
    const title = week ? tr('Week of {day}', { day: dayTitle.format(first) }) : monthTitle.format(month);
    page(tr('Change calendar: {title}', { title }),
      h('nav', { class: 'actions calendar-nav', 'aria-label': tr('Calendar') },
        h('a', { href: `#/calendar/${mode}/${previous}` }, week ? tr('Previous week') : tr('Previous month')),
        h('a', { href: `#/calendar/${mode}/${next}` }, week ? tr('Next week') : tr('Next month')),
        week ? h('a', { href: `#/calendar/month/${isoDay(first).slice(0, 7)}` }, tr('Month view'))
          : h('a', { href: `#/calendar/week/${isoDay(parseDay(at) || new Date()) }` }, tr('Week view'))),
      week ? '' : h('ol', { class: 'weekdays', 'aria-hidden': 'true' },
        [0, 1, 2, 3, 4, 5, 6].map(i => h('li', {}, weekday.format(addDays(first, i))))),
      h('ol', { class: week ? 'calendar week' : 'calendar month' }, grid),
      h('section', { class: 'card' }, h('h2', {}, tr('Conflicts')),
        view.conflicts.length ? h('ul', { class: 'conflicts' }, view.conflicts.map(c => h('li', {}, c.text)))
          : h('p', {}, tr('No change collides with another or with a blackout window in this period.'))));
  }

  /**
   * What a change of the CI touches (GET /api/cis/{key}/impact): the services standing on it or on what depends on
   * it, with their lines of business, and those CIs; empty for people who may not read the CMDB.
   */
  async function impact(key) {
    let found;
    try {
      found = await api('GET', `/api/cis/${encodeURIComponent(key)}/impact`);
    } catch (e) {
      return '';
    }
    const critical = found.services.filter(s => s.businessCritical);
    return h('section', { class: 'card impact' }, h('h2', {}, tr('Impact')),
      h('p', {}, tr('A change of {name} ({key}) touches {services} services ({critical} business-critical) and {cis} configuration items that depend on it.',
        { name: found.ci.name, key: found.ci.key, services: found.services.length, critical: critical.length,
          cis: found.dependentsTotal })),
      found.services.length ? [h('h3', {}, tr('Services')), h('ul', { class: 'plain' }, found.services.map(s =>
        h('li', {}, s.name, s.businessCritical ? h('span', { class: 'tag' }, tr('business-critical')) : '',
          s.openIncidents.length ? h('span', { class: 'meta' }, ' ', tr('{n} open incidents', { n: s.openIncidents.length })) : '',
          s.scheduledChanges.length ? h('span', { class: 'meta' }, ' ', tr('{n} scheduled changes', { n: s.scheduledChanges.length })) : '')))] : '',
      found.linesOfBusiness.length ? [h('h3', {}, tr('Lines of business')),
        h('p', {}, found.linesOfBusiness.map(l => l.name).join(', '))] : '',
      found.dependents.length ? [h('h3', {}, found.dependentsTotal > found.dependents.length
        ? tr('The first {shown} of the {n} CIs that depend on it', { shown: found.dependents.length, n: found.dependentsTotal })
        : tr('Configuration items that depend on it')), h('ul', { class: 'plain' },
        found.dependents.map(ci => h('li', {}, `${ci.name} (${ci.key}, ${ci.class})`)))] : '');
  }

  return { raise, mine, calendar, impact };
}
