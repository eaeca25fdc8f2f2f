# The one entry point. `make html` and `make test` are all a newcomer needs (see README.md).
# Every build target takes DATA=, NOW=, OUTPUTDIR= and CACHEDIR= (see docs/DATA_FORMAT.md).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
CHECKSUM := $(shell cksum pyproject.toml | cut -d' ' -f1)
STAMP := $(VENV)/.installed-$(CHECKSUM)
TEST_STAMP := $(VENV)/.installed-test-$(CHECKSUM)
# Netlify keeps .cache between builds (netlify-plugin-cache), and the venv goes there as one
# archive, made on Netlify only: the 8,000 files of .venv itself, copied in and out of the
# cache at every build, cost more time than pip. A venv restored from it, or kept on a machine,
# whose interpreter is gone (a new build image) or is another Python than $(PYTHON)
# (PYTHON_VERSION changed) is rebuilt, never trusted. The names of the stamp and the archive
# hold pyproject.toml's checksum and the Python version: their dates do not matter.
PY_VERSION = import sys; print(*sys.version_info[:2], sep=".")
PYTHON_AT := $(shell $(PYTHON) -c '$(PY_VERSION)' 2>/dev/null)
VENV_AT := $(shell $(PY) -c '$(PY_VERSION)' 2>/dev/null)
VENV_ARCHIVE := .cache/venv/python$(PYTHON_AT)-$(CHECKSUM).tar
ON_NETLIFY := $(filter true,$(NETLIFY) $(NETLIFY_LOCAL))
ifneq ($(PYTHON_AT),$(VENV_AT))
$(STAMP): venv-stale
endif

DATA ?= data
NOW ?=
OUTPUTDIR ?= output
CACHEDIR ?= .cache
export DATA NOW OUTPUTDIR CACHEDIR

.PHONY: html publish preview serve validate test test-fast bench golden reference demo-data \
	national-data lint format clean verify import-palmares import-actions system-test-deps venv-stale \
	venv-install admin-config editeur test-deps

# Builds need the runtime dependencies only (what Netlify installs); tests add their tools.
$(STAMP):
	@if [ -e $(VENV) ] && [ "$(VENV_AT)" != "$(PYTHON_AT)" ]; then \
		echo "$(VENV) ne fonctionne pas avec $(PYTHON) ($(PYTHON_AT)) : il est recréé."; rm -rf $(VENV); fi
	@if [ ! -e $(VENV) ] && [ -f $(VENV_ARCHIVE) ]; then tar -xf $(VENV_ARCHIVE); \
		if [ -f $@ ] && $(PY) -c '' 2>/dev/null; then echo "$(VENV) repris du cache ($(VENV_ARCHIVE))."; \
		else echo "$(VENV_ARCHIVE) inutilisable : $(VENV) recréé."; rm -rf $(VENV); fi; fi
	@[ -f $@ ] || $(MAKE) --no-print-directory venv-install

venv-install:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet "."
	rm -f $(VENV)/.installed-*
	touch $(STAMP)
	$(if $(ON_NETLIFY),rm -rf $(dir $(VENV_ARCHIVE)) && mkdir -p $(dir $(VENV_ARCHIVE)) \
		&& tar -cf $(VENV_ARCHIVE) $(VENV))

$(TEST_STAMP): $(STAMP)
	$(PY) -m pip install --quiet ".[test]"
	touch $@

# Everything, test tools included (Netlify installs the dependencies only: NPM_FLAGS).
node_modules/.installed: package.json package-lock.json
	npm ci --include=dev --no-audit --no-fund --loglevel=error
	touch $@

html: $(STAMP)            ## build the site (demo data by default) into OUTPUTDIR
	$(PY) scripts/build.py

publish: $(STAMP)         ## production build (Netlify); refuses to deploy a preview
	$(PY) scripts/build.py --publish --settings publishconf.py
	$(PY) scripts/deploy_guard.py "$(OUTPUTDIR)"

