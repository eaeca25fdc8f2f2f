// Bundle the web editor (Sveltia CMS, pinned in package.json) into theme/admin/cms/, served by
// the site itself at /admin/cms/: no script, font or string from a CDN.
//
//     node scripts/build_admin.mjs      (run by scripts/vendor_assets.py after `npm ci`)
//
// Why a bundle of the npm entry point and not the package's ready-made dist/ file: that file
// fetches its French strings from unpkg and its fonts from jsDelivr. The npm entry imports
// them, so esbuild bundles them; its assets (fonts, WebAssembly, images), which it names with
// `new URL("assets/…", import.meta.url)`, are copied beside the bundle.
//
// Left out, on purpose: the code highlighter's 300 language and theme modules (@shikijs/*,
// 13 MB; staff write prose, not code: an import left external fails in the browser, as it
// would offline, and the code block shows unhighlighted) and the interface's languages other
// than French and English (the editor is French: theme/admin/langue.js sets it; English is in
// the bundle as its fallback).
import { build } from "esbuild";
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cms = join(root, "node_modules", "@sveltia", "cms");
const target = join(root, "theme", "admin", "cms");
const KEPT_LOCALES = new Set(["fr"]);

const leftOut = {
  name: "left-out",
  setup(b) {
    b.onResolve({ filter: /^@shikijs\// }, (args) => ({ path: args.path, external: true }));
    b.onResolve({ filter: /\/locales\/[A-Za-z-]+\.json$/ }, (args) => {
      const code = args.path.match(/([A-Za-z-]+)\.json$/)[1];
      return KEPT_LOCALES.has(code) ? undefined : { path: code, namespace: "left-out" };
    });
    b.onLoad({ filter: /.*/, namespace: "left-out" }, (args) => ({
      contents: `throw new Error("langue ${args.path} non fournie : l’éditeur est en français");`,
      loader: "js",
    }));
  },
};

// The editor's French strings, completed: about a hundred of its English strings have no
// French yet (« Show Errors »…); ours, in build_admin.fr.json, fill the ones staff may meet.
// Its own translations always win; what neither has stays in English.
function merged(theirs, ours) {
  const out = { ...theirs };
  for (const [key, value] of Object.entries(ours)) {
    if (typeof value === "object") out[key] = merged(theirs[key] ?? {}, value);
    else if (!(key in out)) out[key] = value;
  }
  return out;
}

const completedFrench = {
  name: "completed-french",
  setup(b) {
    b.onLoad({ filter: /[\\/]locales[\\/]fr\.json$/ }, (args) => {
      const theirs = JSON.parse(readFileSync(args.path, "utf-8"));
      const ours = JSON.parse(readFileSync(join(root, "scripts", "build_admin.fr.json"), "utf-8"));
      return { contents: JSON.stringify(merged(theirs, ours)), loader: "json" };
    });
  },
};

rmSync(target, { recursive: true, force: true });
await build({
  stdin: { contents: 'import CMS from "@sveltia/cms";\nCMS.init();\n', resolveDir: root },
  bundle: true,
  format: "esm",
  splitting: true,
  minify: true,
  charset: "utf8", // French as written, not \u escapes (smaller, and searchable)
  legalComments: "linked",
  outdir: target,
  entryNames: "sveltia-cms",
  chunkNames: "chunks/[name]-[hash]",
  plugins: [leftOut, completedFrench],
  logLevel: "warning",
});
cpSync(join(cms, "npm", "assets"), join(target, "assets"), {
  recursive: true,
  filter: (source) => !source.endsWith(".map"),
});
cpSync(join(cms, "LICENSE.txt"), join(target, "LICENSE.txt"));
const version = JSON.parse(readFileSync(join(cms, "package.json"), "utf-8")).version;
writeFileSync(join(target, "VERSION"), `@sveltia/cms ${version}\n`);
