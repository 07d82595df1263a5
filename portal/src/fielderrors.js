// What a form refuses, said beside the field it is about, as GOV.UK's error message and error summary patterns do:
// the form's own checks (what the Camunda Form declares, run by form-js before anything is sent) and the API's refusal
// (a 400 problem with errors: [{field, message}], already in the person's language). form-js draws a message under
// its field, marks the field aria-invalid and links the message with aria-describedby; a field of the page's own
// markup ("For whom?") gets the same here. A summary above the form lists every message, each linking to its field,
// and takes the focus. A message for a field the page does not show (hidden by the form's other answers, or no field
// of the form) is in the summary only, with the field's label. The API's message for a field stays while the field
// holds what was sent, and goes when the form is sent again; the API stays the judge of what it takes.
import { labelOf } from './formwords.js';
import { refusal, tr } from './i18n.js';

const empty = value => value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length);
const same = (a, b) => (empty(a) && empty(b)) || JSON.stringify(a) === JSON.stringify(b);
const at = (data, key) => key.split('.').reduce((value, part) => (value === null || value === undefined ? undefined : value[part]), data);
// form-js keeps a repeated field's messages by instance ({ id: { 0: [...] } }), a plain field's as a list.
const messagesOf = found => (Array.isArray(found) ? found : found && typeof found === 'object'
  ? Object.values(found).flatMap(messagesOf) : []);

/**
 * A message as the summary says it: as it is when it names its field already ("Title is required", "Planned end must
 * be after …" for "Planned end (date)"), else after the field's label ("For whom?: there is no person 'x'").
 */
export function withLabel(label, message) {
  const name = (label || '').replace(/\s*\([^)]*\)\s*$/, '').replace(/[?:*\s]+$/, '').trim().toLowerCase();
  return !name || message.toLowerCase().startsWith(name) ? message : tr('{label}: {message}', { label, message });
}

let summaries = 0;

/** A field of the page's own markup by its label ("For whom?"), else its aria-label or name. */
function labelOfElement(element) {
  const label = element.id && document.querySelector(`label[for="${CSS.escape(element.id)}"]`);
  return (label && label.textContent.trim()) || element.getAttribute('aria-label') || element.name;
}

/**
 * The refusals of one form-js form drawn into `container`, or (`form` null) of a form of the page's own markup that
 * `container` is. Answers the summary (to put above the form) and `clear()` (before sending again), `remember(data)`
 * (what is being sent), `show(errors)` (form-js's checks found these), `checkMarkup()` (a form of the page's own
 * markup checks what it declares) and `refuse(problem)` (the API refused: true when it named fields, then shown).
 */
