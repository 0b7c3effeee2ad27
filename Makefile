# Every target creates .venv and installs what it needs when missing, so a fresh clone needs
# nothing but `make run` or `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_HOME ?= $(CURDIR)/var/demo
DEMO_PORT ?= 8765
QM := $(patsubst %.ts,%.qm,$(wildcard pos_desktop/i18n/*.ts))

# One stamp per set of packages: `make run` installs what the till and the cloud need (the
# `till` and `cloud` extras), `make test` adds the test and lint tools (.[dev], which holds both),
# `make dist` the till and PyInstaller (.[dist], no cloud). Each is redone when the project's
# requirements change; the dev install includes the run one, so it renews that stamp too.
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev
DIST_STAMP := $(VENV)/.installed-dist
# The version too (pos_desktop/__init__.py): the installed metadata carries it to the cloud.
REQUIREMENTS := pyproject.toml setup.py pos_desktop/__init__.py

.PHONY: run test lint bench chaos dist translations clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): $(REQUIREMENTS) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[till,cloud]'
	touch $@

$(DEV_STAMP): $(REQUIREMENTS) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(RUN_STAMP)

$(DIST_STAMP): $(REQUIREMENTS) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dist]'
	touch $@

pos_desktop/i18n/%.qm: pos_desktop/i18n/%.ts $(RUN_STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

translations: $(QM)

# The demo checks Qt's system libraries first (installing them with apt-get when run as root,
# else naming the packages), then starts the demo cloud and the till; Ctrl+C stops both.
run: $(RUN_STAMP) translations
	$(BIN)/python -m pos_desktop.demo --home $(DEMO_HOME) --port $(DEMO_PORT)

# PostgreSQL tests run whenever 127.0.0.1:5432 answers (tests/conftest.py), as in CI.
test: $(DEV_STAMP) translations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -n 2 --dist loadgroup

chaos: $(DEV_STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.sync.chaos --faults 1000 --crashes 1000

bench: $(RUN_STAMP) translations
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench.run --out docs/benchmarks.md $(BENCH_ARGS)

# The spec compiles the translations itself, so the build needs neither the cloud nor lrelease.
# dist/pos-desktop/ holds pos-desktop (the till; windowed on Windows) and pos-desktop-cli (the
# command line), and on Windows with Inno Setup the installer (docs/building.md).
dist: $(DIST_STAMP)
	$(BIN)/pyinstaller --noconfirm --clean pyinstaller.spec
	./dist/pos-desktop/pos-desktop --version
	./dist/pos-desktop/pos-desktop-cli --version

# The till's Debian package (packaging/deb/build.py): the `dist` folder as
# /opt/pos-desktop/versions/<version> behind the update launcher (signed updates go beside it), a
# menu entry, autostart for the till accounts and the udev rules; needs dpkg-deb. Writes
# dist/pos-desktop_<version>_<arch>.deb; DEB_TRUSTED_ROOT=root.json turns updates on.
# docs/store-it.md says how to install it.
.PHONY: deb
deb: dist
	$(BIN)/python packaging/deb/build.py --app dist/pos-desktop --out dist

clean:
	rm -rf build dist .mypy_cache .ruff_cache .pytest_cache
