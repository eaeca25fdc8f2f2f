// Netlify scheduled function: publishes an edition's palmarès at its embargo instant (R10) by
// calling the site's build hook once the instant has passed (see decide.mjs and
// docs/ceremonie.md). The build hook's address is a secret: the environment variable
// BUILD_HOOK_URL (scope Functions), never the repository.
//
// The editions still under embargo come from embargoes.json, written by `make publish` beside
// this file (git-ignored, bundled through `included_files` in netlify.toml): never into the
// published site, which must not say a byte about an embargoed edition.

import { readFile } from "node:fs/promises";

import { tick } from "./decide.mjs";

export const SCHEDULE_FILE = new URL("./embargoes.json", import.meta.url);

/** The editions listed by the build; [] (and a log line) when the file is missing or bad. */
export async function loadSchedule(file = SCHEDULE_FILE, log = console.log) {
  try {
    const data = JSON.parse(await readFile(file, "utf-8"));
    return Array.isArray(data.editions) ? data.editions : [];
  } catch (error) {
    log(`[publication à l’embargo] calendrier des embargos illisible (${error.code ?? error}).`);
    return [];
  }
}

export default async (_request, context) => {
  await tick({
    editions: await loadSchedule(),
    now: new Date(),
    siteUrl: context?.site?.url || process.env.URL,
    hookUrl: process.env.BUILD_HOOK_URL,
    fetchImpl: fetch,
    log: console.log,
  });
};

export const config = { schedule: "* * * * *" };
