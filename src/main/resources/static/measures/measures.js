// The measures page: figures from /api/measures drawn with ECharts (served from the jar).
(function () {
  'use strict';

  const $ = id => document.getElementById(id);
  const charts = [];
  let serviceNames = {};
  let lineNames = {};
  /** The end of the period shown by default (tomorrow, the person's day): the measures then run up to now. */
  let untilNow = null;
  /** Groups by name, not id: the language's word for it, else the identity service's name (GET /api/groups/{id}). */
  const groupNames = {};
  const groupName = id => groupWords[id] || groupNames[id] || id;
  async function learnGroups(ids) {
    await Promise.all([...new Set(ids)].filter(id => id && !(id in groupNames)).map(id =>
      get(`/api/groups/${encodeURIComponent(id)}`).then(g => { groupNames[id] = g.name; }, () => { groupNames[id] = id; })));
  }

  async function get(path) {
    const response = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      throw new Error((body && body.detail) || `FlowDesk answered ${response.status}`);
    }
    return body;
  }

  // The person's language (GET /api/me/language): texts marked data-tr, and those the script writes through tr(),
  // are translated by i18n/<language>.json's portal words, as in the portal.
  let words = {};
  let steps = {};
  let processWords = {};
  let groupWords = {};
  /** The text in the person's language, its {placeholders} filled from the values given. */
  function tr(english, values) {
    const translated = words[english] || english;
    return values ? translated.replace(/\{(\w+)\}/g, (all, key) => (key in values ? String(values[key]) : all)) : translated;
  }

  async function useLanguage() {
    const view = await get('/api/me/language').catch(() => null);
    if (!view || !view.words || !view.words.portal) return;
    words = view.words.portal;
    steps = view.words.steps || {};
    processWords = view.words.processes || {};
    groupWords = view.words.groups || {};
    document.documentElement.lang = view.language;
    if ((navigator.language || '').split('-')[0] !== view.language) {
      locale = view.language;
      number = new Intl.NumberFormat(locale);
      money = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    }
    document.querySelectorAll('[data-tr]').forEach(e => { e.textContent = tr(e.dataset.tr); });
    document.querySelectorAll('[data-tr-label]').forEach(e => { e.setAttribute('aria-label', tr(e.dataset.trLabel)); });
  }

  /** The backlog's age buckets (GET /api/measures/backlog) in the person's language. */
  const ageWords = () => ({ '< 1 day': tr('< 1 day'), '1-3 days': tr('1-3 days'), '3-7 days': tr('3-7 days'),
    '7-30 days': tr('7-30 days'), '> 30 days': tr('> 30 days') });

  const phone = () => window.matchMedia('(max-width: 640px)').matches;

  /**
   * A chart that stays readable on a phone: the grid makes room for its axis labels (containLabel),
   * labels that would collide are left out, long category names are cut with an ellipsis, and a
   * legend that does not fit scrolls instead of covering the plot.
   */
  function chart(id, option) {
    const element = $(id);
    const existing = echarts.getInstanceByDom(element);
    if (existing) existing.dispose();
    const c = echarts.init(element, null, { renderer: 'canvas' });
    const small = phone();
    // A value axis writes its numbers as the person does ("25.000" in German), not ECharts' English.
    const axis = extra => Object.assign({}, extra, {
      axisLabel: Object.assign({ hideOverlap: true, fontSize: small ? 10 : 12 },
        extra && extra.type === 'value' ? { formatter: v => number.format(v) } : {}, extra && extra.axisLabel) });
    c.setOption(Object.assign({ animation: false, tooltip: { trigger: 'axis', confine: true } }, option, {
      grid: Object.assign({ containLabel: true, left: 8, right: small ? 8 : 24, top: 48, bottom: 8 }, option.grid),
      legend: option.legend ? Object.assign({ type: 'scroll', top: 0 }, option.legend) : undefined,
      xAxis: axis(option.xAxis),
      // An axis name starts where the axis does, so a narrow chart does not cut it off at the left.
      yAxis: Object.assign({ nameTextStyle: { align: 'left' } }, axis(option.yAxis))
    }));
    charts.push(c);
    return c;
  }

  // Numbers as the person writes them: the browser's own way when it speaks the person's language (de-CH keeps its
  // own), else the person's language's.
  let locale;
  let number = new Intl.NumberFormat();
  let money = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  /** A month of the measures (2026-12) as the person's language names it: "Dec 2026", "Dez. 2026". */
  function monthWord(key) {
    const match = /^(\d{4})-(\d{2})$/.exec(key || '');
    return match ? new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' })
      .format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1))) : key;
  }

  /** "1 instance", "3 instances": the browser's locale picks the plural; the words come translated. */
  function count(n, one, other) {
    return `${number.format(n)} ${new Intl.PluralRules(locale).select(n) === 'one' ? one : other}`;
  }

  /** A figure in the person's numbers ("12,5" in German); a dash when there is none. */
  function text(value, suffix) {
    if (value === null || value === undefined) return '—';
    return `${typeof value === 'number' ? number.format(value) : value}${suffix || ''}`;
  }

  function summary(row) {
    const table = $('summary');
    table.replaceChildren();
    const lines = [
      [tr('Opened'), row.opened], [tr('Resolved'), row.resolved], [tr('Closed'), row.closed], [tr('Backlog at the end'), row.backlog],
      [tr('Time to acknowledge, median / 90th percentile (SLA hours)'), `${text(row.acknowledgeMedianHours)} / ${text(row.acknowledgeP90Hours)}`],
      [tr('Time to resolve, median / 90th percentile (SLA hours)'), `${text(row.resolveMedianHours)} / ${text(row.resolveP90Hours)}`],
      [tr('Response SLA met'), text(row.responseSlaCompliancePercent, ' %')],
      [tr('Resolution SLA met'), text(row.resolutionSlaCompliancePercent, ' %')],
      [tr('Reopened'), text(row.reopenRatePercent, ' %')],
      [tr('First-contact resolution'), text(row.firstContactResolutionPercent, ' %')],
      [tr('Satisfaction (1–5) / response rate'), `${text(row.satisfactionAverage)} / ${text(row.satisfactionResponseRatePercent, ' %')}`],
      [tr('Fulfilment, median (SLA hours) / within target'), `${text(row.fulfilmentMedianHours)} / ${text(row.fulfilmentWithinTargetPercent, ' %')}`],
      [tr('Approval cycle, median (SLA hours)'), text(row.approvalCycleMedianHours)],
      [tr('Change success / emergency share'), `${text(row.changeSuccessRatePercent, ' %')} / ${text(row.emergencyChangeSharePercent, ' %')}`],
      [tr('Problems opened / resolved'), `${row.problemsOpened || 0} / ${row.problemsResolved || 0}`],
      [tr('Time to known error, mean (hours)'), text(row.knownErrorMeanHours)],
      [tr('Incidents per problem'), text(row.incidentsPerProblem)],
      [tr('Incidents resolved by a known error'), text(row.knownErrorResolutionPercent, ' %')],
      [tr('Time to resolve, mean, with / without a known error (SLA hours)'),
        `${text(row.resolveMeanHoursWithKnownError)} / ${text(row.resolveMeanHoursWithoutKnownError)}`],
      [tr('Major incidents / from declared to resolved, mean (hours)'),
        `${row.majorIncidents || 0} / ${text(row.majorIncidentMeanHours)}`]
    ];
    for (const [label, value] of lines) {
      const tr = document.createElement('tr');
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = label;
      const td = document.createElement('td');
      td.className = 'num';
      td.textContent = String(value);
      tr.append(th, td);
      table.append(tr);
    }
  }

  /** "2.5 MB", "48 kB": sizes as people read them. */
  function bytes(n) {
    if (n < 1024) return count(n, tr('byte'), tr('bytes'));
    if (n < 1024 * 1024) return `${number.format(Math.round(n / 1024))} kB`;
    return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(n / 1024 / 1024)} MB`;
  }

  /** A table's row: a header cell first, numbers right-aligned; or the column headers. */
  function tableRow(cells, header) {
    const tr = document.createElement('tr');
    cells.forEach((value, i) => {
      const cell = document.createElement(header || i === 0 ? 'th' : 'td');
      if (!header && i === 0) cell.scope = 'row';
      if (header) cell.scope = 'col';
      if (i > 0) cell.className = 'num';
      cell.textContent = value;
      tr.append(cell);
    });
    return tr;
  }

  /** The problem measures of each service that had problems or resolved incidents in the period. */
  function problemTable(byService, names) {
    const table = $('problems');
    const rows = byService.rows.filter(r => r.problemsOpened || r.problemsResolved || r.knownErrorMeanHours !== null
      || r.knownErrorResolutionPercent !== null);
    table.replaceChildren(tableRow([tr('Service'), tr('Problems opened'), tr('Problems resolved'), tr('Time to known error (h)'),
      tr('Incidents per problem'), tr('Resolved by a known error'), tr('Time to resolve with / without a known error (h)')], true),
    ...rows.map(r => tableRow([r.key === 'none' ? tr('No service') : names[r.key] || r.key, number.format(r.problemsOpened),
      number.format(r.problemsResolved), text(r.knownErrorMeanHours), text(r.incidentsPerProblem),
      text(r.knownErrorResolutionPercent, ' %'),
      `${text(r.resolveMeanHoursWithKnownError)} / ${text(r.resolveMeanHoursWithoutKnownError)}`])));
    $('problems-none').hidden = rows.length > 0;
  }

  /** Per group, its OLAs that ended in the period: held, met, breached, compliance and median time held. */
  function olaTable(olas) {
    $('olas').replaceChildren(tableRow([tr('Group'), tr('Held'), tr('Met'), tr('Breached'), tr('OLA met'),
      tr('Time held, median (hours)')], true),
    ...olas.map(o => tableRow([groupName(o.group), number.format(o.held), number.format(o.met), number.format(o.breached),
      text(o.compliancePercent, ' %'), text(o.medianHoursHeld)])));
    $('olas-none').hidden = olas.length > 0;
  }

  function storageTable(storage) {
    $('storage').replaceChildren(tableRow([tr('Service'), tr('Files'), tr('Size')], true),
      ...storage.services.map(s => tableRow([s.service === 'none' ? tr('No service') : serviceNames[s.service] || s.name, number.format(s.files), bytes(s.bytes)])),
      tableRow([tr('All services'), number.format(storage.files), bytes(storage.bytes)]));
  }


  /** Time worked in the period: per agent, service, line of business and group, with its cost. */
  function timeTables(time) {
    $('time-total').textContent = time.minutes
      ? tr('{hours} ({minutes}), effort cost {cost}', { hours: count(time.hours, tr('hour'), tr('hours')),
        minutes: count(time.minutes, tr('minute'), tr('minutes')), cost: money.format(Number(time.effortCost)) })
      : tr('No time recorded in the period.');
    const lines = (id, heading, rows, names) => $(id).replaceChildren(tableRow([heading, tr('Hours worked'), tr('Effort cost')], true),
      ...rows.map(r => tableRow([(names && names[r.key]) || r.name || r.key, number.format(r.hours), money.format(Number(r.effortCost))])));
    lines('time-agents', tr('Agent'), time.agents);
    lines('time-services', tr('Service'), time.services.map(r => r.key === 'none' ? Object.assign({}, r, { name: tr('No service') }) : r),
      serviceNames);
    lines('time-lines', tr('Line of business'), time.linesOfBusiness, lineNames);
    $('time-groups').replaceChildren(tableRow([tr('Group'), tr('Hourly rate'), tr('Hours worked'), tr('Effort cost')], true),
      ...time.groups.map(g => tableRow([groupName(g.group), g.hourlyRate === null ? '—' : money.format(Number(g.hourlyRate)),
        number.format(g.hours), money.format(Number(g.effortCost))])));
  }

  async function show(from, to) {
    $('message').textContent = '';
    charts.length = 0;
    // The period's end as chosen; left at its default, the measures run up to now. The default date is midnight in
    // the service desk's zone, which a browser elsewhere (or one past midnight there) would put before the latest
    // tickets.
    const period = to === untilNow ? `from=${from}` : `from=${from}&to=${to}`;
    // The downloads (GET /api/measures/export) follow the period shown.
    for (const report of ['measures', 'cost', 'linesOfBusiness', 'olas']) {
      for (const format of ['csv', 'xlsx']) {
        const groupBy = report === 'measures' ? '&groupBy=service' : '';
        $(`export-${report}-${format}`).href = `/api/measures/export?report=${report}&format=${format}&${period}${groupBy}`;
      }
    }
    const yearAgo = new Date(Date.parse(to) - 365 * 86400000).toISOString().slice(0, 10);
    const [all, byService, months, aging, bottlenecks, cost, storage, time, catalog] = await Promise.all([
      get(`/api/measures?${period}`),
      get(`/api/measures?${period}&groupBy=service`),
      get(`/api/measures?from=${yearAgo}${to === untilNow ? '' : `&to=${to}`}&groupBy=month`),
      get('/api/measures/backlog'),
      get(`/api/measures/bottlenecks?${period}`),
      get(`/api/measures/cost?${period}`),
      get('/api/measures/storage'),
      get(`/api/measures/time-worked?${period}`),
      // The services' and lines of business' names in the person's language (the measures name them in the models').
      get('/api/catalog').catch(() => ({ services: [], linesOfBusiness: [] }))]);
    serviceNames = Object.fromEntries((catalog.services || []).map(s => [s.id, s.name]));
    lineNames = Object.fromEntries((catalog.linesOfBusiness || []).map(l => [l.id, l.name]));

    await learnGroups([...(all.olas || []).map(o => o.group), ...time.groups.map(g => g.group)]);
    summary(all.rows[0] || { opened: 0, resolved: 0, closed: 0, backlog: 0 });
    olaTable(all.olas || []);

    chart('compliance', {
      legend: {}, xAxis: { type: 'category', data: months.rows.map(r => monthWord(r.key)) },
      yAxis: { type: 'value', min: 0, max: 100, name: '%' },
      series: [
        { name: tr('Response SLA met'), type: 'line', data: months.rows.map(r => r.responseSlaCompliancePercent) },
        { name: tr('Resolution SLA met'), type: 'line', data: months.rows.map(r => r.resolutionSlaCompliancePercent) }]
    });

    const buckets = Object.keys(aging.buckets);
    const priorities = [...new Set(buckets.flatMap(b => Object.keys(aging.buckets[b])))].sort();
    chart('aging', {
      legend: {}, xAxis: { type: 'category', data: buckets.map(b => ageWords()[b] || b) }, yAxis: { type: 'value', name: tr('tickets') },
      series: priorities.map(p => ({ name: p === 'none' ? tr('No priority') : p, type: 'bar', stack: 'open',
        data: buckets.map(b => aging.buckets[b][p] || 0) }))
    });

    const box = $('bottlenecks');
    box.replaceChildren();
    if (!bottlenecks.processes.length) {
      box.textContent = tr('No process instance ended in the period.');
    }
    bottlenecks.processes.forEach((process, i) => {
      const title = document.createElement('h3');
      // The process by the language's name for it (section processes, by the process's key), else the model's.
      title.textContent = tr('{process} (version {version}, {instances})', { process: processWords[process.processKey]
        || process.name || process.processKey,
        version: process.version, instances: count(process.instances, tr('instance'), tr('instances')) });
      const div = document.createElement('div');
      div.className = 'chart';
      div.id = `bottleneck-${i}`;
      div.setAttribute('role', 'img');
      div.setAttribute('aria-label', tr('Share of cycle time per activity of {process}', { process: process.name || process.processKey }));
      box.append(title, div);
      const top = process.activities.filter(a => a.sharePercent > 0).slice(0, 8).reverse();
      chart(div.id, {
        xAxis: { type: 'value', name: tr('% of cycle time'), nameLocation: 'middle', nameGap: 24 },
        // A step by its name in the person's language where the words have it ("Work incident").
        yAxis: { type: 'category', data: top.map(a => (a.name && steps[a.name]) || a.name || a.activityId),
          axisLabel: { width: phone() ? 110 : 240, overflow: 'truncate' } },
        series: [{ name: tr('Share of cycle time'), type: 'bar', data: top.map(a => a.sharePercent) }]
      });
    });

    const services = cost.services.filter(s => Number(s.totalCost) > 0);
    chart('cost', {
      legend: {},
      xAxis: { type: 'category', data: services.map(s => serviceNames[s.service] || s.name),
        axisLabel: { rotate: 30, width: phone() ? 80 : 140, overflow: 'truncate', interval: 0 } },
      yAxis: { type: 'value', name: 'EUR' },
      series: [
        { name: tr('Running cost'), type: 'bar', stack: 'cost', data: services.map(s => Number(s.runningCost)) },
        { name: tr('Fulfilled requests'), type: 'bar', stack: 'cost', data: services.map(s => Number(s.requestCost)) },
        { name: tr('Effort'), type: 'bar', stack: 'cost', data: services.map(s => Number(s.effortCost)) }]
    });
    timeTables(time);
    storageTable(storage);
    problemTable(byService, Object.assign(Object.fromEntries(cost.services.map(s => [s.service, s.name])), serviceNames));
    document.body.dataset.ready = 'true';
  }

  function start() {
    // The period: ?from=2026-11-01&to=2026-12-01 in the address, else the last 30 days up to now. The dates shown are
    // the person's own (their browser's day), the end tomorrow's; left so, it stands for now.
    const params = new URLSearchParams(location.search);
    const now = new Date();
    const day = date => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
    untilNow = day(new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1));
    $('to').value = params.get('to') || untilNow;
    $('from').value = params.get('from') || day(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 30));
    $('period').addEventListener('submit', event => {
      event.preventDefault();
      show($('from').value, $('to').value).catch(e => { $('message').textContent = e.message; });
    });
    // A phone turned: the charts are drawn again for the new width (label sizes and widths depend on it).
    let drawnForPhone = phone();
    window.addEventListener('resize', () => {
      if (phone() !== drawnForPhone) {
        drawnForPhone = phone();
        show($('from').value, $('to').value).catch(e => { $('message').textContent = e.message; });
      } else {
        charts.forEach(c => c.resize());
      }
    });
    useLanguage().then(() => show($('from').value, $('to').value))
      .catch(e => { $('message').textContent = e.message; });
  }

  start();
})();
