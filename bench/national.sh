#!/bin/bash
# bench/national.sh - `make bench-national` (never part of `make test` or
# `make bench`): the example study, models and report included, on the
# whole Finnish population made synthetic, and on a 1,000,000-person one
# made the same way, to show how time and memory grow.  Issue 19 item 3.
#
#   bench/national.sh                              (from the repository root)
#   KOHORT_NATIONAL_PERSONS=5500000                (default; persons in all)
#   KOHORT_NATIONAL_BASE=1000000                   (the size it is compared
#                                                   with; 0 skips that run)
#
# The population (docs/synth.md, "A whole population"): P persons, of whom
# P/5 are study children born in 1987-2005 (Finland: about 60,000 births a
# year, 1.1 million in the 19 cohorts), their parents, and others unrelated
# to them up to P; 27 background hospital contacts per person (the issue's
# ~150 million for 5.5 million) and 7.3 social-assistance rows per person
# (~40 million household-year rows, each with its month flags).  The study
# is the example's (config/example.ini) with the birth years 1987-2005: the
# script writes it as study.ini beside the data (sed, so it follows the
# example).  The data are written with gzip level 1 (--level 1): level 6
# costs about twice the CPU and changes nothing the run reads.  Both sizes
# are made once and kept in $KOHORT_BENCH_DIR/pop<P> (default
# /tmp/kohort-national).
#
# Every command runs under nice: the machine is shared.  Each run is one
# whole `kohort run --force` process timed by /usr/bin/time (wall, user +
# system CPU, peak RSS); per-stage wall and CPU seconds and peak RSS come
# from its log.txt.  Target: peak RSS under 8 GB on a 24 GB, 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."

big=${KOHORT_NATIONAL_PERSONS:-5500000}
base=${KOHORT_NATIONAL_BASE:-1000000}
top=${KOHORT_BENCH_DIR:-/tmp/kohort-national}
bin=${KOHORT_BIN:-./kohort}

if [ ! -x /usr/bin/time ]; then
	echo "bench/national.sh: needs /usr/bin/time (Debian package time)" >&2
	exit 1
fi

echo "== machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg)"

# the national shape for p persons (docs/synth.md)
synth_args() {
	echo "--persons $(($1 / 5)) --birth-years 1987-2005 --population $1" \
		"--contacts-per-person 27 --sa-rows-per-person 7.3 --seed 2026 --level 1"
}

