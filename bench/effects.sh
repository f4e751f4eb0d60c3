#!/bin/sh
# bench/effects.sh - the modified Poisson fit (with its HC0 sandwich) against
# the logistic ML fit on the same in-memory design, n = 1,000,000, p = 30
# (bench/bench_effects.c).  Target: Poisson within 1.5x of the logistic fit.
#
#   bench/effects.sh                                   (needs make; run from anywhere)
#   EFFECTS_BENCH_N=100000 EFFECTS_BENCH_REPS=1 bench/effects.sh
set -eu
cd "$(dirname "$0")/.."
make -s build/bench/bench_effects
build/bench/bench_effects "${EFFECTS_BENCH_N:-1000000}" "${EFFECTS_BENCH_P:-30}" "${EFFECTS_BENCH_REPS:-3}"
