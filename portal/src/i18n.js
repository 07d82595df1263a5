// The portal's words in the person's language. The texts are written in English in the code; their
// translations are the models' (i18n/<language>.json, served by GET /api/me/language), so a language is
// added as a file. tr('Hello {name}', { name }) answers the translation, or the English when there is none.

let words = { portal: {}, statuses: {}, milestones: {}, steps: {} };
let language = 'en';

/** Takes the words of the person's language (GET /api/me/language). */
export function useLanguage(view) {
  language = view.language || 'en';
  const given = view.words || {};
  words = { portal: given.portal || {}, statuses: given.statuses || {}, milestones: given.milestones || {},
    steps: given.steps || {} };
  document.documentElement.lang = language;
}

export function currentLanguage() {
  return language;
}

/** The text in the person's language, with {placeholders} filled in. */
export function tr(text, values) {
  const translated = words.portal[text] || text;
  return values ? translated.replace(/\{(\w+)\}/g, (all, key) => (key in values ? String(values[key]) : all)) : translated;
}

/** A status's label in the person's language; the model's label otherwise. */
export function statusWord(code, label) {
  return words.statuses[code] || label || code;
}

/** A milestone's label: by process and code (fulfil-onboarding.preparing), or by code, or the model's label. */
export function milestoneWord(process, code, label) {
  return words.milestones[`${process}.${code}`] || words.milestones[code] || label;
}

/** A step's name as the models write it ("Work incident", "Manager approves"), in the person's language. */
export function stepWord(step) {
  return (step && words.steps[step]) || step;
}
