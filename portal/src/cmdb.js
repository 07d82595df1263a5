// The CMDB for agents, service owners and administrators (GET /api/cis and friends): #/cmdb lists the
// configuration items by class, owner group, lifecycle, service and words; #/cmdb/ci/<key> is one CI with
// its attributes, relations (added and removed one at a time by its owner group), history and impact,
// its neighbourhood drawn with cytoscape; #/cmdb/matrix (by class) and #/cmdb/matrix/group (by owner
// group) set the technology against the services, each cell leading to the CIs it counts.
import { tr } from './i18n.js';
import { day, personLocale } from './format.js';

/** Who reads the CMDB: the API says the same (Cmdb.canRead). */
export function readsCmdb(me) {
  return me.roles.some(r => ['agent', 'service-owner', 'administrator'].includes(r));
}

const LIST_FILTERS = ['class', 'ownerGroup', 'lifecycle', 'service', 'q'];
const LIFECYCLES = ['planned', 'live', 'retired'];
/** The most neighbours on each side the picture draws; the impact list below it has them all. */
const MOST_NEIGHBOURS = 24;

export function cmdbPages(p) {
  const { h, api, page, say, when, navigate, refresh, learnNames, groupName, userName, serviceName } = p;
  let model = null;

  /** The classes and relation types in force (GET /api/ci-classes), read once per visit of the portal. */
  async function classes() {
    if (!model) model = await api('GET', '/api/ci-classes');
    return model;
  }
  const className = id => ((model && model.classes.find(c => c.id === id)) || { name: id }).name;
  const relationName = id => ((model && model.relationTypes.find(t => t.id === id)) || { name: id }).name;
  const lifecycleWord = l => ({ planned: tr('planned'), live: tr('live'), retired: tr('retired') }[l] || l);
  const criticalityWord = c => ({ low: tr('low'), medium: tr('medium'), high: tr('high') }[c] || c || '—');
  /** A class's attribute as catalog/ci-classes.yaml declares it (its label and values' names in the reader's language). */
  const attributeOf = (classId, name) => ((model && model.classes.find(c => c.id === classId)) || { attributes: [] })
    .attributes.find(a => a.name === name);
  const attributeLabel = (classId, name) => (attributeOf(classId, name) || { label: name }).label;
  /** An attribute's value as people read it: an enum's value by its name, yes or no, a date and a number in the reader's way. */
  function attributeValue(classId, name, value) {
    if (value === null || value === undefined || value === '') return '—';
    const attribute = attributeOf(classId, name);
    if (attribute && attribute.type === 'enum') return (attribute.valueNames || {})[value] || String(value);
    if (typeof value === 'boolean') return value ? tr('Yes') : tr('No');
    if (attribute && attribute.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return day(value);
    if (typeof value === 'number') return new Intl.NumberFormat(personLocale()).format(value);
    return String(value);
  }
  /** A CI's attributes in the order its class declares them; any the class no longer has come last, by name. */
  function orderedAttributes(ci) {
    const values = ci.attributes || {};
    const declared = ((model && model.classes.find(c => c.id === ci.class)) || { attributes: [] }).attributes.map(a => a.name);
    const names = [...declared.filter(n => n in values), ...Object.keys(values).filter(n => !declared.includes(n)).sort()];
    return names.map(name => [name, values[name]]);
  }
  const ciLink = key => h('a', { href: `#/cmdb/ci/${encodeURIComponent(key)}` }, key);
  const mayWrite = ci => p.me.roles.includes('administrator') || p.me.groups.includes(ci.ownerGroup);

  // --- the list ------------------------------------------------------------------------

  async function list(query) {
    const filter = new URLSearchParams(query || '');
    const [kinds, catalog] = await Promise.all([classes(), api('GET', '/api/catalog')]);
    const search = new URLSearchParams({ size: '100' });
    for (const key of LIST_FILTERS) if (filter.get(key)) search.set(key, filter.get(key));
    const found = await api('GET', `/api/cis?${search}`);
    await learnNames({ groups: [...new Set(found.items.map(ci => ci.ownerGroup)), filter.get('ownerGroup')] });
    const choice = (id, label, options, value) => [h('label', { for: id }, label),
      h('select', { id, name: id.replace('ci-', '') }, options.map(([v, text]) => h('option', { value: v, selected: v === (value || '') }, text)))];
    const form = h('form', { class: 'card ci-filter', role: 'search', 'aria-label': tr('Filter the configuration items'),
      onsubmit: event => {
        event.preventDefault();
        const data = new FormData(form);
        const next = new URLSearchParams();
        for (const key of LIST_FILTERS) if ((data.get(key) || '').trim()) next.set(key, data.get(key).trim());
        navigate(next.toString() ? `#/cmdb?${next}` : '#/cmdb');
      } },
    choice('ci-class', tr('Class'), [['', tr('Any class')], ...kinds.classes.map(c => [c.id, c.name])], filter.get('class')),
    choice('ci-lifecycle', tr('Lifecycle'), [['', tr('Any lifecycle')], ...LIFECYCLES.map(l => [l, lifecycleWord(l)])], filter.get('lifecycle')),
    choice('ci-service', tr('Service'), [['', tr('Any service')], ...catalog.services.map(s => [s.id, s.name])], filter.get('service')),
    h('label', { for: 'ci-ownerGroup' }, tr('Owner group')),
    h('input', { id: 'ci-ownerGroup', name: 'ownerGroup', value: filter.get('ownerGroup') || '', maxlength: 64, placeholder: 'network' }),
    h('label', { for: 'ci-q' }, tr('Key or name contains')),
    h('div', { class: 'search' }, h('input', { type: 'search', id: 'ci-q', name: 'q', value: filter.get('q') || '', maxlength: 200,
      placeholder: 'db-erp' }), h('button', { type: 'submit' }, tr('Filter'))));
    const rows = found.items.map(ci => h('tr', {},
      h('th', { scope: 'row' }, ciLink(ci.key)),
      h('td', {}, ci.name),
      h('td', {}, className(ci.class)),
      h('td', {}, ci.ownerGroup ? groupName(ci.ownerGroup) : '—'),
      h('td', {}, lifecycleWord(ci.lifecycle)),
      h('td', {}, criticalityWord(ci.criticality))));
    page(tr('Configuration items'),
      h('p', { class: 'actions' }, h('a', { href: '#/cmdb/matrix' }, tr('Classes against services'))),
      form,
      h('p', { class: 'meta', role: 'status' }, found.total === 1 ? tr('1 configuration item') : tr('{n} configuration items', { n: found.total }),
        found.total > found.items.length ? [' ', tr('The first {n} are shown; narrow the filter to find the others.', { n: found.items.length })] : ''),
      rows.length ? h('div', { class: 'table-box', tabindex: '0', role: 'region', 'aria-label': tr('Configuration items') },
        h('table', { class: 'cis' }, h('caption', { class: 'visually-hidden' }, tr('Configuration items')),
          h('thead', {}, h('tr', {}, [tr('Key'), tr('Name'), tr('Class'), tr('Owner group'), tr('Lifecycle'), tr('Criticality')]
            .map(label => h('th', { scope: 'col' }, label)))),
          h('tbody', {}, rows)))
        : h('p', {}, tr('No configuration item matches.')));
  }

  // --- one CI --------------------------------------------------------------------------

  async function one(key) {
    const path = `/api/cis/${encodeURIComponent(key)}`;
    const [ci, relations, history, impact] = await Promise.all([api('GET', path), api('GET', `${path}/relations`),
      api('GET', `${path}/history`), api('GET', `${path}/impact`), classes()]);
    // Those that depend on it directly, with their own relations and services, for the picture.
    const incoming = relations.incoming.slice(0, MOST_NEIGHBOURS);
    const outgoing = ci.relations.slice(0, MOST_NEIGHBOURS);
    const neighbours = await Promise.all([...new Set([...incoming.map(r => r.from), ...outgoing.map(r => r.to)])]
      .map(k => api('GET', `/api/cis/${encodeURIComponent(k)}`).catch(() => null)));
    await learnNames({ groups: [ci.ownerGroup, ...impact.dependents.map(d => d.ownerGroup),
      ...history.flatMap(c => [c.before && c.before.ownerGroup, c.after && c.after.ownerGroup])], users: history.map(c => c.actor) });
    const writable = mayWrite(ci);
    const ciClass = model.classes.find(c => c.id === ci.class);

    const attributes = orderedAttributes(ci);
    const facts = h('dl', { class: 'facts ci-facts' },
      h('dt', {}, tr('Class')), h('dd', {}, className(ci.class)),
      h('dt', {}, tr('Owner group')), h('dd', {}, ci.ownerGroup ? groupName(ci.ownerGroup) : '—'),
      h('dt', {}, tr('Lifecycle')), h('dd', {}, lifecycleWord(ci.lifecycle)),
      h('dt', {}, tr('Criticality')), h('dd', {}, criticalityWord(ci.criticality)),
      h('dt', {}, tr('Services')), h('dd', {}, ci.services.length ? ci.services.map(serviceName).join(', ') : '—'),
      attributes.flatMap(([name, value]) => [h('dt', {}, attributeLabel(ci.class, name)),
        h('dd', {}, attributeValue(ci.class, name, value))]),
      h('dt', {}, tr('Last change')), h('dd', {}, when(ci.updatedAt)));

    const remove = relation => async () => {
      say('');
      try {
        await api('DELETE', `${path}/relations/${encodeURIComponent(relation.type)}/${encodeURIComponent(relation.to)}`);
        say(tr('Removed: {key} {relation} {to}.', { key: ci.key, relation: relationName(relation.type), to: relation.to }), 'ok');
        refresh();
      } catch (e) { if (e.status !== 401) say(e.message); }
    };
    const relationsCard = h('section', { class: 'card ci-relations' }, h('h2', {}, tr('Relations')),
      h('h3', {}, tr('It depends on')),
      ci.relations.length ? h('ul', { class: 'plain outgoing' }, ci.relations.map(r => h('li', {},
        relationName(r.type), ' ', ciLink(r.to),
        writable ? [' ', h('button', { type: 'button', class: 'link', onclick: remove(r),
          'aria-label': tr('Remove {relation} {to}', { relation: relationName(r.type), to: r.to }) }, tr('Remove'))] : '')))
        : h('p', {}, tr('Nothing.')),
      h('h3', {}, tr('Depending on it')),
      relations.incoming.length ? h('ul', { class: 'plain incoming' }, relations.incoming.map(r => h('li', {},
        ciLink(r.from), ' ', r.fromName, ' ', h('span', { class: 'tag' }, relationName(r.type)))))
        : h('p', {}, tr('Nothing.')),
      writable && ciClass && ciClass.relations.length ? relationForm(ci, ciClass, path) : '');

    const historyCard = h('section', { class: 'card ci-history' }, h('h2', {}, tr('History')),
      h('ol', { class: 'timeline' }, history.map(change => h('li', {},
        h('span', { class: 'when' }, when(change.at)), ' ', h('span', { class: 'actor' }, userName(change.actor)), ' ',
        h('span', { class: 'tag' }, actionWord(change.action)),
        h('p', { class: 'text' }, differences(change.before, change.after))))));

    const graph = h('div', { class: 'ci-graph', role: 'img',
      'aria-label': tr('{key}: what depends on it above, what it depends on below, and the services standing on them', { key: ci.key }) });
    page(`${ci.key}: ${ci.name}`,
      h('p', { class: 'actions' }, h('a', { href: '#/cmdb' }, tr('All configuration items')), h('a', { href: '#/cmdb/matrix' }, tr('Classes against services'))),
      facts,
      h('section', { class: 'card ci-neighbourhood' }, h('h2', {}, tr('Neighbourhood')), graph,
        h('p', { class: 'meta' }, tr('Click a CI to open it.'))),
      impactCard(impact),
      relationsCard,
      historyCard);
    // cytoscape comes as a chunk of its own when a CI's page is first drawn: everyone else's portal stays small.
    if (graph.isConnected) {
      const { default: cytoscape } = await import('cytoscape');
      if (graph.isConnected) draw(cytoscape, graph, ci, outgoing, incoming, neighbours.filter(Boolean));
    }
  }

  /** The form to add one relation: the types the class allows, then a CI of the classes that type may go to. */
  function relationForm(ci, ciClass, path) {
    const options = ciClass.relations.map(r => h('option', { value: r.type },
      `${relationName(r.type)} (${r.to.map(className).join(', ')})`));
    const type = h('select', { id: 'relation-type', name: 'type' }, options);
    // The CIs of the classes the chosen type may go to, offered as the key is typed.
    const targets = h('datalist', { id: 'relation-targets' });
    const offer = async () => {
      const allowed = (ciClass.relations.find(r => r.type === type.value) || { to: [] }).to;
      const found = await Promise.all(allowed.map(c => api('GET', `/api/cis?class=${encodeURIComponent(c)}&size=200`)
        .then(page => page.items, () => [])));
      targets.replaceChildren(...found.flat().filter(x => x.key !== ci.key && x.lifecycle !== 'retired')
        .map(x => h('option', { value: x.key }, x.name)));
    };
    type.addEventListener('change', offer);
    offer();
    const to = h('input', { id: 'relation-to', name: 'to', required: true, maxlength: 64, placeholder: 'srv-01',
      list: 'relation-targets', autocomplete: 'off' });
    return h('form', { class: 'relation-add', onsubmit: async event => {
      event.preventDefault();
      say('');
      try {
        await api('POST', `${path}/relations`, { type: type.value, to: to.value.trim() });
        say(tr('Added: {key} {relation} {to}.', { key: ci.key, relation: relationName(type.value), to: to.value.trim() }), 'ok');
        refresh();
      } catch (e) { if (e.status !== 401) say(e.message); }
    } },
    h('h3', {}, tr('Add a relation')),
    h('label', { for: 'relation-type' }, tr('Relation')), type,
    h('label', { for: 'relation-to' }, tr('To the CI (key)')),
    h('div', { class: 'search' }, to, targets, h('button', { type: 'submit' }, tr('Add'))));
  }

  const actionWord = action => ({ created: tr('created'), updated: tr('updated'), retired: tr('retired'), imported: tr('imported'),
    'relation-added': tr('relation added'), 'relation-removed': tr('relation removed') }[action] || action);

  /** What a change did, in a line: the fields it changed, relations named. */
  function differences(before, after) {
    if (!before) return tr('Created as {name}.', { name: after.name });
    const changed = [];
    // Each field by its label and its values as the CI's page shows them.
    const fields = { name: [tr('Name'), v => v ?? '—'], ownerGroup: [tr('Owner group'), v => (v ? groupName(v) : '—')],
      lifecycle: [tr('Lifecycle'), v => (v ? lifecycleWord(v) : '—')], criticality: [tr('Criticality'), criticalityWord] };
    for (const [field, [label, word]] of Object.entries(fields)) {
      if (before[field] !== after[field]) changed.push(`${label}: ${word(before[field])} → ${word(after[field])}`);
    }
    const ciClass = after.class || before.class;
    const keys = new Set([...Object.keys(before.attributes || {}), ...Object.keys(after.attributes || {})]);
    for (const key of keys) {
      const was = (before.attributes || {})[key];
      const is = (after.attributes || {})[key];
      if (JSON.stringify(was) !== JSON.stringify(is)) {
        changed.push(`${attributeLabel(ciClass, key)}: ${attributeValue(ciClass, key, was)} → ${attributeValue(ciClass, key, is)}`);
      }
    }
    const words = list => new Map((list || []).map(r => [`${r.type} ${r.to}`, `${relationName(r.type)} ${r.to}`]));
    const [was, is] = [words(before.relations), words(after.relations)];
    for (const [r, read] of is) if (!was.has(r)) changed.push(`+ ${read}`);
    for (const [r, read] of was) if (!is.has(r)) changed.push(`− ${read}`);
    const services = (s, t) => (s || []).filter(x => !(t || []).includes(x));
    for (const s of services(after.services, before.services)) changed.push(`+ ${serviceName(s)}`);
    for (const s of services(before.services, after.services)) changed.push(`− ${serviceName(s)}`);
    return changed.length ? changed.join('; ') : tr('Nothing changed.');
  }

  /** The impact: the services and lines of business an outage of the CI touches, and how many CIs on the way. */
  function impactCard(impact) {
    const lines = Object.fromEntries(impact.linesOfBusiness.map(l => [l.id, l.name]));
    const ticket = number => h('a', { href: `#/tickets/${encodeURIComponent(number)}` }, number);
    const rows = impact.services.map(s => h('tr', {},
      h('th', { scope: 'row' }, s.name),
      h('td', {}, s.lineOfBusiness ? lines[s.lineOfBusiness] || s.lineOfBusiness : '—'),
      h('td', {}, criticalityWord(s.criticality)),
      h('td', {}, s.openIncidents.length ? s.openIncidents.map((i, n) => [n ? ', ' : '', ticket(i.number), i.priority ? ` (P${i.priority})` : '']) : '—'),
      h('td', {}, s.scheduledChanges.length ? s.scheduledChanges.map((c, n) => [n ? ', ' : '', ticket(c.number), ' ', when(c.plannedStart)]) : '—')));
    return h('section', { class: 'card ci-impact' }, h('h2', {}, tr('Impact')),
      h('p', { class: 'impact-summary' }, tr('An outage or a change touches {cis} CIs that depend on it, {services} services and {lines} lines of business.',
        { cis: impact.dependentsTotal, services: impact.services.length, lines: impact.linesOfBusiness.length })),
      rows.length ? h('div', { class: 'table-box', tabindex: '0', role: 'region', 'aria-label': tr('Services touched') },
        h('table', { class: 'impact' }, h('caption', { class: 'visually-hidden' }, tr('Services touched')),
          h('thead', {}, h('tr', {}, [tr('Service'), tr('Line of business'), tr('Criticality'), tr('Open incidents'), tr('Scheduled changes')]
            .map(label => h('th', { scope: 'col' }, label)))),
          h('tbody', {}, rows)))
        : h('p', {}, tr('No service stands on it.')),
      impact.dependents.length ? h('details', { class: 'dependents' }, h('summary', {}, impact.dependentsTotal > impact.dependents.length
        ? tr('The first {shown} of the {n} CIs that depend on it', { shown: impact.dependents.length, n: impact.dependentsTotal })
        : tr('The CIs that depend on it ({n})', { n: impact.dependentsTotal })),
        h('ul', { class: 'plain' }, impact.dependents.map(d => h('li', {}, ciLink(d.key), ' ', d.name, ' ',
          h('span', { class: 'tag' }, className(d.class)))))) : '');
  }

  /**
   * The CI's neighbourhood with cytoscape: what depends on it (above), the CI, what it depends on (below),
   * and the services linked to any of them; edges point from the one that depends to the one it depends on.
   */
  function draw(cytoscape, container, ci, outgoing, incoming, neighbours) {
    const nodes = new Map();
    const edges = new Map();
    const node = (id, data) => { if (!nodes.has(id)) nodes.set(id, { data: { id, ...data } }); };
    const edge = (source, target, label) => {
      const id = `${source}>${label}>${target}`;
      if (!edges.has(id)) edges.set(id, { data: { id, source, target, label } });
    };
    const addCi = (key, name, ciClass, kind) => node(`ci:${key}`, { key, label: `${name}\n${className(ciClass)}`, kind });
    addCi(ci.key, ci.name, ci.class, 'focus');
    const known = new Map(neighbours.map(n => [n.key, n]));
    for (const r of outgoing) {
      const target = known.get(r.to);
      addCi(r.to, target ? target.name : r.to, target ? target.class : '', 'below');
      edge(`ci:${ci.key}`, `ci:${r.to}`, relationName(r.type));
    }
    for (const r of incoming) {
      addCi(r.from, r.fromName, r.fromClass, 'above');
      edge(`ci:${r.from}`, `ci:${ci.key}`, relationName(r.type));
    }
    const services = key => (key === ci.key ? ci.services : (known.get(key) || {}).services || []);
    for (const key of [ci.key, ...incoming.map(r => r.from), ...outgoing.map(r => r.to)]) {
      for (const service of services(key)) {
        node(`service:${service}`, { label: serviceName(service), kind: 'service' });
        edge(`service:${service}`, `ci:${key}`, tr('stands on'));
      }
    }
    const targets = new Set([...edges.values()].map(e => e.data.target));
    const cy = cytoscape({
      container,
      elements: [...nodes.values(), ...edges.values()],
      userZoomingEnabled: false,
      boxSelectionEnabled: false,
      autoungrabify: true,
      style: [
        { selector: 'node', style: { label: 'data(label)', 'text-wrap': 'wrap', 'text-valign': 'center', 'text-halign': 'center',
          'font-size': 10, width: 120, height: 40, shape: 'round-rectangle', 'background-color': '#e7ecf5', 'border-width': 1,
          'border-color': '#8a94a6', color: '#1d2433' } },
        { selector: 'node[kind = "focus"]', style: { 'background-color': '#fff1e6', 'border-color': '#e0590b', 'border-width': 3 } },
        { selector: 'node[kind = "service"]', style: { shape: 'ellipse', 'background-color': '#e8f5ec', 'border-color': '#1f7a3a' } },
        { selector: 'edge', style: { 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', width: 1.5, 'line-color': '#8a94a6',
          'target-arrow-color': '#8a94a6', label: 'data(label)', 'font-size': 8, 'text-background-color': '#fff',
          'text-background-opacity': 1, color: '#5a6478' } }
      ],
      layout: { name: 'breadthfirst', directed: true, spacingFactor: 1.1, padding: 12,
        roots: [...nodes.keys()].filter(id => !targets.has(id)) }
    });
    container.dataset.nodes = String(nodes.size);
    container.dataset.edges = String(edges.size);
    cy.on('tap', 'node', event => {
      const key = event.target.data('key');
      if (key && key !== ci.key) navigate(`#/cmdb/ci/${encodeURIComponent(key)}`);
    });
  }

  // --- the matrix ----------------------------------------------------------------------

  async function matrix(by) {
    const byGroup = by === 'group';
    const [data] = await Promise.all([api('GET', `/api/cis/matrix${byGroup ? '?by=group' : ''}`), classes()]);
    const rowKey = byGroup ? 'ownerGroup' : 'class';
    const rowIds = byGroup ? data.groups : data.classes;
    if (byGroup) await learnNames({ groups: rowIds });
    const cells = new Map(data.cells.map(c => [`${c[rowKey]}|${c.service}`, c]));
    const rowName = id => (byGroup ? groupName(id) : className(id));
    const toggle = h('p', { class: 'actions matrix-by', role: 'group', 'aria-label': tr('Rows') },
      h('a', { href: '#/cmdb/matrix', 'aria-current': byGroup ? null : 'page', class: byGroup ? null : 'current' }, tr('CI classes')),
      h('a', { href: '#/cmdb/matrix/group', 'aria-current': byGroup ? 'page' : null, class: byGroup ? 'current' : null }, tr('Owner groups')));
    const table = h('table', { class: 'ci-matrix' },
      h('caption', { class: 'visually-hidden' }, byGroup ? tr('Owner groups against services') : tr('CI classes against services')),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, byGroup ? tr('Owner group') : tr('Class')),
        data.services.map(s => h('th', { scope: 'col' }, s.name,
          s.openIncidents ? h('span', { class: 'open-incidents', title: tr('{n} open incidents', { n: s.openIncidents }) }, ` ⚠ ${s.openIncidents}`) : '')))),
      h('tbody', {}, rowIds.map(id => h('tr', {}, h('th', { scope: 'row' }, rowName(id)),
        data.services.map(s => {
          const cell = cells.get(`${id}|${s.id}`);
          if (!cell) return h('td', { class: 'empty' }, '·');
          const filter = new URLSearchParams({ [rowKey]: id, service: s.id });
          return h('td', { class: cell.openIncidents ? 'cell incidents' : 'cell' },
            // The row and the column name the cell (table headers); its link says what it counts.
            h('a', { href: `#/cmdb?${filter}`, title: tr('{row} under {service}: {cis} CIs, {incidents} open incidents',
              { row: rowName(id), service: s.name, cis: cell.cis, incidents: cell.openIncidents }) },
            h('span', { class: 'cis' }, String(cell.cis)), h('span', { class: 'visually-hidden' }, ` ${tr('CIs')}`),
            cell.openIncidents ? h('span', { class: 'open-incidents' }, ` ⚠ ${cell.openIncidents}`,
              h('span', { class: 'visually-hidden' }, ` ${tr('open incidents')}`)) : ''));
        })))));
    page(byGroup ? tr('Owner groups against services') : tr('CI classes against services'),
      h('p', { class: 'actions' }, h('a', { href: '#/cmdb' }, tr('All configuration items'))),
      toggle,
      h('p', { class: 'meta' }, tr('Each cell: the CIs the service stands on, directly or through others, and ⚠ the service\'s open incidents. A cell opens its CIs.')),
      h('div', { class: 'table-box', tabindex: '0', role: 'region', 'aria-label': tr('The matrix') }, table));
  }

  return { list, one, matrix };
}

