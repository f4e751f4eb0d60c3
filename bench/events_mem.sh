#!/bin/bash
# bench/events_mem.sh - memory is bounded by the persons, not the events:
# the example study's data stages (born 1987-2005, as bench/national.sh)
# on one synthetic population made three times with the same persons and
# 27, 54 and 108 background hospital contacts per person (`kohort synth
# --contacts-per-person`; the national shape of docs/synth.md).  Prints
# the hilmo rows and the peak RSS of each `kohort run` and its ratio to
# the first.  The analysis datasets must be identical: background contacts
# carry none of the study's codes, so the persons' variables are the same.
# Part of `make bench` (bench/run.sh), never of `make test`.
#
#   bench/events_mem.sh                          (from the repository root)
#   KOHORT_BENCH_EVENTS_PERSONS=1000000 bench/events_mem.sh   (default
#                                  500000 persons, a fifth of them children)
set -euo pipefail
cd "$(dirname "$0")/.."

persons=${KOHORT_BENCH_EVENTS_PERSONS:-500000}
top=${KOHORT_BENCH_DIR:-/tmp/kohort-bench}/events$persons
bin=${KOHORT_BIN:-./kohort}

if [ ! -x /usr/bin/time ]; then
	echo "bench/events_mem.sh: needs /usr/bin/time (Debian package time; make deps)" >&2
	exit 1
fi
if [ ! -e "$top/.complete" ]; then
	rm -rf "$top"
	for k in 1 2 4; do
		mkdir -p "$top/x$k"
		nice "$bin" synth --persons $((persons / 5)) --birth-years 1987-2005 \
			--population "$persons" --contacts-per-person $((27 * k)) \
			--sa-rows-per-person 7.3 --seed 2026 --level 1 --out "$top/x$k" >/dev/null
	done
	touch "$top/.complete"
fi

awk '/^\[/ { skip = ($0 ~ /^\[(model|report)/) } !skip' config/example.ini |
	sed -e 's/^include = born in 1997: birth_date >= 1997-01-01 and birth_date <= 1997-12-31$/include = born in 1987-2005: birth_date >= 1987-01-01 and birth_date <= 2005-12-31/' \
	>"$top/study.ini"
if ! grep -q '^include = born in 1987-2005' "$top/study.ini"; then
	echo "bench/events_mem.sh: config/example.ini's include rule changed; update the sed" >&2
	exit 1
fi
echo "memory against events: $persons persons ($((persons / 5)) children born 1987-2005), 27, 54 and 108 contacts per person"
printf "  %-8s %12s %10s %10s %10s %12s\n" hilmo rows "wall s" "CPU s" "RSS MB" "RSS / x1"
rss1=""
for k in 1 2 4; do
	sed "s#sample-data/#$top/x$k/#" "$top/study.ini" >"$top/x$k.ini"
	nice /usr/bin/time -f "%e %U %S %M" -o "$top/x$k.time" \
		"$bin" run --quiet --force "$top/x$k.ini" --output "$top/out$k"
	rows=$(awk '$1 == "hilmo" && $3 == "rows" { print $2; exit }' "$top/out$k/log.txt")
	read -r w u s m <"$top/x$k.time"
	rss=$(awk -v m="$m" 'BEGIN { printf "%.0f", m / 1024 }')
	rss1=${rss1:-$rss}
	printf "  %-8s %12s %10s %10s %10s %12s\n" "x$k" "${rows:-?}" "$w" \
		"$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.1f", u + s }')" "$rss" \
		"$(awk -v a="$rss" -v b="$rss1" 'BEGIN { printf "%.2f", a / b }')"
	if [ "$k" != 1 ] && ! cmp -s <(zcat "$top/out1/analysis.csv.gz") <(zcat "$top/out$k/analysis.csv.gz"); then
		echo "bench/events_mem.sh: x$k's analysis dataset differs from x1's" >&2
		exit 1
	fi
done
echo "  analysis datasets identical; target: RSS / x2 well under 2"
