// What staff read: instants in Paris time, countdowns in days and hours, French spacing.

import assert from "node:assert/strict";
import { test } from "node:test";

import { countdown, duration, parisInstant, spaced } from "../functions/embargo-publish/french.mjs";

const S = "\u00a0"; // the no-break space staff see as a plain one

test("an instant reads in Paris time whatever offset it was written with", () => {
  const eleven = `2${S}février${S}2027 à 11${S}h${S}00 (heure de Paris)`;
  assert.equal(parisInstant(Date.parse("2027-02-02T11:00:00+01:00")), eleven);
  assert.equal(parisInstant(Date.parse("2027-02-02T10:00:00Z")), eleven);
  // Written Z, or +02:00 in winter: not the 11 h typed.
  assert.match(parisInstant(Date.parse("2027-02-02T11:00:00Z")), /à 12\u00a0h\u00a000/);
  assert.match(parisInstant(Date.parse("2027-02-02T11:00:00+02:00")), /à 10\u00a0h\u00a000/);
  // The day clocks change: +01:00 written, 12 h in Paris.
  assert.match(parisInstant(Date.parse("2027-03-28T11:00:00+01:00")), /à 12\u00a0h\u00a000/);
  assert.match(parisInstant(Date.parse("2027-06-15T11:00:00+02:00")), /à 11\u00a0h\u00a000/);
  assert.equal(
    parisInstant(Date.parse("2027-03-01T09:05:00+01:00")),
    `1er${S}mars${S}2027 à 9${S}h${S}05 (heure de Paris)`,
  );
});

test("countdowns in days and hours, never « 1370 h », never NaN", () => {
  const h = 3600_000;
  assert.equal(countdown(57 * 24 * h + 3 * h + 50_000), `dans 57${S}jours et 3${S}heures`);
  assert.equal(countdown(1370 * h + 50 * 60_000), `dans 57${S}jours et 2${S}heures`);
  assert.equal(countdown(2 * h + 5 * 60_000), `dans 2${S}heures et 5${S}minutes`);
  assert.equal(countdown(24 * h), `dans 1${S}jour`);
  assert.equal(countdown(h + 60_000), `dans 1${S}heure et 1${S}minute`);
  assert.equal(countdown(45_000), `dans 45${S}secondes`);
  assert.equal(countdown(300), `dans 1${S}seconde`); // 0.3 s left: not « 0 seconde »
  assert.equal(countdown(4 * 60_000 + 10_000), `dans 4${S}minutes et 10${S}secondes`);
  assert.equal(duration(0), `0${S}seconde`); // French 0 is singular
  assert.equal(duration(Number.NaN), `0${S}seconde`);
});

test("French spacing: no-break spaces before high punctuation and inside guillemets", () => {
  assert.equal(
    spaced("ERREUR : « palmarès » ; déjà ? l'instant !"),
    `ERREUR${S}: «${S}palmarès${S}»${S}; déjà${S}? l’instant${S}!`,
  );
  assert.equal(spaced("https://example.org/a:b"), "https://example.org/a:b");
});