export function fieldErrors(form, container, { h }) {
  const none = { getAll: () => [], getAllKeyed: () => [] };
  const registry = form ? form.get('formFieldRegistry') : none;
  const instances = form ? form.get('formFieldInstanceRegistry') : none;
  // The API's message for a field of the form, with the value it refused: said by form-js as its own check's.
  const refused = new Map();
  // Fields of the page's own markup that the API refused, and messages for fields the page does not show.
  let own = [];
  let unplaced = [];
  let sent = {};
  let errors = {};
  let active = false;
  let drawn = null;

  if (form) {
    const validator = form.get('validator');
    const check = validator.validateFieldInstance.bind(validator);
    validator.validateFieldInstance = (instance, value) => {
      const found = check(instance, value);
      const said = refused.get(instance.id);
      return said && same(value, said.value) && !found.includes(said.message) ? [...found, said.message] : found;
    };
  }

  const id = `error-summary-${++summaries}`;
  const list = h('ul', {});
  // Empty while there is nothing to say: the form's card has no heading of it then.
  const summary = h('div', { class: 'error-summary', id, tabindex: '-1', hidden: true, 'aria-labelledby': `${id}-title` });
  const content = () => h('div', { role: 'alert' }, h('h2', { id: `${id}-title` }, tr('There is a problem')), list);

  const domId = field => `fjs-form-${form._id}-${field.id}`;
  /** The control a field's summary link goes to: its input, or the first of its inputs (a radio group, a date and a time). */
  const controlOf = field => {
    const control = document.getElementById(domId(field));
    if (control && control.matches('input, textarea, select, button, [tabindex]')) return control;
    const message = document.getElementById(`${domId(field)}-error-message`);
    const box = message && message.closest('.fjs-form-field');
    return box && box.querySelector('input:not([type=hidden]), textarea, select, button, [tabindex]:not([tabindex="-1"])');
  };

  function entries() {
    const fields = registry.getAll().flatMap(field => messagesOf(errors[field.id]).map(message => ({
      text: withLabel(labelOf(field), message), href: domId(field), control: () => controlOf(field) })));
    const marked = own.map(o => ({ text: withLabel(o.label, o.message), href: o.element.id, control: () => o.element,
      element: o.element, before: Boolean(o.element.compareDocumentPosition(container) & Node.DOCUMENT_POSITION_FOLLOWING) }))
      .sort((a, b) => (a.element.compareDocumentPosition(b.element) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    return [...marked.filter(o => o.before), ...fields, ...marked.filter(o => !o.before), ...unplaced.map(text => ({ text }))];
  }

  function draw() {
    if (!active) return;
    const found = entries();
    const said = found.map(entry => entry.text).join('\n');
    if (said === drawn) return;
    drawn = said;
    list.replaceChildren(...found.map(entry => h('li', {}, entry.control ? h('a', { href: `#${entry.href}`, onclick: event => {
      // The portal's addresses are its pages (#/…): the link moves the focus, not the page.
      event.preventDefault();
      const control = entry.control();
      if (control) {
        control.focus({ preventScroll: true });
        control.scrollIntoView({ block: 'center' });
      }
    } }, entry.text) : entry.text)));
    summary.hidden = !found.length;
    if (found.length && !summary.firstChild) summary.append(content());
    if (!found.length) summary.replaceChildren();
    if (!found.length) active = false;
  }

  if (form) {
    form.on('changed', state => {
      errors = state.errors || {};
      draw();
    });
  }

  /** A field of the page's own markup that was refused: the message above it, the field marked and linked to it. */
  function mark(element, message) {
    const marked = own.find(o => o.element === element);
    if (marked) {
      // A second message for the same field: said with the first, under it (one message element per field).
      marked.message = `${marked.message}; ${message}`;
      marked.note.textContent = marked.message;
      return;
    }
    if (!element.id) element.id = `${id}-${element.name}`;
    const note = h('p', { class: 'field-error', id: `${element.id}-error` }, message);
    const described = element.getAttribute('aria-describedby');
    element.before(note);
    element.setAttribute('aria-invalid', 'true');
    element.setAttribute('aria-describedby', [described, note.id].filter(Boolean).join(' '));
    const entry = { element, message, note, described, label: labelOfElement(element) };
    // Changed, it is no longer what was refused: the message goes, as form-js's go from its fields.
    entry.corrected = () => { unmark(entry); own = own.filter(o => o !== entry); draw(); };
    element.addEventListener('input', entry.corrected, { once: true });
    element.addEventListener('change', entry.corrected, { once: true });
    own.push(entry);
  }

  function unmark(entry) {
    entry.note.remove();
    entry.element.removeAttribute('aria-invalid');
    if (entry.described) entry.element.setAttribute('aria-describedby', entry.described);
    else entry.element.removeAttribute('aria-describedby');
    entry.element.removeEventListener('input', entry.corrected);
    entry.element.removeEventListener('change', entry.corrected);
  }

  /** A field of the page's own markup named `name` (around a form-js form, not in it), shown. */
  function ownField(name) {
    const page = form ? container.closest('main') || document.body : container;
    return [...page.querySelectorAll(`[name="${CSS.escape(name)}"]`)].find(element => !(form && container.contains(element))
      && element.type !== 'hidden' && !element.disabled && element.getClientRects().length) || null;
  }

  function clear() {
    refused.clear();
    own.forEach(unmark);
    own = [];
    unplaced = [];
    active = false;
    drawn = null;
    summary.hidden = true;
    summary.replaceChildren();
    list.replaceChildren();
  }

  function show(found = errors) {
    errors = found || {};
    active = true;
    drawn = null;
    draw();
    if (!summary.hidden) summary.focus();
  }

  return {
    summary,
    clear,
    remember(data) {
      sent = data || {};
    },
    show,
    /** What a form of the page's own markup declares (a required field), checked before sending: true when it holds. */
    checkMarkup() {
      clear();
      for (const element of container.querySelectorAll('[required]')) {
        if (!element.disabled && !String(element.value || '').trim()) {
          mark(element, refusal('{label} is required', { label: labelOfElement(element) }));
        }
      }
      if (own.length) show();
      return !own.length;
    },
    refuse(problem) {
      if (!problem || !Array.isArray(problem.errors) || !problem.errors.length) return false;
      const byKey = new Map(registry.getAll().filter(field => field.key).map(field => [field.key, field]));
      const shown = new Set(instances.getAllKeyed().map(instance => instance.id));
      for (const { field: name, message } of problem.errors) {
        const key = name || '';
        // An order's answers are named "answers.size"; a form's fields by their key.
        const field = byKey.get(key) || byKey.get(key.slice(key.indexOf('.') + 1));
        if (field && shown.has(field.id) && !field.disabled) {
          refused.set(field.id, { message, value: at(sent, field.key) });
          continue;
        }
        const element = !field && key ? ownField(key) : null;
        if (element) mark(element, message);
        else unplaced.push(withLabel(field ? labelOf(field) : key, message));
      }
      // form-js says the API's messages by their fields as it says its own checks' (the validator above adds them).
      show(form ? form.validate() : {});
      return true;
    }
  };
}
