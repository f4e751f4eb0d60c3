/*
 * cox_impl.h - what the Cox model's files share, for stats/cox*.c only
 * (cox.h is the interface): the sorted rows (struct risk), what cox.zph
 * adds to a pass, and the steps cox_diag.c calls in cox.c.
 *
 *   cox.c       the sorted data, one pass (log partial likelihood, score,
 *               information), Newton-Raphson, the fit, the robust variance
 *   cox_diag.c  after the fit: cox.zph's test and the concordance
 */
#ifndef KO_COX_IMPL_H
#define KO_COX_IMPL_H

#include <stddef.h>

#include "cox.h"

/* The rows in use, sorted once: by stratum, exit time descending. */
struct risk {
	size_t n, p;           /* used rows, columns */
	int counting;          /* 1: (start, stop] data */
	int has_offset;        /* off is stored (else every offset is 0) */
	double *x;             /* n x p, centred, in stop order */
	double *w, *off, *stop, *start;
	unsigned char *status;
	size_t *row;           /* stop-order position -> data row */
	size_t *by_start;      /* counting: positions by (stratum, start desc) */
	size_t *sbeg;          /* ns + 1 stratum bounds (both orders) */
	size_t ns;
	size_t n_events;
	double *mean;          /* p: the centring */
	/* scratch of every pass */
	double *eta, *r;       /* n: linear predictor, w e^eta */
	double *s1, *s2, *d1, *d2, *tu, *ti; /* p, p*p, p, p*p, p, p*p */
};

/* What cox.zph adds to a pass: per event time g(t), and the sums of the
 * score and information of each time weighted by g and g^2. */
struct zph_acc {
	const double *gtime;   /* per stop position: g at that exit time */
	double *u2, *i12, *i22; /* p, p*p, p*p (lower triangles) */
};

void cox_risk_release(struct risk *k);
/* Validate, select the rows of positive weight, sort and centre. */
enum ko_status cox_risk_build(struct risk *k, const struct ko_cox_data *d,
			      struct ko_err *err);
void cox_zero(double *v, size_t n);
/* The log partial likelihood at beta; u (p) and imat (p x p, lower
 * triangle) get the score and information when not NULL; z (may be NULL)
 * the cox.zph sums. */
double cox_evaluate(struct risk *k, const double *beta, enum ko_cox_ties ties,
		    double *u, double *imat, struct zph_acc *z);
/* u' m^- u on the columns the pivoting Cholesky keeps (coxph.wtest). */
double cox_quad_form(const double *m, const double *u, size_t p,
		     double *l, double *dsc, int *al, double *sol);

#endif
