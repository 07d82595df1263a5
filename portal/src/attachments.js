// Attachments in the portal: the ticket's files with download links, and a file picker (choose,
// drop, or on a phone take a photo) for the report and order forms, the ticket page and the
// comment box. Uploads go to the API as multipart/form-data with the session's CSRF token, with
// progress for large files. An uploaded file is never shown in the page: each is a download,
// which the API serves as one; images are previewed only through the API's thumbnail, a PNG that
// FlowDesk drew anew from the image's pixels.

import { tr } from './i18n.js';
import { personLocale } from './format.js';

const ACCEPT = 'image/*,application/pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.txt,.csv,.log,.md,.eml,.msg';

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'class') node.className = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false || child === '') continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** A file's size in the person's number format: "10 bytes", "12 kB", "1.5 MB" (en), "1,5 MB" (de). */
export function size(bytes) {
  const number = digits => new Intl.NumberFormat(personLocale(), { maximumFractionDigits: digits, minimumFractionDigits: digits });
  if (bytes < 1024) return tr('{n} bytes', { n: number(0).format(bytes) });
  if (bytes < 1024 * 1024) return `${number(0).format(Math.round(bytes / 1024))} kB`;
  return `${number(1).format(bytes / 1024 / 1024)} MB`;
}

/**
 * Sends a multipart form with progress; answers the JSON the API sent back, or throws an Error
 * whose message is the API's words (which file was refused, and why), with its status and problem.
 */
function send(url, form, csrf, onProgress) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.setRequestHeader('Accept', 'application/json');
    request.setRequestHeader(csrf.header, csrf.token);
    request.upload.addEventListener('progress', event => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    request.addEventListener('load', () => {
      let json = null;
      try { json = request.responseText ? JSON.parse(request.responseText) : null; } catch (e) { /* not JSON */ }
      if (request.status === 401) { location.href = '/login'; return; }
      if (request.status >= 200 && request.status < 300) { resolve(json); return; }
      let words = (json && json.detail) || tr('FlowDesk answered {status}.', { status: request.status });
      if (json && Array.isArray(json.errors) && json.errors.length) words = json.errors.map(e => e.message).join('. ') + '.';
      // The refusal as sent too, for a form that says each refused field's message by its field (fielderrors.js).
      reject(Object.assign(new Error(words), { status: request.status, problem: json }));
    });
    request.addEventListener('error', () => reject(new Error(tr('FlowDesk cannot be reached. Check your connection and try again.'))));
    request.send(form);
  });
}

/**
 * A place to choose files: a file input for several files, a drop zone, and a "Take a photo"
 * input that opens a phone's camera. Answers the element and the files chosen so far.
 */
export function filePicker(id, label) {
  let chosen = [];
  const list = el('ul', { class: 'chosen-files', 'aria-live': 'polite' });
  const draw = () => list.replaceChildren(...chosen.map((file, i) => el('li', {},
    `${file.name} (${size(file.size)}) `,
    el('button', { type: 'button', class: 'link', 'aria-label': tr('Remove {name}', { name: file.name }), onclick: () => {
      chosen.splice(i, 1);
      draw();
    } }, tr('Remove')))));
  const add = files => { chosen = chosen.concat(Array.from(files)); draw(); };
  const input = el('input', { type: 'file', id, multiple: true, accept: ACCEPT,
    onchange: () => { add(input.files); input.value = ''; } });
  const camera = el('input', { type: 'file', id: `${id}-camera`, accept: 'image/*', capture: 'environment',
    class: 'visually-hidden', onchange: () => { add(camera.files); camera.value = ''; } });
  const zone = el('div', { class: 'drop-zone', 'data-testid': `${id}-drop` },
    el('label', { for: id }, label), input,
    el('p', { class: 'hint' }, tr('or drop files here')),
    el('label', { for: `${id}-camera`, class: 'camera' }, tr('Take a photo')), camera, list);
  /** Files dropped anywhere on `target` are chosen; the zone lights up while they hover. */
  const acceptDrops = target => {
    target.addEventListener('dragover', event => { event.preventDefault(); zone.classList.add('over'); });
    target.addEventListener('dragleave', () => zone.classList.remove('over'));
    target.addEventListener('drop', event => {
      // Dropped on the zone inside a form that takes drops too: chosen once.
      if (event.defaultPrevented) return;
      event.preventDefault();
      zone.classList.remove('over');
      if (event.dataTransfer && event.dataTransfer.files.length) add(event.dataTransfer.files);
    });
  };
  acceptDrops(zone);
  return { element: zone, files: () => chosen, clear: () => { chosen = []; draw(); }, acceptDrops };
}

