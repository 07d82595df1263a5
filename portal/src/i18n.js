// The portal's words in the person's language. The texts are written in English in the code; their
// translations are the models' (i18n/<language>.json, served by GET /api/me/language), so a language is
// added as a file. tr('Hello {name}', { name }) answers the translation, or the English when there is none.

let words = { portal: {}, statuses: {}, milestones: {}, steps: {}, refusals: {}, groups: {} };
let language = 'en';

/** Takes the words of the person's language (GET /api/me/language). */
export function useLanguage(view) {
  language = view.language || 'en';
  const given = view.words || {};
  words = { portal: given.portal || {}, statuses: given.statuses || {}, milestones: given.milestones || {},
    steps: given.steps || {}, refusals: given.refusals || {}, groups: given.groups || {} };
  document.documentElement.lang = language;
}

export function currentLanguage() {
  return language;
}

const filled = (text, values) => (values ? text.replace(/\{(\w+)\}/g, (all, key) => (key in values ? String(values[key]) : all)) : text);

/** The text in the person's language, with {placeholders} filled in. */
export function tr(text, values) {
  return filled(words.portal[text] || text, values);
}

/**
 * One of the API's refusals ("{label} is required") in the person's language, with {placeholders} filled in: the
 * portal's own checks say what the API would ("Titel ist erforderlich"), from the same words.
 */
export function refusal(text, values) {
  return filled(words.refusals[text] || text, values);
}

/** A status's label in the person's language; the model's label otherwise. */
export function statusWord(code, label) {
  return words.statuses[code] || label || code;
}

/** A milestone's label: by process and code (fulfil-onboarding.preparing), or by code, or the model's label. */
export function milestoneWord(process, code, label) {
  return words.milestones[`${process}.${code}`] || words.milestones[code] || label;
}

/** A group's name in the person's language (by the group's id); the directory's name otherwise. */
export function groupWord(id, name) {
  return (id && words.groups[id]) || name || id;
}

/** A step's name as the models write it ("Work incident", "Manager approves"), in the person's language. */
export function stepWord(step) {
  return (step && words.steps[step]) || step;
}
