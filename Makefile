# ss: a static, dependency-free ss with iproute2 6.1 output.
#
#   make                   build ./ss (after defconfig when there is no .config)
#   make defconfig | allnoconfig | allyesconfig | oldconfig | menuconfig
#   make test | test-full | bench | size
#   make install [DESTDIR=...] [PREFIX=/usr/local] [MANDIR=PREFIX/share/man]
#   make cross [ARCHES="mips arm64"] | cross-test | cross-size   (cross/README.md)
#   make clean | distclean
#
# CC is musl-gcc when it is on PATH, else cc (static when cc can link
# statically). CFLAGS_EXTRA and LDFLAGS_EXTRA add flags, LTO= turns off
# link-time optimisation, and make CC=clang SAN=1 builds with ASan and UBSan
# (-O1 -g, dynamic, not stripped) into build/san/ss, never ./ss, so that
# install cannot pick it up (make SAN=1 test tests it). A change of compiler
# or flags rebuilds everything (build/flags records them).
#
# The feature switches live in Kconfig; config/kconf.sh turns .config into
# build/config.h, which defines every CONFIG_SS_X to 0 or 1.

PREFIX ?= /usr/local
BUILD := $(if $(filter 1,$(SAN)),build/san,build)
BIN := $(if $(filter 1,$(SAN)),$(BUILD)/ss,ss)
KCONF := sh config/kconf.sh
CONFIG_TARGETS := defconfig allnoconfig allyesconfig oldconfig menuconfig

# The sanitizers need glibc's runtime: SAN=1 takes clang (or cc), never
# musl-gcc, whose binary could not load libasan.
onpath = $(wildcard $(addsuffix /$(1),$(subst :, ,$(PATH))))
ifeq ($(origin CC),default)
ifeq ($(SAN),1)
CC := $(if $(call onpath,clang),clang,cc)
else
CC := $(if $(call onpath,musl-gcc),musl-gcc,cc)
endif
endif
ifeq ($(SAN)$(findstring musl,$(notdir $(CC))),1musl)
$(error SAN=1 needs a glibc compiler (clang or cc), not $(CC))
endif
STRIP ?= strip

SS_CPPFLAGS := -D_GNU_SOURCE -Iinclude -Ilib -I. -I$(BUILD)
SS_CFLAGS := -std=c11 -Wall -Wextra

ifeq ($(SAN),1)
SS_CFLAGS += -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined
SS_LDFLAGS := -fsanitize=address,undefined
STRIP_CMD := :
else
# Every function and object in its own section, so that --gc-sections drops
# what is unused; no unwind tables, stack protector, .ident or PIE code.
# LTO lets -Os see the whole program (ss: -400 bytes); -fno-jump-tables and
# -fipa-pta take another 180 to 270 bytes off every configuration.
LTO ?= -flto
SS_CFLAGS += -Os -ffunction-sections -fdata-sections \
	-fno-asynchronous-unwind-tables -fno-unwind-tables \
	-fno-stack-protector -fno-ident -fno-pie -fno-jump-tables -fipa-pta $(LTO)
# -z norelro saves the padding RELRO puts before .data (1.8 KB of a 5 KB
# hello world); --sort-section=alignment packs sections with less padding.
# -z common-page-size=64: ld may otherwise start the data segment on a new
# 4 KiB file page to save a page of memory (the huge .bss makes that likely),
# a padding of up to 4 KB that comes and goes with unrelated changes.
# Measured and left out, no gain: -Wl,-O1, --hash-style=gnu,
# -fmerge-all-constants, -flto-partition=one, -fwhole-program, -fshort-enums,
# --sort-section=name (+40); -Wl,-N and -Wl,-n give binaries that crash.
SS_LDFLAGS = $(STATIC) -no-pie -Wl,--gc-sections -Wl,-z,noseparate-code \
	-Wl,-z,norelro -Wl,-z,common-page-size=64 -Wl,--sort-section=alignment \
	-Wl,--build-id=none -s
# strip -s leaves the .comment of crt files; musl builds also carry a lone
# 4-byte .eh_frame terminator that nothing reads (C code does not unwind).
ifneq ($(findstring musl,$(notdir $(CC))),)
STATIC := -static
STRIP_CMD := $(STRIP) -R .comment -R .eh_frame
else
# Probed at most once a run, when first used: -static if $(CC) links statically.
STATIC = $(eval STATIC := $(shell mkdir -p $(BUILD) && \
	printf 'int main(void){return 0;}\n' | \
	$(CC) -x c - -static -o $(BUILD)/.static-probe >/dev/null 2>&1 && \
	echo -static; rm -f $(BUILD)/.static-probe))$(STATIC)
STRIP_CMD := $(STRIP) -R .comment
endif
endif

