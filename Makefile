# pidtop — run `make help` for the targets.
GO      ?= go
BIN     ?= bin/pidtop
PKGS    ?= ./...
FUZZTIME ?= 20s

.PHONY: help build run test bench cross lint fuzz stress race fixtures clean install uninstall release release-check deb-check

help: ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  %-14s %s\n", $$1, $$2}'

# TARGETS are the platforms make cross checks and make release builds.
TARGETS ?= linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 freebsd/amd64 windows/amd64 windows/arm64

# VERSION is stamped into the binary: the tag or commit, -dirty with changes.
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)

build: ## build bin/pidtop for this machine: static (no cgo), version stamped
	CGO_ENABLED=0 $(GO) build -ldflags "-X main.version=$(VERSION)" -o $(BIN) ./cmd/pidtop

run: build ## build and start the interactive viewer
	./$(BIN)

test: ## vet, then every test (unit, fixtures, fuzz seeds, real /proc, tmux end-to-end)
	$(GO) vet $(PKGS)
	$(GO) test -count=1 $(PKGS)

bench: ## Go benchmarks of the collector and parsers (ns/op, allocs/op)
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

cross: ## build for linux, darwin (amd64, arm64), freebsd, windows (amd64, arm64) without cgo
	@set -e; for t in $(TARGETS); do \
		echo "cross $$t"; CGO_ENABLED=0 GOOS=$${t%/*} GOARCH=$${t#*/} $(GO) build -o /dev/null ./cmd/pidtop; \
		CGO_ENABLED=0 GOOS=$${t%/*} GOARCH=$${t#*/} $(GO) vet $(PKGS); done

lint: ## gofmt and go vet
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet $(PKGS)

fuzz: ## run every Fuzz* target for FUZZTIME each
	@set -e; for p in $$($(GO) list $(PKGS)); do \
		for f in $$($(GO) test -list '^Fuzz' $$p | grep '^Fuzz' || true); do \
			echo "fuzz $$p $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$p; done; done

stress: ## scale, churn, soak and fault scenarios at full size (test/stress), a table at the end (minutes)
	@mkdir -p bin
	$(GO) test -c -o bin/stress.test ./test/stress
	PIDTOP_STRESS=full ./bin/stress.test -test.timeout 90m

race: ## the tests again under the race detector, three times
	$(GO) test -race -count=3 $(PKGS)

fixtures: ## copy fresh /proc fixtures from this machine into internal/procfs/testdata/live
	$(GO) run ./internal/procfs/testdata/mkfixtures internal/procfs/testdata/live

clean: ## remove build output
	rm -rf bin dist

# Where make install puts things: DESTDIR is a staging root (packagers), PREFIX
# the installed prefix.
PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR      = $(DESTDIR)$(PREFIX)/bin
MANDIR      = $(DESTDIR)$(PREFIX)/share/man/man1
BASHCOMPDIR = $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  = $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISHCOMPDIR = $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d

install: build ## install pidtop, its man page and bash/zsh/fish completions under DESTDIR PREFIX (/usr/local)
	install -d $(BINDIR) $(MANDIR) $(BASHCOMPDIR) $(ZSHCOMPDIR) $(FISHCOMPDIR)
	install -m 755 $(BIN) $(BINDIR)/pidtop
	./$(BIN) --generate=man >$(MANDIR)/pidtop.1
	./$(BIN) --generate=bash >$(BASHCOMPDIR)/pidtop
	./$(BIN) --generate=zsh >$(ZSHCOMPDIR)/_pidtop
	./$(BIN) --generate=fish >$(FISHCOMPDIR)/pidtop.fish
	chmod 644 $(MANDIR)/pidtop.1 $(BASHCOMPDIR)/pidtop $(ZSHCOMPDIR)/_pidtop $(FISHCOMPDIR)/pidtop.fish

uninstall: ## remove what make install installed (same DESTDIR, PREFIX)
	rm -f $(BINDIR)/pidtop $(MANDIR)/pidtop.1 $(BASHCOMPDIR)/pidtop $(ZSHCOMPDIR)/_pidtop $(FISHCOMPDIR)/pidtop.fish

release: ## dist/: the seven static binaries, version stamped, .debs, SHA256SUMS; reproducible
	VERSION=$(VERSION) GO=$(GO) TARGETS="$(TARGETS)" ./scripts/release.sh

release-check: ## build the release twice (the second from an empty cache) and compare the checksums
	VERSION=$(VERSION) GO=$(GO) TARGETS="$(TARGETS)" ./scripts/release-check.sh

deb-check: ## as root: dpkg -i the .deb from make release, run pidtop -V, dpkg -r it
	./scripts/deb-check.sh

.PHONY: test-windows bench-anchors bench-idle e2e
test-windows: ## Windows tests under Wine (installs wine64 + mingw, ~1 GB; see docs/windows.md)
	./scripts/test-windows.sh

bench-anchors: ## pidtop vs htop, btop, top side by side at N processes (make bench-anchors N=5000)
	./bench/anchors.sh $(or $(N),1000)

bench-idle: ## pidtop's wakeups and CPU at idle, RUNS fresh starts (make bench-idle RUNS=5)
	./bench/idle.sh $(or $(RUNS),5)
