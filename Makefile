# The two commands a newcomer needs are `make serve` and `make test` (see README.md).
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
PYTHON := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1
# Reproducible builds: dates in the site (sitemap) come from the last commit, not the clock, so
# two builds of the same commit are byte-identical. Outside git the clock is used.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif

# Debian packages: what building the PDFs needs, and what the tests need on top (Java runs the
# Nu Html Checker).
SITE_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-core
TEST_PACKAGES := $(SITE_PACKAGES) chromium poppler-utils default-jre-headless

.PHONY: help serve build test translations language check bench clean site-system-packages test-system-packages npm-command

help:
	@echo "make serve   build the site (with PDFs) and preview it on http://127.0.0.1:8000"
	@echo "make check   the checks a pull request must pass, one line per problem (see CONTRIBUTING.md)"
	@echo "make test    run make check, then every test"
	@echo "make build   write the site to site/ (strict: any warning fails)"
	@echo "make translations  show which translations are up to date, draft, stale or missing"
	@echo "make language LANG=xx  add a language (xx: its code, e.g. bn for Bengali)"
	@echo "make bench   measure build time, page weight and Lighthouse scores (benchmarks/RESULTS.md)"

$(VENV)/.site-installed: requirements.txt
	@test -x $(PYTHON) || python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.test-installed: $(VENV)/.site-installed requirements-test.txt
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	@touch $@

# Install missing Debian packages when running as root; otherwise name the command to run.
define need-debian-packages
	@missing=""; for package in $(1); do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Missing system packages. Install them with: sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi
endef

site-system-packages:
	$(call need-debian-packages,$(SITE_PACKAGES))

test-system-packages:
	$(call need-debian-packages,$(TEST_PACKAGES))

serve: $(VENV)/.site-installed site-system-packages
	$(PYTHON) -m mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

build: $(VENV)/.site-installed site-system-packages
	$(PYTHON) -m mkdocs build --strict --site-dir site

# Strict build of every language, links and anchors, images, front matter, headings, spelling
# and the workflow files; each problem is one line naming the file (tests/check_site.py).
check: $(VENV)/.test-installed
	$(PYTHON) tests/check_site.py

# The checkers the tests run beside axe-core (IBM Equal Access, HTML_CodeSniffer, the Nu Html
# Checker), from the committed tests/package-lock.json into tests/node_modules (not committed).
# No install scripts run: nothing else is downloaded.
# npm (from Debian's nodejs and npm packages, unless Node.js is installed some other way).
npm-command:
	@command -v npm >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian packages: nodejs npm"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; \
	  else \
	    echo "npm is missing. Install it with: sudo apt-get install -y nodejs npm"; exit 1; \
	  fi; }

tests/node_modules/.installed: tests/package.json tests/package-lock.json | npm-command
	cd tests && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

test: $(VENV)/.test-installed test-system-packages tests/node_modules/.installed
	$(PYTHON) tests/check_site.py
	$(PYTHON) -m pytest tests

translations: $(VENV)/.site-installed
	@PYTHONPATH=hooks $(PYTHON) -m shared.translation_status

# LANG is also the shell's locale setting: the program itself runs with a UTF-8 locale.
language: $(VENV)/.site-installed
	@LANG=C.UTF-8 PYTHONPATH=hooks $(PYTHON) -m shared.add_language "$(if $(filter command line,$(origin LANG)),$(LANG))"

# Lighthouse from the committed package-lock.json, into benchmarks/node_modules (not committed).
benchmarks/node_modules/.installed: benchmarks/package.json benchmarks/package-lock.json | npm-command
	cd benchmarks && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Build time, page weight and Lighthouse against the performance budget; writes benchmarks/RESULTS.md.
bench: $(VENV)/.test-installed test-system-packages benchmarks/node_modules/.installed
	$(PYTHON) benchmarks/bench.py

clean:
	rm -rf site $(VENV) .pytest_cache tests/.pytest_cache tests/node_modules benchmarks/node_modules benchmarks/.work
