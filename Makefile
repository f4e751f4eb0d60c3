# kohort - plain Makefile (layered flags as in redis).
#
#   make          build ./kohort
#   make deps     install missing Debian packages (idempotent, quiet when all present)
#   make test     deps + build + every test
#   make check    every test again under ASan + UBSan, then the TSan targets
#   make bench    benchmarks (ratios against baselines measured in the same run)
#   make bench-national  the example study on 5.5 million synthetic persons
#   make run      the example study on sample-data/ into output/example/
#   make clean

CC      ?= cc
CXX     ?= c++
STD      = -std=c11 -D_POSIX_C_SOURCE=200809L
WARN     = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wvla -Werror
OPT     ?= -O2 -g
SAN      =
BUILD   ?= build

PKGS     = gsl zlib cmocka inih readstat
# GSL's linear algebra runs on OpenBLAS's CBLAS, not on the reference gslcblas.
GSL_LIBS = -lgsl -lopenblas
# Folders, bottom layer first (docs/architecture.md): a file includes
# headers of its own folder and of folders below it, by bare name.
STATS_DIRS = stats/base stats
PIPE_DIRS  = pipeline/base pipeline/lang pipeline/ingest pipeline/tables pipeline/study \
             pipeline/synth pipeline/report pipeline/cli
INC_ALL  = $(addprefix -I,$(PIPE_DIRS) $(STATS_DIRS))
CPPFLAGS_ALL = $(INC_ALL) -MMD -MP
# stats/ is the lower layer (docs/architecture.md): it is compiled with
# -Istats only (its base layer by path, "base/error.h"), so an include of a
# pipeline header from stats/ fails the build.
CPPFLAGS_STATS = -Istats -MMD -MP
CFLAGS_ALL   = $(STD) $(WARN) $(OPT) $(SAN) -pthread $(CFLAGS)
# pipeline/ingest/number.cc, the one C++ file (fast_float, header-only): no
# exceptions or RTTI, so nothing of libstdc++ is linked
CXXFLAGS_ALL = -std=c++17 -Wall -Wextra -Wpedantic -Wshadow -Werror -fno-exceptions -fno-rtti \
               $(OPT) $(SAN) $(CXXFLAGS)
LDLIBS_ALL   = $(GSL_LIBS) -lcsv -lz -lisal -linih -lreadstat -ljansson -lcrypto -lm -pthread $(LDLIBS)
LDFLAGS_ALL  = $(SAN) $(LDFLAGS)
# report: tables (xlsx), figures (cairo), disclosure audit (GLPK)
PKG_CFLAGS   := $(shell pkg-config --cflags cairo fontconfig 2>/dev/null)
CPPFLAGS_ALL += $(PKG_CFLAGS)
LDLIBS_ALL   += -lxlsxwriter -lglpk $(shell pkg-config --libs cairo fontconfig 2>/dev/null)

