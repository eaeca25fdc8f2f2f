// Lighthouse on several pages from one Node process and one Chromium (tests/test_lighthouse.py).
//
// Usage: node scripts/lighthouse_pages.mjs <job.json> <scores.json>
//   job.json: {"pages": {name: url}, "chromeFlags": [...], "categories": [...],
//              "skipAudits": [...]}
//   scores.json (written): {name: {category: score}}
//
// Why: the CLI launched a Node process and a Chromium per page, about 12 s each; here Chromium
// is launched once and Lighthouse opens a new tab per page (it resets the origin's storage and
// cache before each run, as the CLI's fresh browser had them). Pages are measured in turn, never
// two at once: Lighthouse's simulation reads the CPU they would share. The browser is the one
// CHROME_PATH names (chrome-launcher reads it), the configuration Lighthouse's default one
// (mobile profile), as the CLI ran them.

import fs from 'node:fs';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

/** Scores of one page by category, as the CLI's JSON report gave them. */
async function score(url, port, job) {
  const flags = {
    port,
    output: 'json',
    logLevel: 'silent', // the CLI's --quiet
    onlyCategories: job.categories,
    disableFullPageScreenshot: true, // screenshots weigh in no score
    skipAudits: job.skipAudits,
  };
  const result = await lighthouse(url, flags);
  if (result.lhr.runtimeError) {
    throw new Error(`${url}: ${result.lhr.runtimeError.code} ${result.lhr.runtimeError.message}`);
  }
  const scores = {};
  for (const name of job.categories) scores[name] = result.lhr.categories[name].score;
  return scores;
}

/** Every page of the job in turn in one Chromium; the scores file rewritten after each. */
async function main([jobPath, scoresPath]) {
  const job = JSON.parse(fs.readFileSync(jobPath, 'utf-8'));
  const chrome = await chromeLauncher.launch({chromeFlags: job.chromeFlags, logLevel: 'silent'});
  const scores = {};
  try {
    for (const [name, url] of Object.entries(job.pages)) {
      scores[name] = await score(url, chrome.port, job);
      fs.writeFileSync(scoresPath, JSON.stringify(scores, null, 1));
    }
  } finally {
    await chrome.kill();
  }
}

await main(process.argv.slice(2));
