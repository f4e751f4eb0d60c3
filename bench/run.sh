#!/bin/bash
# make bench: speed measured as ratios against baselines run in the same
# invocation on the same files (never asserted in unit tests).
#
# Data: a 1,000,000-child synthetic cohort made by `kohort synth`, cached in
# $KOHORT_BENCH_DIR (default /tmp/kohort-bench) and reused while the synth
# seed and size are the same. KOHORT_BENCH_PERSONS overrides the size.
set -euo pipefail
cd "$(dirname "$0")/.."

persons=${KOHORT_BENCH_PERSONS:-1000000}
dir=${KOHORT_BENCH_DIR:-/tmp/kohort-bench}/n$persons
bin=./kohort

now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc -l | sed 's/^\./0./'; }
ratio() { echo "scale=2; $1 / $2" | bc -l | sed 's/^\./0./'; }

echo "== machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(uname -r)"
if [ ! -e "$dir/.complete" ]; then
	echo "== generating a $persons-child synthetic cohort in $dir"
	rm -rf "$dir"; mkdir -p "$dir"
	t0=$(now)
	$bin synth --persons "$persons" --seed 2026 --out "$dir"
	echo "synth: $(secs "$t0" "$(now)") s"
	touch "$dir/.complete"
fi
ls -l "$dir"/*.gz | awk '{printf "  %-60s %8.1f MB\n", $9, $5/1e6}'

echo
echo "== reader: hilmo extract, typed (id, date, 3 codes), vs zcat"
hilmo=$dir/hilmo.csv.gz
best_z=999; best_r=999; line=""
for i in 1 2 3; do
	t0=$(now); zcat "$hilmo" >/dev/null; t=$(secs "$t0" "$(now)")
	best_z=$(echo "if ($t < $best_z) $t else $best_z" | bc -l)
	t0=$(now)
	line=$(build/bench/bench_reader "$hilmo" shnro:id contact_date:date dg1:code dg2:code dg3:code)
	t=$(secs "$t0" "$(now)")
	best_r=$(echo "if ($t < $best_r) $t else $best_r" | bc -l)
done
mb=$(echo "$line" | sed -n 's/.*text_mb=\([0-9.]*\).*/\1/p')
rows=$(echo "$line" | sed -n 's/.*rows=\([0-9]*\) .*/\1/p')
printf "  %-28s %10s %10s %10s\n" "" "seconds" "MB/s" "rows"
printf "  %-28s %10.3f %10.1f\n" "zcat > /dev/null" "$best_z" "$(echo "$mb / $best_z" | bc -l)"
printf "  %-28s %10.3f %10.1f %10s\n" "kohort reader" "$best_r" "$(echo "$mb / $best_r" | bc -l)" "$rows"
echo "  reader / zcat = $(ratio "$best_r" "$best_z")  (target <= 2)"

