# SupplyPlanner: everything a fresh Debian machine needs, from the project's own files.
#   make run    install what is missing, build (release), plan the sample peak-season scenario
#   make test   install what is missing, run every test (real GLPK, real embedded PostgreSQL)
#   make lint   check the formatting (swift-nio's .swift-format); make format applies it
#   make fuzz   build the libFuzzer targets (Fuzz/, docs/fuzzing.md) and run each for FUZZ_SECONDS (default 60)
#   make slurm  a one-node Slurm cluster (slurm-wlm, munge; installed if missing, as root) runs sharded plans of the
#               sample and of a generated data set and checks each merged run against the unsharded run (deploy/slurm)
#   make bench  forecast 100,000 SKUs x 3 years, then `planner plan` 10,000 SKUs / 50,000 lines, then allocation of a generated peak day at 2,000 / 20,000 / 200,000 lines (docs/benchmarks.md)

SWIFT ?= $(shell command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)
DEBIAN_PACKAGES := libglpk-dev libpq-dev libssl-dev postgresql
# Only `make test` needs these: the report test renders the HTML report in a real headless browser.
TEST_DEBIAN_PACKAGES := chromium fonts-dejavu-core
RELEASE_BIN := .build/release/planner
SCENARIO ?= Scenarios/peak-season.yaml

FUZZ_SECONDS ?= 60
FUZZ_TARGETS := fuzz-csv fuzz-scenario fuzz-policy

.PHONY: deps test-deps build release run test lint format fuzz slurm bench clean

# Installs the Debian packages named in $(1) that are missing (as root; otherwise prints the command).
define install_debian_packages
	@missing=""; \
	for package in $(1); do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else \
	    echo "Missing Debian packages:$$missing"; \
	    echo "Install them with: sudo apt-get update && sudo apt-get install -y$$missing"; \
	    exit 1; \
	  fi; \
	fi
endef

deps:
	$(call install_debian_packages,$(DEBIAN_PACKAGES))
	@test -x "$(SWIFT)" || { echo "Swift not found: install a Swift 6 toolchain (swift.org) and put it on PATH"; exit 1; }

# The browser the report test renders in (Debian's chromium; the test finds it as `chromium` on PATH).
test-deps: deps
	$(call install_debian_packages,$(TEST_DEBIAN_PACKAGES))

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product planner

run: release
	$(RELEASE_BIN) plan $(SCENARIO) --out out/$(notdir $(basename $(SCENARIO)))
	@echo
	@echo "CSV files: out/$(notdir $(basename $(SCENARIO)))/   Database URL: $$($(RELEASE_BIN) db url)"
	@echo "Look at the runs: psql \"$$($(RELEASE_BIN) db url)\" -c 'select run_id, kind, scenario, status, finished_at from planner.runs order by run_id'"

test: test-deps lint
	$(SWIFT) build --build-tests
	$(SWIFT) test

# Style: swift-nio's .swift-format (4 spaces, 120 columns). `make format` rewrites, `make lint` checks.
lint:
	$(SWIFT) format lint --strict --recursive --parallel Sources Tests Package.swift Fuzz/Sources Fuzz/Package.swift

format:
	$(SWIFT) format --in-place --recursive --parallel Sources Tests Package.swift Fuzz/Sources Fuzz/Package.swift

# libFuzzer with AddressSanitizer: a package of its own (Fuzz/), linked with lld; each target runs for
# FUZZ_SECONDS on a copy of its seed corpus (Fuzz/Corpus/NAME) and fails on the first crash, leak or timeout,
# leaving the input that caused it in .build-fuzz/artifacts/. docs/fuzzing.md says how to turn it into a test.
fuzz: deps
	$(SWIFT) build --package-path Fuzz -c release -Xswiftc -sanitize=fuzzer,address
	@set -e; for target in $(FUZZ_TARGETS); do \
	  work=.build-fuzz/corpus/$$target; mkdir -p $$work .build-fuzz/artifacts; \
	  echo "$$target: $(FUZZ_SECONDS) s"; \
	  SWIFT_BACKTRACE=enable=no Fuzz/.build/release/$$target -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
	    -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix=.build-fuzz/artifacts/$$target- \
	    $$work Fuzz/Corpus/$$target 2> .build-fuzz/$$target.log || { tail -n 40 .build-fuzz/$$target.log; exit 1; }; \
	  grep -E "stat::number_of_executed_units|stat::peak_rss_mb" .build-fuzz/$$target.log | sed "s/^/  /"; \
	done

# docs/scale-out.md: starts its own slurmctld, slurmd and munged in a temporary folder and stops them at the end.
slurm: deps
	$(SWIFT) build --product planner
	PLANNER=.build/debug/planner deploy/slurm/local-cluster.sh

bench: release
	$(SWIFT) build -c release --product planner-bench
	.ci/bench

clean:
	rm -rf .build Fuzz/.build .build-fuzz out bench-data
