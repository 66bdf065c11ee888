# Gymbox developer commands. `make test` is the whole suite (what CI runs).
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
CARGO ?= cargo

.PHONY: run test deps lint rust fuzz web web-check web-test e2e packaging openapi

## Run the server on its embedded defaults (127.0.0.1:8080, ./gymbox-data).
run:
	$(CARGO) run --release -- serve

## Everything: lint, Rust tests, API fuzzing, web build check, web unit tests, browser
## end-to-end tests, packaging checks.
test: deps lint rust fuzz web-check web-test e2e packaging
	@echo "all test suites passed"

## System packages the suite needs (Debian): Chromium for e2e, systemd-analyze for the unit check.
deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v systemd-analyze >/dev/null || missing="$$missing systemd"; \
	command -v curl >/dev/null || missing="$$missing curl"; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

lint:
	$(CARGO) fmt --check
	$(CARGO) clippy --all-targets --locked -- -D warnings

rust:
	$(CARGO) test --locked

## Rebuild web-dist/ from web/ and fail if the committed bundle differs.
## Fuzz the live API from its OpenAPI document (schemathesis from PyPI; bounded, fixed seed):
## no 5xx, no response outside the document, signed in and signed out.
fuzz:
	$(CARGO) test --locked --no-run --quiet
	scripts/fuzz.sh $(CURDIR)/target/debug/gymbox

web-check:
	cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build
	@if [ -n "$$(git status --porcelain -- web-dist web/src/api/schema.d.ts docs/openapi.json)" ]; then \
		git status --porcelain -- web-dist web/src/api/schema.d.ts docs/openapi.json; \
		echo "web-dist/ differs from a fresh build of web/: run 'cd web && npm run build' and commit web-dist/"; \
		exit 1; \
	fi

web-test:
	cd web && npm test

e2e:
	$(CARGO) test --locked --no-run --quiet
	cd web && GYMBOX_BIN=$(CURDIR)/target/debug/gymbox npm run e2e

## Debian package (built around the debug binary) through lintian, the Dockerfile through
## hadolint, the Kubernetes manifests through offline schema validation, the Grafana dashboard
## against the server's /metrics (scripts/check-packaging.sh; installs its tools).
packaging:
	$(CARGO) test --locked --no-run --quiet
	scripts/check-packaging.sh $(CURDIR)/target/debug/gymbox

## Regenerate docs/openapi.json from the server.
openapi:
	$(CARGO) run --quiet -- openapi > docs/openapi.json
