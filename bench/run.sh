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
/usr/bin/time -f "%e %M" -o "$out.time" $bin run "$dir/bench.ini" --output "$out" >/dev/null
run_s=$(cut -d' ' -f1 "$out.time"); run_rss=$(cut -d' ' -f2 "$out.time")
printf "  %-28s %10s\n" "zcat of all five inputs" "$z_all s"
printf "  %-28s %10s   peak RSS %d MB\n" "kohort run" "$run_s s" "$((run_rss / 1024))"
if command -v jq >/dev/null; then
	jq -r '.timings | to_entries[] | "    stage \(.key): \(.value) s"' "$out/manifest.json"
else
	sed -n '/"timings"/,/}/p' "$out/manifest.json" | sed 's/^/    /'
fi
echo "  kohort run / zcat = $(ratio "$run_s" "$z_all")  (target: ingest+link+derive <= 2.5)"

if [ "${KOHORT_BENCH_R:-1}" = 1 ] && command -v Rscript >/dev/null; then
	echo
	echo "== the same study in R (bench/baseline.R: data.table + glm), same files"
	t0=$(now)
	Rscript bench/baseline.R "$dir" "$out/r" >"$out.r.txt" 2>&1 || echo "  R baseline failed: see $out.r.txt"
	r_s=$(secs "$t0" "$(now)")
	grep -E '^r_' "$out.r.txt" | sed 's/^/  /'
	echo "  R wall $r_s s; R / kohort run = $(ratio "$r_s" "$run_s")  (target >= 5)"
fi

for extra in bench/fit.sh; do
	if [ -x "$extra" ]; then
		echo
		"$extra"
	fi
done
