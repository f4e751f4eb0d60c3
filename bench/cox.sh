#!/bin/sh
# bench/cox.sh - the Cox model on 1,000,000 (start, stop] rows (children
# split at birthdays and at an exposure's start, days, Efron; bench_cox.c
# makes the data): stats/cox.c against survival::coxph on the same rows in
# the same run.  Prints each side's seconds (fit, robust variance by child,
# cox.zph), the ratio of the fits, peak RSS of each process and both
# coefficient vectors.  COX_BENCH_N sets the rows; BENCH_COX_CHILDREN=N
# instead makes N whole children split by year of age (the issue's
# 1,000,000-child scale: BENCH_COX_CHILDREN=1000000, about 16 million rows,
# R's peak RSS some GB; COX_BENCH_R_FIT_ONLY=1 skips R's robust refit and
# cox.zph, which take many times the fit there).
#
# kohort's seconds are measured inside bench_cox around each call; R's
# inside R (after fread; its robust step is a whole refit with cluster =,
# which is how coxph gives the robust variance).  Both the wall-clock and
# the CPU seconds of the fit (each side one thread): on a shared machine
# the wall-clock ratio moves with the load and the CPU ratio does not.
set -eu
cd "$(dirname "$0")/.."
N=${COX_BENCH_N:-1000000}
DIR=${BENCH_DIR:-build/bench}
mkdir -p "$DIR"
if [ -n "${BENCH_COX_CHILDREN:-}" ]; then
	csv=$DIR/cox_c${BENCH_COX_CHILDREN}.csv
	echo "== Cox model, $BENCH_COX_CHILDREN children split by year of age: stats/cox.c vs survival::coxph"
else
	csv=$DIR/cox_$N.csv
	echo "== Cox model, $N (start, stop] rows: stats/cox.c vs survival::coxph"
fi
/usr/bin/time -f "%M" -o "$DIR/cox_c.rss" build/bench/bench_cox "$N" "$csv" >"$DIR/cox_c.out"
/usr/bin/time -f "%M" -o "$DIR/cox_r.rss" Rscript bench/cox_compare.R "$csv" >"$DIR/cox_r.out"
c_fit=$(sed -n 's/.* fit_s=\([0-9.]*\).*/\1/p' "$DIR/cox_c.out")
r_fit=$(sed -n 's/.* fit_s=\([0-9.]*\).*/\1/p' "$DIR/cox_r.out")
c_cpu=$(sed -n 's/.* fit_cpu_s=\([0-9.]*\).*/\1/p' "$DIR/cox_c.out")
r_cpu=$(sed -n 's/.* fit_cpu_s=\([0-9.]*\).*/\1/p' "$DIR/cox_r.out")
echo "  kohort: $(head -1 "$DIR/cox_c.out")  peak RSS $(($(cat "$DIR/cox_c.rss") / 1024)) MB (with making the data)"
echo "  R:      $(head -1 "$DIR/cox_r.out")  peak RSS $(($(cat "$DIR/cox_r.rss") / 1024)) MB"
echo "  coxph / kohort, the fit: $(echo "scale=1; $r_fit / $c_fit" | bc -l)x wall, $(echo "scale=1; $r_cpu / $c_cpu" | bc -l)x CPU (target 20x)"
echo "  kohort $(sed -n 2p "$DIR/cox_c.out")"
echo "  R      $(sed -n 2p "$DIR/cox_r.out")"
