#!/bin/sh
# bench/survival.sh - Lexis splitting with rate sums, Kaplan-Meier, log-rank
# and Aalen-Johansen (with its jackknife SE) on a synthetic whole-day cohort
# of n children (bench/bench_survival.c), and the direct jackknife update of
# survival's survfitci.c on the first n_direct for scale.
#
#   bench/survival.sh                                  (needs make; run from anywhere)
#   SURV_BENCH_N=100000 SURV_BENCH_REPS=1 bench/survival.sh
set -eu
cd "$(dirname "$0")/.."
make -s build/bench/bench_survival
build/bench/bench_survival "${SURV_BENCH_N:-1000000}" "${SURV_BENCH_REPS:-3}" "${SURV_BENCH_DIRECT:-20000}"
