#!/bin/bash
# bench/duckdb.sh - the data stages (read, link, derive, cohort, write) of
# the example study on the synthetic cohort: kohort against DuckDB
# (bench/duckdb_study.sql, the same derivation in one SQL script) and
# against zcat of the five inputs, in alternating runs of the same
# invocation.  Part of `make bench` (bench/run.sh), never of `make test`.
#
#   bench/duckdb.sh                          (from the repository root; needs ./kohort)
#   KOHORT_BENCH_DUCKDB_RUNS=5 bench/duckdb.sh   (runs per side; default 3)
#
# DuckDB comes from npm (@duckdb/node-api, which ships DuckDB for Linux),
# installed once into $KOHORT_BENCH_DIR/duckdb.  Before anything is timed,
# DuckDB's analysis dataset must equal kohort's analysis.csv.gz person by
# person (the decompressed files line by line: same persons, same order,
# same values; the study's variables, the columns the SQL script writes,
# not the follow-up columns fu_* of [cohort] follow_up, which it does not
# compute); otherwise the script stops.  igzip -dc (Debian's isal) is
# timed beside zcat as a second floor when it is installed.
#
# kohort runs the study without its [model] and [report] sections (the
# report stage still writes the flow, linkage and Table 1), --force, so it
# reads, links, derives, writes and hashes its inputs and outputs for the
# manifest every time.  Each side is timed as a whole process (kohort; node
# with DuckDB) by /usr/bin/time: wall, user + system CPU, peak RSS.  Ratios
# are of the medians.
set -euo pipefail
cd "$(dirname "$0")/.."

persons=${KOHORT_BENCH_PERSONS:-1000000}
top=${KOHORT_BENCH_DIR:-/tmp/kohort-bench}
dir=$top/n$persons
bin=${KOHORT_BIN:-./kohort}
runs=${KOHORT_BENCH_DUCKDB_RUNS:-3}
duck_version=1.5.6-r.1
mods=$top/duckdb

for tool in node npm /usr/bin/time; do
	if ! command -v "$tool" >/dev/null; then
		echo "bench/duckdb.sh: needs $tool (skipped)" >&2
		exit 0
	fi
done
if [ ! -e "$dir/.complete" ]; then
	echo "bench/duckdb.sh: no synthetic cohort in $dir (bench/run.sh makes it)" >&2
	exit 1
fi
if ! [ -e "$mods/node_modules/@duckdb/node-api/package.json" ] ||
	! grep -q "\"version\": \"$duck_version\"" "$mods/node_modules/@duckdb/node-api/package.json"; then
	echo "== installing @duckdb/node-api@$duck_version into $mods"
	mkdir -p "$mods"
	npm install --prefix "$mods" --no-audit --no-fund --silent "@duckdb/node-api@$duck_version"
fi

# the study without models and report
awk '/^\[/ { skip = ($0 ~ /^\[(model|report)/) } !skip' config/example.ini |
	sed "s#sample-data/#$dir/#" >"$dir/bench_data.ini"
k_out=$top/out_data
d_out=$top/duckdb_analysis.csv.gz

