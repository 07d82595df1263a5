// The measures page: figures from /api/measures drawn with ECharts (served from the jar).
(function () {
  'use strict';

  const $ = id => document.getElementById(id);
  const charts = [];

  async function get(path) {
    const response = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      throw new Error((body && body.detail) || `FlowDesk answered ${response.status}`);
    }
    return body;
  }

  function chart(id, option) {
    const element = $(id);
    const existing = echarts.getInstanceByDom(element);
    if (existing) existing.dispose();
    const c = echarts.init(element, null, { renderer: 'canvas' });
    c.setOption(Object.assign({ animation: false, tooltip: { trigger: 'axis' } }, option));
    charts.push(c);
    return c;
  }

  function text(value, suffix) {
    return value === null || value === undefined ? '—' : `${value}${suffix || ''}`;
  }

  function summary(row) {
    const table = $('summary');
    table.replaceChildren();
    const lines = [
      ['Opened', row.opened], ['Resolved', row.resolved], ['Closed', row.closed], ['Backlog at the end', row.backlog],
      ['Time to acknowledge, median / 90th percentile (h)', `${text(row.acknowledgeMedianHours)} / ${text(row.acknowledgeP90Hours)}`],
      ['Time to resolve, median / 90th percentile (h)', `${text(row.resolveMedianHours)} / ${text(row.resolveP90Hours)}`],
      ['Response SLA met', text(row.responseSlaCompliancePercent, ' %')],
      ['Resolution SLA met', text(row.resolutionSlaCompliancePercent, ' %')],
      ['Reopened', text(row.reopenRatePercent, ' %')],
      ['First-contact resolution', text(row.firstContactResolutionPercent, ' %')],
      ['Satisfaction (1–5) / response rate', `${text(row.satisfactionAverage)} / ${text(row.satisfactionResponseRatePercent, ' %')}`],
      ['Fulfilment, median (h) / within target', `${text(row.fulfilmentMedianHours)} / ${text(row.fulfilmentWithinTargetPercent, ' %')}`],
      ['Approval cycle, median (h)', text(row.approvalCycleMedianHours)],
      ['Change success / emergency share', `${text(row.changeSuccessRatePercent, ' %')} / ${text(row.emergencyChangeSharePercent, ' %')}`]
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

  async function show(from, to) {
    $('message').textContent = '';
    const period = `from=${from}&to=${to}`;
    const yearAgo = new Date(Date.parse(to) - 365 * 86400000).toISOString().slice(0, 10);
    const [all, months, aging, bottlenecks, cost] = await Promise.all([
      get(`/api/measures?${period}`),
      get(`/api/measures?from=${yearAgo}&to=${to}&groupBy=month`),
      get('/api/measures/backlog'),
      get(`/api/measures/bottlenecks?${period}`),
      get(`/api/measures/cost?${period}`)]);

    summary(all.rows[0] || { opened: 0, resolved: 0, closed: 0, backlog: 0 });

    chart('compliance', {
      legend: {}, xAxis: { type: 'category', data: months.rows.map(r => r.key) },
      yAxis: { type: 'value', min: 0, max: 100, name: '%' },
      series: [
        { name: 'Response SLA met', type: 'line', data: months.rows.map(r => r.responseSlaCompliancePercent) },
        { name: 'Resolution SLA met', type: 'line', data: months.rows.map(r => r.resolutionSlaCompliancePercent) }]
    });

    const buckets = Object.keys(aging.buckets);
    const priorities = [...new Set(buckets.flatMap(b => Object.keys(aging.buckets[b])))].sort();
    chart('aging', {
      legend: {}, xAxis: { type: 'category', data: buckets }, yAxis: { type: 'value', name: 'tickets' },
      series: priorities.map(p => ({ name: p, type: 'bar', stack: 'open', data: buckets.map(b => aging.buckets[b][p] || 0) }))
    });

    const box = $('bottlenecks');
    box.replaceChildren();
    if (!bottlenecks.processes.length) {
      box.textContent = 'No process instance ended in the period.';
    }
    bottlenecks.processes.forEach((process, i) => {
      const title = document.createElement('h3');
      title.textContent = `${process.name || process.processKey} (version ${process.version}, ${process.instances} instances)`;
      const div = document.createElement('div');
      div.className = 'chart';
      div.id = `bottleneck-${i}`;
      div.setAttribute('role', 'img');
      div.setAttribute('aria-label', `Share of cycle time per activity of ${process.name || process.processKey}`);
      box.append(title, div);
      const top = process.activities.filter(a => a.sharePercent > 0).slice(0, 8).reverse();
      chart(div.id, {
        grid: { left: 240 }, xAxis: { type: 'value', name: '% of cycle time' },
        yAxis: { type: 'category', data: top.map(a => a.name || a.activityId) },
        series: [{ name: 'Share of cycle time', type: 'bar', data: top.map(a => a.sharePercent) }]
      });
    });

    const services = cost.services.filter(s => Number(s.totalCost) > 0);
    chart('cost', {
      grid: { bottom: 90 }, legend: {},
      xAxis: { type: 'category', data: services.map(s => s.name), axisLabel: { rotate: 30 } },
      yAxis: { type: 'value', name: 'EUR' },
      series: [
        { name: 'Running cost', type: 'bar', stack: 'cost', data: services.map(s => Number(s.runningCost)) },
        { name: 'Fulfilled requests', type: 'bar', stack: 'cost', data: services.map(s => Number(s.requestCost)) }]
    });
    document.body.dataset.ready = 'true';
  }

  function start() {
    // The period: ?from=2026-11-01&to=2026-12-01 in the address, else the last 30 days.
    const params = new URLSearchParams(location.search);
    const to = new Date();
    const from = new Date(to.getTime() - 30 * 86400000);
    $('to').value = params.get('to') || new Date(to.getTime() + 86400000).toISOString().slice(0, 10);
    $('from').value = params.get('from') || from.toISOString().slice(0, 10);
    $('period').addEventListener('submit', event => {
      event.preventDefault();
      show($('from').value, $('to').value).catch(e => { $('message').textContent = e.message; });
    });
    window.addEventListener('resize', () => charts.forEach(c => c.resize()));
    show($('from').value, $('to').value).catch(e => { $('message').textContent = e.message; });
  }

  start();
})();
