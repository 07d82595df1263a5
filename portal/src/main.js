// FlowDesk's self-service portal: requesters, approvers and agents, on FlowDesk's API with the
// session of the login. Forms are the same .form files Tasklist shows, rendered with form-js;
// "where is my request" is the ticket's journey in milestones (journey.js), its process drawn with bpmn-js a click away.
import { Form } from '@bpmn-io/form-js-viewer';
import flatpickr from 'flatpickr';
import Viewer from 'bpmn-js/lib/NavigatedViewer';
import { fitWhenSized, whereItIs } from './journey.js';
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import './portal.css';
import { dateAndTime, inZone, personLocale, personZone, useLocale } from './format.js';
import { draft, forgetDraft, keep, keepDraftAndLogIn, keptPlaces, startDrafts } from './drafts.js';
import { changePages } from './changes.js';
import { ciChoices } from './cichoices.js';
import { approvalsCard } from './approvals.js';
import { attachmentsCard, attachToCommentForm, formFiles, sendForm } from './attachments.js';
import { formWords } from './formwords.js';
import { fieldErrors } from './fielderrors.js';
import { currentLanguage, groupWord, milestoneWord, statusWord, stepWord, tr, useLanguage } from './i18n.js';
import { bell } from './bell.js';
import { reopenCard, withdrawCard } from './requester.js';
import { watchersCard } from './watchers.js';
import { forWhomField } from './onbehalf.js';
import { starRatings } from './stars.js';
import { preparedAnswers } from './prepared.js';
import { searchInto, ticketFilter, withWords } from './search.js';
import { articlePage, suggestedForTicket, suggestions } from './knowledge.js';
import { knownProblemsForTicket, problemPages, worksProblems } from './problems.js';
import { majorIncidentCard, majorParentNote } from './major.js';
import { priorityCard } from './priority.js';
import { workspacePage } from './workspace.js';
import { serviceLevelsPage } from './servicelevels.js';
import { cmdbPages, myDevicesPage, readsCmdb } from './cmdb.js';
import { articleEditor, knowledgePage, versionsPage, writesArticles } from './authoring.js';

const csrfHeader = document.querySelector('meta[name="csrf-header"]').content;
const csrfToken = document.querySelector('meta[name="csrf-token"]').content;
const main = document.getElementById('main');
const message = document.getElementById('message');
let me = null;
let ticking = [];
let flash = null;

/** Goes to another page of the portal, with a note to show there. */
function navigate(hash, note) {
  flash = note;
  location.hash = hash;
}

// --- small helpers ---------------------------------------------------------------------

/** An element with attributes and children; text is always text, never markup. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else el.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

class ApiError extends Error {
  constructor(status, text, problem = null) {
    super(text);
    this.status = status;
    // The refusal as the server sent it (application/problem+json), for pages that show its details.
    this.problem = problem;
  }
}

/**
 * Calls FlowDesk's API; a refusal becomes an error whose message a person can read. A body is sent as JSON, or as
 * it is when `type` names another content type (a model file); `accept` other than JSON answers the text.
 */
async function api(method, path, body, { type = 'application/json', accept = 'application/json' } = {}) {
  // X-Requested-With: a 401 then comes without a Basic challenge, so the browser asks no password itself.
  const headers = { Accept: accept, 'X-Requested-With': 'XMLHttpRequest' };
  if (body !== undefined) headers['Content-Type'] = type;
  if (method !== 'GET') headers[csrfHeader] = csrfToken;
  let response;
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : type === 'application/json' ? JSON.stringify(body) : body });
  } catch (e) {
    throw new ApiError(0, tr('FlowDesk cannot be reached. Check your connection and try again.'));
  }
  if (response.status === 401) {
    // The session has ended: to the login, keeping what the person typed for when they are back.
    keepDraftAndLogIn();
    throw new ApiError(401, tr('Your session has ended; please log in again.'));
  }
  if (response.status === 204) return null;
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { /* not JSON */ }
  if (!response.ok) {
    let words = (json && json.detail) || tr('FlowDesk answered {status}.', { status: response.status });
    if (json && Array.isArray(json.errors) && json.errors.length) {
      words = json.errors.map(e => e.message).join('. ') + '.';
    }
    throw new ApiError(response.status, words, json);
  }
  return accept === 'application/json' ? json : text;
}

function say(text, kind = 'error') {
  message.replaceChildren(text ? h('p', { class: `note ${kind}` }, text) : '');
  if (text) message.scrollIntoView({ block: 'nearest' });
}

/** A time in the person's locale and time zone (both the browser's). */
function when(instant) {
  return instant ? dateAndTime(instant) : '—';
}

// --- names instead of ids ----------------------------------------------------------------

// People, groups, services and catalog items are shown by name; each name is looked up once.
const names = { user: new Map(), group: new Map() };
let catalogNames = null;

function lookUp(kind, id) {
  if (!id) return Promise.resolve('');
  if (!names[kind].has(id)) {
    const path = kind === 'user' ? `/api/people/${encodeURIComponent(id)}` : `/api/groups/${encodeURIComponent(id)}`;
    names[kind].set(id, api('GET', path).then(found => found.name, () => id));
  }
  return names[kind].get(id);
}

/** Looks the names up that a page is about to show; userName and groupName then answer at once. */
async function learnNames({ users = [], groups = [] }) {
  // FlowDesk itself is no person to look up (it has its name below): asking for it was a 404 on every ticket page.
  const wanted = [...users.map(id => ['user', id]), ...groups.map(id => ['group', id])]
    .filter(([kind, id]) => id && !(kind === 'user' && id === SYSTEM));
  const [found, data] = await Promise.all([Promise.all(wanted.map(([kind, id]) => lookUp(kind, id))),
    catalogNames ? null : api('GET', '/api/catalog')]);
  wanted.forEach(([kind, id], i) => { learned[kind][id] = found[i]; });
  if (data) {
    catalogNames = { service: Object.fromEntries(data.services.map(x => [x.id, x.name])),
      item: Object.fromEntries(data.items.map(x => [x.id, x.name])) };
  }
}
const learned = { user: {}, group: {} };
// FlowDesk itself writes some timeline entries (TicketService.SYSTEM).
const SYSTEM = 'flowdesk';
const userName = id => (id === SYSTEM ? 'FlowDesk' : learned.user[id] || id);
// A group's name in the person's language (i18n/<language>.json, section groups), else the directory's.
const groupName = id => groupWord(id, learned.group[id] || id);
const serviceName = id => (catalogNames && catalogNames.service[id]) || id;

/** "in 3 hr 12 min" or "2 hr 5 min overdue"; the units as the reader's language abbreviates them ("3 Std. 12 Min."). */
function countdown(instant) {
  const ms = new Date(instant).getTime() - Date.now();
  const abs = Math.abs(ms);
  const d = Math.floor(abs / 86400000);
  const hrs = Math.floor((abs % 86400000) / 3600000);
  const min = Math.floor((abs % 3600000) / 60000);
  const sec = Math.floor((abs % 60000) / 1000);
  const unit = (n, u) => new Intl.NumberFormat(personLocale(), { style: 'unit', unit: u, unitDisplay: 'short' }).format(n);
  const span = d > 0 ? `${unit(d, 'day')} ${unit(hrs, 'hour')}` : hrs > 0 ? `${unit(hrs, 'hour')} ${unit(min, 'minute')}`
    : `${unit(min, 'minute')} ${unit(sec, 'second')}`;
  return ms >= 0 ? tr('in {span}', { span }) : tr('{span} overdue', { span });
}

