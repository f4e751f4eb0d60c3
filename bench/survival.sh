#!/bin/sh
# bench/survival.sh - Lexis splitting with rate sums, Kaplan-Meier, log-rank
# and Aalen-Johansen (with its jackknife SE) on a synthetic whole-day cohort
# (bench/bench_survival.c): n children (default 1,000,000) in C, then C and
# R (bench/survival_r.R: Epi::splitLexis, survfit, survdiff, survfit on the
# multi-state Surv) on the same rn children (default 200,000; 0: no R).
#
#   bench/survival.sh                                  (needs make; run from anywhere)
#   SURV_BENCH_N=100000 SURV_BENCH_REPS=1 SURV_BENCH_RN=0 bench/survival.sh
set -eu
cd "$(dirname "$0")/.."
make -s build/bench/bench_survival
build/bench/bench_survival "${SURV_BENCH_N:-1000000}" "${SURV_BENCH_REPS:-3}" "${SURV_BENCH_DIRECT:-20000}"
rn=${SURV_BENCH_RN:-200000}
if [ "$rn" -gt 0 ] && command -v Rscript >/dev/null; then
	csv=$(mktemp /tmp/kohort_survbench.XXXXXX)
	trap 'rm -f "$csv"' EXIT
	build/bench/bench_survival "$rn" 1 0 "$csv"
	Rscript bench/survival_r.R "$csv"
fi