# one timed run of each: "wall cpu rss_mb" into $1.time
run_kohort() {
	/usr/bin/time -f "%e %U %S %M" -o "$1.time" \
		"$bin" run --quiet --force "$dir/bench_data.ini" --output "$k_out"
}
run_duckdb() {
	/usr/bin/time -f "%e %U %S %M" -o "$1.time" \
		node bench/duckdb_run.mjs "$mods" bench/duckdb_study.sql "$dir" "$d_out" >"$1.out"
}
run_zcat() {
	/usr/bin/time -f "%e %U %S %M" -o "$1.time" \
		zcat "$dir"/birth.csv.gz "$dir"/population.csv.gz "$dir"/hilmo.csv.gz \
		"$dir"/child_welfare.csv.gz "$dir"/social_assistance.csv.gz >/dev/null
}
# the second floor: ISA-L's igzip (Debian package isal), when installed
have_igzip=0
command -v igzip >/dev/null && have_igzip=1
run_igzip() {
	/usr/bin/time -f "%e %U %S %M" -o "$1.time" \
		igzip -dc "$dir"/birth.csv.gz "$dir"/population.csv.gz "$dir"/hilmo.csv.gz \
		"$dir"/child_welfare.csv.gz "$dir"/social_assistance.csv.gz >/dev/null
}
wall() { awk '{ printf "%.2f", $1 }' "$1.time"; }
cpu() { awk '{ printf "%.2f", $2 + $3 }' "$1.time"; }
rss() { awk '{ printf "%.0f", $4 / 1024 }' "$1.time"; }
median() {
	printf '%s\n' $1 | sort -n | awk '{ v[NR] = $1 } END {
		if (NR % 2) printf "%.2f", v[(NR + 1) / 2];
		else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# the check, untimed: DuckDB's dataset is kohort's, person by person
t=$top/duckdb_bench
run_kohort "$t.check_k"
run_duckdb "$t.check_d"
zcat "$d_out" >"$t.duckdb.csv"
# The SQL script writes the study's variables, not the follow-up columns
# (fu_*) that [cohort] follow_up adds after them: compare those columns.
zcat "$k_out/analysis.csv.gz" >"$t.kohort_all.csv"
d_cols=$(head -n 1 "$t.duckdb.csv" | awk -F, '{ print NF }')
k_cols=$(head -n 1 "$t.kohort_all.csv" | awk -F, '{ print NF }')
cut -d, -f1-"$d_cols" "$t.kohort_all.csv" >"$t.kohort.csv"
rm -f "$t.kohort_all.csv"
if ! cmp -s "$t.kohort.csv" "$t.duckdb.csv"; then
	echo "bench/duckdb.sh: DuckDB's analysis dataset differs from kohort's:" >&2
	echo "  $(wc -l <"$t.kohort.csv") lines (kohort) and $(wc -l <"$t.duckdb.csv") (DuckDB);" \
		"$(diff "$t.kohort.csv" "$t.duckdb.csv" | grep -c '^<' || true) kohort lines not in DuckDB's; the first:" >&2
	diff "$t.kohort.csv" "$t.duckdb.csv" | head -n 6 | sed 's/^/  /' >&2
	exit 1
fi
persons_out=$(($(wc -l <"$t.kohort.csv") - 1))
rm -f "$t.kohort.csv" "$t.duckdb.csv"

k_w="" k_c="" d_w="" d_c="" z_w="" z_c="" g_w="" g_c=""
i=0
while [ "$i" -lt "$runs" ]; do
	run_kohort "$t.k$i"; run_duckdb "$t.d$i"; run_zcat "$t.z$i"
	k_w="$k_w $(wall "$t.k$i")"; k_c="$k_c $(cpu "$t.k$i")"
	d_w="$d_w $(wall "$t.d$i")"; d_c="$d_c $(cpu "$t.d$i")"
	z_w="$z_w $(wall "$t.z$i")"; z_c="$z_c $(cpu "$t.z$i")"
	if [ "$have_igzip" = 1 ]; then
		run_igzip "$t.g$i"
		g_w="$g_w $(wall "$t.g$i")"; g_c="$g_c $(cpu "$t.g$i")"
	fi
	i=$((i + 1))
done
last=$((runs - 1))
kw=$(median "$k_w") kc=$(median "$k_c")
dw=$(median "$d_w") dc=$(median "$d_c")
zw=$(median "$z_w") zc=$(median "$z_c")
echo "data stages vs DuckDB and zcat: $persons children, median of $runs alternating runs," \
	"load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "  DuckDB's analysis dataset = kohort's analysis.csv.gz, person by person ($persons_out persons;" \
	"its first $d_cols of $k_cols columns: the SQL script has no follow-up columns)"
printf "  %-34s %8s %8s %8s   %s\n" "" "wall s" "CPU s" "RSS MB" "(runs: wall / CPU)"
printf "  %-34s %8s %8s %8s   %s /%s\n" "kohort run (data stages)" "$kw" "$kc" "$(rss "$t.k$last")" "$k_w" "$k_c"
printf "  %-34s %8s %8s %8s   %s /%s\n" "DuckDB $(sed -n 's/^duckdb \(v[^ ]*\) threads \([0-9]*\).*/\1, \2 threads/p' "$t.d$last.out")" \
	"$dw" "$dc" "$(rss "$t.d$last")" "$d_w" "$d_c"
printf "  %-34s %8s %8s %8s   %s /%s\n" "zcat of the five inputs" "$zw" "$zc" "$(rss "$t.z$last")" "$z_w" "$z_c"
echo "  kohort / DuckDB: wall $(ratio "$kw" "$dw"), CPU $(ratio "$kc" "$dc")  (target <= 0.33)"
echo "  kohort / zcat:   wall $(ratio "$kw" "$zw"), CPU $(ratio "$kc" "$zc")  (target: wall <= 1.5)"
if [ "$have_igzip" = 1 ]; then
	gw=$(median "$g_w") gc=$(median "$g_c")
	printf "  %-34s %8s %8s %8s   %s /%s\n" "igzip -dc of the five inputs" "$gw" "$gc" "$(rss "$t.g$last")" "$g_w" "$g_c"
	echo "  kohort / igzip:  wall $(ratio "$kw" "$gw"), CPU $(ratio "$kc" "$gc")"
fi
