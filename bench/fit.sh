#!/bin/sh
# bench/fit.sh - one logistic fit, n = 1,000,000, p = 30 dense numeric
# covariates from a CSV: `kohort fit` against R (data.table::fread + glm) on
# the same file in the same run.  Prints both times, the ratio, peak RSS
# of each, the size of the design matrix and the largest relative
# difference between the two coefficient vectors.
#
#   bench/fit.sh                      (from the repository root; needs ./kohort)
#   FIT_BENCH_N=100000 bench/fit.sh   (smaller)
#   FIT_BENCH_RUNS=5 bench/fit.sh     (more runs per side; default 3)
#
# Data: bench/fit_gen.R (deterministic, seed fixed), cached in $BENCH_DIR,
# twice: numbers of at most 7 significant digits (4 decimals, the word
# scanner's shape) and the same kind of data at full precision, as
# data.table::fwrite writes rnorm() (15 significant digits, exponents for
# the small ones), which kohort reads by fast_float.  FIT_BENCH_FULL=0
# skips the second file.
# kohort runs with --tests wald (no LR refits: R's glm does not do them
# either) but still computes AUC and Hosmer-Lemeshow, which R does not.
# The R time is measured inside R (fread + glm, without R's start-up); the
# kohort time is the whole process, wall clock.  Both are medians over
# FIT_BENCH_RUNS alternating runs.
set -eu
cd "$(dirname "$0")/.."
N=${FIT_BENCH_N:-1000000}
P=${FIT_BENCH_P:-30}
DIR=${BENCH_DIR:-build/bench}
BIN=${KOHORT_BIN:-./kohort}
mkdir -p "$DIR"
if [ ! -x /usr/bin/time ]; then
	echo "bench/fit.sh: needs /usr/bin/time (Debian package time; make deps)" >&2
	exit 1
fi
FORMULA="y ~ $(seq -s ' + ' -f 'x%g' 1 "$P")"

# seconds from /usr/bin/time -v's "Elapsed (wall clock) time ...: [h:]m:ss.ss"
elapsed() {
	sed -n 's/.*Elapsed (wall clock).*: \([0-9:.]*\)$/\1/p' "$1" |
		awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.3f", s }'
}
rss_mb() {
	sed -n 's/.*Maximum resident set size (kbytes): \([0-9]*\)/\1/p' "$1" |
		awk '{ printf "%.0f", $1 / 1024 }'
}
cpu() {
	awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$1"
}

RUNS=${FIT_BENCH_RUNS:-3}
median() {
	printf '%s\n' $1 | sort -n | awk '{ v[NR] = $1 } END {
		if (NR % 2) printf "%.3f", v[(NR + 1) / 2];
		else printf "%.3f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# one data file: DATA, KIND (its description), GEN (fit_gen.R's 4th argument)
bench_file() {
	if [ ! -s "$DATA" ]; then
		echo "bench/fit.sh: generating $DATA"
		Rscript bench/fit_gen.R "$DATA" "$N" "$P" $GEN
	fi
	# Both read the file from the page cache.  The VM this runs on varies by
	# 10-25 % from run to run, so each side runs several times, alternately,
	# and the medians are compared (every time is printed too).
	cat "$DATA" >/dev/null
	k_all=""
	r_all=""
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		/usr/bin/time -v "$BIN" fit --data "$DATA" --formula "$FORMULA" --tests wald \
			>"$DIR/fit_kohort.csv" 2>"$DIR/fit_kohort.time.$i"
		/usr/bin/time -v Rscript bench/fit_baseline.R "$DATA" "$FORMULA" "$DIR/fit_r_coef.csv" \
			>"$DIR/fit_r.out.$i" 2>"$DIR/fit_r.time.$i"
		k_all="$k_all $(elapsed "$DIR/fit_kohort.time.$i")"
		r_all="$r_all $(sed -n 's/^r_seconds //p' "$DIR/fit_r.out.$i")"
		i=$((i + 1))
	done
	k_s=$(median "$k_all")
	r_s=$(median "$r_all")
	last=$((RUNS - 1))
	cp "$DIR/fit_kohort.time.$last" "$DIR/fit_kohort.time"
	cp "$DIR/fit_r.time.$last" "$DIR/fit_r.time"
	r_whole=$(elapsed "$DIR/fit_r.time")
	maxrel=$(Rscript bench/fit_compare.R "$DIR/fit_r_coef.csv" "$DIR/fit_kohort.csv")
	design_mb=$(awk -v n="$N" -v p="$P" 'BEGIN { printf "%.0f", n * (p + 1) * 8 / 1048576 }')

	echo "fit benchmark: n = $N, p = $P (+ intercept), $(du -m "$DATA" | cut -f1) MB CSV ($KIND), median of $RUNS alternating runs"
	echo "  kohort fit          ${k_s} s wall (runs:${k_all}; last $(cpu "$DIR/fit_kohort.time") s CPU), peak RSS $(rss_mb "$DIR/fit_kohort.time") MB"
	echo "  R fread + glm       ${r_s} s (runs:${r_all}; last whole Rscript ${r_whole} s wall, $(cpu "$DIR/fit_r.time") s CPU), peak RSS $(rss_mb "$DIR/fit_r.time") MB"
	echo "  speed-up            $(awk -v r="$r_s" -v k="$k_s" 'BEGIN { printf "%.1fx", r / k }') (target >= 20x)"
	echo "  design matrix       ${design_mb} MB; kohort peak / design = $(awk -v a="$(rss_mb "$DIR/fit_kohort.time")" -v b="$design_mb" 'BEGIN { printf "%.2f", a / b }') (target <= 2)"
	echo "  max rel. coefficient difference vs R: $maxrel"
}

DATA=$DIR/fit_${N}x${P}.csv KIND="at most 7 significant digits" GEN=""
bench_file
if [ "${FIT_BENCH_FULL:-1}" = 1 ]; then
	echo
	DATA=$DIR/fit_${N}x${P}_full.csv KIND="full precision, as fwrite writes rnorm()" GEN=full
	bench_file
fi

# The modified Poisson fit against the logistic fit on the same design (issue 5).
echo
bench/effects.sh
