// The bell in the portal's header, on every page: how many notifications the person has not read and
// how many tasks wait for them, and a list of both; a notification is marked read by a click
// (GET /api/notifications, POST /api/notifications/{id}/read, POST /api/notifications/read, GET /api/tasks).

let tools = null;
let button = null;
let count = null;
let said = null;
let panel = null;
let refreshing = null;

/** What the bell shows: unread notifications and waiting tasks, newest notifications first. */
async function load() {
  const [notifications, tasks] = await Promise.all([tools.api('GET', '/api/notifications'),
    tools.api('GET', '/api/tasks?size=200')]);
  return { notifications, tasks, unread: notifications.filter(n => !n.read) };
}

function draw({ notifications, tasks, unread }) {
  const { h, tr, when } = tools;
  const total = unread.length + tasks.length;
  count.textContent = total ? String(total) : '';
  count.hidden = total === 0;
  // The name screen readers read is this sentence; the badge's number is for the eye.
  said.textContent = tr('Notifications: {unread} unread, {tasks} tasks waiting', { unread: unread.length, tasks: tasks.length });
  const markRead = async (path) => {
    try {
      await tools.api('POST', path);
      await refresh();
    } catch (e) { if (e.status !== 401) tools.say(e.message); }
  };
  panel.replaceChildren(
    h('h2', {}, tr('Notifications')),
    tasks.length ? h('p', {}, h('a', { href: '#/tasks' }, tasks.length === 1 ? tr('1 task waiting for you') : tr('{n} tasks waiting for you', { n: tasks.length }))) : '',
    notifications.length ? h('ul', { class: 'plain' }, notifications.slice(0, 20).map(n => h('li', { class: n.read ? 'read' : 'unread' },
      n.ticketNumber ? h('a', { href: `#/tickets/${encodeURIComponent(n.ticketNumber)}` }, n.ticketNumber) : '',
      ' ', h('span', { class: 'when' }, when(n.createdAt)),
      h('p', { class: 'text' }, n.text),
      n.read ? '' : h('button', { type: 'button', class: 'link', onclick: () => markRead(`/api/notifications/${n.id}/read`) },
        tr('Mark read')))))
      : h('p', {}, tr('No notifications yet.')),
    unread.length ? h('p', {}, h('button', { type: 'button', onclick: () => markRead('/api/notifications/read') },
      tr('Mark all read'))) : '');
}

/** Asks again (a new page, a minute gone by); one question at a time. */
async function refresh() {
  if (!tools) return;
  if (!refreshing) {
    refreshing = load().then(draw, e => { if (e.status !== 401) count.hidden = true; })
      .finally(() => { refreshing = null; });
  }
  await refreshing;
}

/** A bell drawn as SVG: an emoji would depend on the fonts of the device. */
function bellIcon() {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '20');
  svg.setAttribute('height', '20');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'bell-icon');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', 'M12 2a6 6 0 0 0-6 6v4.6L4.3 16a1 1 0 0 0 .9 1.5h13.6a1 1 0 0 0 .9-1.5L18 12.6V8a6 6 0 0 0-6-6zm0 20a3 3 0 0 0 3-3H9a3 3 0 0 0 3 3z');
  path.setAttribute('fill', 'currentColor');
  svg.append(path);
  return svg;
}

function start(given) {
  tools = given;
  const { h, tr, element } = tools;
  count = h('span', { class: 'bell-count', 'aria-hidden': 'true', hidden: true });
  panel = h('div', { class: 'bell-panel', id: 'bell-panel', hidden: true });
  said = h('span', { class: 'visually-hidden' }, tr('Notifications'));
  button = h('button', { type: 'button', class: 'bell-button', 'aria-expanded': 'false', 'aria-controls': 'bell-panel',
    onclick: () => {
      panel.hidden = !panel.hidden;
      button.setAttribute('aria-expanded', String(!panel.hidden));
      if (!panel.hidden) refresh();
    } }, bellIcon(), count, said);
  element.replaceChildren(button, panel);
  // Closed when the person goes elsewhere in the portal or presses Escape.
  window.addEventListener('hashchange', () => { panel.hidden = true; button.setAttribute('aria-expanded', 'false'); });
  element.addEventListener('keydown', event => {
    if (event.key === 'Escape' && !panel.hidden) { panel.hidden = true; button.setAttribute('aria-expanded', 'false'); button.focus(); }
  });
  setInterval(refresh, 60000);
  refresh();
}

export const bell = { start, refresh };
