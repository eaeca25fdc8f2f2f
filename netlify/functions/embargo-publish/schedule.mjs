// The schedule the build wrote beside the function: what the live deploy does not show yet.
//
// In: the text of embargoes.json (or why it could not be read). Out: the valid entries
// ({nom, instant (epoch ms), iso, page}) and one French ERREUR line per problem. Never throws:
// a malformed entry is left out with a line saying so, and the valid ones still publish.
//
// Two formats are read. The current one, written by `make publish` (label_build/schedule.py):
//   {"publications": [{"nom": "palmarès 2027", "instant": "2027-02-02T11:00:00+01:00",
//                      "page": "/palmares/2027/"}, …]}
// and the former one, {"editions": [{"annee": 2027, "embargo": "…"}]}, still bundled with the
// deploy that is live when this version is first published: it must keep working until then.

import { NBSP } from "./french.mjs";

// An instant with its offset: without one, « 11:00 » would be read in the server's zone (UTC).
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const INACTIVE = "publication automatique inactive pour ce déploiement";
const LEFT_OUT = "entrée ignorée : elle ne sera pas publiée automatiquement";

/** Why a whole file is unusable, as staff read it. */
function fileProblem(reason) {
  return `ERREUR : calendrier des publications ${reason} : ${INACTIVE}.`;
}

/** The current format's entry, or the former one's ({annee, embargo}) translated to it. */
function normalise(raw) {
  if (!("annee" in raw) && !("embargo" in raw)) {
    return { nom: raw.nom, instant: raw.instant, page: raw.page };
  }
  const year = Number.isInteger(raw.annee) ? raw.annee : Number.NaN;
  return {
    nom: Number.isNaN(year) ? undefined : `palmarès ${year}`,
    instant: raw.embargo,
    page: Number.isNaN(year) ? undefined : `/palmares/${year}/`,
    annee: raw.annee,
  };
}

/** What is wrong with one entry, or "" when it can be used. */
function entryProblem(entry) {
  if (typeof entry.instant !== "string" || entry.instant.trim() === "") {
    return "instant manquant";
  }
  if (!ISO_INSTANT.test(entry.instant) || Number.isNaN(Date.parse(entry.instant))) {
    const text = entry.instant.length > 40 ? `${entry.instant.slice(0, 40)}…` : entry.instant;
    return `instant illisible (« ${text} », attendu par exemple « 2027-02-02T11:00:00+01:00 »)`;
  }
  if ("annee" in entry && entry.page === undefined) {
    return `année illisible (« ${String(entry.annee)} »)`;
  }
  if (typeof entry.page !== "string" || !entry.page.startsWith("/")) {
    return "page manquante ou invalide (attendu un chemin comme « /palmares/2027/ »)";
  }
  return "";
}

/** One raw entry: {entry} when usable, else {problem} (a French ERREUR line). */
function readEntry(raw, index) {
  const where = `calendrier, entrée n°${NBSP}${index + 1}`;
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    const shown = JSON.stringify(raw);
    return {
      problem: `ERREUR : ${where} : vide ou mal formée (${shown}) : ${LEFT_OUT}.`,
    };
  }
  const entry = normalise(raw);
  const named = typeof entry.nom === "string" && entry.nom.trim() ? entry.nom.trim() : "";
  const problem = entryProblem(entry);
  if (problem) {
    const label = named ? ` (« ${named} »)` : "";
    return { problem: `ERREUR : ${where}${label} : ${problem} : ${LEFT_OUT}.` };
  }
  const instant = Date.parse(entry.instant);
  return { entry: { nom: named || entry.page, instant, iso: entry.instant, page: entry.page } };
}

/** The list of raw entries in a parsed file, or a problem when the file has none. */
function rawEntries(data) {
  if (data === null || typeof data !== "object") {
    return { problem: fileProblem(`mal formé (${JSON.stringify(data)} au lieu d’un objet)`) };
  }
  if (Array.isArray(data)) {
    return {
      problem: fileProblem("mal formé (une liste au lieu d’un objet « publications »)"),
    };
  }
  const key = "publications" in data ? "publications" : "editions" in data ? "editions" : "";
  if (!key) return { problem: fileProblem("mal formé (ni « publications » ni « editions »)") };
  if (!Array.isArray(data[key])) {
    return { problem: fileProblem(`mal formé (« ${key} » n’est pas une liste)`) };
  }
  return { list: data[key] };
}

/**
 * The schedule from the file's text. `readError` is the error met while reading the file (then
 * `text` is ignored). Returns {entries, problems}: problems are complete French lines.
 */
export function parseSchedule(text, readError = null) {
  if (readError) {
    const missing = readError.code === "ENOENT";
    return {
      entries: [],
      problems: [
        missing
          ? fileProblem(
              "introuvable (embargoes.json absent du déploiement en ligne ; " +
                "la construction doit passer par « make publish »)",
            )
          : fileProblem(`illisible (${readError.code ?? readError.message ?? readError})`),
      ],
    };
  }
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return {
      entries: [],
      problems: [fileProblem(`illisible (JSON invalide : ${error.message})`)],
    };
  }
  const { list, problem } = rawEntries(data);
  if (problem) return { entries: [], problems: [problem] };
  const entries = [];
  const problems = [];
  list.forEach((raw, index) => {
    const read = readEntry(raw, index);
    if (read.entry) entries.push(read.entry);
    else problems.push(read.problem);
  });
  return { entries, problems };
}