echo
echo "== kohort run: the example study on the synthetic cohort, vs zcat of all inputs"
sed "s#sample-data/#$dir/#" config/example.ini >"$dir/bench.ini"
out=${KOHORT_BENCH_DIR:-/tmp/kohort-bench}/out
t0=$(now); for f in "$dir"/*.csv.gz; do zcat "$f" >/dev/null; done; z_all=$(secs "$t0" "$(now)")
# --force: every stage runs (a cache left by an earlier bench would skip the
# data stages); the second run shows a rerun with nothing changed, the
# third one with a model setting changed.
/usr/bin/time -f "%e %M" -o "$out.time" $bin run --quiet --force "$dir/bench.ini" --output "$out"
run_s=$(cut -d' ' -f1 "$out.time"); run_rss=$(cut -d' ' -f2 "$out.time")
printf "  %-28s %10s\n" "zcat of all five inputs" "$z_all s"
printf "  %-28s %10s   peak RSS %d MB\n" "kohort run --force" "$run_s s" "$((run_rss / 1024))"
# per stage: wall seconds, CPU seconds (user + system, all threads), rows,
# peak RSS so far (from the run log)
sed -n 's/^stage \([a-z]*\): ran, \([0-9.]*\) s, \([0-9.]*\) s CPU, \([0-9]*\) rows, peak RSS \([0-9]*\) MB$/\1 \2 \3 \4 \5/p' \
	"$out/log.txt" >"$out.stages"
printf "    %-10s %10s %10s %12s %14s\n" stage seconds "CPU s" rows "peak RSS MB"
while read -r st sec cpu rows rss; do
	printf "    %-10s %10s %10s %12s %14s\n" "$st" "$sec" "$cpu" "$rows" "$rss"
done <"$out.stages"
data_s=$(awk '$1 != "model" && $1 != "report" {t += $2} END {printf "%.2f", t}' "$out.stages")
data_cpu=$(awk '$1 != "model" && $1 != "report" {t += $3} END {printf "%.2f", t}' "$out.stages")
echo "  link+derive+cohort+write: $data_s s wall, $data_cpu s CPU"
echo "  kohort run / zcat = $(ratio "$run_s" "$z_all"); link+derive+cohort+write / zcat = $(ratio "$data_s" "$z_all")  (target <= 2)"
/usr/bin/time -f "%e %M" -o "$out.time2" $bin run --quiet "$dir/bench.ini" --output "$out"
rerun_s=$(cut -d' ' -f1 "$out.time2")
printf "  %-28s %10s   (data stages and model from the cache)\n" "kohort run again" "$rerun_s s"
# a model setting changed: the data stages from the cache, the model reruns
sed 's/^\[model placement\]$/[model placement]\nlevel = 0.90/' "$dir/bench.ini" >"$dir/bench_level.ini"
rm -rf "$out.level"; cp -r "$out" "$out.level"
/usr/bin/time -f "%e %M" -o "$out.time3" $bin run --quiet "$dir/bench_level.ini" --output "$out.level"
remodel_s=$(cut -d' ' -f1 "$out.time3")
printf "  %-28s %10s   (a model setting changed: data stages from the cache)\n" "kohort run, level = 0.90" "$remodel_s s"

if [ "${KOHORT_BENCH_R:-1}" = 1 ] && command -v Rscript >/dev/null; then
	echo
	echo "== the same study in R (bench/baseline.R: data.table + glm), same files"
	t0=$(now)
	Rscript bench/baseline.R "$dir" "$out/r" >"$out.r.txt" 2>&1 || echo "  R baseline failed: see $out.r.txt"
	r_s=$(secs "$t0" "$(now)")
	grep -E '^r_' "$out.r.txt" | sed 's/^/  /'
	echo "  R wall $r_s s; R / kohort run = $(ratio "$r_s" "$run_s")  (target >= 5)"
	if [ -s "$out/r_coef.csv" ]; then
		echo "  adjusted ORs, kohort vs R: $(Rscript bench/compare_run.R "$out/r_coef.csv" "$out/models/placement.csv")"
	fi
fi

: >"$out.extra"
# bench/duckdb.sh: the data stages against DuckDB (npm's @duckdb/node-api,
# installed beside the data) and zcat; KOHORT_BENCH_DUCKDB=0 skips it.
# bench/events_mem.sh: peak RSS with the hospital contacts doubled
# bench/cox.sh: the Cox model (stats/cox.c) against survival::coxph
for extra in bench/fit.sh bench/duckdb.sh bench/events_mem.sh bench/cox.sh; do
	if [ "$extra" = bench/duckdb.sh ] && [ "${KOHORT_BENCH_DUCKDB:-1}" = 0 ]; then
		continue
	fi
	if [ -x "$extra" ]; then
		echo
		"$extra" | tee -a "$out.extra"
	fi
done

# The figures of this run as a RESULTS.md draft, beside the data (not over
# bench/RESULTS.md, which carries the lead's reading of them):
# KOHORT_BENCH_RESULTS=bench/RESULTS.md writes there instead.
f2() { printf "%.2f" "$1"; }
results=${KOHORT_BENCH_RESULTS:-${KOHORT_BENCH_DIR:-/tmp/kohort-bench}/RESULTS.md}
{
	echo "# Benchmark results"
	echo
	echo "Written by \`make bench\` (bench/run.sh) on $(date -u +%Y-%m-%d); rerun it to update."
	echo
	echo "Machine: $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)),"
	echo "$(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo) RAM, Linux $(uname -r)."
	echo "Data: \`kohort synth --persons $persons --seed 2026\` (gzip):"
	echo
	echo "| file | MB |"
	echo "|---|---|"
	ls -l "$dir"/*.gz | awk '{n = split($9, p, "/"); printf "| %s | %.1f |\n", p[n], $5/1e6}'
	echo
	echo "| what | seconds | ratio | target |"
	echo "|---|---|---|---|"
	echo "| zcat of all five inputs | $(f2 "$z_all") | | |"
	echo "| kohort reader, hilmo (best of 3) | $(f2 "$best_r") | reader / zcat $(ratio "$best_r" "$best_z") | <= 2 |"
	echo "| kohort run --force (all stages) | $run_s | run / zcat $(ratio "$run_s" "$z_all") | |"
	echo "| link + derive + cohort + write | $data_s | / zcat $(ratio "$data_s" "$z_all") | <= 2 |"
	echo "| kohort run again, nothing changed (data stages and model cached) | $rerun_s | | |"
	echo "| kohort run, a model setting changed (data stages cached) | $remodel_s | | |"
	if [ -n "${r_s:-}" ]; then
		echo "| R (bench/baseline.R: data.table + glm) | $(f2 "$r_s") | R / kohort $(ratio "$r_s" "$run_s") | >= 5 |"
	fi
	echo
	echo "Peak RSS of \`kohort run\`: $((run_rss / 1024)) MB (target < 4096)."
	echo
	echo "| stage | seconds | CPU seconds (user + system) | rows | peak RSS so far, MB |"
	echo "|---|---|---|---|---|"
	while read -r st sec cpu rows rss; do echo "| $st | $sec | $cpu | $rows | $rss |"; done <"$out.stages"
	if [ -n "${r_s:-}" ]; then
		echo
		echo "R's own figures:"
		echo
		grep -E '^r_' "$out.r.txt" | sed 's/^/    /'
	fi
	if [ -s "$out.extra" ]; then
		echo
		echo "Model fitting (bench/fit.sh), the data stages against DuckDB (bench/duckdb.sh), memory against events (bench/events_mem.sh):"
		echo
		sed 's/^/    /' "$out.extra"
	fi
} >"$results"
echo
echo "== wrote $results (a draft of bench/RESULTS.md with these figures)"

