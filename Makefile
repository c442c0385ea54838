# Makefile: builds okra and its tests; `make run` and `make check` are the two ways in.
#
#   make            build build/release/okra
#   make run        install deps, build, load the demo into ./okra.db if empty, show it
#   make check      install deps, check the house style, build (release and ASan+UBSan), run
#                   every test suite
#   make check-src  the house style (scripts/check-src: format, banned functions, widths, raw
#                   HTML, includes, READMEs, lengths), after its own self-test
#   make memcheck   the unit binaries and the CLI suites under valgrind memcheck
#   make man        the man pages and the bash/zsh completion, from the option tables
#   make deb        okra_VERSION_ARCH.deb in build/ (scripts/mkdeb; version from git describe)
#   make install    copy the binary, the man pages and the completion under $(PREFIX)
#   make clean      remove build/

CC ?= cc
PREFIX ?= /usr/local
MODE ?= release
O := build/$(MODE)
PKGS := sqlite3 libpq jansson libsodium libmicrohttpd libcmark-gfm libcurl zlib cjose

ifeq ($(MODE),asan)
MODE_CFLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
MODE_LDFLAGS := -fsanitize=address,undefined
else
MODE_CFLAGS := -O2 -g
MODE_LDFLAGS :=
endif

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS := -std=c17 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat=2 -Wcast-qual -Wno-missing-field-initializers \
	-D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Isrc $(PKG_CFLAGS) $(MODE_CFLAGS) $(EXTRA_CFLAGS)
LDFLAGS := $(MODE_LDFLAGS) $(EXTRA_LDFLAGS)
LIBS := $(PKG_LIBS) -lm