function days(duration) {
  const match = /^P(\d+)D$/.exec(duration || '');
  if (!match) return duration || '';
  return match[1] === '1' ? tr('1 business day') : tr('{n} business days', { n: match[1] });
}

function euros(price) {
  if (price === null || price === undefined) return '';
  return Number(price) === 0 ? tr('Free') : new Intl.NumberFormat(personLocale(), { style: 'currency', currency: 'EUR' }).format(price);
}

// The statuses' labels are the models' (GET /api/vocabulary), read once at start.
let statusLabels = {};
let statuses = [];
const status = s => h('span', { class: `status status-${s}` }, statusWord(s, statusLabels[s]));
/** Whether a status is one the models declare open (still being worked). */
const isOpen = s => statuses.some(x => x.code === s && x.open);
// How a linked ticket relates to this one (GET /api/tickets/{n}: links), read as "Caused by CHG-000007".
const RELATIONS = { caused_by: 'Caused by', caused: 'Caused', fixed_by: 'Fixed by', fixes: 'Fixes', related: 'Related to',
  duplicate_of: 'Duplicate of', duplicated_by: 'Duplicated by' };
const relationWord = r => (RELATIONS[r] ? tr(RELATIONS[r]) : r.replace(/_/g, ' '));

function isAgentOf(ticket) {
  return me.roles.includes('administrator') || me.groups.includes(ticket.assignmentGroup)
    || ticket.assignee === me.id;
}

function page(title, ...content) {
  // A page whose data came after the person had gone on, and the next page was drawn already: left
  // out (it would replace the page they are on).
  if (drawnRoute === routes) return;
  document.title = `${title} · FlowDesk`;
  main.replaceChildren(h('h1', {}, title),
    ...content.flat(Infinity).filter(part => part !== null && part !== undefined && part !== false && part !== ''));
  main.focus({ preventScroll: true });
}

// --- forms -----------------------------------------------------------------------------

/** The English words of the forms' date picker (flatpickr's), before any language replaced them. */
const englishCalendar = { ...flatpickr.l10ns.default };

/**
 * The forms' date picker in the reader's language: months, weekdays and the week's first day ("Montag" first in
 * German). flatpickr's words for every language it knows are a chunk of their own, loaded only for a language other
 * than English; a language it does not know keeps the English calendar.
 */
async function calendarInLanguage() {
  const language = currentLanguage();
  if (language === 'en') {
    flatpickr.localize(englishCalendar);
    return;
  }
  try {
    // A CommonJS module: its exports are the import's default, and their own default is the languages' words.
    const words = await import('flatpickr/dist/l10n/index.js');
    const locales = (words.default && words.default.default) || words.default || {};
    flatpickr.localize(locales[language] || englishCalendar);
  } catch (e) {
    flatpickr.localize(englishCalendar);
  }
}

/**
 * Renders a Camunda Form with form-js and a submit button. On submit the form's own checks run
 * first; then `send(data)` calls the API. What either refuses is said beside its field and in a summary
 * above the form (fielderrors.js), and the form keeps what was typed. `answers`, when given, loads the
 * prepared answers its text fields may offer (prepared.js).
 */
async function formView(schema, data, label, send, files, changed = () => {}, answers = null, forWhom = null) {
  await calendarInLanguage();
  const container = h('div', { class: 'form' });
  const status = h('p', { class: 'form-status', role: 'status', 'aria-live': 'polite' });
  const button = h('button', { type: 'button', class: 'primary' }, label);
  // No debounce: form-js otherwise hands a text field's value over 300 ms after the last key (or
  // on blur), and a submit in between sent what was there before (seen on a loaded machine: a
  // cleared required title was sent with its old text). The form's state is what is on the screen.
  const form = new Form({ container, debounce: false });
  // What the person typed before their session ended comes back (drafts.js).
  let typed = withoutFileReferences({ ...(data || {}), ...(draft('form') || {}) });
  // A configuration item to choose offers the person's devices and the chosen service's CIs (cichoices.js).
  const choices = await ciChoices(schema, { api, mayRead: mayReadCmdb(), person: () => forWhom && forWhom.person() });
  schema = choices.schema;
  await form.importSchema(schema, await choices.data(typed));
  formWords(form, container);
  if (forWhom && choices.personChanged) forWhom.onChange(() => choices.personChanged(form).catch(e => say(e.message)));
  starRatings(form, container, schema, { h, tr });
  if (answers) preparedAnswers(form, container, schema, answers, { h, tr });
  // What the form's checks or the API refuse is said by its field, and listed above the form (fielderrors.js).
  const refusals = fieldErrors(form, container, { h });
  form.on('changed', event => {
    typed = choices.strip(event.data);
    changed(typed);
    choices.changed(form, event.data).catch(e => say(e.message));
  });
  // A draft keeps what was typed, not the files chosen: they do not outlive the page (form-js's reference would).
  keep('form', () => withoutFileReferences(typed));
  button.addEventListener('click', async () => {
    say('');
    // Sent again, the API's messages of the last answer go: it judges anew.
    refusals.clear();
    const result = form.submit();
    if (Object.keys(result.errors).length) {
      refusals.show(result.errors);
      return;
    }
    button.disabled = true;
    status.textContent = tr('Sending…');
    refusals.remember(result.data);
    try {
      const { data, picked } = pickedFiles(result);
      await send(choices.strip(stripEmpty(data)), picked);
      status.textContent = '';
    } catch (e) {
      status.textContent = '';
      if (e.status !== 401 && !refusals.refuse(e.problem)) say(e.message);
    } finally {
      button.disabled = false;
    }
  });
  const card = h('section', { class: 'card' }, refusals.summary, zoneNote(schema), container, files ? files.element : '',
    h('div', { class: 'actions' }, button), status);
  if (files) files.acceptDrops(card);
  return card;
}

/**
 * A time field that says no zone ("timeSerializingFormat": "no_timezone") is read by FlowDesk in the
 * service desk's time zone: a person elsewhere is told which zone that is. (Fields with an offset
 * carry the person's own zone.)
 */
function zoneNote(schema) {
  const fields = components => (components || []).flatMap(c => [c, ...fields(c.components)]);
  const timed = fields(schema.components).some(c => c.type === 'datetime' && ['datetime', 'time'].includes(c.subtype)
    && c.timeSerializingFormat === 'no_timezone');
  if (!timed || !me.deskTimeZone || me.deskTimeZone === personZone) return '';
  return h('p', { class: 'meta zone-note' }, tr("Times in this form are in the service desk's time zone, {zone} (it is {now} there now).",
    { zone: me.deskTimeZone, now: inZone(new Date(), me.deskTimeZone) }));
}

/**
 * A file picker's value is form-js's reference to the files it holds ("files::…"); the files go to the API as
 * parts named by the field's key, not as a value. Answers the data without those references and the files
 * by field key.
 */
function pickedFiles(result) {
  const data = { ...result.data };
  const picked = {};
  for (const [key, value] of Object.entries(result.data || {})) {
    if (typeof value !== 'string' || !value.startsWith('files::')) continue;
    delete data[key];
    const files = (result.files && result.files.get(value)) || [];
    if (files.length) picked[key] = files;
  }
  return { data, picked };
}

/** The data without form-js's references to chosen files ("files::…"), which mean nothing once the page is gone. */
function withoutFileReferences(data) {
  return Object.fromEntries(Object.entries(data || {})
    .filter(([, value]) => !(typeof value === 'string' && value.startsWith('files::'))));
}

