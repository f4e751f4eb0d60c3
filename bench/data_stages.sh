#!/bin/bash
# bench/data_stages.sh - the data stages (link + derive + cohort + write,
# the stage lines of log.txt) against zcat of the five inputs, in
# alternating runs of one invocation: zcat, kohort A [, kohort B], zcat,
# ...  The issue-19 target is the data stages within 1.5x zcat's wall time.
#
#   bench/data_stages.sh [BIN_A [BIN_B]]   (defaults: ./kohort; no B)
#   KOHORT_BENCH_RUNS=5 bench/data_stages.sh ...   (rounds; default 3)
#
# Uses the synthetic cohort bench/run.sh makes ($KOHORT_BENCH_DIR, default
# /tmp/kohort-bench) and the study without [model] and [report], as
# bench/duckdb.sh does; every run is `kohort run --force`.  Prints each
# round, the medians, the ratios to zcat, B / A when B is given, the load.
set -euo pipefail
cd "$(dirname "$0")/.."

persons=${KOHORT_BENCH_PERSONS:-1000000}
top=${KOHORT_BENCH_DIR:-/tmp/kohort-bench}
dir=$top/n$persons
runs=${KOHORT_BENCH_RUNS:-3}
bins=("${1:-./kohort}")
[ $# -ge 2 ] && bins+=("$2")

if [ ! -e "$dir/.complete" ]; then
	echo "bench/data_stages.sh: no synthetic cohort in $dir (bench/run.sh makes it)" >&2
	exit 1
fi
awk '/^\[/ { skip = ($0 ~ /^\[(model|report)/) } !skip' config/example.ini |
	sed "s#sample-data/#$dir/#" >"$dir/bench_data.ini"

median() {
	printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END {
		if (NR % 2) printf "%.2f", v[(NR + 1) / 2];
		else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
# wall and CPU of the data stages of one run's log
stages() {
	awk '/^stage (link|derive|cohort|write): ran/ {
		for (i = 1; i <= NF; i++) {
			if ($i == "s," && !w_done) { w += $(i - 1); w_done = 1 }
			if ($i == "CPU,") c += $(i - 2)
		}
		w_done = 0
	} END { printf "%.2f %.2f\n", w, c }' "$1"
}

declare -a z_w a_w a_c b_w b_c
echo "data stages vs zcat: $persons children, $runs rounds, load at start $(cut -d' ' -f1-3 /proc/loadavg)"
for ((i = 0; i < runs; i++)); do
	/usr/bin/time -f "%e" -o "$top/ds_z.time" zcat "$dir"/birth.csv.gz \
		"$dir"/population.csv.gz "$dir"/hilmo.csv.gz \
		"$dir"/child_welfare.csv.gz "$dir"/social_assistance.csv.gz >/dev/null
	z_w+=("$(cat "$top/ds_z.time")")
	line="  round $((i + 1)): zcat ${z_w[$i]} s"
	for k in "${!bins[@]}"; do
		out=$top/ds_out$k
		"${bins[$k]}" run --quiet --force "$dir/bench_data.ini" --output "$out"
		read -r w c < <(stages "$out/log.txt")
		cp "$out/log.txt" "$top/ds_log${k}_$i.txt" # per stage, for a closer look
		if [ "$k" = 0 ]; then a_w+=("$w"); a_c+=("$c"); else b_w+=("$w"); b_c+=("$c"); fi
		line="$line; ${bins[$k]} $w s wall, $c s CPU"
	done
	echo "$line"
done
zw=$(median "${z_w[@]}")
aw=$(median "${a_w[@]}"); ac=$(median "${a_c[@]}")
echo "  medians: zcat $zw s; A (${bins[0]}) $aw s wall, $ac s CPU:" \
	"A / zcat $(awk -v a="$aw" -v z="$zw" 'BEGIN { printf "%.2f", a / z }') (target <= 1.5)"
# each stage's median CPU from the logs kept per round, so that a change
# shows where it acts
for k in "${!bins[@]}"; do
	line="  ${bins[$k]} per stage, median CPU s:"
	for st in link derive cohort write; do
		mapfile -t v < <(for ((i = 0; i < runs; i++)); do
			awk -v s="$st" '$1 == "stage" && $2 == s ":" {
				for (j = 1; j <= NF; j++) if ($j == "CPU,") print $(j - 2) }' \
				"$top/ds_log${k}_$i.txt"
		done)
		[ ${#v[@]} -gt 0 ] && line="$line $st $(median "${v[@]}")"
	done
	echo "$line"
done
if [ ${#bins[@]} = 2 ]; then
	bw=$(median "${b_w[@]}"); bc=$(median "${b_c[@]}")
	echo "  B (${bins[1]}) $bw s wall, $bc s CPU: B / zcat" \
		"$(awk -v a="$bw" -v z="$zw" 'BEGIN { printf "%.2f", a / z }');" \
		"A / B wall $(awk -v a="$aw" -v b="$bw" 'BEGIN { printf "%.2f", a / b }')," \
		"CPU $(awk -v a="$ac" -v b="$bc" 'BEGIN { printf "%.2f", a / b }')"
	if ! cmp -s "$top/ds_out0/analysis.csv.gz" "$top/ds_out1/analysis.csv.gz"; then
		echo "  analysis.csv.gz of A and B DIFFER" >&2
		exit 1
	fi
	echo "  analysis.csv.gz of A and B identical (cmp)"
fi
echo "  load at end $(cut -d' ' -f1-3 /proc/loadavg)"
