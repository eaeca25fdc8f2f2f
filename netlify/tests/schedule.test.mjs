// The schedule the build writes beside the function: both formats, and every way it can be
// missing or malformed (ERREUR lines, never a throw, never NaN; valid entries still work).

import assert from "node:assert/strict";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";

import { loadSchedule } from "../functions/embargo-publish/embargo-publish.mjs";
import { parseSchedule } from "../functions/embargo-publish/schedule.mjs";
import { AT_11, fakeNetwork, NEWS, PALMARES, runTick } from "./helpers.mjs";

test("the current format: every publication with its instant and page", () => {
  const { entries, problems } = parseSchedule(JSON.stringify({ publications: [PALMARES, NEWS] }));
  assert.deepEqual(problems, []);
  assert.deepEqual(
    entries.map((e) => [e.nom, e.instant, e.page]),
    [
      ["palmarès 2027", AT_11, "/palmares/2027/"],
      [NEWS.nom, AT_11 + 30 * 60_000, "/actualites/palmares-2027/"],
    ],
  );
});

test("the former format, still bundled with the deploy live at the switch", () => {
  const text = JSON.stringify({ editions: [{ annee: 2027, embargo: PALMARES.instant }] });
  const { entries, problems } = parseSchedule(text);
  assert.deepEqual(problems, []);
  assert.deepEqual(entries, [
    { nom: "palmarès 2027", instant: AT_11, iso: PALMARES.instant, page: "/palmares/2027/" },
  ]);
});

test("nothing under embargo is not an error", () => {
  assert.deepEqual(parseSchedule('{"publications": []}'), { entries: [], problems: [] });
  assert.deepEqual(parseSchedule('{"editions": []}'), { entries: [], problems: [] });
});

const BROKEN_FILES = [
  ["{", /illisible \(JSON invalide/],
  ["", /illisible \(JSON invalide/],
  ["{}", /mal formé \(ni « publications » ni « editions »\)/],
  ["[]", /mal formé \(une liste au lieu d’un objet « publications »\)/],
  ["null", /mal formé \(null au lieu d’un objet\)/],
  ['"texte"', /mal formé/],
  ['{"publications": {"nom": "x"}}', /« publications » n’est pas une liste/],
];

for (const [text, expected] of BROKEN_FILES) {
  test(`a broken schedule file (${JSON.stringify(text)}) is an ERREUR line`, () => {
    const { entries, problems } = parseSchedule(text);
    assert.deepEqual(entries, []);
    assert.equal(problems.length, 1);
    assert.match(problems[0], /^ERREUR : calendrier des publications /);
    assert.match(problems[0], expected);
    assert.match(problems[0], /publication automatique inactive pour ce déploiement\.$/);
  });
}

const BROKEN_ENTRIES = [
  [null, /entrée n°\u00a02 : vide ou mal formée \(null\)/],
  [[], /vide ou mal formée \(\[\]\)/],
  [{ nom: "palmarès 2028", page: "/palmares/2028/" }, /\(« palmarès 2028 »\) : instant manquant/],
  [{ ...PALMARES, instant: "n/a" }, /instant illisible \(« n\/a »/],
  [{ ...PALMARES, instant: "2027-02-30T11:00:00+01:00x" }, /instant illisible/],
  [{ ...PALMARES, instant: "2027-02-02T11:00:00" }, /instant illisible \(« 2027-02-02T11:00:00 »/],
  [{ ...PALMARES, instant: 1801994400000 }, /instant manquant/],
  [{ ...PALMARES, page: undefined }, /page manquante ou invalide/],
  [{ ...PALMARES, page: "palmares/2027/" }, /page manquante ou invalide/],
  [{ annee: "2027", embargo: PALMARES.instant }, /année illisible \(« 2027 »\)/],
  [{ annee: 2027 }, /instant manquant/],
];

for (const [raw, expected] of BROKEN_ENTRIES) {
  test(`a malformed entry (${JSON.stringify(raw)}) is left out, the others kept`, () => {
    const { entries, problems } = parseSchedule(JSON.stringify({ publications: [NEWS, raw] }));
    assert.deepEqual(
      entries.map((e) => e.page),
      [NEWS.page],
    );
    assert.equal(problems.length, 1);
    assert.match(problems[0], /^ERREUR : calendrier, entrée n°\u00a02/);
    assert.match(problems[0], expected);
    assert.match(problems[0], /entrée ignorée : elle ne sera pas publiée automatiquement\.$/);
    assert.doesNotMatch(problems[0], /NaN|undefined/);
  });
}

test("a malformed entry does not stop a valid one from publishing", async () => {
  const schedule = parseSchedule(JSON.stringify({ publications: [null, PALMARES, { nom: "x" }] }));
  const net = fakeNetwork();
  const { asked, lines } = await runTick({ schedule, time: AT_11 + 5_000, net });
  assert.equal(asked, true);
  assert.equal(net.posts().length, 1);
  assert.equal(lines.filter((l) => l.includes("ERREUR")).length, 2);
  assert.ok(lines.every((l) => !/NaN/.test(l)));
});

test("the schedule file: read beside the module, then under the function's root", async () => {
  const dir = await mkdtemp(join(tmpdir(), "embargoes-"));
  const file = join(dir, "embargoes.json");
  await writeFile(file, JSON.stringify({ publications: [PALMARES] }));
  const absent = pathToFileURL(join(dir, "absent.json"));
  assert.equal((await loadSchedule([absent, pathToFileURL(file)])).entries.length, 1);

  const missing = await loadSchedule(absent);
  assert.deepEqual(missing.entries, []);
  assert.match(missing.problems[0], /^ERREUR : calendrier des publications introuvable/);
  assert.match(missing.problems[0], /« make publish »/);

  await writeFile(file, '{"publications": [');
  assert.match((await loadSchedule([absent, file])).problems[0], /JSON invalide/);
});

test("a missing schedule is said at every tick: automatic publication is off", async () => {
  const schedule = parseSchedule("", Object.assign(new Error("nope"), { code: "ENOENT" }));
  const net = fakeNetwork();
  const { lines, asked } = await runTick({ schedule, time: AT_11, net });
  assert.equal(asked, false);
  assert.equal(net.calls.length, 0);
  assert.equal(lines.length, 1);
  assert.match(lines[0], /^\[publication à l’embargo\] ERREUR\u00a0: calendrier des publications/);
  assert.doesNotMatch(lines[0], /rien à faire/);
});