/**
 * POSTs a form's fields: as JSON, or, when its file pickers hold files, as one multipart request with the
 * fields as the part `part` and each picker's files as parts named by its key.
 */
function postForm(url, part, fields, picked) {
  return picked && Object.keys(picked).length
    ? sendForm(url, part, fields, picked, { header: csrfHeader, token: csrfToken }) : api('POST', url, fields);
}

/** form-js hands over every field; the API wants those with values (and only the form's keys). */
function stripEmpty(data) {
  const out = {};
  for (const [key, value] of Object.entries(data || {})) {
    if (value === null || value === undefined || value === '') continue;
    out[key] = value;
  }
  return out;
}

// --- pages -----------------------------------------------------------------------------

async function home() {
  const input = h('input', { type: 'search', id: 'q', name: 'q', placeholder: tr('Laptop, VPN, INC-000042 …'),
    'aria-label': tr('Search articles, the catalog and your tickets') });
  const results = h('div', { class: 'results', 'aria-live': 'polite' });
  const search = async (event) => {
    event.preventDefault();
    const q = input.value.trim();
    if (!q) { results.replaceChildren(); return; }
    try {
      await searchInto(results, q, { h, api, status });
    } catch (e) { say(e.message); }
  };
  page(tr('Hello {name}', { name: me.firstName || me.id }),
    h('form', { class: 'search', role: 'search', onsubmit: search }, input, h('button', { type: 'submit' }, tr('Search'))),
    results,
    h('div', { class: 'tiles' },
      h('a', { class: 'tile', href: '#/catalog' }, h('strong', {}, tr('Order something')), h('span', {}, tr('Laptops, access, desks and more'))),
      h('a', { class: 'tile', href: '#/report' }, h('strong', {}, tr('Report a problem')), h('span', {}, tr('Something does not work'))),
      h('a', { class: 'tile', href: '#/tickets' }, h('strong', {}, tr('My tickets')), h('span', {}, tr('Where your requests are'))),
      h('a', { class: 'tile', href: '#/tasks' }, h('strong', {}, tr('My tasks')), h('span', {}, tr('Questions waiting for you'))),
      h('a', { class: 'tile', href: '#/devices' }, h('strong', {}, tr('My devices')), h('span', {}, tr('Your laptop, monitors and more')))));
}

function itemCards(items, services) {
  return h('ul', { class: 'cards' }, items.map(item => {
    const service = services.find(s => s.id === item.service);
    return h('li', { class: 'card item' },
      h('h3', {}, h('a', { href: `#/catalog/${encodeURIComponent(item.id)}` }, item.name)),
      h('p', {}, item.description || ''),
      h('p', { class: 'meta' }, h('span', { class: 'price' }, euros(item.price)), ' · ',
        h('span', {}, tr('Delivered within {days}', { days: days(item.deliveryTarget) })),
        service ? ` · ${service.name}` : ''));
  }));
}

async function catalog() {
  const data = await api('GET', '/api/catalog');
  const shelves = h('div', { 'aria-live': 'polite' });
  // The items whose name, description or service has every word typed; articles that may answer it beside them.
  const show = words => {
    const wanted = words.toLowerCase().split(/\s+/).filter(Boolean);
    const matches = i => {
      const service = data.services.find(s => s.id === i.service);
      const text = `${i.name} ${i.description || ''} ${service ? service.name : ''}`.toLowerCase();
      return wanted.every(w => text.includes(w));
    };
    const sections = data.linesOfBusiness.map(line => {
      const services = data.services.filter(s => s.lineOfBusiness === line.id).map(s => s.id);
      const items = data.items.filter(i => services.includes(i.service) && matches(i));
      if (!items.length) return null;
      return h('section', {}, h('h2', {}, line.name), h('p', { class: 'meta' }, line.description || ''),
        itemCards(items, data.services));
    }).filter(Boolean);
    shelves.replaceChildren(...(sections.length ? sections : [h('p', {}, tr('Nothing in the catalog matches.'))]));
  };
  const suggested = suggestions({ h, api, navigate, say });
  const input = h('input', { type: 'search', id: 'catalog-q', name: 'q', placeholder: tr('Laptop, monitor, access …'),
    'aria-label': tr('Search the catalog'), oninput: () => { show(input.value.trim()); suggested.typed(input.value); } });
  show('');
  page(tr('Catalog'), h('form', { class: 'search', role: 'search', onsubmit: event => event.preventDefault() }, input),
    suggested.box, shelves);
}

async function item(id) {
  const view = await api('GET', `/api/catalog/items/${encodeURIComponent(id)}`);
  const it = view.item;
  const files = formFiles('order-files', tr('Add files (a quote, a photo)'), { header: csrfHeader, token: csrfToken });
  const forWhom = await forWhomField({ h, api, tr, me });
  page(it.name,
    h('p', {}, it.description || ''),
    h('p', { class: 'meta' }, h('span', { class: 'price' }, euros(it.price)), ' · ',
      tr('Delivered within {days}', { days: days(it.deliveryTarget) }), ' · ', view.service.name),
    forWhom && forWhom.element,
    await formView(view.form, {}, tr('Order'), async (answers, picked) => {
      const order = forWhom ? forWhom.with({ item: it.id, answers }) : { item: it.id, answers };
      const ticket = await files.post('/api/requests', 'order', order, picked) || await api('POST', '/api/requests', order);
      navigate(`#/tickets/${ticket.number}`, order.requestedFor
        ? tr('Ordered {number} for {name}. They are told and see it under their tickets.', { number: ticket.number, name: order.requestedFor })
        : tr('Ordered: {number}. We will keep you posted here and by mail.', { number: ticket.number }));
    }, files));
}

/** The report form; prefill: fields to start with (a device's "Report a problem with it" gives title, service, category, the device). */
async function report(prefill = {}) {
  const schema = await api('GET', '/api/forms/incident-report');
  const files = formFiles('report-files', tr('Add screenshots or files'), { header: csrfHeader, token: csrfToken });
  const suggested = suggestions({ h, api, navigate, say });
  const forWhom = await forWhomField({ h, api, tr, me });
  page(tr('Report a problem'), forWhom && forWhom.element, await formView(schema, prefill, tr('Report'), async (fields, picked) => {
    const report = forWhom ? forWhom.with(fields) : fields;
    const ticket = await files.post('/api/incidents', 'report', report, picked) || await api('POST', '/api/incidents', report);
    navigate(`#/tickets/${ticket.number}`, report.requestedFor
      ? tr('Reported {number} for {name}. They are told and see it under their tickets.', { number: ticket.number, name: report.requestedFor })
      : tr('Reported: {number}. An agent will get back to you.', { number: ticket.number }));
  }, files, typed => suggested.typed(typed.title), null, forWhom), suggested.box);
}

function ticketList(tickets, { countdowns = false } = {}) {
  return h('ul', { class: 'tickets' }, tickets.map(t => {
    // A ticket no longer worked (resolved, closed, rejected: the models say which are open) is due no more.
    const due = statuses.some(s => s.code === t.status && s.open) ? t.resolutionDue : null;
    const breached = t.resolutionBreached || t.responseBreached;
    const clock = h('span', { class: 'countdown' });
    if (countdowns && due && !t.paused) {
      const update = () => { clock.textContent = countdown(due); clock.classList.toggle('late', new Date(due) < new Date()); };
      update();
      ticking.push(update);
    }
    return h('li', { class: `ticket${breached ? ' breached' : ''}` },
      h('a', { href: `#/tickets/${encodeURIComponent(t.number)}`, class: 'number' }, t.number),
      h('span', { class: 'title' }, t.title),
      status(t.status),
      t.priority ? h('span', { class: 'priority' }, `P${t.priority}`) : '',
      due ? h('span', { class: 'due' }, t.paused ? tr('SLA paused') : tr('Due {when}', { when: when(due) })) : '',
      countdowns && due && !t.paused ? clock : '',
      breached ? h('span', { class: 'breach', title: tr('SLA breached') }, tr('Breached')) : '');
  }));
}