function progressBar() {
  const bar = el('progress', { max: 100, value: 0, class: 'upload-progress', hidden: true, 'aria-label': tr('Upload progress') });
  return {
    element: bar,
    show: fraction => { bar.hidden = false; bar.value = Math.round(fraction * 100); },
    hide: () => { bar.hidden = true; bar.value = 0; }
  };
}

/**
 * The ticket's attachments with download links, and a picker to attach more (agents may mark
 * them internal). `say` shows a message; `refresh` draws the ticket page again.
 */
export function attachmentsCard(number, { agent, mayRemove, csrf, say, refresh, learnNames, userName }) {
  return filesCard(`/api/tickets/${encodeURIComponent(number)}/attachments`,
    { internalOption: agent, mayAdd: true, mayRemove, csrf, say, refresh, learnNames, userName });
}

/**
 * A knowledge article's files with download links; its author (`mayChange`) attaches more and
 * removes them. Readers get the files of the published version (the API decides which).
 */
export function articleFilesCard(id, { mayChange, csrf, say, refresh, learnNames, userName }) {
  return filesCard(`/api/articles/${encodeURIComponent(id)}/attachments`,
    { internalOption: false, mayAdd: mayChange, mayRemove: mayChange, hideWhenEmpty: !mayChange, csrf, say, refresh,
      learnNames, userName });
}

/**
 * Files at `base` (the API's list of attachments): listed, and when allowed attached and removed (`mayRemove`: true,
 * or a function of the file, as the API decides who may). Who uploaded each is named as everywhere in the portal
 * (`learnNames` looks the names up that `userName` then answers).
 */
