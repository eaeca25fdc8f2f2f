// The editor shows the browser's language by default; staff read it in French whatever their
// browser says, unless they chose another language in its settings (kept in the same place).
try {
  const key = "sveltia-cms.prefs";
  const prefs = JSON.parse(localStorage.getItem(key) || "{}") || {};
  if (!prefs.locale) {
    prefs.locale = "fr";
    localStorage.setItem(key, JSON.stringify(prefs));
  }
} catch {
  // Storage refused (private browsing): the editor follows the browser's language.
}
