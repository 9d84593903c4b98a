# Rollout Lab. On a fresh clone, `make demo` runs the main job and `make test` the tests;
# both install what they need.
SHELL := /bin/bash
NPM ?= npm
OUT ?= reports/demo

.PHONY: deps tools setup build demo test lint format bench schema clean

# npm packages as locked (better-sqlite3 builds from source: about a minute the first
# time). `npm install`, not `npm ci`: npm 11 leaves other platforms' optional packages
# out of the lock file, which `npm ci` then rejects.
node_modules/.installed: package.json package-lock.json
	$(NPM) install --no-audit --no-fund
	@touch $@

deps: node_modules/.installed

# System tools the tests use: chromium, prometheus (Debian) and k6 (Go), when missing.
tools:
	scripts/install-tools.sh

setup: deps tools

build: deps
	$(NPM) run -s build

# Every shipped scenario × every strategy, 200 trials each, on the simulated backend.
demo: build
	node bin/rollout-lab.js run scenarios/*.yaml --out $(OUT)

test: setup
	node scripts/test.mjs

lint: deps
	npx biome check .
	$(NPM) run -s typecheck

format: deps
	npx biome format --write .

bench: build
	node bench/run.mjs

schema: deps
	$(NPM) run -s schema

clean:
	rm -rf dist .tmp reports/demo
