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
if [ ! -s "$dir/.complete" ]; then
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

for extra in bench/fit.sh; do
	if [ -x "$extra" ]; then
		echo
		"$extra"
	fi
done
