# fu — customer follow-up filters.  See README.md.
PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  ?= $(PREFIX)/share/zsh/vendor-completions
FISHCOMPDIR ?= $(PREFIX)/share/fish/vendor_completions.d

CC      ?= cc
CFLAGS  ?= -O2 -g
override CFLAGS += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Isrc
LDLIBS  += -lcsv -lpcre2-8 -lnlopt -lm

# One thin program per src/fu-*.c; everything under src/lib is libfu.a.
PROGS   := $(patsubst src/%.c,%,$(wildcard src/fu-*.c))
LIBSRC  := $(wildcard src/lib/*.c)
LIBOBJ  := $(LIBSRC:.c=.o)
HEADERS := src/fu.h $(wildcard src/lib/*.h)
MAN1    := $(wildcard man/*.1)
MAN7    := $(wildcard man/*.7)

all: $(PROGS)

# Per-program extra rules (generated sources, test data) live in mk/*.mk.
-include $(wildcard mk/*.mk)

libfu.a: $(LIBOBJ)
	$(AR) rcs $@ $(LIBOBJ)

src/lib/%.o: src/lib/%.c $(HEADERS)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

fu-%: src/fu-%.c libfu.a $(HEADERS)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< libfu.a $(LDLIBS)

# Test-only helper programs (tests/tools/*.c), e.g. the Mustache spec driver.
TESTTOOLS := $(patsubst tests/tools/%.c,tests/tools/%,$(wildcard tests/tools/*.c))
tests/tools/%: tests/tools/%.c libfu.a $(HEADERS)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< libfu.a $(LDLIBS) -ljansson

check: all $(TESTTOOLS)
	@PATH="$(CURDIR):$$PATH" sh tests/run.sh

# The whole example pipeline on examples/.
demo: all
	@PATH="$(CURDIR):$$PATH" sh examples/pipeline.sh

bench: all
	@PATH="$(CURDIR):$$PATH" sh bench/run.sh

lint:
	mandoc -Tlint -W warning $(MAN1) $(MAN7)
	cppcheck --quiet --enable=warning,performance,portability --error-exitcode=1 -Isrc src

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man7 \
	  $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(FISHCOMPDIR)
	$(if $(PROGS),install -m 755 $(PROGS) $(DESTDIR)$(BINDIR))
	$(if $(MAN1),install -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1)
	install -m 644 $(MAN7) $(DESTDIR)$(MANDIR)/man7
	for p in $(PROGS); do \
	  [ -f completions/$$p.bash ] && install -m 644 completions/$$p.bash $(DESTDIR)$(BASHCOMPDIR)/$$p; \
	  [ -f completions/_$$p ] && install -m 644 completions/_$$p $(DESTDIR)$(ZSHCOMPDIR)/_$$p; \
	  [ -f completions/$$p.fish ] && install -m 644 completions/$$p.fish $(DESTDIR)$(FISHCOMPDIR)/$$p.fish; \
	done; true

uninstall:
	for p in $(PROGS); do \
	  rm -f $(DESTDIR)$(BINDIR)/$$p $(DESTDIR)$(MANDIR)/man1/$$p.1 \
	    $(DESTDIR)$(BASHCOMPDIR)/$$p $(DESTDIR)$(ZSHCOMPDIR)/_$$p $(DESTDIR)$(FISHCOMPDIR)/$$p.fish; \
	done
	rm -f $(DESTDIR)$(MANDIR)/man7/fu.7

clean:
	rm -f $(PROGS) libfu.a src/lib/*.o $(TESTTOOLS)
	rm -rf tests/out

.PHONY: all check demo bench lint install uninstall clean
