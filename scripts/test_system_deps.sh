#!/usr/bin/env bash
# What the tests need from the system, installed when missing (run by `make test`).
#   - Debian's chromium: the browser checks (Playwright drives the real binary below);
#   - a headless Java runtime: the Nu HTML Checker (npm vnu-jar);
#   - LibreOffice Writer: the press release must lay out on one page (tests/test_kits.py).
# Missing ones are installed with apt-get (sudo when not root), announced in one line.
# Where that is impossible, stop before any test with what to install, and exit non-zero.
set -euo pipefail

CHROMIUM_BINARY="${CHROMIUM_BINARY:-/usr/lib/chromium/chromium}"  # as scripts/chromium.py; overridable for its test

missing=()
reasons=()
if [ ! -x "$CHROMIUM_BINARY" ]; then
  missing+=(chromium)
  reasons+=("the browser tests")
fi
if ! command -v java >/dev/null 2>&1; then
  missing+=(default-jre-headless)
  reasons+=("the Nu HTML Checker")
fi
if ! command -v soffice >/dev/null 2>&1; then
  missing+=(libreoffice-writer-nogui fonts-liberation2)
  reasons+=("the press release's page count")
fi
[ ${#missing[@]} -eq 0 ] && exit 0

# Bash builtins only from here on: this runs even with a PATH reduced to almost nothing.
joined="${reasons[0]}"
for ((i = 1; i < ${#reasons[@]}; i++)); do joined+=" and ${reasons[i]}"; done
what="${missing[*]} (for ${joined})"
fail() {
  echo "make test: cannot install ${what}: $1" >&2
  echo "Install them, then run make test again:  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
}

command -v apt-get >/dev/null 2>&1 || fail "apt-get is not available on this machine."
SUDO=()
if [ "${EUID}" != 0 ]; then
  command -v sudo >/dev/null 2>&1 || fail "not root, and sudo is not available."
  sudo -n true 2>/dev/null || fail "not root, and sudo asks for a password."
  SUDO=(sudo -n)
fi

echo "make test: installing ${what} with apt-get."
export DEBIAN_FRONTEND=noninteractive
log="${TMPDIR:-/tmp}/make-test-apt.log"
"${SUDO[@]}" apt-get update -qq >"$log" 2>&1 || fail "apt-get update failed (see $log)."
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >>"$log" 2>&1 \
  || fail "apt-get install failed (see $log)."
