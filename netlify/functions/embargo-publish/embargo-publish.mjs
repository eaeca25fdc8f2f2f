// Netlify scheduled function: publishes an edition's palmarès at its embargo instant (R10) by
// calling the site's build hook once the instant has passed (see decide.mjs and
// docs/ceremonie.md). The build hook's address is a secret: the environment variable
// BUILD_HOOK_URL (scope Functions), never the repository.
//
// The editions still under embargo come from embargoes.json, written by `make publish` beside
// this file (git-ignored, bundled through `included_files` in netlify.toml): never into the
// published site, which must not say a byte about an embargoed edition.

import { readFile } from "node:fs/promises";
import { resolve } from "node:path";

import { tick } from "./decide.mjs";

const RELATIVE = "netlify/functions/embargo-publish/embargoes.json";
// Beside this module when Netlify ships the files as they are; under the function's root
// (its working directory) when a bundler has moved the module: both are tried, in order.
export const SCHEDULE_FILES = [
  new URL("./embargoes.json", import.meta.url),
  resolve(process.env.LAMBDA_TASK_ROOT || process.cwd(), RELATIVE),
];

/** The editions listed by the build; [] (and a log line) when no file can be read. */
export async function loadSchedule(files = SCHEDULE_FILES, log = console.log) {
  let reason = "";
  for (const file of [files].flat()) {
    try {
      const data = JSON.parse(await readFile(file, "utf-8"));
      return Array.isArray(data.editions) ? data.editions : [];
    } catch (error) {
      reason ||= String(error.code ?? error);
    }
  }
  log(`[publication à l’embargo] calendrier des embargos illisible (${reason}).`);
  return [];
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
