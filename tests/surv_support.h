/*
 * surv_support.h - loading the follow-up fixtures of
 * tests/reference/survfit_ref.R (tests/fixtures/surv_<case>_in.csv:
 * entry, time, status, weight, group, strata) as a struct ko_surv_data,
 * and comparing numbers that may both be NaN (R's NA).
 */
#ifndef KO_SURV_SUPPORT_H
#define KO_SURV_SUPPORT_H

#include "fixture.h"
#include "surv.h"

struct ko_surv_case {
	struct ko_fixture_table t;
	double *entry, *time, *weight;
	int *status, *group, *strata;
	long *cluster;       /* the column "cluster" when present, else NULL */
	size_t ncluster;
	struct ko_surv_data d;
};

/* Loads case; the data use entry only with use_entry, weights only with
 * use_weight (clusters: set c->d.cluster = c->cluster).  Fails the running test when the file is missing. */
void ko_surv_case_load(struct ko_surv_case *c, const char *name, int use_entry,
		       int use_weight);
void ko_surv_case_release(struct ko_surv_case *c);

/* a and b both NaN, or assert_close(a, b, rel) (with an absolute floor
 * abs for values near 0). */
void ko_surv_check_num(double a, double b, double rel, double abs,
		       const char *what, size_t row);

#endif
