# fuzz/fuzz.mk: libFuzzer harnesses (clang, ASan+UBSan) over okra's parsers; `make fuzz`, fuzz/smoke.
#
#   make fuzz-build   build/fuzz/fuzz_<name> for every fuzz/fuzz_<name>.c
#   make fuzz         each harness for FUZZ_RUNS executions; figures into fuzz/RESULTS.md
#
# The sources are compiled again with clang and the fuzzer's coverage hooks, into one
# archive (the layer arrows are checked by the normal build, not here).

FUZZ_CC := clang
FUZZ_O := build/fuzz
FUZZ_RUNS ?= 1000000
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS := -std=c17 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat=2 -Wcast-qual \
	-Wno-missing-field-initializers -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Isrc \
	$(PKG_CFLAGS) -g -O1 -fsanitize=fuzzer-no-link $(FUZZ_SAN)
FUZZ_SRC := $(sort $(wildcard $(foreach l,$(LAYERS),src/$(l)/*.c)))
FUZZ_OBJS := $(FUZZ_SRC:%.c=$(FUZZ_O)/%.o) $(FUZZ_O)/gen/openapi.o $(FUZZ_O)/gen/okra_css.o \
	$(FUZZ_O)/gen/okra_js.o
FUZZ_NAMES := $(sort $(patsubst fuzz/fuzz_%.c,%,$(wildcard fuzz/fuzz_*.c)))
FUZZ_BIN := $(FUZZ_NAMES:%=$(FUZZ_O)/fuzz_%)

ifneq ($(V),1)
FUZZ_QUIET_CC = @echo "   CC fuzz $<";
FUZZ_QUIET_LINK = @echo " LINK fuzz $@";
endif

.PHONY: fuzz fuzz-build
.SECONDARY: $(FUZZ_NAMES:%=$(FUZZ_O)/fuzz_%.o)
fuzz-build: $(FUZZ_BIN)

# The slow ones (a store, a server) first, so that FUZZ_JOBS=2 finishes sooner;
# FUZZ_TARGETS="a b" runs only those.
FUZZ_SLOW := import_json http
FUZZ_TARGETS ?= $(filter $(FUZZ_SLOW),$(FUZZ_NAMES)) $(filter-out $(FUZZ_SLOW),$(FUZZ_NAMES))
fuzz: fuzz-build
	nice fuzz/run $(FUZZ_RUNS) $(FUZZ_TARGETS)

$(FUZZ_O)/libokra.a: $(FUZZ_OBJS)
	@rm -f $@
	@ar rcs $@ $^

$(FUZZ_O)/src/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_QUIET_CC)$(FUZZ_CC) $(FUZZ_CFLAGS) -MMD -MP -c -o $@ $<

$(FUZZ_O)/gen/openapi.c: docs/openapi.json scripts/embed
	@mkdir -p $(dir $@)
	@scripts/embed openapi_json $< >$@

$(FUZZ_O)/gen/okra_css.c: web/okra.css scripts/embed
	@mkdir -p $(dir $@)
	@scripts/embed okra_css $< >$@

$(FUZZ_O)/gen/okra_js.c: web/okra.js scripts/embed
	@mkdir -p $(dir $@)
	@scripts/embed okra_js $< >$@

$(FUZZ_O)/gen/%.o: $(FUZZ_O)/gen/%.c
	$(FUZZ_QUIET_CC)$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ_O)/fuzz_%.o: fuzz/fuzz_%.c
	@mkdir -p $(dir $@)
	$(FUZZ_QUIET_CC)$(FUZZ_CC) $(FUZZ_CFLAGS) -Ifuzz -MMD -MP -c -o $@ $<

$(FUZZ_O)/fuzz_%: $(FUZZ_O)/fuzz_%.o $(FUZZ_O)/libokra.a
	$(FUZZ_QUIET_LINK)$(FUZZ_CC) -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $^ $(LIBS)

-include $(shell find $(FUZZ_O) -name '*.d' 2>/dev/null)
