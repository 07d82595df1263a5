// Service levels (agents, service owners, administrators): the customer organisations with the level
// each contracted, and the business calendars clocks count in with a year's days off
// (GET /api/service-levels, from catalog/organisations.yaml and catalog/calendars.yaml; names, levels and
// descriptions in the reader's language as catalog/i18n words them).
import { tr } from './i18n.js';
import { day, dayOfEveryYear } from './format.js';

export async function serviceLevelsPage({ h, api, page, say, year }) {
  const shown = Number.isInteger(year) ? year : new Date().getFullYear();
  const data = await api('GET', `/api/service-levels?year=${shown}`);
  const dayName = day => tr(day.charAt(0) + day.slice(1).toLowerCase());
  const organisations = data.organisations.length === 0 ? h('p', {}, tr('No customer organisations are declared.'))
    : h('table', { class: 'organisations' },
      h('thead', {}, h('tr', {}, [tr('Organisation'), tr('Mail domains'), tr('Service level')]
        .map(text => h('th', { scope: 'col' }, text)))),
      h('tbody', {}, data.organisations.map(o => h('tr', {},
        h('td', {}, o.name), h('td', {}, o.domains.join(', ')),
        h('td', {}, h('span', { class: 'tag', title: o.serviceLevel }, o.serviceLevelName))))));
  const calendars = data.calendars.map(c => h('section',
    { class: 'card calendar-hours', 'aria-label': c.label, 'data-calendar': c.name },
    h('h3', {}, c.label),
    c.description ? h('p', {}, c.description) : '',
    c.dayStart ? h('dl', {},
      h('dt', {}, tr('Time zone')), h('dd', {}, c.zone),
      h('dt', {}, tr('Hours')), h('dd', {}, `${c.dayStart}–${c.dayEnd}`),
      h('dt', {}, tr('Working days')), h('dd', {}, c.workingDays.map(dayName).join(', ')),
      c.publicHolidays ? [h('dt', {}, tr('Public holidays of')), h('dd', {}, c.publicHolidays)] : '',
      c.holidays.length ? [h('dt', {}, tr('Also closed')),
        h('dd', { class: 'also-closed' }, c.holidays.map(dayOfEveryYear).join(', '))] : '',
      h('dt', {}, tr('Days off in {year}', { year: c.year })),
      h('dd', { class: 'days-off' }, c.daysOff.length ? c.daysOff.map(day).join(', ') : tr('none')))
      : h('p', {}, tr('Every hour of every day counts.'))));
  const years = h('form', { class: 'search' }, h('label', {}, tr('Year'), ' ',
    h('input', { type: 'number', name: 'year', min: 2000, max: 2100, value: shown })),
  ' ', h('button', { type: 'submit' }, tr('Show')));
  years.addEventListener('submit', e => {
    e.preventDefault();
    const wanted = Number(new FormData(years).get('year'));
    if (!Number.isInteger(wanted) || wanted < 2000 || wanted > 2100) {
      say(tr('A year from 2000 to 2100, please.'));
      return;
    }
    location.hash = `#/service-levels/${wanted}`;
  });
  page(tr('Service levels'), [
    h('p', {}, tr('The targets themselves are decided by decisions/sla-targets.dmn; shown here is what it decides from.')),
    h('h2', {}, tr('Customer organisations')), organisations,
    h('h2', {}, tr('Business calendars')), years, ...calendars]);
}
