# Every target creates .venv and installs the project when missing, so a fresh clone needs
# nothing but `make run` or `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_HOME ?= $(CURDIR)/var/demo
DEMO_PORT ?= 8765
QM := $(patsubst %.ts,%.qm,$(wildcard pos_desktop/i18n/*.ts))

.PHONY: run test lint bench chaos dist translations clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,dist]'
	touch $(STAMP)

pos_desktop/i18n/%.qm: pos_desktop/i18n/%.ts $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

translations: $(QM)

run: $(STAMP) translations
	$(BIN)/python -m pos_desktop.demo --home $(DEMO_HOME) --port $(DEMO_PORT)

test: $(STAMP) translations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -n 2 --dist loadgroup

chaos: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.sync.chaos --faults 1000 --crashes 1000

bench: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench.run --out docs/benchmarks.md

dist: $(STAMP) translations
	$(BIN)/pyinstaller --noconfirm --clean pyinstaller.spec
	./dist/pos-desktop/pos-desktop --version

clean:
	rm -rf build dist .mypy_cache .ruff_cache .pytest_cache
