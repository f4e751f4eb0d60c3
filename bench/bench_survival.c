/*
 * bench_survival.c - the time-to-event statistics on a synthetic cohort of
 * n children in whole days (as tests/reference/survfit_ref.R's `days`, at
 * scale): birth over 10 years, follow-up from birth to an event on a
 * 30-day grid, death on a 7-day grid, the 18th birthday or 2015-12-31;
 * exposure 0/1.  Times (best of `reps`): Lexis splitting by 6 age bands
 * and 4 calendar periods with the events and person-days summed by band
 * (lexis.h, rate.h), Kaplan-Meier by exposure (km.h), Aalen-Johansen with
 * death competing (cuminc.h, the jackknife SE by running sums), the
 * log-rank test (logrank.h); and survfitci.c's direct jackknife update on
 * the first `n_direct` children, for scale.
 *
 *   build/bench/bench_survival [n] [reps] [n_direct] [csv]    (bench/survival.sh)
 *
 * With csv, the cohort is also written there (birth, time, cause, group)
 * for bench/survival_r.R to time R on the same data.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cuminc.h"
#include "km.h"
#include "lexis.h"
#include "logrank.h"
#include "rate.h"

static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

static double uniform(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return ((double)(rng_state >> 11) + 0.5) / 9007199254740992.0;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static double best(double b, double t0)
{
	double t = now() - t0;

	return t < b ? t : b;
}

int main(int argc, char **argv)
{
	size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000000;
	int reps = argc > 2 ? atoi(argv[2]) : 3, r;
	size_t n_direct = argc > 3 ? strtoul(argv[3], NULL, 10) : 20000;
	static const double age_d[] = { 0, 365, 1826, 3652, 5479, 6574 };
	static const double cal_d[] = { 10957, 12784, 14610, 16436 };
	double *birth = malloc(n * sizeof *birth), *time = malloc(n * sizeof *time);
	int *cause = malloc(n * sizeof *cause), *event = malloc(n * sizeof *event);
	int *group = malloc(n * sizeof *group);
	double t_split = INFINITY, t_km = INFINITY, t_aj = INFINITY, t_lr = INFINITY;
	double t_direct = NAN, pieces = 0.0, events = 0.0;
	/* KM and log-rank: the event, death censoring; Aalen-Johansen: both */
	struct ko_surv_data de = { .n = n, .time = time, .status = event, .group = group, .ngroups = 2 };
	struct ko_surv_data dc = { .n = n, .time = time, .status = cause, .group = group, .ngroups = 2 };
	struct ko_lexis lx = { 2, { age_d, cal_d }, { 6, 4 } };
	struct ko_cuminc_options co;
	struct ko_km_options ko;
	struct ko_err err;
	size_t i, ntime = 0;

	const char *csv = argc > 4 ? argv[4] : NULL;

	if (!birth || !time || !cause || !event || !group)
		return 1;
	for (i = 0; i < n; i++) {
		double b = 9131.0 + floor(uniform() * 3650.0); /* 1995-01-01 on */
		int expo = uniform() < 0.4;
		double ev = 30.0 * ceil(-log(uniform()) * 60.0 * (1 + expo));
		double death = 7.0 * ceil(-log(uniform()) * 1500.0);
		double end = 16800.0 - b, t = fmin(fmin(ev, death), fmin(6574.0, end));

		birth[i] = b;
		time[i] = t;
		cause[i] = t == ev ? 1 : t == death ? 2 : 0;
		event[i] = cause[i] == 1;
		group[i] = expo;
	}
	if (csv) {
		FILE *fp = fopen(csv, "w");

		if (!fp)
			return 1;
		fprintf(fp, "birth,time,cause,group\n");
		for (i = 0; i < n; i++)
			fprintf(fp, "%.0f,%.0f,%d,%d\n", birth[i], time[i], cause[i], group[i]);
		if (fclose(fp))
			return 1;
	}
	ko_km_options_init(&ko);
	ko_cuminc_options_init(&co);
	for (r = 0; r < reps; r++) {
		struct ko_rate_sum sum[7][5];
		struct ko_cuminc *aj = NULL;
		struct ko_km *km = NULL;
		struct ko_logrank *lr = NULL;
		double t0 = now();
		size_t a, c;

		for (a = 0; a < 7; a++)
			for (c = 0; c < 5; c++)
				sum[a][c].events = sum[a][c].pyears = 0.0;
		pieces = 0.0;
		for (i = 0; i < n; i++) {
			struct ko_lexis_iter it;
			struct ko_lexis_piece pc;
			double entry[2] = { 0.0, birth[i] };

			if (ko_lexis_begin(&it, &lx, entry, time[i], event[i], &err))
				return 1;
			while (ko_lexis_next(&it, &pc)) {
				ko_rate_add(&sum[pc.band[0] + 1][pc.band[1] + 1], pc.event, pc.dur);
				pieces += 1.0;
			}
		}
		t_split = best(t_split, t0);
		events = 0.0;
		for (a = 0; a < 7; a++)
			for (c = 0; c < 5; c++)
				events += sum[a][c].events;
		t0 = now();
		if (ko_km_fit(&de, &ko, &km, &err))
			return 1;
		t_km = best(t_km, t0);
		ntime = km->curve[0].ntime + km->curve[1].ntime;
		ko_km_free(km);
		t0 = now();
		if (ko_logrank_test(&de, &lr, &err))
			return 1;
		t_lr = best(t_lr, t0);
		ko_logrank_free(lr);
		t0 = now();
		if (ko_cuminc_fit(&dc, 2, &co, &aj, &err))
			return 1;
		t_aj = best(t_aj, t0);
		ko_cuminc_free(aj);
	}
	if (n_direct > 0) {
		struct ko_surv_data dd = dc;
		struct ko_cuminc *aj = NULL;
		double t0;

		dd.n = n_direct < n ? n_direct : n;
		co.se_direct = 1;
		t0 = now();
		if (ko_cuminc_fit(&dd, 2, &co, &aj, &err))
			return 1;
		t_direct = now() - t0;
		ko_cuminc_free(aj);
	}
	printf("survival bench: n = %zu children, %.0f Lexis pieces with %.0f events, %zu distinct exit days (both groups)\n",
	       n, pieces, events, ntime);
	printf("  Lexis split + sums by band  %8.3f s\n", t_split);
	printf("  Kaplan-Meier (2 groups)     %8.3f s\n", t_km);
	printf("  log-rank                    %8.3f s\n", t_lr);
	printf("  Aalen-Johansen + SE (sums)  %8.3f s\n", t_aj);
	if (n_direct > 0)
		printf("  Aalen-Johansen + SE by survfitci.c's direct update, first %zu children: %.3f s\n",
		       n_direct < n ? n_direct : n, t_direct);
	free(birth);
	free(time);
	free(cause);
	free(event);
	free(group);
	return 0;
}