# make the data for p persons in $top/pop$p (once)
make_data() {
	local n=$1 dir=$top/pop$1
	if [ ! -e "$dir/.complete" ]; then
		rm -rf "$dir"
		mkdir -p "$dir"
		echo "== kohort synth $(synth_args "$n")"
		# shellcheck disable=SC2046
		nice /usr/bin/time -f "%e %U %S %M" -o "$dir/.synth.time" \
			"$bin" synth $(synth_args "$n") --out "$dir" >"$dir/.synth.out"
		touch "$dir/.complete"
	fi
	sed 's/^/    /' "$dir/.synth.out"
	read -r w u s m <"$dir/.synth.time"
	mb=$(sed -n 's/.* \([0-9]*\) MB of text$/\1/p' "$dir/.synth.out")
	printf "  synth %d persons: %.0f s wall, %.0f s CPU, peak RSS %d MB, %s MB of text: %.0f MB/s wall, %.0f MB/s CPU (made %s)\n" \
		"$n" "$w" "$(echo "$u + $s" | bc -l)" "$((m / 1024))" "$mb" \
		"$(echo "$mb / $w" | bc -l)" "$(echo "$mb / ($u + $s)" | bc -l)" \
		"$(date -u -r "$dir/.synth.time" +%H:%M)"
	ls -l "$dir"/*.gz | awk '{printf "    %-28s %8.1f MB\n", substr($9, match($9, /[^\/]*$/)), $5/1e6}'
}

# run the study on p persons; "wall cpu rss_mb" into $top/national$n.run
run_study() {
	local n=$1 dir=$top/pop$1 out=$top/national$1.out
	# the example study, its children born in 1987-2005
	sed -e "s#sample-data/#$dir/#" -e 's/^name = example$/name = national/' \
		-e 's/^include = born in 1997: birth_date >= 1997-01-01 and birth_date <= 1997-12-31$/include = born in 1987-2005: birth_date >= 1987-01-01 and birth_date <= 2005-12-31/' \
		-e 's/^\(title = .*\)born in 1997$/\1born in 1987-2005/' \
		config/example.ini >"$dir/study.ini"
	if ! grep -q '^include = born in 1987-2005' "$dir/study.ini"; then
		echo "bench/national.sh: config/example.ini's include rule changed; update the sed" >&2
		exit 1
	fi
	rm -rf "$out"
	echo "== kohort run --force: the example study, born 1987-2005, on $n persons"
	nice /usr/bin/time -f "%e %U %S %M %R" -o "$out.time" \
		"$bin" run --quiet --force "$dir/study.ini" --output "$out"
	read -r w u s m f <"$out.time"
	echo "$w $(echo "$u + $s" | bc -l) $((m / 1024)) $u $s $f" >"$top/national$n.run"
	# system CPU is mostly the kernel zeroing freshly faulted pages: it
	# follows the machine's load; the minor page faults are a count
	printf "  %.1f s wall, %.1f s CPU (%.1f user, %.1f system), peak RSS %d MB, %d minor page faults\n" \
		"$w" "$(echo "$u + $s" | bc -l)" "$u" "$s" "$((m / 1024))" "$f"
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
read -r bw bc br bu bs bf <"$top/national$big.run"
if [ "$br" -lt 8192 ]; then verdict="under"; else verdict="OVER"; fi
echo "  peak RSS $br MB: $verdict the 8 GB target"
if [ "$base" != 0 ]; then
	run_study "$base"
	read -r sw sc sr su ss sf <"$top/national$base.run"
	f=$(echo "scale=2; $big / $base" | bc -l)
	echo
	echo "== growth $base -> $big persons (x$f; linear growth is x$f)"
	printf "  %-22s %12s %12s %8s\n" "" "$base" "$big" ratio
	printf "  %-22s %12s %12s %8.2f\n" "wall s" "$sw" "$bw" "$(echo "$bw / $sw" | bc -l)"
	printf "  %-22s %12s %12s %8.2f\n" "CPU s" "$sc" "$bc" "$(echo "$bc / $sc" | bc -l)"
	printf "  %-22s %12s %12s %8.2f\n" "user CPU s" "$su" "$bu" "$(echo "$bu / $su" | bc -l)"
	printf "  %-22s %12s %12s %8.2f\n" "system CPU s" "$ss" "$bs" "$(echo "$bs / $ss" | bc -l)"
	printf "  %-22s %12s %12s %8.2f\n" "minor page faults" "$sf" "$bf" "$(echo "$bf / $sf" | bc -l)"
	printf "  %-22s %12s %12s %8.2f\n" "peak RSS MB" "$sr" "$br" "$(echo "$br / $sr" | bc -l)"
	join "$top/national$base.stages" "$top/national$big.stages" |
		while read -r st s1 c1 r1 m1 s2 c2 r2 m2; do
			printf "  %-22s %12s %12s %8.2f\n" "$st s" "$s1" "$s2" \
				"$(echo "if ($s1 > 0) $s2 / $s1 else 0" | bc -l)"
			printf "  %-22s %12s %12s %8.2f\n" "$st CPU s" "$c1" "$c2" \
				"$(echo "if ($c1 > 0) $c2 / $c1 else 0" | bc -l)"
			printf "  %-22s %12s %12s %8.2f\n" "$st peak RSS MB" "$m1" "$m2" \
				"$(echo "if ($m1 > 0) $m2 / $m1 else 0" | bc -l)"
		done
fi