/**
 * A running countdown to the clock that runs now: the response while nobody has taken the ticket on, then the
 * resolution; nothing while its clock is paused or it has none.
 */
function countdownOf(t) {
  const due = awaitsResponse(t) ? t.responseDue : t.resolutionDue;
  // A ticket in no open status (resolved, closed, merged) counts down to nothing.
  if (!due || t.paused && due === t.resolutionDue || !isOpen(t.status)) return '';
  // It changes every second: inside a list that announces its changes (aria-live) it would be read out each time.
  const clock = h('span', { class: 'countdown', 'aria-live': 'off' });
  const update = () => { clock.textContent = countdown(due); clock.classList.toggle('late', new Date(due) < new Date()); };
  update();
  ticking.push(update);
  return clock;
}

/** Nobody has taken the ticket on yet while its response clock runs. */
function awaitsResponse(t) {
  return Boolean(t.responseDue && !t.respondedAt && statuses.some(s => s.code === t.status && s.open));
}

/** An agent's due cell: which clock is due when, its countdown, and a breach said in words (not only in red). */
function dueOf(t) {
  const response = awaitsResponse(t);
  const due = response ? t.responseDue : t.resolutionDue;
  return [t.paused && !response ? tr('SLA paused') : due ? (response ? tr('Response {when}', { when: when(due) }) : when(due)) : '',
    ' ', countdownOf(t),
    t.resolutionBreached || t.responseBreached ? h('span', { class: 'breach' }, ' ',
      t.resolutionBreached ? tr('Breached') : tr('Response breached')) : ''];
}

/** Links that download what a list shows, all of it, as a spreadsheet (GET /api/tickets/export). */
function exportLinks(query) {
  const link = (format, label) => h('a', { href: `/api/tickets/export?${query}&format=${format}`, download: '', class: 'export' }, label);
  return h('p', { class: 'meta exports' }, tr('Download the list:'), ' ', link('csv', 'CSV'), ' · ', link('xlsx', 'Excel (XLSX)'));
}

async function myTickets() {
  const list = h('div', { 'aria-live': 'polite' });
  const show = async q => {
    const data = await api('GET', `/api/tickets?mine=true&size=200${withWords(q)}`);
    list.replaceChildren(data.items.length ? ticketList(data.items)
      : h('p', {}, q ? tr('None of your tickets matches.') : tr('You have no tickets yet.')),
      data.items.length ? exportLinks(`mine=true${withWords(q)}`) : '');
  };
  const [watched] = await Promise.all([api('GET', '/api/tickets?watching=true&size=200'), show('')]);
  page(tr('My tickets'), ticketFilter(h, tr('Filter your tickets'), q => show(q).catch(e => say(e.message))), list,
    watched.items.length ? h('section', { class: 'watched' }, h('h2', {}, tr('Tickets you watch')), ticketList(watched.items)) : '');
}

/** A task's name as the model gives it ("Work incident INC-000042: VPN drops") without the ticket: the bare step. */
function bareStep(name, number) {
  const at = number ? name.indexOf(` ${number}`) : -1;
  return at > 0 ? name.slice(0, at) : name;
}

/** The step a task is, in the person's language, without its ticket (which its page or list says already). */
function withoutTicket(name, number) {
  return stepWord(bareStep(name, number));
}

// The API's limit for a comment (texts are at most 20,000 characters): said before sending, never cut.
const COMMENT_LIMIT = 20000;
const count = n => new Intl.NumberFormat(personLocale()).format(n);
const minutes = n => (n === 1 ? tr('1 minute') : tr('{n} minutes', { n: count(n) }));

/**
 * The ticket's configuration item by name: from the CMDB for those who read it, from the person's own devices
 * for a requester (who does not); null when neither has it (a device given back is no longer the requester's).
 */
async function ciOf(t) {
  try {
    if (mayReadCmdb()) return { ...(await api('GET', `/api/cis/${encodeURIComponent(t.configurationItem)}`)), readable: true };
    if (t.requester !== me.id) return null;
    return (await api('GET', '/api/me/devices')).find(d => d.key === t.configurationItem) || null;
  } catch (e) {
    if (e.status === 401) throw e;
    return null;
  }
}

/** "Laptop LT-10014 (lt-10014)", a link to the CI's page for those who read the CMDB; the key alone when unnamed. */
function ciFact(key, ci) {
  const words = ci && ci.name && ci.name !== key ? `${ci.name} (${key})` : key;
  return ci && ci.readable ? h('a', { href: `#/cmdb/ci/${encodeURIComponent(key)}` }, words) : words;
}

