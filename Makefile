# Mitwirken — the two commands of the README: `make run` and `make test`.
# Every tool the build needs is installed from here (pinned), never by hand.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

# Pinned tool versions. wasm-bindgen must equal the crate version in Cargo.lock.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/{getline; gsub(/"/,"",$$3); print $$3; exit}' Cargo.lock)
export PATH := $(CURDIR)/end2end/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# The debug build (`make run`, the tests) and the release build (`make build`) keep their
# assets apart, so building one never deletes the files of a running other.
SITE_DEBUG := target/site-debug
SITE_RELEASE := target/site

.PHONY: run test build tools system-deps node-deps site site-release seed test-rust test-e2e bench bench-deps clean

## ---- tools -------------------------------------------------------------------
tools: ## Rust target and wasm-bindgen CLI matching Cargo.lock
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@if [ "$$(wasm-bindgen --version 2>/dev/null | awk '{print $$2}')" != "$(WASM_BINDGEN_VERSION)" ]; then \
	  echo "Installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (about 3 minutes, once)"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); fi

system-deps: ## Debian packages for the browser tests and the SMTP catcher
	@if ! command -v chromium >/dev/null || ! /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null; then \
	  echo "Installing chromium, chromium-driver, python3-aiosmtpd from Debian"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium chromium-driver python3-aiosmtpd >/dev/null; fi

node-deps: end2end/node_modules/.installed ## Playwright, axe-core, binaryen (wasm-opt)
end2end/node_modules/.installed: end2end/package.json end2end/package-lock.json
	cd end2end && npm ci --no-audit --no-fund
	touch $@

## ---- site (CSS, JS, WASM) ----------------------------------------------------
# $(1): cargo profile for the WASM, $(2): its target dir name, $(3): dir of the binary,
# $(4): the site dir. Only the islands are compiled into the WASM (Leptos islands mode);
# islands.js loads it on pages that have one with work to do.
define build_site
	cargo build -p hydrate --lib --target wasm32-unknown-unknown --profile $(1)
	rm -rf target/wasm-bindgen-$(2) $(4)/pkg && mkdir -p $(4)/pkg
	wasm-bindgen --target web --no-typescript --out-dir target/wasm-bindgen-$(2) --out-name mitwirken \
	  target/wasm32-unknown-unknown/$(2)/hydrate.wasm
	$(if $(filter wasm-release,$(1)),wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
	  target/wasm-bindgen-$(2)/mitwirken_bg.wasm -o target/wasm-bindgen-$(2)/mitwirken_bg.wasm,)
	@out=target/wasm-bindgen-$(2); pkg=$(4)/pkg; \
	js=$$(sha256sum $$out/mitwirken.js | cut -c1-16); \
	wasm=$$(sha256sum $$out/mitwirken_bg.wasm | cut -c1-16); \
	css=$$(cat style/*.css | sha256sum | cut -c1-16); \
	islands=$$(sha256sum app/hydrate/islands.js | cut -c1-16); \
	cp $$out/mitwirken.js $$pkg/mitwirken.$$js.js; \
	cp $$out/mitwirken_bg.wasm $$pkg/mitwirken.$$wasm.wasm; \
	cp app/hydrate/islands.js $$pkg/islands.$$islands.js; \
	if [ -d $$out/snippets ]; then cp -r $$out/snippets $$pkg/; fi; \
	cat style/*.css > $$pkg/mitwirken.$$css.css; \
	mkdir -p $(3); printf 'js: %s\nwasm: %s\ncss: %s\nislands: %s\n' $$js $$wasm $$css $$islands > $(3)/hash.txt
	$(if $(filter wasm-release,$(1)),$(call PRECOMPRESS,$(4)/pkg),)
endef

# Brotli (quality 11) and gzip copies beside each asset, served as they are: smaller
# than compressing on the fly, and no CPU spent per request. Node's zlib does both.
PRECOMPRESS = node -e 'const z=require("zlib"),fs=require("fs"),d=process.argv[1]; \
  for (const f of fs.readdirSync(d).filter(f=>/\.(js|wasm|css)$$/.test(f))) { const b=fs.readFileSync(d+"/"+f); \
  fs.writeFileSync(d+"/"+f+".br", z.brotliCompressSync(b,{params:{[z.constants.BROTLI_PARAM_QUALITY]:11}})); \
  fs.writeFileSync(d+"/"+f+".gz", z.gzipSync(b,{level:9})); }' $(1)

site: tools
	$(call build_site,dev,debug,target/debug,$(SITE_DEBUG))

site-release: tools node-deps
	$(call build_site,wasm-release,wasm-release,target/release,$(SITE_RELEASE))

## ---- the README's commands ---------------------------------------------------
build: site-release ## target/release/mitwirken + target/site (the debug build keeps target/site-debug)
	cargo build --release -p server

run: site ## set up everything, load the demo data, serve on 127.0.0.1:3000
	cargo build -p server
	./target/debug/mitwirken seed-demo
	@echo
	@echo "  Mitwirken: http://127.0.0.1:3000   (second tenant: http://hessen.localhost:3000)"
	@echo "  Demo logins (password for all: mitwirken-demo-2026):"
	@echo "    admin@sachsen.example  staff@sachsen.example  moderation@sachsen.example  buerger@sachsen.example"
	@echo "    admin@hessen.example   staff@hessen.example   moderation@hessen.example   buerger@hessen.example"
	@echo "  Mails are written to data/mail/."
	@echo
	./target/debug/mitwirken serve

test: tools system-deps node-deps ## every test: Rust on SQLite (+PostgreSQL), Playwright with and without JS
	bash .ci/test-all

test-rust: tools
	cargo test -p app -p server -p migration --features app/ssr

test-e2e: site node-deps
	cargo build -p server
	cd end2end && npx playwright test

## ---- benchmarks (print their figures) ---------------------------------------
bench-deps: ## Debian's nginx-light and wrk: the page benchmark's yardstick and load generator
	@if ! command -v nginx >/dev/null || ! command -v wrk >/dev/null; then \
	  echo "Installing nginx-light and wrk from Debian"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nginx-light wrk >/dev/null; fi

bench: system-deps bench-deps ## mails through the outbox to SMTP, a digest for 100,000 subscribers, the procedure page against nginx, co-signing a petition
	cargo bench -p server --bench mail
	cargo bench -p server --bench page
	cargo bench -p server --bench signing

clean:
	rm -rf $(SITE_DEBUG) $(SITE_RELEASE) target/wasm-bindgen-* data
