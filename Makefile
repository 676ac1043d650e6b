# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test
BSTAMP := $(VENV)/.installed-bundle
export QT_API := pyside6

.PHONY: run test lint bench screenshots translations sandbox clean bundle bundle-test

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e .
	touch $@

$(TSTAMP): $(STAMP) pyproject.toml
	$(PIP) install -q -e '.[test]'
	touch $@

$(BSTAMP): $(STAMP) pyproject.toml
	$(PIP) install -q -e '.[bundle]'
	touch $@

translations: $(STAMP)
	$(PY) -m opiq_admin.ui.i18n_build

# On Linux, first the X11 libraries Qt needs: installed (Debian/Ubuntu as root or with
# sudo) or named, instead of Qt's abort "no Qt platform plugin could be initialized".
run: $(STAMP) translations
	$(PY) packaging/linux_qt_libs.py
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

# The one-folder program for machines without Python: dist/opiq-admin/ (docs/install.md).
bundle: $(BSTAMP) translations
	$(PY) -m PyInstaller --noconfirm --log-level WARN --distpath dist \
		--workpath build/pyinstaller packaging/opiq-admin.spec

# The bundle's smoke test (tests/test_bundle.py; skipped there when no bundle was built).
bundle-test: $(TSTAMP)
	OPIQ_BUNDLE_REQUIRED=1 QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q tests/test_bundle.py

bench: $(TSTAMP)
	$(PY) -m opiq_admin.bench

screenshots: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(PY) -m opiq_admin.ui.screenshots docs/screenshots --language en
	QT_QPA_PLATFORM=offscreen $(PY) -m opiq_admin.ui.screenshots docs/screenshots/et --language et

sandbox: $(STAMP)
	$(PY) -m opiq_admin sandbox

clean:
	rm -rf $(VENV) build dist *.egg-info

# The window's strings gathered anew into resources/i18n/*.ts (new ones come in unfinished,
# for a translator; tests/test_translations.py fails until they are translated).
.PHONY: lupdate
lupdate: $(STAMP)
	$(PY) -m opiq_admin.ui.i18n_build --update