async function ticketPage(number) {
  const t = await api('GET', `/api/tickets/${encodeURIComponent(number)}`);
  const agent = isAgentOf(t);
  // The requester reads "you"; agents, approvers and watchers read about the requester.
  const forRequester = t.requester === me.id;
  const [timeline, tasks, diagrams] = await Promise.all([
    api('GET', `/api/tickets/${encodeURIComponent(number)}/timeline`),
    api('GET', `/api/tasks?ticket=${encodeURIComponent(number)}`),
    api('GET', `/api/tickets/${encodeURIComponent(number)}/diagram`)]);
  const mine = tasks.filter(task => task.ticketNumber === t.number);
  // Who did the ticket's work: the agent who took it on, and whoever did a step of its fulfilment.
  const workers = [...new Set([t.assignee, ...timeline.filter(e => ['claimed', 'step', 'resolved'].includes(e.kind))
    .map(e => e.actor)].filter(id => id && id !== t.requester && id !== SYSTEM))];
  // Names, the change's plan and the links come together: each is a request of its own.
  const [change, links, approvalState, worked, , ci] = await Promise.all([
    t.type === 'change' ? api('GET', `/api/changes/${encodeURIComponent(number)}`) : null,
    api('GET', `/api/tickets/${encodeURIComponent(number)}/links`),
    api('GET', `/api/tickets/${encodeURIComponent(number)}/approvals`),
    // Effort is internal: the ticket's agents see the time worked, its requester does not.
    agent ? api('GET', `/api/tickets/${encodeURIComponent(number)}/time-worked`) : null,
    learnNames({ users: [t.requester, t.enteredBy, ...workers, ...timeline.map(e => e.actor), ...mine.map(x => x.assignee)],
      groups: [t.assignmentGroup] }),
    t.configurationItem ? ciOf(t) : null]);

  const facts = h('dl', { class: 'facts' },
    h('dt', {}, tr('Status')), h('dd', {}, status(t.status)),
    t.priority ? [h('dt', {}, tr('Priority')), h('dd', {}, `P${t.priority}`)] : [],
    h('dt', {}, tr('Service')), h('dd', {}, t.service ? serviceName(t.service) : '—'),
    t.configurationItem ? [h('dt', {}, tr('Configuration item')), h('dd', {}, ciFact(t.configurationItem, ci))] : [],
    t.item ? [h('dt', {}, tr('Item')), h('dd', {}, (catalogNames && catalogNames.item[t.item]) || t.item)] : [],
    h('dt', {}, tr('Requested by')), h('dd', {}, userName(t.requester)),
    t.enteredBy ? [h('dt', {}, tr('Entered by')), h('dd', {}, userName(t.enteredBy))] : [],
    t.assignmentGroup ? [h('dt', {}, tr('Group')), h('dd', {}, groupName(t.assignmentGroup))] : [],
    workers.length ? [h('dt', {}, tr('Worked on by')), h('dd', {}, workers.map(userName).join(', '))] : [],
    worked && worked.totalMinutes ? [h('dt', {}, tr('Time worked')), h('dd', { id: 'time-worked' },
      minutes(worked.totalMinutes),
      worked.byAgent.length > 1 ? h('span', { class: 'meta' }, ` (${worked.byAgent.map(a =>
        `${userName(a.agent)}: ${minutes(a.minutes)}`).join(', ')})`) : '')] : [],
    agent && t.responseDue ? [h('dt', {}, tr('Response')), h('dd', {},
      t.respondedAt ? tr('responded {when}', { when: when(t.respondedAt) })
        : [tr('Due {when}', { when: when(t.responseDue) }), ' ', countdownOf(t)],
      t.responseBreached ? h('span', { class: 'breach' }, ' ', tr('Breached')) : '')] : [],
    t.resolutionDue ? [h('dt', {}, tr('Due')), h('dd', {},
      t.paused ? (forRequester ? tr('paused while we wait for you') : tr('paused while waiting on the requester')) : when(t.resolutionDue),
      t.resolutionBreached ? h('span', { class: 'breach' }, ' ', tr('Breached')) : '')] : [],
    h('dt', {}, tr('Opened')), h('dd', {}, when(t.createdAt)));

  // No maxlength: the browser would cut a pasted text without a word. The person is told instead.
  const commentText = h('textarea', { id: 'comment', name: 'comment', rows: 3, 'aria-describedby': 'comment-count' });
  commentText.value = draft('comment') || '';
  keep('comment', () => commentText.value);
  const commentCount = h('p', { class: 'meta', id: 'comment-count', 'aria-live': 'polite' });
  const showCount = () => {
    const n = commentText.value.length;
    commentCount.textContent = n > COMMENT_LIMIT * 0.9 ? tr('{n} of at most {limit} characters', { n: count(n), limit: count(COMMENT_LIMIT) }) : '';
    commentCount.classList.toggle('late', n > COMMENT_LIMIT);
  };
  commentText.addEventListener('input', showCount);
  showCount();
  const internal = agent ? h('input', { type: 'checkbox', id: 'internal', name: 'internal' }) : null;
  // The minutes an agent worked, recorded with the comment (whole minutes, at most a day, as the API checks).
  const timeSpent = agent ? h('input', { type: 'number', id: 'comment-minutes', name: 'timeSpentMinutes', min: 1,
    max: 1440, step: 1, inputmode: 'numeric' }) : null;
  // Prepared answers (responses/*.md) for its agents: one is filled in, to be edited before it is sent.
  const prepared = agent ? h('select', { id: 'prepared', 'aria-label': tr('Prepared answer'), hidden: true }) : null;
  if (prepared) {
    api('GET', `/api/tickets/${encodeURIComponent(t.number)}/responses`).then(answers => {
      if (!answers.length) return;
      prepared.replaceChildren(h('option', { value: '' }, tr('Insert a prepared answer…')),
        ...answers.map(answer => h('option', { value: answer.id }, answer.title)));
      prepared.hidden = false;
      prepared.addEventListener('change', () => {
        const answer = answers.find(a => a.id === prepared.value);
        if (!answer) return;
        commentText.value = commentText.value.trim() ? `${commentText.value.trimEnd()}\n\n${answer.text}` : answer.text;
        commentText.dispatchEvent(new Event('input'));
        prepared.value = '';
        commentText.focus();
      });
    }).catch(() => {});
  }
  const commentForm = h('form', { class: 'card comment', onsubmit: async event => {
    event.preventDefault();
    say('');
    if (!commentText.value.trim()) { say(tr('Write a comment first.')); return; }
    if (commentText.value.length > COMMENT_LIMIT) {
      say(tr('Your comment has {n} characters; at most {limit} fit. Shorten it, or send it as two comments.',
        { n: count(commentText.value.length), limit: count(COMMENT_LIMIT) }));
      return;
    }
    try {
      const minutes = timeSpent && timeSpent.value.trim() ? Number(timeSpent.value) : null;
      await api('POST', `/api/tickets/${encodeURIComponent(t.number)}/comments`,
        { text: commentText.value, internal: internal ? internal.checked : false,
          ...(minutes === null ? {} : { timeSpentMinutes: minutes }) });
      say(tr('Comment added.'), 'ok');
      route();
    } catch (e) { if (e.status !== 401) say(e.message); }
  } },
  h('label', { for: 'comment' }, tr('Add a comment')), prepared || '', commentText, commentCount,
  internal ? h('label', { class: 'inline' }, internal, ' ', tr('Internal (only agents see it)')) : '',
  timeSpent ? h('p', { class: 'minutes' }, h('label', { for: 'comment-minutes' }, tr('Time spent (minutes)')), ' ', timeSpent) : '',
  h('div', { class: 'actions' }, h('button', { type: 'submit' }, tr('Comment'))));
  const csrf = { header: csrfHeader, token: csrfToken };
  attachToCommentForm(commentForm, t.number, { text: commentText, internal, minutes: timeSpent, csrf, say, refresh: route });

  const taskList = mine.length ? h('section', { class: 'card' },
    h('h2', {}, forRequester ? tr('Waiting for you') : tr('Your tasks on this ticket')),
    h('ul', { class: 'plain' }, mine.map(task => h('li', {},
      h('a', { href: `#/tasks/${task.id}` }, withoutTicket(task.name, t.number)),
      task.assignee && task.assignee !== me.id ? h('span', { class: 'tag' }, tr('taken on by {name}', { name: userName(task.assignee) })) : '',
      task.assignee ? '' : [' ', h('button', { type: 'button', onclick: async () => {
        say('');
        try {
          await api('POST', `/api/tasks/${task.id}/claim`);
          location.hash = `#/tasks/${task.id}`;
        } catch (e) {
          if (e.status === 401) return;
          // Someone else was quicker: the page as it is now (no Claim for a task taken), and why.
          await route();
          say(e.message);
        }
      } }, tr('Claim'))])))) : '';

  const diagramBox = h('section', { class: 'card' }, h('h2', {}, tr('Where it is')));
  const withdraw = forRequester ? await withdrawCard(t, { h, api, tr, say, refresh: route }) : '';
  const reopen = forRequester || agent ? await reopenCard(t, { h, api, tr, say, refresh: route, when }) : '';
  const watchers = await watchersCard(t, { h, api, tr, say, refresh: route, me, agent, learnNames, userName });
  const priority = agent ? await priorityCard(t, { h, api, say, refresh: route, isOpen }) : '';
  if (change) await learnNames({ groups: [change.implementationGroup] });
  page(`${t.number}: ${t.title}`,
    majorParentNote(t, { h }),
    facts,
    t.description ? h('section', { class: 'card' }, h('h2', {}, tr('Description')), h('p', { class: 'text' }, t.description)) : '',
    (t.answers || []).length ? h('section', { class: 'card' }, h('h2', {}, tr('What was asked for')),
      h('dl', { class: 'answers' }, t.answers.flatMap(a => [h('dt', {}, a.label), h('dd', { class: 'text' }, a.shown)]))) : '',
    t.resolutionNotes ? h('section', { class: 'card' }, h('h2', {}, tr('Resolution')), h('p', { class: 'text' }, t.resolutionNotes),
      agent && t.resolvedAt && writesArticles(me) ? h('p', {}, h('a', { class: 'button', href: `#/knowledge/new/${encodeURIComponent(t.number)}` },
        tr('Write an article'))) : '') : '',
    taskList,
    withdraw,
    reopen,
    agent && !t.closedAt ? suggestedForTicket(t, { h, api, say, refresh: route }) : '',
    agent && isOpen(t.status) ? knownProblemsForTicket(t, { h, api, say, refresh: route, status }) : '',
    priority,
    agent ? majorIncidentCard(t, { h, api, say, refresh: route, status, learnNames, isOpen }) : '',
    approvalsCard(approvalState, { h, when, tr }),
    // Whoever attached a file, and the agents working the ticket, may remove it (the API's rule).
    attachmentsCard(t.number, { agent, mayRemove: a => a.uploadedBy === me.id || isAgentOf(t), csrf, say,
      refresh: route, learnNames, userName }),
    change ? changePlan(change) : '',
    change && t.configurationItem && mayReadCmdb() ? await changes.impact(t.configurationItem) : '',
    links.length ? h('section', { class: 'card links' }, h('h2', {}, tr('Linked tickets')), h('ul', { class: 'plain' },
      links.map(l => h('li', {}, relationWord(l.relation), ' ',
        h('a', { href: `#/tickets/${encodeURIComponent(l.number)}` }, l.number), ': ', l.title, ' ', status(l.status))))) : '',
    watchers,
    diagramBox,
    h('section', { class: 'card' }, h('h2', {}, tr('Timeline')),
      h('ol', { class: 'timeline' }, timeline.map(e => h('li', { class: e.internal ? 'internal' : '' },
        h('span', { class: 'when' }, when(e.at)), ' ', h('span', { class: 'actor' }, userName(e.actor)),
        e.internal ? h('span', { class: 'tag' }, tr('internal')) : '',
        e.minutes ? h('span', { class: 'tag minutes' }, minutes(e.minutes)) : '',
        h('p', { class: 'text' }, linked(e.text || '')))))),
    // A ticket whose life ended (closed, rejected, cancelled: closedAt is set) takes no more comments.
    t.closedAt ? '' : commentForm);
  await whereItIs(diagramBox, t.number, { api, me, h, when, tr, milestoneWord }, box => drawDiagrams(box, diagrams));
}

