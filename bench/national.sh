#!/bin/bash
# bench/national.sh - `make bench-national` (never part of `make test` or
# `make bench`): the example study, models and report included, on a
# national-scale synthetic cohort, and on a 1,000,000-child one made the
# same way, to show how time and memory grow.  Issue 19 item 3.
#
#   bench/national.sh                              (from the repository root)
#   KOHORT_NATIONAL_PERSONS=5500000                (default; children)
#   KOHORT_NATIONAL_BASE=1000000                   (the size it is compared
#                                                   with; 0 skips that run)
#
# `kohort synth --persons N` writes N children of one birth cohort (1997,
# with a few born in 1996 and 1998) and their parents: at N = 5,500,000
# that is about 16 million population rows, 165 million hospital contacts
# and 51 million social-assistance household-years (the issue's Finland:
# 5.5 million persons, ~150 million contacts, ~40 million household-months).
# The data are written with gzip level 1 (--level 1): level 6 costs about
# twice the CPU and changes nothing the run reads.  Both sizes are made
# once and kept in $KOHORT_BENCH_DIR/national<N> (default /tmp/kohort-bench),
# about 3.2 GB for 5.5 million and 0.6 GB for 1 million.
#
# Every command runs under nice: the machine is shared.  Each run is one
# whole `kohort run --force` process timed by /usr/bin/time (wall, user +
# system CPU, peak RSS); per-stage wall and CPU seconds and peak RSS come
# from its log.txt.  Target: peak RSS under 8 GB on a 24 GB, 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."

big=${KOHORT_NATIONAL_PERSONS:-5500000}
base=${KOHORT_NATIONAL_BASE:-1000000}
top=${KOHORT_BENCH_DIR:-/tmp/kohort-bench}
bin=${KOHORT_BIN:-./kohort}

if [ ! -x /usr/bin/time ]; then
	echo "bench/national.sh: needs /usr/bin/time (Debian package time)" >&2
	exit 1
fi

echo "== machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg)"

# make the data for n children in $top/national$n (once)
make_data() {
	local n=$1 dir=$top/national$1
	if [ ! -e "$dir/.complete" ]; then
		rm -rf "$dir"
		mkdir -p "$dir"
		echo "== kohort synth --persons $n --seed 2026 --level 1"
		nice /usr/bin/time -f "%e %U %S %M" -o "$dir/.synth.time" \
			"$bin" synth --persons "$n" --seed 2026 --level 1 --out "$dir"
		touch "$dir/.complete"
	fi
	read -r w u s m <"$dir/.synth.time"
	printf "  synth %d children: %.0f s wall, %.0f s CPU, peak RSS %d MB (made %s)\n" \
		"$n" "$w" "$(echo "$u + $s" | bc -l)" "$((m / 1024))" \
		"$(date -u -r "$dir/.synth.time" +%H:%M)"
	ls -l "$dir"/*.gz | awk '{printf "    %-28s %8.1f MB\n", substr($9, match($9, /[^\/]*$/)), $5/1e6}'
}

# run the example study on n children; "wall cpu rss_mb" into $top/national$n.run
run_study() {
	local n=$1 dir=$top/national$1 out=$top/national$1.out
	sed "s#sample-data/#$dir/#" config/example.ini >"$dir/study.ini"
	rm -rf "$out"
	echo "== kohort run --force: the example study on $n children"
	nice /usr/bin/time -f "%e %U %S %M" -o "$out.time" \
		"$bin" run --quiet --force "$dir/study.ini" --output "$out"
	read -r w u s m <"$out.time"
	echo "$w $(echo "$u + $s" | bc -l) $((m / 1024))" >"$top/national$n.run"
	printf "  %.1f s wall, %.1f s CPU, peak RSS %d MB\n" "$w" \
		"$(echo "$u + $s" | bc -l)" "$((m / 1024))"
	sed -n 's/^stage \([a-z]*\): ran, \([0-9.]*\) s, \([0-9.]*\) s CPU, \([0-9]*\) rows, peak RSS \([0-9]*\) MB$/\1 \2 \3 \4 \5/p' \
		"$out/log.txt" >"$top/national$n.stages"
	sed -n 's/^  \([a-z_]*\) *\([0-9]*\) rows .*/\1 \2/p' "$out/log.txt" >"$top/national$n.rows"
	printf "    %-10s %10s %10s %12s %14s\n" stage seconds "CPU s" rows "peak RSS MB"
	while read -r st sec cpu rows rss; do
		printf "    %-10s %10s %10s %12s %14s\n" "$st" "$sec" "$cpu" "$rows" "$rss"
	done <"$top/national$n.stages"
	printf "    %-20s %12s\n" extract rows
	while read -r x rows; do printf "    %-20s %12s\n" "$x" "$rows"; done <"$top/national$n.rows"
}

make_data "$big"
[ "$base" != 0 ] && make_data "$base"
run_study "$big"
read -r bw bc br <"$top/national$big.run"
if [ "$br" -lt 8192 ]; then verdict="under"; else verdict="OVER"; fi
echo "  peak RSS $br MB: $verdict the 8 GB target"
if [ "$base" != 0 ]; then
	run_study "$base"
	read -r sw sc sr <"$top/national$base.run"
	f=$(echo "scale=2; $big / $base" | bc -l)
	echo
	echo "== growth $base -> $big children (x$f; linear growth is x$f)"
	printf "  %-22s %12s %12s %8s\n" "" "$base" "$big" ratio
	printf "  %-22s %12s %12s %8.2f\n" "wall s" "$sw" "$bw" "$(echo "$bw / $sw" | bc -l)"
	printf "  %-22s %12s %12s %8.2f\n" "CPU s" "$sc" "$bc" "$(echo "$bc / $sc" | bc -l)"
	printf "  %-22s %12s %12s %8.2f\n" "peak RSS MB" "$sr" "$br" "$(echo "$br / $sr" | bc -l)"
	join "$top/national$base.stages" "$top/national$big.stages" |
		while read -r st s1 c1 r1 m1 s2 c2 r2 m2; do
			printf "  %-22s %12s %12s %8.2f\n" "$st s" "$s1" "$s2" \
				"$(echo "if ($s1 > 0) $s2 / $s1 else 0" | bc -l)"
			printf "  %-22s %12s %12s %8.2f\n" "$st CPU s" "$c1" "$c2" \
				"$(echo "if ($c1 > 0) $c2 / $c1 else 0" | bc -l)"
		done
fi
