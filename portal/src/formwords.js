// form-js writes its own words in English and offers no way to translate them: its checks' messages ("Field is
// required.") and a few texts of its fields ("Select", "Search", "Browse", "No files selected"). Here they are
// said in the person's language (i18n/<language>.json, as every word of the portal): the checks' messages as
// form-js makes them, the fields' texts as it draws them.
import { tr } from './i18n.js';

// form-js's messages (form-js-viewer's Validator), with the values it puts in them.
const MESSAGES = [
  [/^Field is required\.$/, () => tr('Field is required.')],
  [/^Field must have minimum value of (.+)\.$/, ([, n]) => tr('Field must have minimum value of {n}.', { n })],
  [/^Field must have maximum value of (.+)\.$/, ([, n]) => tr('Field must have maximum value of {n}.', { n })],
  [/^Field must have minimum length of (.+)\.$/, ([, n]) => tr('Field must have minimum length of {n}.', { n })],
  [/^Field must have maximum length of (.+)\.$/, ([, n]) => tr('Field must have maximum length of {n}.', { n })],
  [/^Field must match pattern (.+)\.$/, () => tr('Field does not have the expected format.')],
  [/^Field must be a valid email\.$/, () => tr('Field must be a valid email address.')],
  [/^Field must be a valid {2}international phone number\. \(e\.g\. (.+)\)$/,
    ([, example]) => tr('Field must be an international phone number (like {example}).', { example })]
];

/** One of form-js's messages in the person's language; any other (a form's own pattern message) as it is. */
export function formMessage(message) {
  for (const [pattern, say] of MESSAGES) {
    const found = typeof message === 'string' && message.match(pattern);
    if (found) return say(found);
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
  for (const method of ['validateField', 'validateFieldInstance']) {
    if (typeof validator[method] !== 'function') continue;
    const own = validator[method].bind(validator);
    validator[method] = (...args) => own(...args).map(formMessage);
  }
  translateNode(container);
  new MutationObserver(changes => changes.forEach(change => {
    if (change.type === 'characterData') translateNode(change.target);
    else change.addedNodes.forEach(translateNode);
  })).observe(container, { childList: true, subtree: true, characterData: true });
}