/**
 * A change's plan: type, window, risk, who implements it, the plans, and what its window collides with. Choices
 * are shown by the labels the change's forms give them (the API's "shown"), the template by its catalog name.
 */
function changePlan(c) {
  const shown = key => (c.shown && c.shown[key]) || c[key];
  return h('section', { class: 'card' }, h('h2', {}, tr('Change plan')),
    h('dl', { class: 'facts plain-facts' },
      h('dt', {}, tr('Type')), h('dd', {}, shown('changeType')),
      c.template ? [h('dt', {}, tr('Template')), h('dd', {}, shown('template'))] : [],
      h('dt', {}, tr('Window')), h('dd', {}, `${when(c.plannedStart)} – ${when(c.plannedEnd)}`,
        // Planned in the service desk's zone: a person elsewhere sees it as planned, with the zone said.
        me.deskTimeZone && me.deskTimeZone !== personZone
          ? h('span', { class: 'meta' }, ` (${inZone(c.plannedStart, me.deskTimeZone)} – ${inZone(c.plannedEnd, me.deskTimeZone)}, `
            + `${tr("the service desk's time")})`) : ''),
      h('dt', {}, tr('Risk')), h('dd', {}, c.risk ? shown('risk') : tr('not rated yet')),
      h('dt', {}, tr('Implemented by')), h('dd', {}, groupName(c.implementationGroup)),
      c.outcome ? [h('dt', {}, tr('Outcome')), h('dd', {}, shown('outcome'))] : []),
    h('h3', {}, tr('Implementation plan')), h('p', { class: 'text' }, c.implementationPlan || '—'),
    h('h3', {}, tr('Backout plan')), h('p', { class: 'text' }, c.backoutPlan || '—'),
    c.testEvidence ? [h('h3', {}, tr('Test evidence')), h('p', { class: 'text' }, c.testEvidence)] : [],
    h('h3', {}, tr('Conflicts')),
    c.conflicts.length ? h('ul', { class: 'conflicts' }, c.conflicts.map(x => h('li', {}, x.text)))
      : h('p', {}, tr('None with approved changes or blackout windows.')));
}

/**
 * The diagram as a person reads it: a step's name without the expression the model adds at run time ("Work
 * incident ${ticketTitle.of(execution)}" names the task after its ticket), in the person's language as the step
 * names elsewhere are.
 */
const BPMN_MODEL = 'http://www.omg.org/spec/BPMN/20100524/MODEL';

