/*
 * sandwich.c - robust and cluster-robust covariance of a logistic fit, as
 * R's sandwich package computes them on a glm:
 *
 *   V = 1/n * B M B,  B = bread = cov.unscaled * n_used,
 *   M = meat = adj * sum_g s_g s_g' / n,  s_g = sum over cluster g of the
 *   estimating functions ef_i = working residual_i * working weight_i * x_i
 *
 * with n all rows of the fit (zero-weight rows included, as NROW(estfun)),
 * cov.unscaled the model-based covariance of the fit (R's last IRLS step).
 * vcovHC: every row its own cluster, adj = 1 (HC0) or n / (n - k) (HC1).
 * vcovCL: adj = G / (G - 1) (cadjust = TRUE), times (n - 1) / (n - k) for
 * HC1; vcovCL's default on a glm is HC0 (its type = NULL picks HC1 only for
 * objects whose first class is "lm").  k = rank.
 */
#include "chol.h"
#include "cluster.h"
#include "coefs.h"
#include "logit.h"
#include "base/par.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cblas.h>

#define GROUP_BLOCK 256

/* meat (r x r, lower) = sum of s_i s_i' over the n rows of data, each
 * alone; the fit's residuals and weights of those rows start at row0. */
static void meat_rows(const struct ko_logit_data *data,
		      const struct ko_logit_fit *fit, size_t row0,
		      const size_t *keep, size_t r, double *meat, double *blk)
{
	size_t n = data->n, p = data->p, i, c, k = 0;

	memset(meat, 0, r * r * sizeof *meat);
	for (i = 0; i < n; i++) {
		double *s = blk + k * r;
		double wres = fit->working_residuals[row0 + i] *
			      fit->working_weights[row0 + i];
		const double *xi = data->x + i * p;

		for (c = 0; c < r; c++)
			s[c] = wres * xi[keep[c]];
		if (++k == GROUP_BLOCK || i + 1 == n) {
			ko_gram_add(r, k, blk, meat);
			k = 0;
		}
	}
}

/* meat (r x r, lower) = sum over clusters of s_g s_g'; order lists the
 * rows grouped by cluster.  Returns the number of clusters. */
static size_t meat_sum(const struct ko_logit_data *data,
		       const struct ko_logit_fit *fit,
		       const struct ko_cluster_row *order, const size_t *keep,
		       size_t r, double *meat, double *blk)
{
	size_t n = data->n, p = data->p, i, c, k = 0, groups = 0;

	memset(meat, 0, r * r * sizeof *meat);
	for (i = 0; i < n;) {
		double *s = blk + k * r;
		long id = order[i].id;

		memset(s, 0, r * sizeof *s);
		do {
			size_t row = order[i].row;
			double wres = fit->working_residuals[row] *
				      fit->working_weights[row];
			const double *xi = data->x + row * p;

			for (c = 0; c < r; c++)
				s[c] += wres * xi[keep[c]];
			i++;
		} while (i < n && order[i].id == id);
		groups++;
		if (++k == GROUP_BLOCK || i == n) {
			ko_gram_add(r, k, blk, meat);
			k = 0;
		}
	}
	return groups;
}

struct meat_job {
	const struct ko_logit_data *data;
	const struct ko_logit_fit *fit;
	const size_t *keep;
	size_t r, parts;
	double *pmeat;  /* per part: r x r */
	double *pblk;   /* per part: GROUP_BLOCK x r */
};

/* Each row alone: the meat of one part of the rows. */
static void meat_part(void *ctx, size_t part)
{
	const struct meat_job *j = ctx;
	size_t n = j->data->n, r = j->r;
	size_t r0 = ko_par_begin(n, j->parts, part);
	size_t r1 = ko_par_begin(n, j->parts, part + 1);
	struct ko_logit_data d = *j->data;

	d.x = j->data->x + r0 * j->data->p;
	d.n = r1 - r0;
	meat_rows(&d, j->fit, r0, j->keep, r, j->pmeat + part * r * r,
		  j->pblk + part * GROUP_BLOCK * r);
}

/* meat (r x r, lower) = sum of s_i s_i' over the rows, each row alone:
 * in row parts on threads (par.h), added in part order.  Returns 0, or -1
 * when out of memory. */
static int meat_rows_parallel(const struct ko_logit_data *data,
			      const struct ko_logit_fit *fit,
			      const size_t *keep, size_t r, double *meat)
{
	struct meat_job j = { data, fit, keep, r, ko_par_parts(data->n), NULL, NULL };
	size_t k, i;

	j.pmeat = malloc(j.parts * (r ? r * r : 1) * sizeof *j.pmeat);
	j.pblk = malloc(j.parts * GROUP_BLOCK * (r ? r : 1) * sizeof *j.pblk);
	if (!j.pmeat || !j.pblk) {
		free(j.pmeat);
		free(j.pblk);
		return -1;
	}
	ko_par_run(j.parts, meat_part, &j);
	memset(meat, 0, r * r * sizeof *meat);
	for (k = 0; k < j.parts; k++)
		for (i = 0; i < r * r; i++)
			meat[i] += j.pmeat[k * r * r + i];
	free(j.pmeat);
	free(j.pblk);
	return 0;
}

