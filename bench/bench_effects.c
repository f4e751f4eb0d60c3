/*
 * bench_effects.c - the modified Poisson fit (glm poisson + HC0 sandwich)
 * against the logistic ML fit on the same in-memory design: n rows, p
 * N(0, 1) covariates plus an intercept, y from a logistic model (prevalence
 * about 30%).  Best of `reps` runs of each; prints seconds and the ratio.
 *
 *   build/bench/bench_effects [n] [p] [reps]      (bench/effects.sh)
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_matrix.h>

#include "logit.h"
#include "poisson.h"

static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

static double uniform(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return ((double)(rng_state >> 11) + 0.5) / 9007199254740992.0;
}

static double normal(void)
{
	return sqrt(-2.0 * log(uniform())) * cos(6.283185307179586 * uniform());
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* As kohort's main(): fits run their row parts on threads themselves. */
void openblas_set_num_threads(int num_threads);

int main(int argc, char **argv)
{
	size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000000;
	size_t p = (argc > 2 ? strtoul(argv[2], NULL, 10) : 30) + 1;
	int reps = argc > 3 ? atoi(argv[3]) : 3, r;
	double *x = malloc(n * p * sizeof *x), *y = malloc(n * sizeof *y), events = 0.0;
	double best_l = INFINITY, best_lv = INFINITY, best_p = INFINITY;
	struct ko_logit_data d = { n, p, x, y, NULL, NULL, NULL };
	struct ko_logit_options lo;
	struct ko_poisson_options po;
	struct ko_err err;
	gsl_matrix *v = gsl_matrix_alloc(p, p);
	size_t i, j;
	int iter_l = 0, iter_p = 0;

	if (!x || !y || !v || p < 2) {
		fprintf(stderr, "bench_effects: out of memory or bad arguments\n");
		return 1;
	}
	gsl_set_error_handler_off();
	openblas_set_num_threads(1);
	for (i = 0; i < n; i++) {
		double eta = -1.0;

		x[i * p] = 1.0;
		for (j = 1; j < p; j++) {
			x[i * p + j] = normal();
			eta += x[i * p + j] * (-0.5 + (double)(j - 1) / (double)(p > 2 ? p - 2 : 1)) * 0.5;
		}
		y[i] = uniform() < 1.0 / (1.0 + exp(-eta));
		events += y[i];
	}
	ko_logit_options_init(&lo);
	ko_poisson_options_init(&po);
	for (r = 0; r < reps; r++) {
		struct ko_logit_fit *lf = NULL;
		struct ko_poisson_fit *pf = NULL;
		double t0 = now(), t1, t2, t3;

		if (ko_logit_fit(&d, &lo, &lf, &err) != KO_OK)
			goto fail;
		t1 = now();
		if (ko_logit_vcov_robust(&d, lf, KO_LOGIT_HC0, v, &err) != KO_OK)
			goto fail;
		t2 = now();
		if (ko_poisson_fit(&d, &po, &pf, &err) != KO_OK)
			goto fail;
		t3 = now();
		best_l = fmin(best_l, t1 - t0);
		best_lv = fmin(best_lv, t2 - t0);
		best_p = fmin(best_p, t3 - t2);
		iter_l = lf->iterations;
		iter_p = pf->iterations;
		ko_logit_fit_free(lf);
		ko_poisson_fit_free(pf);
	}
	printf("effects benchmark: n = %zu, p = %zu (+ intercept), prevalence %.3f, best of %d\n",
	       n, p - 1, events / (double)n, reps);
	printf("  logistic fit (ML)              %7.3f s  (%d iterations)\n", best_l, iter_l);
	printf("  logistic fit + HC0 sandwich    %7.3f s\n", best_lv);
	printf("  modified Poisson + HC0         %7.3f s  (%d iterations)\n", best_p, iter_p);
	printf("  modified Poisson / logistic    %7.2fx (target <= 1.5x); vs logistic + sandwich %.2fx\n",
	       best_p / best_l, best_p / best_lv);
	free(x);
	free(y);
	gsl_matrix_free(v);
	return 0;
fail:
	fprintf(stderr, "bench_effects: %s\n", err.msg);
	return 1;
}