# One archive per layer; a unit test links only its own layer and those below it, so a
# dependency arrow pointing the wrong way (core calling store, say) fails to link.
LAYERS := util core store app source notify sso sync http cli
deps_util := util
deps_core := core util
deps_store := store core util
deps_app := app store core util
# source: KRs that measure themselves: a Prometheus or JSON URL read (util/fetch), a query on an
# outside PostgreSQL (libpq), recorded through app; below notify, whose scheduler reads them.
deps_source := source app store core util
# notify: sending the reminders (libcurl), between app and the interfaces.
deps_notify := notify source app store core util
# sso: single sign-on (OpenID Connect): the provider's documents fetched (libcurl) and its ID
# tokens checked (libcjose), between app and the server that signs people in with it.
deps_sso := sso app store core util
# sync: okra sync (the forges' REST APIs through util/fetch), between app and the CLI and server.
deps_sync := sync app store core util
deps_http := http sso source app store core util
deps_cli := cli http sso sync notify source app store core util
# Assets compiled into the binary: the OpenAPI document is served from memory.
GEN_http := $(O)/gen/openapi.o $(O)/gen/okra_css.o $(O)/gen/okra_js.o
layer_objs = $(patsubst %.c,$(O)/%.o,$(sort $(wildcard src/$(1)/*.c))) $(GEN_$(1))
layer_libs = $(foreach l,$(deps_$(1)),$(O)/lib$(l).a)

UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_NAMES := $(UNIT_SRC:tests/unit/%.c=%)
UNIT_BIN := $(UNIT_NAMES:%=$(O)/tests/%)
CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null)

OKRA := build/release/okra

# The version, from git describe (scripts/version): okra --version, the man pages, the package.
VERSION := $(shell scripts/version)
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)

# Quiet by default, like git's build; V=1 shows every command.
ifneq ($(V),1)
QUIET_CC = @echo "   CC $(MODE) $<";
QUIET_LINK = @echo " LINK $(MODE) $@";
endif

.PHONY: all run check install clean deps unit both man deb
.DELETE_ON_ERROR:

all: $(O)/okra

$(O)/okra: $(O)/src/main.o $(call layer_libs,cli)
	$(QUIET_LINK)$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

define layer_rule
$(O)/lib$(1).a: $(call layer_objs,$(1))
	@rm -f $$@
	@ar rcs $$@ $$^
endef
$(foreach l,$(LAYERS),$(eval $(call layer_rule,$(l))))

# Only cli.c says the version; its header is rewritten only when the version changes.
$(O)/gen/version.h: FORCE
	@mkdir -p $(dir $@)
	@printf '#define OKRA_VERSION "%s"\n' '$(VERSION)' >$@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi
$(O)/src/cli/cli.o: $(O)/gen/version.h
$(O)/src/cli/cli.o: CFLAGS += -include $(O)/gen/version.h
.PHONY: FORCE
FORCE:

$(O)/%.o: %.c
	@mkdir -p $(dir $@)
	$(QUIET_CC)$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<

$(O)/gen/openapi.c: docs/openapi.json scripts/embed
	@mkdir -p $(dir $@)
	@scripts/embed openapi_json $< >$@

$(O)/gen/okra_css.c: web/okra.css scripts/embed
	@mkdir -p $(dir $@)
	@scripts/embed okra_css $< >$@

$(O)/gen/okra_js.c: web/okra.js scripts/embed
	@mkdir -p $(dir $@)
	@scripts/embed okra_js $< >$@

$(O)/gen/%.o: $(O)/gen/%.c
	$(QUIET_CC)$(CC) $(CFLAGS) -c -o $@ $<

unit: $(UNIT_BIN)

# tests/unit/test_LAYER_what.c links against LAYER and below.
define unit_rule
$(O)/tests/$(1): $(O)/tests/unit/$(1).o $(call layer_libs,$(2))
	@mkdir -p $$(dir $$@)
	$$(QUIET_LINK)$$(CC) $$(LDFLAGS) -o $$@ $$^ $$(LIBS) $$(CMOCKA_LIBS)
endef
$(foreach t,$(UNIT_NAMES),$(eval $(call unit_rule,$(t),$(word 2,$(subst _, ,$(t))))))

include fuzz/fuzz.mk

-include $(shell find $(O) -name '*.d' 2>/dev/null)

deps:
	@scripts/install-deps

# Both builds, each its own make so MODE picks its flags.
both:
	@$(MAKE) --no-print-directory MODE=release all unit
	@$(MAKE) --no-print-directory MODE=asan all unit

# The demo people all sign in with DEMO_PASSWORD (a local demo, not a secret).
DEMO_PASSWORD ?= okra-demo-password
run: deps
	@$(MAKE) --no-print-directory MODE=release all
	@$(OKRA) --db okra.db demo --if-empty --password $(DEMO_PASSWORD)
	@$(OKRA) --db okra.db tree
	@echo "Open http://127.0.0.1:8080/ and sign in as alex (admin), sam (leader) or pat (member)"
	@echo "with the password $(DEMO_PASSWORD). Ctrl-C stops the server."
	@$(OKRA) --db okra.db serve --listen 127.0.0.1:8080

check: deps
	@$(MAKE) --no-print-directory check-src
	@$(MAKE) --no-print-directory both
	@tests/run

# The checker first proves it still flags a tree of bad files, then checks this one.
.PHONY: check-src
check-src:
	@scripts/check-src --self-test
	@scripts/check-src

# Valgrind on the release build (-O2 -g, no sanitizer: ASan and valgrind do not mix). Slow:
# make check runs only the unit part; this runs the unit and the CLI parts.
.PHONY: memcheck
memcheck: deps
	@$(MAKE) --no-print-directory MODE=release all unit
	@nice tests/memcheck/run unit cli

# docs/screenshots/*.png from the demo (OKRA_NOW=2026-11-23) in a headless Chromium.
.PHONY: screenshots
screenshots: deps
	@$(MAKE) --no-print-directory MODE=release all
	@OKRA=$(OKRA) scripts/screenshots

install: all man
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/man/man5 $(DESTDIR)$(PREFIX)/share/bash-completion/completions \
		$(DESTDIR)$(PREFIX)/share/zsh/site-functions
	install -m 755 $(O)/okra $(DESTDIR)$(PREFIX)/bin/okra
	install -m 644 $(O)/doc/man/*.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 644 $(O)/doc/man/*.5 $(DESTDIR)$(PREFIX)/share/man/man5/
	install -m 644 $(O)/doc/completion/okra $(DESTDIR)$(PREFIX)/share/bash-completion/completions/
	install -m 644 $(O)/doc/completion/_okra $(DESTDIR)$(PREFIX)/share/zsh/site-functions/

# The man pages and completions are made by running the binary (okra __describe), so they
# say exactly what its option tables do.
man: $(O)/doc/.made
$(O)/doc/.made: $(O)/okra scripts/gen-docs
	@scripts/gen-docs $(O)/okra $(O)/doc
	@touch $@

# The package, with Debian's tools, from a build of its own (build/deb) with Debian's
# hardening flags (dpkg-buildflags: fortify, stack protector, relro, bindnow).
deb: export DEB_BUILD_MAINT_OPTIONS = hardening=+all
deb:
	@$(MAKE) --no-print-directory MODE=deb all \
		EXTRA_CFLAGS="$$(dpkg-buildflags --get CFLAGS) $$(dpkg-buildflags --get CPPFLAGS)" \
		EXTRA_LDFLAGS="$$(dpkg-buildflags --get LDFLAGS)"
	@scripts/mkdeb build/deb/okra build

clean:
	rm -rf build

# make bench: S and L companies, okra next to nginx under wrk; appends to bench/RESULTS.md.
.PHONY: bench
bench:
	scripts/install-deps bench
	$(MAKE) MODE=release build/release/okra
	bench/run $(BENCH_SIZES)