function filesCard(base, { internalOption, mayAdd, mayRemove, hideWhenEmpty, csrf, say, refresh, learnNames, userName }) {
  const removable = a => (typeof mayRemove === 'function' ? mayRemove(a) : Boolean(mayRemove));
  const list = el('ul', { class: 'plain attachments' }, el('li', {}, tr('Loading…')));
  const card = el('section', { class: 'card files' }, el('h2', {}, tr('Files')), list);
  const remove = a => async () => {
    try {
      const response = await fetch(a.downloadUrl, { method: 'DELETE', credentials: 'same-origin',
        headers: { Accept: 'application/json', [csrf.header]: csrf.token } });
      if (!response.ok) {
        const problem = await response.json().catch(() => null);
        throw new Error((problem && problem.detail) || tr('FlowDesk answered {status}.', { status: response.status }));
      }
      say(tr('{name} removed.', { name: a.name }), 'ok');
      refresh();
    } catch (e) { say(e.message); }
  };
  fetch(base, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(response => response.ok ? response.json() : [])
    // Without the names (a lookup that failed), the files are listed with the user ids.
    .then(items => learnNames({ users: items.map(a => a.uploadedBy) }).then(() => items, () => items))
    .then(items => {
      card.hidden = hideWhenEmpty && !items.length;
      list.replaceChildren(...(items.length ? items.map(a => el('li', {},
        a.thumbnailUrl ? el('img', { class: 'thumbnail', src: a.thumbnailUrl, alt: tr('Preview of {name}', { name: a.name }),
          loading: 'lazy' }) : '',
        el('a', { href: a.downloadUrl, download: a.name }, a.name), ' ',
        el('span', { class: 'meta' }, a.uploadedBy ? `${size(a.size)} · ${userName(a.uploadedBy)}` : size(a.size)),
        a.internal ? el('span', { class: 'tag' }, tr('internal')) : '',
        removable(a) ? [' ', el('button', { type: 'button', class: 'link', 'aria-label': tr('Remove {name}', { name: a.name }),
          onclick: remove(a) }, tr('Remove'))] : '')) : [el('li', {}, tr('No files yet.'))]));
    });
  if (!mayAdd) return card;
  const picker = filePicker('attach-files', tr('Add files'));
  const internal = internalOption ? el('input', { type: 'checkbox', id: 'attach-internal' }) : null;
  const progress = progressBar();
  const button = el('button', { type: 'button' }, tr('Attach'));
  button.addEventListener('click', async () => {
    const files = picker.files();
    if (!files.length) { say(tr('Choose or drop the files to attach first.')); return; }
    const form = new FormData();
    files.forEach(file => form.append('files', file, file.name));
    if (internal && internal.checked) form.append('internal', 'true');
    button.disabled = true;
    try {
      await send(base, form, csrf, progress.show);
      picker.clear();
      say(files.length === 1 ? tr('File attached.') : tr('{n} files attached.', { n: files.length }), 'ok');
      refresh();
    } catch (e) {
      say(e.message);
    } finally {
      button.disabled = false;
      progress.hide();
    }
  });
  card.append(picker.element,
    internal ? el('label', { class: 'inline' }, internal, ' ', tr('Internal (only agents see them)')) : '',
    el('div', { class: 'actions' }, button), progress.element);
  return card;
}

/**
 * Files for a start form (report, order): a picker shown under the form, which also takes files
 * dropped anywhere on the form. `post` sends the form's JSON as the part `part` together with the
 * chosen files in one request (the ticket and its files are made together or not at all), with
 * progress; it answers null when no file was chosen, and the form is sent as plain JSON then.
 */
export function formFiles(id, label, csrf) {
  const picker = filePicker(id, label);
  const progress = progressBar();
  return {
    element: el('div', { class: 'form-files' }, picker.element, progress.element),
    acceptDrops: picker.acceptDrops,
    async post(url, part, value, picked = {}) {
      const files = picker.files();
      if (!files.length && !Object.keys(picked).length) return null;
      const form = withFiles(part, value, picked);
      files.forEach(file => form.append('files', file, file.name));
      try {
        return await send(url, form, csrf, progress.show);
      } finally {
        progress.hide();
      }
    }
  };
}

/**
 * A form's JSON as the part `part` and the files of its file pickers as parts named by the fields' keys
 * (`picked`: field key → files), as FlowDesk's API takes a form with files.
 */
function withFiles(part, value, picked) {
  const form = new FormData();
  form.append(part, new Blob([JSON.stringify(value)], { type: 'application/json' }));
  for (const [key, files] of Object.entries(picked)) files.forEach(file => form.append(key, file, file.name));
  return form;
}

/**
 * Sends a form whose file pickers were given files: the form's JSON as the part `part` and the files in one
 * request (a task done, a change raised, and their files on the ticket together or not at all).
 */
export function sendForm(url, part, value, picked, csrf) {
  return send(url, withFiles(part, value, picked), csrf, () => {});
}

/**
 * Lets the comment box carry files: a picker above its button; a comment with files is sent as
 * one multipart request (the comment and its files are kept together or not at all), one without
 * goes on as before.
 */
export function attachToCommentForm(form, number, { text, internal, minutes, csrf, say, refresh }) {
  const picker = filePicker('comment-files', tr('Attach files'));
  const progress = progressBar();
  form.querySelector('.actions').before(picker.element);
  form.querySelector('.actions').after(progress.element);
  // Capturing at the form runs before the portal's own submit handler, which sends plain comments.
  form.addEventListener('submit', async event => {
    const files = picker.files();
    if (!files.length) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    if (!text.value.trim()) { say(tr('Write a comment first.')); return; }
    const body = new FormData();
    const worked = minutes && minutes.value.trim() ? { timeSpentMinutes: Number(minutes.value) } : {};
    body.append('comment', new Blob([JSON.stringify({ text: text.value, internal: internal ? internal.checked : false, ...worked })],
      { type: 'application/json' }));
    files.forEach(file => body.append('files', file, file.name));
    try {
      await send(`/api/tickets/${encodeURIComponent(number)}/comments`, body, csrf, progress.show);
      say(tr('Comment added.'), 'ok');
      refresh();
    } catch (e) {
      say(e.message);
    } finally {
      progress.hide();
    }
  }, { capture: true });
}
