#!/bin/bash
# bench/events_mem.sh - memory is bounded by the persons, not the events:
# the example study's data stages on one synthetic cohort with its hospital
# contacts as they are, doubled and quadrupled (every hilmo row written 2
# and 4 times: the same persons, 2x and 4x the contacts).  Prints the peak
# RSS of each `kohort run` and its ratio to the first.  The analysis
# datasets must be identical (the study's hilmo variables are 'any'
# aggregates, which repeated contacts do not change).  Part of
# `make bench` (bench/run.sh), never of `make test`.
#
#   bench/events_mem.sh                          (from the repository root)
#   KOHORT_BENCH_EVENTS_PERSONS=100000 bench/events_mem.sh   (default 200000)
set -euo pipefail
cd "$(dirname "$0")/.."

persons=${KOHORT_BENCH_EVENTS_PERSONS:-200000}
top=${KOHORT_BENCH_DIR:-/tmp/kohort-bench}/events$persons
bin=${KOHORT_BIN:-./kohort}

if [ ! -x /usr/bin/time ]; then
	echo "bench/events_mem.sh: needs /usr/bin/time (Debian package time; make deps)" >&2
	exit 1
fi
if [ ! -e "$top/.complete" ]; then
	rm -rf "$top"
	mkdir -p "$top/x1"
	"$bin" synth --persons "$persons" --seed 2026 --out "$top/x1" >/dev/null
	for k in 2 4; do
		mkdir -p "$top/x$k"
		for f in birth population child_welfare social_assistance; do
			ln -s "../x1/$f.csv.gz" "$top/x$k/$f.csv.gz"
		done
		# the header once, every row k times
		zcat "$top/x1/hilmo.csv.gz" |
			awk -v k="$k" 'NR == 1 { print; next } { for (i = 0; i < k; i++) print }' |
			gzip -1 >"$top/x$k/hilmo.csv.gz"
	done
	touch "$top/.complete"
fi

awk '/^\[/ { skip = ($0 ~ /^\[(model|report)/) } !skip' config/example.ini >"$top/study.ini"
echo "memory against events: $persons children, hilmo rows x1, x2, x4 (the same persons)"
printf "  %-8s %12s %10s %10s %12s\n" hilmo rows "wall s" "RSS MB" "RSS / x1"
rss1=""
for k in 1 2 4; do
	sed "s#sample-data/#$top/x$k/#" "$top/study.ini" >"$top/x$k.ini"
	/usr/bin/time -f "%e %M" -o "$top/x$k.time" \
		"$bin" run --quiet --force "$top/x$k.ini" --output "$top/out$k"
	rows=$(awk '$1 == "hilmo" && $3 == "rows" { print $2; exit }' "$top/out$k/log.txt")
	rss=$(awk '{ printf "%.0f", $2 / 1024 }' "$top/x$k.time")
	rss1=${rss1:-$rss}
	printf "  %-8s %12s %10s %10s %12s\n" "x$k" "${rows:-?}" "$(cut -d' ' -f1 "$top/x$k.time")" \
		"$rss" "$(awk -v a="$rss" -v b="$rss1" 'BEGIN { printf "%.2f", a / b }')"
	if [ "$k" != 1 ] && ! cmp -s <(zcat "$top/out1/analysis.csv.gz") <(zcat "$top/out$k/analysis.csv.gz"); then
		echo "bench/events_mem.sh: x$k's analysis dataset differs from x1's" >&2
		exit 1
	fi
done
echo "  analysis datasets identical; target: RSS / x2 well under 2"
