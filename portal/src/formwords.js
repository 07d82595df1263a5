// form-js writes its own words in English and offers no way to translate them: its checks' messages ("Field is
// required.") and a few texts of its fields ("Select", "Search", "Browse", "No files selected"). Here they are
// said in the person's language: the checks' messages in the words the API refuses the same input with ("Title is
// required", the refusals of i18n/<language>.json), so a message reads the same whether the portal or the API found
// it; the fields' texts (the portal's words) as form-js draws them.
import { refusal, tr } from './i18n.js';

/** A limit the form declares as a number (not as an expression), as the API writes it; null otherwise. */
const declared = limit => (typeof limit === 'number' || (typeof limit === 'string' && limit !== '' && !limit.startsWith('='))
  ? String(limit) : null);

/** "Impact must be between 1 and 3", as the API says it (-∞ or ∞ for the end the form leaves open). */
function between(field, label, { min = declared((field.validate || {}).min), max = declared((field.validate || {}).max) }) {
  return refusal('{label} must be between {min} and {max}', { label, min: min === null ? '-∞' : min, max: max === null ? '∞' : max });
}

// form-js's messages (form-js-viewer's Validator), with the values it puts in them, as the API words them.
const MESSAGES = [
  [/^Field is required\.$/, (found, field, label) => (field.type === 'filepicker'
    ? refusal('{label} is required: attach a file', { label }) : refusal('{label} is required', { label }))],
  [/^Field must have minimum value of (.+)\.$/, ([, min], field, label) => between(field, label, { min })],
  [/^Field must have maximum value of (.+)\.$/, ([, max], field, label) => between(field, label, { max })],
  [/^Field must have minimum length of (.+)\.$/, ([, n], field, label) => refusal('{label} must be at least {n} characters', { label, n })],
  [/^Field must have maximum length of (.+)\.$/, ([, n], field, label) => refusal('{label} must be at most {n} characters', { label, n })],
  [/^Field must match pattern (.+)\.$/, (found, field, label) => refusal('{label} does not have the expected format', { label })],
  [/^Value is not a number\.$/, (found, field, label) => refusal('{label} must be a number', { label })],
  [/^Value is expected to be an integer\.$/, (found, field, label) => refusal('{label} must be a whole number', { label })],
  [/^Value is expected to have at most (\d+) decimal digits?\.$/,
    ([, n], field, label) => refusal('{label} may have at most {n} decimal places', { label, n })],
  [/^Field must be a valid email\.$/, () => tr('Field must be a valid email address.')],
  [/^Field must be a valid {2}international phone number\. \(e\.g\. (.+)\)$/,
    ([, example]) => tr('Field must be an international phone number (like {example}).', { example })]
];

/** A field's label as the API names it in its refusals: the form's label, a date's label, else the key. */
export function labelOf(field) {
  const label = field.label || field.dateLabel || field.timeLabel || '';
  return label && !String(label).startsWith('=') ? String(label) : field.key;
}

/** One of form-js's messages for the field in the person's language; any other (a form's own pattern message) as it is. */
export function formMessage(message, field = {}) {
  for (const [pattern, say] of MESSAGES) {
    const found = typeof message === 'string' && message.match(pattern);
    if (found) return say(found, field, labelOf(field));
  }
  return message;
}

// Texts form-js draws in its fields.
const TEXTS = ['Select', 'Browse', 'No files selected'];
const FILES_SELECTED = /^(\d+) files selected$/;

/** Sets a text only when it changes: every write is a mutation the observer below would see again. */
function say(node, text) {
  if (node.nodeValue !== text) node.nodeValue = text;
}

function translateNode(node) {
  if (node.nodeType === Node.TEXT_NODE) {
    const text = node.nodeValue.trim();
    if (TEXTS.includes(text)) say(node, tr(text));
    else if (FILES_SELECTED.test(text)) say(node, tr('{n} files selected', { n: text.match(FILES_SELECTED)[1] }));
    return;
  }
  if (node.nodeType !== Node.ELEMENT_NODE) return;
  if (node.getAttribute('placeholder') === 'Search' && tr('Search') !== 'Search') node.setAttribute('placeholder', tr('Search'));
  node.childNodes.forEach(translateNode);
}

/**
 * Makes a rendered form-js form speak the person's language: its checks' messages, and the texts its fields draw,
 * now and whenever it draws them anew.
 */
export function formWords(form, container) {
  const validator = form.get('validator');
  const registry = form.get('formFieldRegistry');
  const own = validator.validateFieldInstance.bind(validator);
  validator.validateFieldInstance = (instance, value) => {
    const field = registry.get(instance.id) || {};
    const messages = own(instance, value).map(message => formMessage(message, field));
    // Spaces are no answer to the API ("Title is required"): nor to the form's own check.
    const required = (field.validate || {}).required === true;
    if (required && typeof value === 'string' && value !== '' && !value.trim()) {
      messages.unshift(formMessage('Field is required.', field));
    }
    return messages;
  };
  translateNode(container);
  new MutationObserver(changes => changes.forEach(change => {
    if (change.type === 'characterData') translateNode(change.target);
    else change.addedNodes.forEach(translateNode);
  })).observe(container, { childList: true, subtree: true, characterData: true });
}
