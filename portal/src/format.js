// Dates, times and numbers as the person reads them: in their locale (the browser's, or the language
// chosen in their profile) and time zone (the browser's), formatted by Intl, never by hand-written patterns.

/** The person's time zone, e.g. Europe/Berlin. */
export const personZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

// undefined: the browser's locale.
let locale;
let dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });

/** Formats follow a language the person chose in their profile; without one, the browser's locale. */
export function useLocale(chosen) {
  locale = chosen || undefined;
  dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The locale to format in (undefined: the browser's). */
export function personLocale() {
  return locale;
}

/** An instant in the person's zone: "2 Dec 2026, 16:05" (en-GB), "02.12.2026, 16:05" (de-DE), … */
export function dateAndTime(instant) {
  return dateTimeFormat.format(new Date(instant));
}

/** An instant in another zone, which is named: "2 Dec 2026, 17:05 CET" (Intl allows no zone name with dateStyle). */
export function inZone(instant, zone) {
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric',
    minute: '2-digit', timeZone: zone, timeZoneName: 'short' }).format(new Date(instant));
}

/**
 * How long ago an instant was, as people say it at a glance in their language: "now", "12 minutes ago",
 * "vor 5 Stunden", "3 days ago" (a ticket's or a problem's age; the exact time belongs in its title).
 */
export function age(instant) {
  const minutes = Math.max(0, Math.round((Date.now() - new Date(instant).getTime()) / 60000));
  const words = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (minutes < 1) return words.format(0, 'second');
  if (minutes < 60) return words.format(-minutes, 'minute');
  if (minutes < 48 * 60) return words.format(-Math.round(minutes / 60), 'hour');
  return words.format(-Math.round(minutes / 1440), 'day');
}

/** A day of the calendar, written 2027-03-08, as the person's locale writes it: "Mar 8, 2027", "08.03.2027". */
export function day(isoDate) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return isoDate;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' })
    .format(new Date(`${isoDate}T00:00:00Z`));
}

/** A day of every year, written 12-24 (month-day), as the person's locale writes it: "December 24", "24. Dezember". */
export function dayOfEveryYear(monthDay) {
  if (!/^\d{2}-\d{2}$/.test(monthDay)) return day(monthDay);
  // A leap year, so that 02-29 is a day too.
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', timeZone: 'UTC' })
    .format(new Date(`2000-${monthDay}T00:00:00Z`));
}
