# The tutorial's commands. Each recipe sources scripts/env.sh, which sets the
# Go toolchain (go1.27.3, needed by GoMLX) and the SIMD build, so they work
# even where the Go env file pins GOTOOLCHAIN=local.
SHELL := /bin/bash
ENV := . scripts/env.sh &&
OUT ?= out

.PHONY: notebook tutorial test test-short check kernel notebooks expected vet bench fuzz

## notebook: one-step student setup: checks Go and Jupyter, installs the kernel, builds once, opens Jupyter (scripts/setup.sh)
# (No $(ENV): setup.sh checks for Go before it sources scripts/env.sh.)
notebook:
	bash scripts/setup.sh $(ARGS)

## tutorial: run every section headless with the reference solutions; figures go to $(OUT)/
tutorial:
	$(ENV) go run ./cmd/tutorial -out $(OUT)

## test: every test, notebook execution included (installs the GoNB kernel first)
test: kernel
	$(ENV) go test -count=1 -timeout 45m ./...

## test-short: the Go tests without notebook execution
test-short:
	$(ENV) go test -short -timeout 20m ./...

## check: your progress on the exercises in pkg/exercises
check:
	$(ENV) go run ./cmd/check $(ARGS)

## kernel: install gonb, goimports and the GoNB kernel spec from go.mod
kernel:
	@if command -v jupyter >/dev/null; then bash scripts/install-kernel.sh; \
	else echo "make: jupyter not found; notebook tests will be skipped (apt-get install jupyter-notebook jupyter-nbconvert)"; fi

## notebooks: regenerate notebooks/{ja,en}/{student,instructor} from notebooks/src
notebooks:
	$(ENV) go run ./cmd/nbgen

## expected: regenerate the notebooks' expected outputs (notebooks/expected) from the reference run, then the notebooks
expected:
	$(ENV) go run ./cmd/tutorial -expected notebooks/expected && go run ./cmd/nbgen

## vet: fail on unformatted Go files (listing them), then go vet
vet:
	$(ENV) unformatted="$$(gofmt -l .)"; \
	if [ -n "$$unformatted" ]; then echo "vet: gofmt needed:"; echo "$$unformatted"; exit 1; fi; \
	go vet ./...

## bench: the Go benchmarks, 3 iterations each
bench:
	$(ENV) go test -run XXX -bench . -benchtime 3x ./pkg/...

## fuzz: run every Fuzz target in the module for $(FUZZTIME) each (go test fuzzes one target at a time)
FUZZTIME ?= 10s
fuzz:
	$(ENV) for dir in $$(grep -rl --include='*_test.go' '^func Fuzz' . | xargs -n1 dirname | sort -u); do \
	  for target in $$(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' $$dir/*_test.go); do \
	    echo "fuzz: $$dir $$target"; \
	    go test -run '^$$' -fuzz "^$$target$$" -fuzztime $(FUZZTIME) $$dir || exit 1; \
	  done; \
	done