SRCS := $(wildcard lib/*.c netlink/*.c procnet/*.c applet/*.c)
OBJS := $(SRCS:%.c=$(BUILD)/%.o)
COMPILE = $(CC) $(SS_CPPFLAGS) $(SS_CFLAGS) $(CFLAGS_EXTRA)
LINK = $(CC) $(SS_CFLAGS) $(CFLAGS_EXTRA) $(SS_LDFLAGS) $(LDFLAGS_EXTRA)

.PHONY: all clean distclean install test test-full bench size size-update FORCE $(CONFIG_TARGETS)
.PHONY: cross cross-test cross-size
# BIN: where the binary goes (make cross builds build/cross/ARCH/ss).
BIN ?= ss
all: $(BIN)

$(BIN): $(OBJS) $(BUILD)/flags
	$(LINK) -o $@ $(OBJS)
	$(STRIP_CMD) $@
ifeq ($(findstring musl,$(notdir $(CC))),)
ifeq ($(SAN)$(SS_SIZE_RUN),)
	@echo "note: built with $(CC), not musl-gcc: sizes differ from the README and Kconfig figures, which are musl static builds (apt-get install musl-tools)" >&2
endif
endif

$(BUILD)/%.o: %.c $(BUILD)/config.h $(BUILD)/flags
	@mkdir -p $(@D)
	$(COMPILE) -MMD -MP -c -o $@ $<

-include $(OBJS:.o=.d)

# Rewritten only when the compiler or a flag changes.
FLAGS_NOW = $(subst ','\'',$(COMPILE) | $(LINK))
$(BUILD)/flags: FORCE
	@mkdir -p $(BUILD)
	@echo '$(FLAGS_NOW)' | cmp -s - $@ || echo '$(FLAGS_NOW)' >$@

# kconf.sh rewrites .config and build/config.h only when they change, so the
# stamp records that they are up to date with Kconfig and .config.
.config:
	$(KCONF) defconfig

$(BUILD)/config.stamp: .config Kconfig config/kconf.sh config/kconf.awk
	$(KCONF) oldconfig
	$(KCONF) header $(BUILD)/config.h
	@touch $@

$(BUILD)/config.h: $(BUILD)/config.stamp
	@test -f $@ || $(KCONF) header $@

defconfig allnoconfig allyesconfig oldconfig:
	$(KCONF) $@

menuconfig:
	@if command -v kconfig-mconf >/dev/null 2>&1; then \
		KCONFIG_CONFIG=.config kconfig-mconf Kconfig && $(KCONF) oldconfig; \
	else \
		echo "menuconfig needs kconfig-mconf: apt-get install kconfig-frontends" >&2; \
		echo "(or edit .config by hand, then run make oldconfig)" >&2; \
		exit 1; \
	fi

# A config target given with others runs first, alone.
ifneq ($(filter $(CONFIG_TARGETS),$(MAKECMDGOALS)),)
.NOTPARALLEL:
endif

# test: under 3 minutes; test-full adds every terminal width 1..240 and
# fuzzes each target FUZZ_SECONDS (120) seconds (tests/run.sh).
test: $(BIN)
	@test -f tests/run.sh || { echo "make test: tests/run.sh is missing" >&2; exit 1; }
	SS=./$(BIN) sh tests/run.sh

test-full: $(BIN)
	@test -f tests/run.sh || { echo "make test-full: tests/run.sh is missing" >&2; exit 1; }
	SS=./$(BIN) TEST_FULL=1 sh tests/run.sh

bench: ss
	@test -f bench/run.sh || { echo "make bench: bench/run.sh is missing" >&2; exit 1; }
	sh bench/run.sh

size:
ifneq ($(CC),musl-gcc)
	@echo "note: $(CC), not musl-gcc: these sizes are not comparable to the README and Kconfig figures, which are musl static builds (apt-get install musl-tools)" >&2
endif
	SS_SIZE_RUN=1 sh config/size.sh
	sh cross/size.sh $(ARCHES)

# Static musl binaries for the router architectures, tested under qemu-user
# (cross/setup.sh installs the toolchains from Debian; cross/README.md).
ARCHES ?=
cross:
	sh cross/build.sh $(ARCHES)

cross-test: cross
	sh cross/test.sh $(ARCHES)

cross-size:
	sh cross/size.sh $(ARCHES)

# The same, written into the Kconfig Cost lines and the README table.
size-update:
	sh config/size.sh | sh config/size-apply.sh
	sh cross/size.sh --readme $(ARCHES) >/dev/null

MANDIR ?= $(PREFIX)/share/man
install: ss
	@test "$(SAN)" != 1 || { echo "make install: not with SAN=1 (a sanitizer build is for testing)" >&2; exit 1; }
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(MANDIR)/man8
	install -m 755 ss $(DESTDIR)$(PREFIX)/bin/ss
	install -m 644 doc/ss.8 $(DESTDIR)$(MANDIR)/man8/ss.8

clean:
	rm -rf $(BUILD) ss

distclean: clean
	rm -f .config .config.old