/**
 * "My devices" (#/devices, GET /api/me/devices): the laptops, monitors and other CIs assigned to the person,
 * each with a link to report a problem with it (the report form with its title, service, category and the device filled in).
 */
export async function myDevicesPage({ h, api, page }) {
  const devices = await api('GET', '/api/me/devices');
  const state = d => (d.lifecycle === 'planned' ? tr('being prepared') : tr('in use'));
  const report = d => {
    const prefill = new URLSearchParams({ title: tr('{device} does not work', { device: d.name }), category: 'hardware',
      configurationItem: d.key });
    if (d.services && d.services.length) prefill.set('service', d.services[0]);
    return `#/report?${prefill}`;
  };
  page(tr('My devices'), devices.length
    ? h('ul', { class: 'cards devices' }, devices.map(d => h('li', { class: 'card device' },
      h('h2', {}, d.name),
      h('dl', { class: 'answers' },
        h('dt', {}, tr('Kind')), h('dd', {}, d.className),
        d.assetTag ? [h('dt', {}, tr('Asset tag')), h('dd', {}, d.assetTag)] : [],
        d.model ? [h('dt', {}, tr('Model')), h('dd', {}, d.model)] : [],
        h('dt', {}, tr('State')), h('dd', {}, state(d))),
      h('p', {}, h('a', { href: report(d) }, tr('Report a problem with it'))))))
    : h('p', {}, tr('No device is assigned to you.')));
}
