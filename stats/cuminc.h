/*
 * cuminc.h - Aalen-Johansen cumulative incidence with competing events, by
 * group, as R's survival 3.5 survfit(Surv(time, factor(status)) ~ group)
 * on a multi-state Surv (type "mstate"): everyone starts event-free (state
 * 0) and moves at most once, to cause k = 1..ncause.
 *
 *     struct ko_cuminc_options opt;
 *     ko_cuminc_options_init(&opt);                   level 0.95, SEs on
 *     if (ko_cuminc_fit(&data, 2, &opt, &fit, err)) goto out;
 *     c = &fit->curve[g];
 *     ... c->time[i], c->pstate[i * c->nstate + k], c->lower[...] ...
 *     ko_cuminc_free(fit);
 *
 * The standard errors are survival's: the infinitesimal jackknife, the
 * derivative of the state probabilities with respect to each person's
 * case weight carried through the product of the transition matrices
 * (survfitci.c), variance sum_i (w_i D_i)^2; the CIs are conf.type "log"
 * on that SE (p exp(+-z se / p), the upper end at most 1; NaN where p is
 * 0).  With data->cluster the influence is summed within each cluster
 * first (survfit 3.5.3 ignores cluster = for multi-state data; the tests
 * build the reference from its influence matrix).  The variance is found by running sums in O(n + times) rather
 * than survfitci.c's O(n x times) update (se_direct keeps that one, for
 * tests).  Weights optional; left truncation with data->entry.  With one
 * cause this is 1 - Kaplan-Meier with the jackknife SE.  Methods and what
 * is not done: docs/statistics.md.
 *
 * Ownership: data and options borrowed; the fit and its curves belong to
 * the caller, released with ko_cuminc_free (NULL is fine).
 */
#ifndef KO_CUMINC_H
#define KO_CUMINC_H

#include <stddef.h>

#include "base/error.h"
#include "surv.h"

struct ko_cuminc_options {
	double level; /* 0.95 */
	int se;       /* 1: standard errors and CIs (default) */
	/* 1: the jackknife by survfitci.c's update of every person's
	 * influence row at every event time, O(n x times); 0 (default): the
	 * same numbers by running sums, O(n + times) (cuminc.c) */
	int se_direct;
};

struct ko_cuminc_curve {
	size_t ntime, nstate;  /* nstate = ncause + 1 */
	double *time;          /* every distinct exit time of the group */
	double *n_risk;        /* persons at risk, event-free (a count) */
	double *n_event;       /* ntime x ncause: counts */
	double *n_censor;      /* count */
	double *pstate;        /* ntime x nstate: 0 event-free, k cause k */
	double *std_err;       /* ntime x nstate (NULL without se) */
	double *lower, *upper; /* ntime x nstate (NULL without se) */
};

struct ko_cuminc {
	size_t ngroups, ncause;
	double level;
	struct ko_cuminc_curve *curve; /* ngroups; a group with no rows has ntime 0 */
};

void ko_cuminc_options_init(struct ko_cuminc_options *opt);

enum ko_status ko_cuminc_fit(const struct ko_surv_data *data, size_t ncause,
			     const struct ko_cuminc_options *opt,
			     struct ko_cuminc **out, struct ko_err *err);

void ko_cuminc_free(struct ko_cuminc *fit);

#endif
