/*
 * bench_cox.c - the Cox fit (stats/cox.c) on a register-like (start, stop]
 * data set: children followed from birth to an event, censoring or the
 * 18th birthday in days, split at every birthday and where a 0/1 exposure
 * switches on, until the rows reach the requested number.  Times are whole
 * days, so tied event times are the rule.
 *
 *   bench_cox ROWS [CSV]     fit (Efron), robust variance by child, cox.zph;
 *                            BENCH_COX_CHILDREN=N: N children, all their rows;
 *                            prints the seconds of each step and the
 *                            coefficients; CSV (optional) gets the data for
 *                            the same fit in R (bench/cox.sh).
 *
 * Deterministic (splitmix64 with a fixed seed).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <time.h>

#include <gsl/gsl_errno.h>

#include "cox.h"

#define P 8
#define DAYS_18 6574

static uint64_t state = 2026;

static double unif(void)
{
	uint64_t z = (state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	z ^= z >> 31;
	return ((double)(z >> 11) + 0.5) / 9007199254740992.0;
}

static double normal(void)
{
	return sqrt(-2.0 * log(unif())) * cos(6.283185307179586 * unif());
}

/* This process's CPU seconds: the measure that holds on a loaded
 * machine (the fit is one thread). */
static double cpu(void)
{
	struct timespec t;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

struct rows {
	size_t n, cap;
	double *start, *stop, *x;
	int *status;
	long *child;
};

static void put(struct rows *r, double a, double b, int ev, const double *x, long child)
{
	if (r->n == r->cap)
		return;
	r->start[r->n] = a;
	r->stop[r->n] = b;
	r->status[r->n] = ev;
	memcpy(r->x + r->n * P, x, P * sizeof *x);
	r->child[r->n] = child;
	r->n++;
}

/* One child: covariates, an exposure from day `on` (x[0]), exit day and
 * status; its rows split at birthdays and at `on`. */
static void child(struct rows *r, long id)
{
	double x[P], beta[P] = { 0.4, 0.3, -0.2, 0.15, 0.1, -0.1, 0.05, 0.0 };
	double on = unif() < 0.3 ? floor(unif() * DAYS_18) + 1 : INFINITY;
	double rate = 2e-5, exit_day, cens, a;
	int j, ev;

	for (j = 1; j < P; j++)
		x[j] = j < 4 ? (double)(unif() < 0.4) : normal();
	for (j = 1; j < P; j++)
		rate *= exp(beta[j] * x[j]);
	/* the event before the exposure at rate, after it at rate e^0.4 */
	exit_day = ceil(-log(unif()) / rate);
	if (exit_day > on)
		exit_day = on + ceil((exit_day - on) / exp(beta[0]));
	cens = unif() < 0.1 ? ceil(unif() * DAYS_18) : DAYS_18;
	ev = exit_day <= cens;
	if (!ev)
		exit_day = cens;
	for (a = 0; a < exit_day && r->n < r->cap;) {
		/* the next birthday after day a: day floor(k * 365.25) */
		double k = floor(a / 365.25) + 1, b = floor(k * 365.25);

		while (b <= a)
			b = floor(++k * 365.25);
		if (on > a && on < b)
			b = on;
		if (b > exit_day)
			b = exit_day;
		x[0] = a >= on;
		put(r, a, b, ev && b == exit_day, x, id);
		a = b;
	}
}

int main(int argc, char **argv)
{
	struct rows r;
	struct ko_cox_data d;
	struct ko_cox_options opt;
	struct ko_cox_fit *f = NULL;
	struct ko_cox_zph z;
	struct ko_err err;
	gsl_matrix *rv;
	double t0, t1, t2, t3, best_cpu = 0;
	int fits, k;
	long id = 0, children;
	size_t i, j;

	if (argc < 2) {
		fprintf(stderr, "usage: bench_cox ROWS [CSV]\n");
		return 2;
	}
	gsl_set_error_handler_off();
	memset(&r, 0, sizeof r);
	/* BENCH_COX_CHILDREN=N: N whole children (at most 20 rows each: 18
	 * birthdays, the exposure's start) instead of ROWS rows */
	children = getenv("BENCH_COX_CHILDREN") ? atol(getenv("BENCH_COX_CHILDREN")) : 0;
	r.cap = children > 0 ? (size_t)children * 20 : strtoul(argv[1], NULL, 10);
	r.start = malloc(r.cap * sizeof *r.start);
	r.stop = malloc(r.cap * sizeof *r.stop);
	r.x = malloc(r.cap * P * sizeof *r.x);
	r.status = malloc(r.cap * sizeof *r.status);
	r.child = malloc(r.cap * sizeof *r.child);
	if (!r.start || !r.stop || !r.x || !r.status || !r.child)
		return 1;
	while (children > 0 ? id < children : r.n < r.cap)
		child(&r, ++id);
	if (argc > 2) {
		FILE *fp = fopen(argv[2], "w");

		if (!fp)
			return 1;
		fprintf(fp, "start,stop,status,child");
		for (j = 0; j < P; j++)
			fprintf(fp, ",x%zu", j + 1);
		fprintf(fp, "\n");
		for (i = 0; i < r.n; i++) {
			fprintf(fp, "%.0f,%.0f,%d,%ld", r.start[i], r.stop[i], r.status[i], r.child[i]);
			for (j = 0; j < P; j++)
				fprintf(fp, ",%.17g", r.x[i * P + j]);
			fprintf(fp, "\n");
		}
		if (fclose(fp))
			return 1;
	}
	memset(&d, 0, sizeof d);
	d.n = r.n;
	d.p = P;
	d.start = r.start;
	d.stop = r.stop;
	d.status = r.status;
	d.x = r.x;
	ko_cox_options_init(&opt);
	/* the fit BENCH_COX_FITS times (default 1), its least CPU time: on a
	 * shared machine the least is the one least disturbed */
	fits = getenv("BENCH_COX_FITS") ? atoi(getenv("BENCH_COX_FITS")) : 1;
	for (k = 0; k < (fits > 0 ? fits : 1); k++) {
		double ck = cpu();

		ko_cox_fit_free(f);
		f = NULL;
		t0 = now();
		if (ko_cox_fit(&d, &opt, &f, &err)) {
			fprintf(stderr, "bench_cox: %s\n", err.msg);
			return 1;
		}
		t1 = now();
		ck = cpu() - ck;
		if (k == 0 || ck < best_cpu)
			best_cpu = ck;
	}
	if (getenv("BENCH_COX_FIT_ONLY")) {
		printf("fit_cpu_s=%.3f (least of %d)\n", best_cpu, fits > 0 ? fits : 1);
		return 0;
	}
	rv = gsl_matrix_alloc(P, P);
	if (ko_cox_vcov_robust(&d, f, r.child, rv, NULL, &err))
		return 1;
	t2 = now();
	if (ko_cox_zph(&d, f, NULL, 0, &z, &err))
		return 1;
	t3 = now();
	printf("rows=%zu children=%ld events=%zu iterations=%d fit_s=%.3f robust_s=%.3f zph_s=%.3f fit_cpu_s=%.3f\n",
	       r.n, id, f->n_events, f->iterations, t1 - t0, t2 - t1, t3 - t2, best_cpu);
	printf("coef");
	for (j = 0; j < P; j++)
		printf(" %.10g", f->coef[j]);
	printf("\n");
	ko_cox_zph_release(&z);
	gsl_matrix_free(rv);
	ko_cox_fit_free(f);
	free(r.start);
	free(r.stop);
	free(r.x);
	free(r.status);
	free(r.child);
	return 0;
}
