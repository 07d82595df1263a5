// Dates, times and numbers as the person reads them: in their locale and time zone (the browser's),
// formatted by Intl, never by hand-written patterns.

/** The person's time zone, e.g. Europe/Berlin. */
export const personZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** An instant in the person's zone: "2 Dec 2026, 16:05" (en-GB), "02.12.2026, 16:05" (de-DE), … */
export function dateAndTime(instant) {
  return dateTimeFormat.format(new Date(instant));
}

/** An instant in another zone, which is named: "2 Dec 2026, 17:05 CET" (Intl allows no zone name with dateStyle). */
export function inZone(instant, zone) {
  return new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric',
    minute: '2-digit', timeZone: zone, timeZoneName: 'short' }).format(new Date(instant));
}
