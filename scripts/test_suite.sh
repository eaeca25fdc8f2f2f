#!/usr/bin/env bash
# The pytest part of `make test`. One cache of panels, kits and search bundles for the whole
# run (tests/conftest.py). The tests marked `alone` time something (Lighthouse's scores, the web
# editor driven in Chromium, a load's duration): they run beside the rest of the suite, which
# runs at the lowest CPU priority (nice 19), so that whenever both want a core the timed tests
# get it, and the machine's second core is not left idle while Lighthouse waits on a page.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
cache=$(mktemp -d -t label-tests-cache-XXXXXX)
export LABEL_TESTS_CACHE=$cache
trap 'rm -rf "$cache"' EXIT
"$PY" -m pytest -m alone >"$cache/alone.log" 2>&1 &
timed=$!
nice -n 19 "$PY" -m pytest -n 2 --dist loadfile -m "not alone"
suite=$?
wait "$timed"
alone=$?
echo "── Tests marked « alone », run beside the others at normal priority ──"
cat "$cache/alone.log"
exit $((suite || alone))