LIB_SRC  = $(filter-out pipeline/cli/main.c,$(foreach d,$(PIPE_DIRS) $(STATS_DIRS),$(wildcard $(d)/*.c)))
LIB_CXX  = $(foreach d,$(PIPE_DIRS),$(wildcard $(d)/*.cc))
LIB_OBJ  = $(LIB_SRC:%.c=$(BUILD)/%.o) $(LIB_CXX:%.cc=$(BUILD)/%.o)
MAIN_OBJ = $(BUILD)/pipeline/cli/main.o
TEST_SRC = $(wildcard tests/test_*.c)
TEST_BIN = $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
TEST_SUPPORT = $(filter-out $(TEST_SRC),$(wildcard tests/*.c))
TEST_SUPPORT_OBJ = $(TEST_SUPPORT:%.c=$(BUILD)/%.o)
BIN      = kohort

DEB_PKGS = build-essential pkg-config bc time libgsl-dev libopenblas-dev libcsv-dev \
           zlib1g-dev libcmocka-dev libinih-dev libreadstat-dev libjansson-dev libssl-dev \
           libfast-float-dev libisal-dev
DEB_PKGS += libxlsxwriter-dev libcairo2-dev libfontconfig-dev libglpk-dev fonts-dejavu-core unzip libxml2-utils
# report: tests open report.html in headless Chromium
DEB_PKGS += chromium

.PHONY: all deps test check bench bench-national run clean test-run fuzz fuzz-reader fuzz-config tsan-reader tsan-stats tsan-cache

all: $(BIN)

$(BIN): $(BUILD)/kohort
	cp $< $@

$(BUILD)/kohort: $(MAIN_OBJ) $(BUILD)/libkohort.a
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL)

$(BUILD)/libkohort.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

# Each pipeline folder sees only its own headers and those of the folders
# below it, so an include upwards (a stage from the readers, the CLI from
# the report) fails the build.  Tests and the CLI see everything.
LAYER_base   = pipeline/base $(STATS_DIRS)
LAYER_lang   = pipeline/lang $(LAYER_base)
LAYER_ingest = pipeline/ingest $(LAYER_lang)
LAYER_tables = pipeline/tables $(LAYER_ingest)
LAYER_study  = pipeline/study $(LAYER_tables)
LAYER_synth  = pipeline/synth $(LAYER_study)
LAYER_report = pipeline/report $(LAYER_synth)
$(foreach l,base lang ingest tables study synth report,\
  $(eval $(BUILD)/pipeline/$(l)/%.o: INC_LAYER = $(addprefix -I,$(LAYER_$(l))) $(PKG_CFLAGS) -MMD -MP))
INC_LAYER ?= $(CPPFLAGS_ALL)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(INC_LAYER) $(CPPFLAGS) $(CFLAGS_ALL) -c -o $@ $<

$(BUILD)/stats/%.o: stats/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_STATS) $(CPPFLAGS) $(CFLAGS_ALL) -c -o $@ $<

$(BUILD)/%.o: %.cc
	@mkdir -p $(dir $@)
	$(CXX) $(INC_LAYER) $(CPPFLAGS) $(CXXFLAGS_ALL) -c -o $@ $<

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(TEST_SUPPORT_OBJ) $(BUILD)/libkohort.a
	$(CC) $(LDFLAGS_ALL) -o $@ $^ -lcmocka $(LDLIBS_ALL)

deps:
	@missing=""; for p in $(DEB_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "make deps: installing$$missing"; \
	  if [ "$$(id -u)" != 0 ]; then echo "make deps: need root to install:$$missing" >&2; exit 1; fi; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing >/dev/null || \
	  { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing >/dev/null; } ; \
	fi

test: deps
	@$(MAKE) --no-print-directory $(BIN) $(TEST_BIN)
	@KOHORT_BIN=$(abspath $(BUILD)/kohort) tests/run_tests.sh $(TEST_BIN)

check: deps
	@$(MAKE) --no-print-directory BUILD=build-san OPT="-O1 -g -fno-omit-frame-pointer" \
	  SAN="-fsanitize=address,undefined -fno-sanitize-recover=all" \
	  build-san/kohort $(TEST_BIN:$(BUILD)/%=build-san/%)
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  KOHORT_BIN=$(abspath build-san/kohort) tests/run_tests.sh $(TEST_BIN:$(BUILD)/%=build-san/%)
	@# ThreadSanitizer on the threaded parts (stats' thread parts, the
	@# reader's inflate and parse threads, the data cache's save thread):
	@# clang, installed here as make deps installs the rest
	@$(MAKE) --no-print-directory deps DEB_PKGS=clang
	@$(MAKE) --no-print-directory tsan-stats tsan-reader tsan-cache
	@# the fuzz targets build and pass their seed corpora (make fuzz runs
	@# them for minutes; nothing else would notice that one no longer links)
	@$(MAKE) --no-print-directory build-fuzz/fuzz_reader build-fuzz/fuzz_config
	@build-fuzz/fuzz_reader -runs=0 -max_len=4096 tests/fuzz/corpus_reader
	@build-fuzz/fuzz_config -runs=0 -max_len=8192 tests/fuzz/corpus_config

BENCH_BIN = $(BUILD)/bench/bench_reader $(BUILD)/bench/bench_cox

$(BUILD)/bench/%: $(BUILD)/bench/%.o $(BUILD)/libkohort.a
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL)

bench: deps $(BIN) $(BENCH_BIN)
	@bench/run.sh

# the example study (born 1987-2005) on 5.5 million synthetic persons, all
# of Finland (issue 19; minutes of CPU and GBs of disk: never part of make
# test or make bench)
bench-national: deps $(BIN)
	@bench/national.sh

run: deps $(BIN)
	@./$(BIN) run config/example.ini

clean:
	rm -rf build build-san build-fuzz build-tsan $(BIN)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# Fuzzing (clang + libFuzzer); not part of make test.  make fuzz runs the
# reader and the config parser FUZZ_SECONDS each (default 180), from the
# seeds in tests/fuzz/corpus_*/ (read only: what a run finds goes to
# build-fuzz/corpus_*/, crashes to build-fuzz/); fuzz-reader and
# fuzz-config run one.
FUZZ_SECONDS ?= 180
FUZZ_CC = clang $(STD) -O1 -g -fsanitize=fuzzer,address,undefined \
	  -fno-sanitize-recover=all $(INC_ALL)
FUZZ_READER_SRC = pipeline/ingest/reader.c pipeline/ingest/reader_csv.c pipeline/ingest/reader_gz.c pipeline/ingest/reader_igzip.c pipeline/ingest/reader_par.c pipeline/ingest/reader_num.c \
	  pipeline/ingest/reader_stat.c pipeline/base/interrupt.c pipeline/ingest/value.c pipeline/base/escape.c stats/base/error.c stats/base/mem.c
# pipeline/ingest/number.cc (fast_float) is C++: compiled once per instrumented build
build-fuzz/number.o: pipeline/ingest/number.cc pipeline/ingest/number.h
	@mkdir -p build-fuzz
	clang++ -std=c++17 -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-exceptions -fno-rtti \
	  $(INC_ALL) -c pipeline/ingest/number.cc -o $@

FUZZ_RUN = -max_total_time=$(FUZZ_SECONDS) -timeout=20 \
	  -artifact_prefix=build-fuzz/ -print_final_stats=1

fuzz: fuzz-reader fuzz-config

build-fuzz/fuzz_reader: build-fuzz/number.o tests/fuzz/fuzz_reader.c $(FUZZ_READER_SRC) $(foreach d,$(PIPE_DIRS),$(wildcard $(d)/*.h))
	@mkdir -p build-fuzz
	$(FUZZ_CC) build-fuzz/number.o tests/fuzz/fuzz_reader.c $(FUZZ_READER_SRC) -o $@ -lcsv -lz -lisal -lreadstat -lm -pthread

# the config parser reaches into most of the library (names, the model
# families, the table formats): it links all of it, so that a new file
# it comes to need cannot break the build (a hand-kept list had)
FUZZ_CONFIG_SRC = $(LIB_SRC)
build-fuzz/fuzz_config: build-fuzz/number.o tests/fuzz/fuzz_config.c $(FUZZ_CONFIG_SRC) $(foreach d,$(PIPE_DIRS) $(STATS_DIRS),$(wildcard $(d)/*.h))
	@mkdir -p build-fuzz
	$(FUZZ_CC) $(PKG_CFLAGS) build-fuzz/number.o tests/fuzz/fuzz_config.c $(FUZZ_CONFIG_SRC) \
	  -o $@ $(LDLIBS_ALL)

fuzz-reader: build-fuzz/fuzz_reader
	@mkdir -p build-fuzz/corpus_reader
	build-fuzz/fuzz_reader $(FUZZ_RUN) -max_len=4096 build-fuzz/corpus_reader tests/fuzz/corpus_reader

fuzz-config: build-fuzz/fuzz_config
	@mkdir -p build-fuzz/corpus_config
	build-fuzz/fuzz_config $(FUZZ_RUN) -max_len=8192 -dict=tests/fuzz/config.dict \
	  build-fuzz/corpus_config tests/fuzz/corpus_config

# pipeline/ingest/number.cc under TSan, once for the three targets
build-tsan/number.o: pipeline/ingest/number.cc pipeline/ingest/number.h
	@mkdir -p build-tsan
	@clang++ -std=c++17 -g -O1 -fsanitize=thread -fno-exceptions -fno-rtti $(INC_ALL) \
	  -c pipeline/ingest/number.cc -o $@

# ThreadSanitizer on the reader's threads (inflate-ahead, parallel parse).
tsan-reader: build-tsan/number.o
	clang $(STD) -g -O1 -fsanitize=thread $(INC_ALL) build-tsan/number.o tests/test_reader.c \
	  pipeline/ingest/reader.c pipeline/ingest/reader_csv.c pipeline/ingest/reader_gz.c pipeline/ingest/reader_igzip.c pipeline/ingest/reader_par.c pipeline/ingest/reader_num.c pipeline/ingest/reader_stat.c pipeline/ingest/value.c pipeline/base/escape.c pipeline/base/interrupt.c stats/base/mem.c \
	  stats/base/error.c -o build-tsan/test_reader -lcmocka -lcsv -lz -lisal -lreadstat -lm -pthread
	build-tsan/test_reader
	clang $(STD) -g -O1 -fsanitize=thread $(INC_ALL) build-tsan/number.o tests/test_reader_num.c \
	  pipeline/ingest/reader.c pipeline/ingest/reader_csv.c pipeline/ingest/reader_gz.c pipeline/ingest/reader_igzip.c pipeline/ingest/reader_par.c pipeline/ingest/reader_num.c pipeline/ingest/reader_stat.c pipeline/ingest/value.c pipeline/base/escape.c \
	  pipeline/base/interrupt.c stats/base/error.c stats/base/mem.c -o build-tsan/test_reader_num -lcmocka -lcsv -lz -lisal -lreadstat -lm -pthread
	build-tsan/test_reader_num

# ThreadSanitizer on the fits' row parts and the sorts (stats/base/par.h): the
# logistic, Poisson and discrimination tests, whole library linked in.
TSAN_STATS = test_logit test_effects test_discrim
tsan-stats: $(BIN) build-tsan/number.o
	@for t in $(TSAN_STATS); do \
	  clang $(STD) -g -O1 -fsanitize=thread $(CPPFLAGS_ALL) -Itests \
	    tests/$$t.c $(TEST_SUPPORT) $(LIB_SRC) build-tsan/number.o -o build-tsan/$$t -lcmocka $(LDLIBS_ALL) \
	    2>&1 | grep -v -e 'warning:' -e '^ ' -e '^[0-9]* warning' || true; \
	  echo "== TSan: $$t"; TSAN_OPTIONS=halt_on_error=1 KOHORT_BIN=$(abspath $(BUILD)/kohort) build-tsan/$$t || exit 1; \
	done

# ThreadSanitizer on the data cache's save thread (cache.c): test_cache,
# whole library linked in; the runs it makes use $(BUILD)/kohort.
tsan-cache: $(BIN) build-tsan/number.o
	@clang $(STD) -g -O1 -fsanitize=thread $(CPPFLAGS_ALL) -Itests \
	  tests/test_cache.c $(TEST_SUPPORT) $(LIB_SRC) \
	  build-tsan/number.o -o build-tsan/test_cache -lcmocka $(LDLIBS_ALL) \
	  2>&1 | grep -v -e 'warning:' -e '^ ' -e '^[0-9]* warning' || true
	@echo "== TSan: test_cache"; TSAN_OPTIONS=halt_on_error=1 KOHORT_BIN=$(abspath $(BUILD)/kohort) build-tsan/test_cache
