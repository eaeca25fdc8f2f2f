// Unit tests of theme/static/js/typo.js (the search page's typo tolerance), run by
// tests/test_search_typos.py with node --test.
import assert from "node:assert/strict";
import { test } from "node:test";

import { allowed, match, normalize, osa, prepare, slugOf, worth } from "../../theme/static/js/typo.js";

test("optimal string alignment: each kind of slip costs one", () => {
  assert.equal(osa("arradon", "arradon"), 0);
  assert.equal(osa("arrdon", "arradon"), 1); // dropped
  assert.equal(osa("jarrgeau", "jargeau"), 1); // doubled
  assert.equal(osa("jagreau", "jargeau"), 1); // swapped neighbours
  assert.equal(osa("jergeau", "jargeau"), 1); // mistyped
  assert.equal(osa("montpelier", "montpellier"), 1);
  assert.equal(osa("ca", "abc"), 3); // OSA, not full Damerau–Levenshtein (which gives 2)
  assert.equal(osa("", "abc"), 3);
  assert.equal(osa("rennes", "vannes"), 2);
});

test("the early stop never hides a distance within the bound", () => {
  const words = ["ajaccio", "ajacio", "jargeau", "jareau", "arradon", "carennac", "rennes"];
  for (const a of words) {
    for (const b of words) {
      const full = osa(a, b);
      for (const max of [0, 1, 2]) {
        assert.equal(osa(a, b, max), full <= max ? full : max + 1, `${a} ${b} ${max}`);
      }
    }
  }
});

test("edits allowed grow with the query", () => {
  assert.deepEqual([1, 4, 5, 7, 8, 12].map(allowed), [0, 0, 1, 1, 2, 2]);
  assert.deepEqual(["Metz", "sain", "35000", "2A004", "Arrdon", "st etiene"].map(worth),
    [false, false, false, false, true, true]);
});

test("slugOf spells a name as the URL contract does (names.py page_slug)", () => {
  assert.equal(slugOf("L’Haÿ-les-Roses"), "l-hay-les-roses");
  assert.equal(slugOf("Saint-Étienne"), "saint-etienne");
  assert.equal(slugOf("Œuilly"), "oeuilly");
});

test("normalize is label_data.reference.normalize_name", () => {
  assert.equal(normalize("St-Étienne"), "saint etienne");
  assert.equal(normalize("L’Haÿ-les-Roses"), "l hay les roses");
  assert.equal(normalize("Œuilly"), "oeuilly");
});

const DATA = {
  base: "/territoires/",
  filtres: { type: ["Territoire", "Ville", "Village"], niveau: ["1\u00a0@", "4\u00a0@"] },
  noms: [
    ["Ajaccio", "2A004", "Ville · Corse-du-Sud (2A)", 1, 1, -1, -1, "2025 2026"],
    ["Arradon", "56003", "Village · Morbihan (56)", 2, 0, -1, -1, "2026"],
    ["Saint-Étienne", "saint-etienne-42218", "Ville · Loire (42)", 1, 0, -1, -1, "2026"],
    ["Saint-Denis", "saint-denis-93066", "Ville · Seine-Saint-Denis (93)", 1, -1, -1, -1, ""],
    ["Saint-Denis", "saint-denis-97411", "Ville · La Réunion (974)", 1, -1, -1, -1, ""],
    ["Montpellier", "montpellier-34172", "Ville · Hérault (34)", 1, 1, -1, -1, "2026"],
  ],
};
const entries = prepare(DATA);
const names = (found) => found.map((e) => e.name);

test("prepare reads the names file", () => {
  const [ajaccio] = entries;
  assert.equal(ajaccio.url, "/territoires/ajaccio-2A004/");
  assert.equal(ajaccio.code, "2A004");
  assert.equal(ajaccio.level, 4);
  assert.deepEqual(ajaccio.filters, { type: "Ville", niveau: "4\u00a0@" });
});

test("an exact name is exact, every collectivity of that name", () => {
  assert.deepEqual(names(match(entries, "Saint-Denis").exact), ["Saint-Denis", "Saint-Denis"]);
  assert.deepEqual(match(entries, "saint denis").typo, []);
  assert.deepEqual(names(match(entries, "st etienne").exact), ["Saint-Étienne"]);
});

test("a name a letter or two off, on the whole, a word or a beginning", () => {
  assert.deepEqual(names(match(entries, "Ajacio").typo), ["Ajaccio"]);
  assert.deepEqual(names(match(entries, "Arrdon").typo), ["Arradon"]);
  assert.deepEqual(names(match(entries, "Montpelier").typo), ["Montpellier"]);
  assert.deepEqual(names(match(entries, "saint etiene").typo), ["Saint-Étienne"]);
  assert.deepEqual(names(match(entries, "etiene").typo), ["Saint-Étienne"]); // a word
  assert.deepEqual(names(match(entries, "montpel").typo), []); // an exact beginning: Pagefind's
  assert.deepEqual(names(match(entries, "montpeli").typo), ["Montpellier"]); // a beginning, a slip
  assert.deepEqual(names(match(entries, "ajc").typo), []); // too short for a slip
  assert.deepEqual(names(match(entries, "Paris").typo), []);
});

test("the page's filters apply to the names' matches", () => {
  assert.deepEqual(names(match(entries, "Ajacio", { type: "Village" }).typo), []);
  assert.deepEqual(names(match(entries, "Ajacio", { niveau: "4\u00a0@" }).typo), ["Ajaccio"]);
  assert.deepEqual(names(match(entries, "Ajacio", { edition: "2024" }).typo), []);
  assert.deepEqual(names(match(entries, "Ajacio", { edition: "2025" }).typo), ["Ajaccio"]);
});

test("a whole name a letter off comes before a word or a beginning a letter off", () => {
  const more = prepare({
    ...DATA,
    noms: [
      ["Montpellier Méditerranée Métropole", "mmm-243400017", "Territoire", 0, 1, -1, -1, ""],
      ...DATA.noms,
    ],
  });
  assert.deepEqual(names(match(more, "Montpelier").typo), [
    "Montpellier",
    "Montpellier Méditerranée Métropole",
  ]);
});

test("a whole name a slip away is what was meant; a word or a beginning is not", () => {
  assert.equal(match(entries, "Ajacio").corrected.name, "Ajaccio");
  assert.equal(match(entries, "Montpelier").corrected.name, "Montpellier");
  assert.equal(match(entries, "etiene").corrected, null); // one word of Saint-Étienne
  assert.equal(match(entries, "montpeli").corrected, null); // a beginning, still being typed
  assert.equal(match(entries, "Ajaccio").corrected, null); // exact: nothing to correct
});
