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
#include <stdint.h>
#include <stdlib.h>

#include "cox.h"

/* The row arrays of a fit, its robust variance and cox.zph: malloc, in
 * ordinary pages, not ko_mem_rows' transparent huge pages.  At the
 * issue's scale (16.2 M rows, 1.5 GB touched once by the gather and the
 * sort) a fresh 2 MiB page is slow to fault in on the benchmark VM: a
 * first fit took 17.6-20.0 s with them and 10.0-11.0 s without, at 4 M
 * rows 3.0-3.9 s against 1.7-1.9 s; at a million rows the two are within
 * the noise (bench/RESULTS.md, "Cox: ordinary pages").  The logistic fit
 * keeps them (mem.h). */
static inline void *cox_rows(size_t bytes)
{
	return malloc(bytes ? bytes : 1);
}

static inline void *cox_rows_zero(size_t n, size_t size)
{
	return calloc(n ? n : 1, size ? size : 1);
}

/* A row's position: 32 bits (cox_risk_build refuses more rows), half the
 * memory of size_t in the two row-long position arrays. */
typedef uint32_t cox_pos;

/* The rows in use, sorted once: by stratum, exit time descending.  The
 * fit's memory at 16 million rows is mostly first-touch page faults
 * (bench/RESULTS.md): what is not needed is not stored. */
struct risk {
	size_t n, p;           /* used rows, columns */
	int counting;          /* 1: (start, stop] data */
	int has_offset;        /* off is stored (else every offset is 0) */
	double *x;             /* n x p, centred, in stop order */
	double *w;             /* NULL when the data have no weights (all 1) */
	double *off, *stop, *start;
	unsigned char *status;
	cox_pos *row;          /* stop-order position -> data row */
	cox_pos *by_start;     /* counting: positions by (stratum, start desc) */
	size_t *sbeg;          /* ns + 1 stratum bounds (both orders) */
	size_t ns;
	size_t n_events;
	double *mean;          /* p: the centring */
	/* scratch of every pass */
	double *r;             /* n: w e^eta (eta: cox_eta, not stored) */
	void *block;           /* the sort keys' memory, then r and stop */
	double *s1, *s2, *d1, *d2, *tu, *ti; /* p, p*p, p, p*p, p, p*p */
};

/* Row i's case weight (1 without weights). */
static inline double cox_w(const struct risk *k, size_t i)
{
	return k->w ? k->w[i] : 1.0;
}

/* Row i's linear predictor at beta (centred x): the same sum, in the same
 * order, wherever it is needed, so that it is the same number. */
static inline double cox_eta(const struct risk *k, size_t i, const double *beta)
{
	const double *x = k->x + i * k->p;
	double e = k->off ? k->off[i] : 0.0;
	size_t j;

	for (j = 0; j < k->p; j++)
		e += x[j] * beta[j];
	return e;
}

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