export function readableDiagram(xml) {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length) return xml;
  for (const element of doc.querySelectorAll('[name]')) {
    if (element.namespaceURI !== BPMN_MODEL) continue;
    const plain = element.getAttribute('name').replace(/\s*[$#]\{[^}]*\}/g, '').trim();
    element.setAttribute('name', stepWord(plain));
  }
  return new XMLSerializer().serializeToString(doc);
}

async function drawDiagrams(box, diagrams) {
  if (!diagrams.length) { box.append(h('p', {}, tr('No process to show.'))); return; }
  for (const d of diagrams) {
    const canvas = h('div', { class: 'diagram', role: 'img',
      'aria-label': `${d.processName}: ${d.ended ? tr('finished') : tr('current step highlighted')}` });
    box.append(h('h3', {}, d.processName + (d.ended ? ` (${tr('finished')})` : '')), canvas);
    const viewer = new Viewer({ container: canvas });
    try {
      await viewer.importXML(readableDiagram(d.xml));
      const c = viewer.get('canvas');
      // A phone turned, a window resized: the whole process stays in view.
      fitWhenSized(canvas, c);
      d.current.forEach(id => { try { c.addMarker(id, 'fd-current'); } catch (e) { /* not drawn */ } });
    } catch (e) {
      canvas.replaceChildren(h('p', {}, tr('The diagram cannot be shown.')));
    }
  }
}

async function myTasks() {
  const tasks = await api('GET', '/api/tasks?size=200');
  await learnNames({ users: tasks.map(task => task.assignee) });
  page(tr('My tasks'), tasks.length ? taskTable(tasks) : h('p', {}, tr('Nothing is waiting for you.')));
}

// A knowledge article's process has the article's id as its business key (KB-000001), not a ticket number.
const articleOf = task => (/^KB-\d+$/.test(task.ticketNumber || '') ? task.ticketNumber : null);

function taskTable(tasks) {
  return h('ul', { class: 'tickets' }, tasks.map(task => {
    // The model names the task with its ticket ("Work incident INC-000042: VPN drops"): the step links
    // to the task, the ticket's number and title to the ticket. An article's review is done on the
    // article's page, the article beside the form.
    const article = articleOf(task);
    const bare = bareStep(task.name, task.ticketNumber);
    const step = stepWord(bare);
    const ticket = task.name.length > bare.length ? task.name.slice(bare.length + 1) : task.ticketNumber;
    return h('li', { class: 'ticket' },
    h('a', { href: article ? `#/articles/${encodeURIComponent(article)}` : `#/tasks/${task.id}`, class: 'number' }, step),
    article ? h('a', { href: `#/articles/${encodeURIComponent(article)}` }, ticket)
      : task.ticketNumber ? h('a', { href: `#/tickets/${encodeURIComponent(task.ticketNumber)}` }, ticket) : '',
    h('span', { class: 'due' }, tr('since {when}', { when: when(task.created) })),
    task.assignee ? h('span', { class: 'tag' }, task.assignee === me.id ? tr('yours') : userName(task.assignee)) : h('span', { class: 'tag' }, tr('open to your group')));
  }));
}

async function taskPage(id) {
  const detail = await api('GET', `/api/tasks/${encodeURIComponent(id)}`);
  const task = detail.task;
  if (articleOf(task)) {
    location.replace(`#/articles/${encodeURIComponent(articleOf(task))}`);
    return;
  }
  let summary = '';
  const t = task.ticketNumber ? await api('GET', `/api/tickets/${encodeURIComponent(task.ticketNumber)}`) : null;
  if (t) {
    await learnNames({ users: [t.requester] });
    summary = h('section', { class: 'card' },
      h('p', {}, h('a', { href: `#/tickets/${encodeURIComponent(t.number)}` }, `${t.number}: ${t.title}`)),
      h('p', { class: 'meta' }, status(t.status), ' ', tr('requested by {name}', { name: userName(t.requester) }),
        t.price !== null && t.price !== undefined ? ` · ${euros(t.price)}` : '',
        t.service ? ` · ${serviceName(t.service)}` : ''),
      t.description ? h('p', { class: 'text' }, t.description) : '');
  }
  // The ticket is in the summary: the heading is the step.
  const step = withoutTicket(task.name, task.ticketNumber);
  // The ticket's prepared answers, for the fields of the form that offer them: for those working the ticket (its
  // group, its assignee, administrators), as the API says; another group's agent doing a step of a request has none.
  const answers = t && isAgentOf(t)
    ? () => api('GET', `/api/tickets/${encodeURIComponent(task.ticketNumber)}/responses`) : null;
  page(step, summary, await formView(detail.form, detail.values, tr('Done'), async (fields, picked) => {
    await postForm(`/api/tasks/${encodeURIComponent(id)}/complete`, 'fields', fields, picked);
    navigate(task.ticketNumber ? `#/tickets/${encodeURIComponent(task.ticketNumber)}` : '#/tasks', tr('{task}: done.', { task: step }));
  }, undefined, undefined, answers));
}

async function approvals() {
  const tasks = (await api('GET', '/api/tasks?size=200')).filter(t => t.kind === 'approval');
  const rows = await Promise.all(tasks.map(async task => {
    const t = task.ticketNumber ? await api('GET', `/api/tickets/${encodeURIComponent(task.ticketNumber)}`) : null;
    if (t) await learnNames({ users: [t.requester] });
    return h('li', { class: 'card' },
      h('h2', {}, h('a', { href: `#/tasks/${task.id}` }, `${withoutTicket(task.name, task.ticketNumber)}: ${t ? t.title : ''}`)),
      t ? h('p', { class: 'meta' }, `${t.number} · ${tr('requested by {name}', { name: userName(t.requester) })}`,
        t.price !== null && t.price !== undefined ? ` · ${euros(t.price)}` : '', t.service ? ` · ${serviceName(t.service)}` : '') : '',
      h('p', {}, h('a', { class: 'button', href: `#/tasks/${task.id}` }, tr('Approve or reject'))));
  }));
  page(tr('Approvals'), rows.length ? h('ul', { class: 'plain' }, rows) : h('p', {}, tr('No approvals are waiting for you.')));
}

async function queues() {
  const agentGroups = me.agentGroups;
  await learnNames({ groups: agentGroups });
  ticking = [];
  await workspacePage({ h, api, page, say, when, status, groupName, agentGroups, exportLinks, dueOf,
    learnNames, userName, serviceName, myId: me.id });
}

// Who reads the CMDB (GET /api/cis…): agents, service owners and administrators.
const mayReadCmdb = () => me.roles.some(r => ['agent', 'service-owner', 'administrator'].includes(r));
// Who may raise changes and who may see the change calendar (POST /api/changes, GET /api/changes/calendar).
const mayRaiseChanges = () => me.roles.some(r => ['agent', 'change-manager', 'cab', 'emergency-board', 'administrator'].includes(r));
const maySeeCalendar = () => mayRaiseChanges() || me.roles.includes('service-owner');
const changes = changePages({ h, api, page, formView, postForm, navigate, status, ticketList, tr,
  mayRaise: mayRaiseChanges, maySeeCalendar });

// Problems, for agents (problems.js).
const problems = problemPages({ h, api, page, say, when, status, statusName: statusWord, refresh: () => route(),
  learnNames, userName, groupName, serviceName, withoutTicket, isOpen, formView, postForm, navigate,
  statuses: () => statuses, get me() { return me; } });

// The CMDB, for agents, service owners and administrators (cmdb.js).
const cmdb = cmdbPages({ h, api, page, say, when, navigate, refresh: () => route(), learnNames, groupName, userName,
  serviceName, get me() { return me; } });

// The designer's workbench (workbench.js and its editors, chunks loaded when first opened), for process designers
// and administrators.
const designsModels = () => me.roles.some(r => ['process-designer', 'administrator'].includes(r));
let workbench = null;
async function workbenchPage(parts) {
  if (!workbench) {
    const { workbenchPages } = await import('./workbench.js');
    workbench = workbenchPages({ h, api, page, say, when, navigate, refresh: () => route(), learnNames, userName });
  }
  if (parts[1] === 'drafts' && parts[2]) await workbench.draft(parts[2]);
  else if (parts[1] === 'edit' && parts[2] && parts.length > 4) await workbench.edit(parts[2], parts.slice(3).join('/'));
  else if (parts[1] === 'versions' && parts[3]) await workbench.versions(parts[2], parts[3], parts[4], parts[5]);
  else await workbench.home();
}

// --- navigation ------------------------------------------------------------------------

function nav() {
  const links = [['#/', tr('Home')], ['#/catalog', tr('Catalog')], ['#/report', tr('Report a problem')], ['#/tickets', tr('My tickets')],
    ['#/tasks', tr('My tasks')]];
  if (me.roles.some(r => ['approver', 'change-manager', 'cab', 'emergency-board', 'administrator'].includes(r))) {
    links.push(['#/approvals', tr('Approvals')]);
  }
  if (me.roles.includes('agent')) links.push(['#/queues', tr('Queues')]);
  if (me.roles.some(r => ['agent', 'service-owner', 'administrator'].includes(r))) {
    links.push(['#/service-levels', tr('Service levels')]);
  }
  if (worksProblems(me)) links.push(['#/problems', tr('Problems')]);
  if (writesArticles(me)) links.push(['#/knowledge', tr('Knowledge')]);
  if (mayRaiseChanges()) links.push(['#/changes', tr('Changes')]);
  if (maySeeCalendar()) links.push(['#/calendar', tr('Change calendar')]);
  if (readsCmdb(me)) links.push(['#/cmdb', tr('CMDB')]);
  if (designsModels()) links.push(['#/workbench', tr('Workbench')]);
  // The measures are a page of their own (/measures), for the roles that may see them.
  if (me.roles.some(r => ['service-owner', 'administrator'].includes(r))) links.push(['/measures', tr('Measures')]);
  document.getElementById('nav').replaceChildren(h('ul', {}, links.map(([href, text]) =>
    h('li', {}, h('a', { href, 'aria-current': location.hash === href || (href === '#/' && !location.hash) ? 'page' : null }, text)))));
}

const loading = document.getElementById('loading');
// What the knowledge pages (knowledge.js, authoring.js) draw with.
const knowledge = { h, api, page, say, when, navigate, formView, refresh: () => route(),
  serviceName, learnNames, userName, csrf: { header: csrfHeader, token: csrfToken }, get me() { return me; } };

// Routes started and the last one drawn in full: a page may only be drawn while the newest is not.
let routes = 0;
let drawnRoute = 0;

async function route() {
  // An address changed before the person is known (the start below routes once they are).
  if (!me) return;
  ticking = [];
  const started = ++routes;
  const hash = decodeURIComponent(location.hash.replace(/^#/, '')) || '/';
  const parts = hash.split('/').filter(Boolean);
  // Until the page for this address is drawn, the old one is marked busy and takes no clicks (a click
  // on it would act on the page the person has just left); data-route names the address drawn.
  main.setAttribute('aria-busy', 'true');
  main.removeAttribute('data-route');
  // Said while the page's data comes (CSS shows it only when that takes a moment).
  loading.hidden = false;
  keptPlaces();
  nav();
  bell.refresh();
  try {
    if (parts.length === 0) await home();
    else if (parts[0] === 'catalog' && parts[1]) await item(parts[1]);
    else if (parts[0] === 'catalog') await catalog();
    else if (parts[0].split('?')[0] === 'report') {
      const given = new URLSearchParams(location.hash.split('?')[1] || '');
      await report(Object.fromEntries(['title', 'service', 'category', 'configurationItem'].filter(k => given.get(k)).map(k => [k, given.get(k)])));
    } else if (parts[0] === 'devices') await myDevicesPage({ h, api, page });
    else if (parts[0] === 'knowledge' && writesArticles(me)) {
      if (parts[1] === 'new') await articleEditor({ fromTicket: parts[2] }, knowledge);
      else await knowledgePage(knowledge);
    } else if (parts[0] === 'articles' && parts[1] && parts[2] === 'edit' && writesArticles(me)) await articleEditor({ id: parts[1] }, knowledge);
    else if (parts[0] === 'articles' && parts[1] && parts[2] === 'versions') await versionsPage(parts[1], knowledge);
    else if (parts[0] === 'articles' && parts[1]) await articlePage(parts[1], knowledge);
    else if (parts[0] === 'tickets' && parts[1]) await ticketPage(parts[1]);
    else if (parts[0] === 'tickets') await myTickets();
    else if (parts[0] === 'tasks' && parts[1]) await taskPage(parts[1]);
    else if (parts[0] === 'tasks') await myTasks();
    else if (parts[0] === 'approvals') await approvals();
    else if (parts[0] === 'queues') await queues();
    else if (parts[0] === 'service-levels') await serviceLevelsPage({ h, api, page, say, year: Number(parts[1]) });
    else if (parts[0] === 'problems' && parts[1] && parts[2] === 'change' && worksProblems(me)) await problems.raiseFix(parts[1]);
    else if (parts[0] === 'problems' && parts[1] && worksProblems(me)) await problems.one(parts[1]);
    else if (parts[0] === 'problems' && worksProblems(me)) await problems.list();
    else if (parts[0] === 'changes' && parts[1] === 'new') await changes.raise();
    else if (parts[0] === 'changes') await changes.mine();
    else if (parts[0] === 'calendar') await changes.calendar(parts[1] === 'week' ? 'week' : 'month', parts[2]);
    else if (parts[0].split('?')[0] === 'cmdb' && readsCmdb(me)) {
      // The list's filters are the address's query, read as typed (not decoded with the rest of the address).
      if (parts[1] === 'ci' && parts[2]) await cmdb.one(parts[2]);
      else if (parts[1] === 'matrix') await cmdb.matrix(parts[2]);
      else await cmdb.list(location.hash.split('?')[1] || '');
    }
    else if (parts[0] === 'workbench' && designsModels()) await workbenchPage(parts);
    else page(tr('Not found'), h('p', {}, tr('There is no such page.'), ' '), h('a', { href: '#/' }, tr('Home')));
  } catch (e) {
    if (e.status === 401) return;
    // The page says what went wrong; a banner from before would only contradict it.
    say('');
    page(e.status === 404 ? tr('Not found') : tr('Something went wrong'), h('p', { class: 'note error' }, e.message),
      h('p', {}, h('a', { href: '#/' }, tr('Back to the start'))));
  }
  if ((decodeURIComponent(location.hash.replace(/^#/, '')) || '/') === hash) {
    drawnRoute = started;
    main.setAttribute('aria-busy', 'false');
    main.dataset.route = hash;
    loading.hidden = true;
    if (forgetDraft()) {
      say(tr('Your session had ended. You are logged in again and what you had typed is back: check it and send it again.'), 'ok');
    }
  }
}

/** The page's frame in the person's language, with the language chooser and the bell. */
function chrome(language) {
  for (const el of document.querySelectorAll('[data-tr]')) el.textContent = tr(el.dataset.tr);
  const choice = h('select', { id: 'language', 'aria-label': tr('Language'), onchange: async () => {
    try {
      await api('PUT', '/api/me/language', { language: choice.value || null });
      location.reload();
    } catch (e) { if (e.status !== 401) say(e.message); }
  } }, h('option', { value: '' }, tr('Language of the browser')),
  language.languages.map(l => h('option', { value: l.code, selected: l.code === language.chosen }, l.name)));
  document.getElementById('languages').replaceChildren(choice);
  bell.start({ h, api, tr, when, say, element: document.getElementById('bell') });
}

// Addresses in comments become links, but only to web pages (http, https), opened apart from FlowDesk.
const ADDRESS = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;

/** A text with its web addresses as links; everything else stays text. */
function linked(text) {
  const parts = [];
  let at = 0;
  for (const match of text.matchAll(ADDRESS)) {
    let url;
    try { url = new URL(match[0]); } catch (e) { continue; }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
    parts.push(text.slice(at, match.index), h('a', { href: url.href, rel: 'noopener noreferrer nofollow', target: '_blank' }, match[0]));
    at = match.index + match[0].length;
  }
  parts.push(text.slice(at));
  return parts;
}

setInterval(() => ticking.forEach(update => update()), 1000);

window.addEventListener('hashchange', () => {
  say(flash || '', 'ok');
  flash = null;
  route();
});

(async () => {
  document.getElementById('logout-csrf').value = csrfToken;
  try {
    const [who, vocabulary, language] = await Promise.all([api('GET', '/api/me'), api('GET', '/api/vocabulary'),
      api('GET', '/api/me/language')]);
    me = who;
    statusLabels = Object.fromEntries(vocabulary.statuses.map(s => [s.code, s.label]));
    statuses = vocabulary.statuses;
    useLanguage(language);
    // A language chosen in the profile decides the formats too; otherwise the browser's locale does.
    useLocale(language.chosen);
    chrome(language);
  } catch (e) {
    if (e.status !== 401) main.replaceChildren(h('p', { class: 'note error' }, e.message));
    return;
  }
  document.getElementById('who').textContent = [me.firstName, me.lastName].filter(Boolean).join(' ') || me.id;
  // Back from the login after the session ended: to the page the person was on, with what they typed.
  startDrafts();
  route();
})();
