# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test
export QT_API := pyside6

.PHONY: run test lint bench screenshots translations sandbox clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e .
	touch $@

$(TSTAMP): $(STAMP) pyproject.toml
	$(PIP) install -q -e '.[test]'
	touch $@

translations: $(STAMP)
	$(PY) -m opiq_admin.ui.i18n_build

run: $(STAMP) translations
	$(PY) main.py

test: $(TSTAMP) translations
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy
	@# The OpenID provider of tests/test_signin_oidc.py (panva's oidc-provider, as pinned).
	@if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then \
		cd tests/oidc && npm ci --no-audit --no-fund; \
	else \
		echo "node and npm not found: the OpenID Connect conformance tests are skipped"; \
	fi
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

bench: $(TSTAMP)
	$(PY) -m opiq_admin.bench

screenshots: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(PY) -m opiq_admin.ui.screenshots docs/screenshots --language en
	QT_QPA_PLATFORM=offscreen $(PY) -m opiq_admin.ui.screenshots docs/screenshots/et --language et

sandbox: $(STAMP)
	$(PY) -m opiq_admin sandbox

clean:
	rm -rf $(VENV) build *.egg-info

# The window's strings gathered anew into resources/i18n/*.ts (new ones come in unfinished,
# for a translator; tests/test_translations.py fails until they are translated).
.PHONY: lupdate
lupdate: $(STAMP)
	$(PY) -m opiq_admin.ui.i18n_build --update