/* out = scale * C meat C over the kept columns (C = fit->vcov), NaN on
 * aliased rows and columns. */
static void sandwich_product(const struct ko_logit_fit *fit,
			     const size_t *keep, size_t r, double *meat,
			     double *tmp, double scale, gsl_matrix *out)
{
	size_t a, b, c;
	double *bread = tmp + r * r;

	for (a = 0; a < r; a++)
		for (b = 0; b < a; b++)
			meat[b * r + a] = meat[a * r + b];
	for (a = 0; a < r; a++)
		for (b = 0; b < r; b++)
			bread[a * r + b] = gsl_matrix_get(fit->vcov, keep[a], keep[b]);
	cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)r, (int)r,
		    (int)r, 1.0, bread, (int)r, meat, (int)r, 0.0, tmp, (int)r);
	cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)r, (int)r,
		    (int)r, scale, tmp, (int)r, bread, (int)r, 0.0, meat, (int)r);
	gsl_matrix_set_all(out, NAN);
	for (a = 0; a < r; a++)
		for (c = 0; c < r; c++)
			gsl_matrix_set(out, keep[a], keep[c], meat[a * r + c]);
}

/* Shared body: cluster == NULL means vcovHC (each row alone). */
static enum ko_status vcov_sandwich(const struct ko_logit_data *data,
				    const struct ko_logit_fit *fit,
				    const long *cluster,
				    enum ko_logit_hc_type type,
				    gsl_matrix *out, struct ko_err *err)
{
	size_t p = fit->p, n = data->n, r, i, groups;
	size_t *keep = malloc((p ? p : 1) * sizeof *keep);
	double *meat = malloc((p ? p * p : 1) * sizeof *meat);
	double *tmp = malloc((p ? 2 * p * p : 1) * sizeof *tmp);
	double *blk = malloc(GROUP_BLOCK * (p ? p : 1) * sizeof *blk);
	struct ko_cluster_row *order = NULL;
	enum ko_status st = KO_OK;
	double nn = (double)n, k, scale;

	if (!keep || !meat || !tmp || !blk) {
		st = ko_err_set(err, KO_ERR_NOMEM, "sandwich: out of memory");
		goto out;
	}
	if (data->n != fit->n || data->p != fit->p || !out ||
	    out->size1 != p || out->size2 != p) {
		st = ko_err_set(err, KO_ERR_USAGE, "sandwich: data, fit and output sizes differ");
		goto out;
	}
	if (cluster) {
		if (!(order = malloc((n ? n : 1) * sizeof *order))) {
			st = ko_err_set(err, KO_ERR_NOMEM, "sandwich: out of memory");
			goto out;
		}
		for (i = 0; i < n; i++) {
			order[i].id = cluster[i];
			order[i].row = i;
		}
		ko_cluster_sort(order, n);
	}
	r = ko_coefs_kept(fit->p, fit->aliased, keep);
	if (cluster) {
		groups = meat_sum(data, fit, order, keep, r, meat, blk);
	} else {
		groups = n;
		if (meat_rows_parallel(data, fit, keep, r, meat)) {
			st = ko_err_set(err, KO_ERR_NOMEM, "sandwich: out of memory");
			goto out;
		}
	}
	k = (double)fit->rank;
	scale = ((double)fit->n_used / nn) * ((double)fit->n_used / nn);
	if (cluster) {
		if (groups < 2) {
			st = ko_err_set(err, KO_ERR_DATA, "sandwich: need at least 2 clusters, got %zu",
					groups);
			goto out;
		}
		scale *= (double)groups / ((double)groups - 1.0);
		if (type == KO_LOGIT_HC1)
			scale *= (nn - 1.0) / (nn - k);
	} else if (type == KO_LOGIT_HC1) {
		scale *= nn / (nn - k);
	}
	sandwich_product(fit, keep, r, meat, tmp, scale, out);
out:
	free(keep);
	free(meat);
	free(tmp);
	free(blk);
	free(order);
	return st;
}

enum ko_status ko_logit_vcov_robust(const struct ko_logit_data *data,
				    const struct ko_logit_fit *fit,
				    enum ko_logit_hc_type type,
				    gsl_matrix *out, struct ko_err *err)
{
	return vcov_sandwich(data, fit, NULL, type, out, err);
}

enum ko_status ko_logit_vcov_cluster(const struct ko_logit_data *data,
				     const struct ko_logit_fit *fit,
				     const long *cluster,
				     enum ko_logit_hc_type type,
				     gsl_matrix *out, struct ko_err *err)
{
	if (!cluster)
		return ko_err_set(err, KO_ERR_USAGE, "sandwich: no cluster ids");
	return vcov_sandwich(data, fit, cluster, type, out, err);
}
