// French for staff: instants in Paris time, countdowns, typographic spacing.
//
// In: instants (Date or epoch milliseconds), durations in milliseconds, text written with plain
// spaces. Out: strings as staff read them in Netlify's function log, with the same typography
// as the build's messages (plugins/label_data/typo.py): « 2 février 2027 à 11 h 00 (heure de
// Paris) », « dans 57 jours et 3 heures », a no-break space (U+00A0) between a number and its
// unit, before « : ; ! ? » and inside guillemets.
//
// Why Intl and not the offset written in the schedule: an instant written `Z` or `+02:00` in
// February is not 11 h in Paris, and staff must read the hour they will see on their watch.

export const NBSP = "\u00a0";

const PARIS = new Intl.DateTimeFormat("fr-FR", {
  timeZone: "Europe/Paris",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "numeric",
  minute: "2-digit",
  hourCycle: "h23",
});

/** The named parts of an instant in Paris time ({day, month, year, hour, minute}). */
function parisParts(when) {
  const parts = {};
  for (const { type, value } of PARIS.formatToParts(new Date(when))) parts[type] = value;
  return parts;
}

/** « 2 février 2027 à 11 h 00 »; French writes the first of the month « 1er ». */
export function parisDateTime(when) {
  const p = parisParts(when);
  const day = p.day === "1" ? "1er" : p.day;
  return `${day}${NBSP}${p.month}${NBSP}${p.year} à ${Number(p.hour)}${NBSP}h${NBSP}${p.minute}`;
}

/** « 2 février 2027 à 11 h 00 (heure de Paris) »: every instant staff read. */
export function parisInstant(when) {
  return `${parisDateTime(when)} (heure de Paris)`;
}

/** « 0 seconde », « 1 heure », « 3 jours »: French 0 and 1 are singular. */
export function unit(count, word) {
  return `${count}${NBSP}${word}${count >= 2 ? "s" : ""}`;
}

/** Two units, the smaller left out when it is zero: « 2 heures et 5 minutes », « 3 jours ». */
function pair(big, bigWord, small, smallWord) {
  return small ? `${unit(big, bigWord)} et ${unit(small, smallWord)}` : unit(big, bigWord);
}

/**
 * A duration in the two largest units that matter: « 57 jours et 3 heures », « 2 heures et 5
 * minutes », « 4 minutes et 10 secondes », « 45 secondes ». Never « 1370 h ». `round` is
 * Math.ceil for a countdown (0.3 s left reads « 1 seconde », not « 0 seconde »), Math.floor for
 * time elapsed.
 */
export function duration(ms, round = Math.floor) {
  const total = Number.isFinite(ms) ? Math.max(0, round(ms / 1000)) : 0;
  const days = Math.floor(total / 86400);
  const hours = Math.floor((total % 86400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (days) return pair(days, "jour", hours, "heure");
  if (hours) return pair(hours, "heure", minutes, "minute");
  if (minutes) return pair(minutes, "minute", seconds, "seconde");
  return unit(seconds, "seconde");
}

/** « dans 57 jours et 3 heures ». */
export function countdown(ms) {
  return `dans ${duration(ms, Math.ceil)}`;
}

/** « il y a 3 minutes et 10 secondes ». */
export function ago(ms) {
  return `il y a ${duration(ms)}`;
}

/** « « text » » with no-break spaces inside the guillemets. */
export function quoted(text) {
  return `«${NBSP}${text}${NBSP}»`;
}

const SPACING = [
  [" :", `${NBSP}:`],
  [" ;", `${NBSP};`],
  [" !", `${NBSP}!`],
  [" ?", `${NBSP}?`],
  ["« ", `«${NBSP}`],
  [" »", `${NBSP}»`],
  ["'", "’"],
];

/**
 * French spacing for a line written with plain spaces (the source stays readable): no-break
 * spaces before high punctuation and inside guillemets, the typographic apostrophe. Only used
 * on our own sentences: a URL or an English error message has no space before its colons.
 */
export function spaced(text) {
  let out = text;
  for (const [plain, typographic] of SPACING) out = out.split(plain).join(typographic);
  return out;
}
