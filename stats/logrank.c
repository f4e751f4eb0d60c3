/*
 * logrank.c - the log-rank test (logrank.h): one pass per stratum over its
 * rows in time order, and the chi-square by GSL's Cholesky solve.
 * Methods: docs/statistics.md.
 */
#include "logrank.h"
#include "quadform.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>

/* The result and its arrays are one block (ko_logrank_test). */
void ko_logrank_free(struct ko_logrank *lr)
{
	free(lr);
}

/* One stratum's rows ot (time order): O, E and V added into lr; nrisk
 * and ndead are ngroups scratch. */
static void add_stratum(const struct ko_surv_data *d, const size_t *ot, size_t m,
			struct ko_logrank *lr, double *nrisk, double *ndead)
{
	size_t G = lr->ngroups, i = 0, j, g, h;
	double n = (double)m;

	for (g = 0; g < G; g++)
		nrisk[g] = 0.0;
	for (j = 0; j < m; j++)
		nrisk[d->group[ot[j]]] += 1.0;
	while (i < m) {
		double ct = d->time[ot[i]], dead = 0.0, k;

		for (g = 0; g < G; g++)
			ndead[g] = 0.0;
		for (j = i; j < m && d->time[ot[j]] == ct; j++) {
			ndead[d->group[ot[j]]] += d->status[ot[j]];
			dead += d->status[ot[j]];
		}
		if (dead > 0.0) {
			k = n > 1.0 ? dead * (n - dead) / (n * n * (n - 1.0)) : 0.0;
			for (g = 0; g < G; g++) {
				lr->obs[g] += ndead[g];
				lr->exp[g] += nrisk[g] * dead / n;
				for (h = 0; h < G; h++)
					lr->var[g * G + h] += k * nrisk[g] *
							      ((g == h) * n - nrisk[h]);
			}
		}
		for (; i < j; i++) { /* out of the risk set */
			nrisk[d->group[ot[i]]] -= 1.0;
			n -= 1.0;
		}
	}
}

/* (O - E)' V^-1 (O - E) over the groups with E > 0 but the first of them. */
static enum ko_status chisq(struct ko_logrank *lr, struct ko_err *err)
{
	size_t G = lr->ngroups, g, q = 0, *keep = malloc(G * sizeof *keep);
	double *oe = malloc(G * sizeof *oe);
	enum ko_status rc = KO_OK;
	int st;

	if (!keep || !oe) {
		rc = ko_err_set(err, KO_ERR_NOMEM, "logrank: out of memory");
		goto out;
	}
	for (g = 0; g < G; g++) {
		oe[g] = lr->obs[g] - lr->exp[g];
		if (lr->exp[g] > 0.0)
			keep[q++] = g;
	}
	lr->df = q > 0 ? (int)q - 1 : 0;
	lr->chisq = 0.0;
	lr->p = 1.0;
	if (q < 2)
		goto out;
	st = ko_quadform(oe, lr->var, G, keep + 1, q - 1, &lr->chisq);
	if ((rc = ko_quadform_status(st, err, "logrank",
				     "logrank: the covariance of O - E is singular (%s)",
				     gsl_strerror(st))))
		goto out;
	lr->p = gsl_cdf_chisq_Q(lr->chisq, (double)lr->df);
out:
	free(keep);
	free(oe);
	return rc;
}

enum ko_status ko_logrank_test(const struct ko_surv_data *data,
			       struct ko_logrank **out, struct ko_err *err)
{
	struct ko_logrank *lr = NULL;
	size_t *ot = NULL, *st = NULL, s, G, nstrata;
	double *scratch = NULL;
	enum ko_status rc;

	if ((rc = ko_surv_check_ksample(data, 1, "logrank", "survdiff", err)))
		return rc;
	if ((rc = ko_surv_order_strata(data, &ot, &st, &nstrata, err)))
		return rc;
	G = data->ngroups;
	/* the struct, then obs, exp (G each) and var (G x G), zeroed */
	lr = calloc(1, sizeof *lr + (2 * G + G * G) * sizeof *lr->obs);
	scratch = malloc(2 * G * sizeof *scratch);
	if (!lr || !scratch) {
		rc = ko_err_set(err, KO_ERR_NOMEM, "logrank: out of memory (%zu groups)", G);
		goto out;
	}
	lr->ngroups = G;
	lr->obs = (double *)(lr + 1);
	lr->exp = lr->obs + G;
	lr->var = lr->exp + G;
	for (s = 0; s < nstrata; s++)
		add_stratum(data, ot + st[s], st[s + 1] - st[s], lr, scratch, scratch + G);
	if ((rc = chisq(lr, err)))
		goto out;
	*out = lr;
	lr = NULL;
out:
	free(ot);
	free(st);
	free(scratch);
	ko_logrank_free(lr);
	return rc;
}
