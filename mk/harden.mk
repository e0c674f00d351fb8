# Hardening (issue 12): the suite under ASan+UBSan and under valgrind, and the
# libFuzzer targets of tests/fuzz.  Every build here goes to build/, so the
# normal build in the checkout is never touched (CI runs these after `make check`).
#
#   make asan                 the whole suite, sanitized, in a copy under build/asan
#   make valgrind             the data-driven cases under memcheck
#   make fuzz FUZZ=x FUZZTIME=s   one libFuzzer target for s seconds
#   make fuzz-smoke           every target for FUZZSMOKE seconds (CI)
#   make fuzz-merge FUZZ=x    minimise build/fuzz/corpus-x into tests/fuzz/seeds/x

# ---- ASan + UBSan ----------------------------------------------------------
# The tree is copied to build/asan and built there from scratch with the
# sanitizers; reports go to files (not stderr, which the cases compare), and
# any report fails the run, whatever the test's own verdict.
SAN_CC    ?= clang
SAN_DIR   := build/asan
SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer

asan:
	rm -rf $(SAN_DIR)
	mkdir -p $(SAN_DIR)/reports
	tar -cf - --exclude=./build --exclude-vcs --exclude='*.o' --exclude=./libfu.a \
	  --exclude=./bench/data --exclude='./tests/fuzz/bin' $(addprefix --exclude=./,$(PROGS)) . \
	  | tar -xf - -C $(SAN_DIR)
	$(MAKE) -C $(SAN_DIR) clean
	$(MAKE) -C $(SAN_DIR) -j2 CC=$(SAN_CC) CFLAGS="$(SAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" check-build
	ASAN_OPTIONS=log_path=$(abspath $(SAN_DIR))/reports/asan:detect_leaks=1:abort_on_error=0 \
	UBSAN_OPTIONS=log_path=$(abspath $(SAN_DIR))/reports/ubsan:print_stacktrace=1:halt_on_error=1 \
	  $(MAKE) -C $(SAN_DIR) CC=$(SAN_CC) CFLAGS="$(SAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" check
	@if [ -n "$$(ls $(SAN_DIR)/reports)" ]; then \
	  for f in $(SAN_DIR)/reports/*; do echo "== $$f"; head -60 "$$f"; done; \
	  echo "asan: sanitizer reports in $(SAN_DIR)/reports"; exit 1; fi
	@echo "asan: no sanitizer report"

# ---- valgrind memcheck -----------------------------------------------------
# Each program is wrapped so that the cases call it under memcheck; every
# error and every definite leak lands in a log, and a non-empty log fails.
# The subset: the data-driven cases (the scripts' large inputs would take
# minutes under valgrind, and make asan covers them).
VG_DIR := build/valgrind
VG_SUBSET ?= fu-
valgrind: all $(patsubst tests/tools/%.c,tests/tools/%,$(wildcard tests/tools/*.c))
	rm -rf $(VG_DIR)
	mkdir -p $(VG_DIR)/bin $(addprefix $(VG_DIR)/logs/,$(PROGS))
	for p in $(PROGS); do \
	  printf '#!/bin/sh\nexec valgrind -q --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite --log-file=%s/%%p.log %s "$$@"\n' \
	    "$(abspath $(VG_DIR))/logs/$$p" "$(CURDIR)/$$p" >$(VG_DIR)/bin/$$p; \
	  chmod +x $(VG_DIR)/bin/$$p; \
	done
	PATH="$(abspath $(VG_DIR))/bin:$(CURDIR):$$PATH" sh tests/run.sh $(VG_SUBSET)
	@bad=$$(find $(VG_DIR)/logs -type f -size +0 | sort); \
	if [ -n "$$bad" ]; then for f in $$bad; do echo "== $$f"; head -60 "$$f"; done; \
	  echo "valgrind: errors or definite leaks in $(VG_DIR)/logs"; exit 1; fi; \
	echo "valgrind: $$(find $(VG_DIR)/logs -type f | wc -l) runs, no error, no definite leak"

# ---- libFuzzer ---------------------------------------------------------------
# One target per parser and grammar: tests/fuzz/NAME.c.  The library is built
# once with coverage and the sanitizers into build/fuzz/lib.  A committed,
# minimised corpus per target (with every crash or hang found, kept as a
# regression) lives in tests/fuzz/seeds/NAME; new finds go to
# build/fuzz/corpus-NAME.  tests/fuzz/NAME.dict, when there, is its dictionary.
FUZZ_CC      ?= clang
FUZZ_DIR     := build/fuzz
FUZZ_TARGETS := $(patsubst tests/fuzz/%.c,%,$(filter-out tests/fuzz/replay.c,$(wildcard tests/fuzz/*.c)))
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS  := -g -O1 -std=c11 -D_GNU_SOURCE -Isrc $(FUZZ_SAN)
FUZZ_LIBOBJ  := $(patsubst src/lib/%.c,$(FUZZ_DIR)/lib/%.o,$(LIBSRC))
FUZZ ?= csv
FUZZTIME ?= 60
FUZZSMOKE ?= 5
# per input: libFuzzer calls an input that runs longer a hang, one that
# takes more memory a crash
FUZZ_OPTS ?= -timeout=25 -rss_limit_mb=2048 -max_len=65536

$(FUZZ_DIR)/lib/%.o: src/lib/%.c $(HEADERS)
	@mkdir -p $(FUZZ_DIR)/lib
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_DIR)/libfu.a: $(FUZZ_LIBOBJ)
	rm -f $@ && $(AR) rcs $@ $(FUZZ_LIBOBJ)

$(FUZZ_DIR)/%: tests/fuzz/%.c $(wildcard tests/fuzz/*.h) $(FUZZ_DIR)/libfu.a $(HEADERS)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_DIR)/libfu.a $(LDLIBS)

fuzz-dict = $(if $(wildcard tests/fuzz/$(1).dict),-dict=tests/fuzz/$(1).dict)

fuzz: $(FUZZ_DIR)/$(FUZZ)
	mkdir -p $(FUZZ_DIR)/corpus-$(FUZZ) tests/fuzz/seeds/$(FUZZ)
	$(FUZZ_DIR)/$(FUZZ) $(FUZZ_OPTS) $(call fuzz-dict,$(FUZZ)) -max_total_time=$(FUZZTIME) \
	  -artifact_prefix=$(FUZZ_DIR)/$(FUZZ)- $(FUZZ_DIR)/corpus-$(FUZZ) tests/fuzz/seeds/$(FUZZ)

# A few seconds of each target, starting from its committed seeds (which
# replays every regression case first).
fuzz-smoke: $(addprefix $(FUZZ_DIR)/,$(FUZZ_TARGETS))
	@for t in $(FUZZ_TARGETS); do \
	  rm -rf $(FUZZ_DIR)/smoke-$$t && mkdir -p $(FUZZ_DIR)/smoke-$$t tests/fuzz/seeds/$$t; \
	  echo "fuzz-smoke: $$t ($(FUZZSMOKE)s)"; \
	  $(FUZZ_DIR)/$$t $(FUZZ_OPTS) $$(test -f tests/fuzz/$$t.dict && echo -dict=tests/fuzz/$$t.dict) \
	    -max_total_time=$(FUZZSMOKE) -print_final_stats=0 -artifact_prefix=$(FUZZ_DIR)/$$t- \
	    $(FUZZ_DIR)/smoke-$$t tests/fuzz/seeds/$$t >$(FUZZ_DIR)/smoke-$$t.log 2>&1 \
	  || { tail -60 $(FUZZ_DIR)/smoke-$$t.log; echo "fuzz-smoke: $$t FAILED"; exit 1; }; \
	  tail -1 $(FUZZ_DIR)/smoke-$$t.log; \
	done

# Minimise what a long run found, together with the seeds, into the seeds.
# The regression cases (regress-*: each a crash or hang once found) are kept
# whatever coverage they add.
fuzz-merge: $(FUZZ_DIR)/$(FUZZ)
	rm -rf $(FUZZ_DIR)/merged-$(FUZZ) && mkdir -p $(FUZZ_DIR)/merged-$(FUZZ) $(FUZZ_DIR)/corpus-$(FUZZ)
	$(FUZZ_DIR)/$(FUZZ) $(FUZZ_OPTS) -merge=1 $(FUZZ_DIR)/merged-$(FUZZ) tests/fuzz/seeds/$(FUZZ) $(FUZZ_DIR)/corpus-$(FUZZ)
	for f in tests/fuzz/seeds/$(FUZZ)/regress-*; do [ ! -f "$$f" ] || cp "$$f" $(FUZZ_DIR)/merged-$(FUZZ)/; done
	rm -rf tests/fuzz/seeds/$(FUZZ) && mv $(FUZZ_DIR)/merged-$(FUZZ) tests/fuzz/seeds/$(FUZZ)

# The same targets without libFuzzer, as plain programs that run each seed
# (tests/fuzz/replay.c): `make check` replays every seed and regression case
# with the normal compiler, and `make asan` with the sanitizers.
FUZZ_REPLAY := $(addprefix tests/fuzz/bin/,$(FUZZ_TARGETS))
tests/fuzz/bin/%: tests/fuzz/%.c tests/fuzz/replay.c $(wildcard tests/fuzz/*.h) libfu.a $(HEADERS)
	@mkdir -p tests/fuzz/bin
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< tests/fuzz/replay.c libfu.a $(LDLIBS)

check: $(FUZZ_REPLAY)

# everything `make check` runs, built (so that it can be built with -j2)
check-build: all $(patsubst tests/tools/%.c,tests/tools/%,$(wildcard tests/tools/*.c)) $(FUZZ_REPLAY)

clean: harden-clean
harden-clean:
	rm -rf tests/fuzz/bin

.PHONY: asan valgrind fuzz fuzz-smoke fuzz-merge harden-clean check-build
