// What a person typed survives the end of their session: when the API answers 401, the fields of
// the page on screen are kept in the tab's sessionStorage and the browser goes to the login page.
// After the login (which lands on the portal's start), the portal opens the page the person was on
// and its fields take the kept values once; the person checks them and sends again.

const KEY = 'flowdesk.draft';
let places = {};
let restored = null;

/** A field of the page on screen whose value is kept if the session ends; read() gives its value. */
export function keep(name, read) {
  places[name] = read;
}

/** A new page is being drawn: the fields of the one before no longer count. */
export function keptPlaces() {
  places = {};
}

/** Keeps the page's fields and goes to the login page. */
export function keepDraftAndLogIn() {
  const fields = {};
  for (const [name, read] of Object.entries(places)) {
    const value = read();
    if (value !== undefined && value !== null && value !== '') fields[name] = value;
  }
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ hash: location.hash, fields }));
  } catch (e) {
    // Storage full or switched off: the login still comes, only without the text.
  }
  location.assign('/login');
}

/** At start: a kept draft takes the person back to its page. */
export function startDrafts() {
  try {
    restored = JSON.parse(sessionStorage.getItem(KEY) || 'null');
  } catch (e) {
    restored = null;
  }
  sessionStorage.removeItem(KEY);
  if (restored && restored.hash && location.hash !== restored.hash) {
    history.replaceState(null, '', restored.hash);
  }
}

/** The kept value of a field of the page being drawn, if the person was on this page when the session ended. */
export function draft(name) {
  return restored && restored.hash === location.hash ? restored.fields[name] : undefined;
}

/** After the first page is drawn, a draft is used up; true once when one was given back. */
export function forgetDraft() {
  const given = restored !== null && Object.keys(restored.fields || {}).length > 0;
  restored = null;
  return given;
}
