// The editor speaks the browser's language. Ours is French whatever the browser says: only its
// French strings are shipped (scripts/build_admin.mjs), and an English browser would get its
// English fallback and an English offer to switch. So the page tells it the browser is French
// (dates and numbers in its forms follow, in the French way).
for (const [name, value] of [["language", "fr-FR"], ["languages", ["fr-FR", "fr"]]]) {
  Object.defineProperty(Navigator.prototype, name, { get: () => value, configurable: true });
}
