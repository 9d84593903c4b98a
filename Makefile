# Rollout Lab. `make demo` and `make test` are the two commands a fresh clone needs.
SHELL := /bin/bash
NPM ?= npm

.PHONY: setup build demo test lint format bench clean

node_modules/.installed: package.json package-lock.json
	$(NPM) ci --no-audit --no-fund
	@touch $@

setup: node_modules/.installed

build: setup
	$(NPM) run -s build

demo: build
	node bin/rollout-lab.js run scenarios/*.yaml --out reports/demo

test: setup
	node scripts/test.mjs

lint: setup
	npx biome check .
	$(NPM) run -s typecheck

format: setup
	npx biome format --write .

bench: build
	node bench/run.mjs

clean:
	rm -rf dist reports/demo .tmp