PORT ?= 8000
# A preview (embargoed editions shown) never writes to the public folder: output-apercu/.
preview: OUTPUTDIR = output-apercu
serve: OUTPUTDIR := $(if $(filter 1,$(PREVIEW)),output-apercu,$(OUTPUTDIR))
preview: $(STAMP)         ## staff preview: embargoed editions shown, banner, noindex, marker
	$(PY) scripts/build.py --preview

serve: $(STAMP)           ## local server that rebuilds when content/theme/plugins/data change
	$(PY) scripts/serve.py --port $(PORT)

validate: $(STAMP)        ## check the data only
	$(PY) scripts/validate.py

# The web editor at /admin/ (docs/editeur.md). Locally: the site served on this machine with
# its editor; « Travailler avec un dépôt local » (Chrome or Edge) edits this folder's files,
# and the page rebuilds as they are saved. Nothing is committed: review, then commit.
editeur: $(STAMP)         ## the web editor on this repository: http://localhost:$(PORT)/admin/
	@echo "Éditeur : ouvrez http://localhost:$(PORT)/admin/ dans Chrome ou Edge, puis « Travailler avec un dépôt local » et choisissez le dossier $(CURDIR)."
	$(PY) scripts/serve.py --port $(PORT)

admin-config: $(STAMP)    ## write the editor's configuration from the schema (theme/admin/config.yml)
	$(PY) scripts/admin_config.py

# Imports (see docs/ceremonie.md): FICHIER=the .xlsx/.ods/CSV (or JSON), FEUILLE=a workbook's
# sheet (default: the first), ANNEE, EMBARGO, LIEU, and
# OPTIONS=--dry-run (show, write nothing) or OPTIONS=--force (replace an existing file).
import-palmares: $(STAMP) ## the jury's spreadsheet (.xlsx, .ods, CSV) -> data/palmares/<ANNEE>.yaml
	$(PY) scripts/import_palmares.py "$(FICHIER)" --annee "$(ANNEE)" --data "$(DATA)" \
		$(if $(FEUILLE),--feuille "$(FEUILLE)") \
		$(if $(EMBARGO),--embargo "$(EMBARGO)") $(if $(LIEU),--lieu "$(LIEU)") $(OPTIONS)

import-actions: $(STAMP)  ## an Atlaas export (CSV, JSON, .xlsx, .ods) -> data/actions/<code>.yaml
	$(PY) scripts/import_actions.py "$(FICHIER)" --data "$(DATA)" \
		$(if $(FEUILLE),--feuille "$(FEUILLE)") $(OPTIONS)

# System packages the tests need (chromium, a Java runtime), installed when missing.
system-test-deps:
	@scripts/test_system_deps.sh

test: system-test-deps test-deps   ## lint, then the whole suite
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	node --test netlify/tests/*.test.mjs
	PY=$(PY) scripts/test_suite.sh

# Python and npm packages installed side by side (each mostly waits on the network).
test-deps:
	@$(MAKE) --no-print-directory -j2 $(TEST_STAMP) node_modules/.installed

test-fast: $(TEST_STAMP)       ## unit tests only (no browser, no national dataset)
	$(PY) -m pytest -m "not browser and not slow"

bench: system-test-deps $(TEST_STAMP)  ## national-scale benchmark (builds, then search in Chromium); output-bench/
	$(PY) scripts/bench.py

verify: $(STAMP)          ## build, then the same build cold: fails naming a kept file that differs
	LABEL_VERIFY=1 $(PY) scripts/build.py

golden: $(TEST_STAMP)          ## regenerate the golden files the tests compare with
	$(PY) scripts/regenerate_golden.py

reference: $(STAMP)       ## refresh the shipped reference data (needs the registries)
	$(PY) -m pip install --quiet ".[refresh]"
	$(PY) scripts/refresh_reference.py

demo-data: $(STAMP)       ## regenerate the demonstration data in data/
	$(PY) scripts/generate_dataset.py demo data

lint: $(TEST_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

format: $(TEST_STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf output output-apercu output-bench .cache .pytest_cache
