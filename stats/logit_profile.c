/*
 * logit_profile.c - inference by refitting (logit_impl.h): likelihood-ratio
 * tests (ko_logit_lr_test, as R's drop1 and logistf's PLR tests) and
 * profile-likelihood confidence intervals (ko_logit_profile_ci: ML as MASS
 * confint by exact root finding, Firth's profile penalized likelihood as
 * logistf).  Methods: docs/statistics.md.
 */
#include "logit_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>

#include "ci.h"

#define PROFILE_EPS 1e-11          /* convergence of profile refits */
#define PROFILE_XTOL 1e-8          /* profile CI endpoints, times SE */

/* ---- likelihood-ratio tests and profile likelihood ----------------------- */

enum ko_status ko_logit_lr_test(const struct ko_logit_data *data,
				const struct ko_logit_fit *fit,
				const struct ko_logit_options *opt,
				const size_t *cols, size_t k, double *chisq,
				double *df, double *p_value,
				struct ko_err *err)
{
	struct model mo;
	unsigned char *fixed = calloc(data->p ? data->p : 1, 1);
	double *start = calloc(data->p ? data->p : 1, sizeof *start);
	enum ko_status st = KO_OK;
	size_t j, rank_r = 0, ntest = 0;
	double stat;
	int warm;

	memset(&mo, 0, sizeof mo);
	if (!fixed || !start) {
		st = ko_err_set(err, KO_ERR_NOMEM, "logit: out of memory");
		goto out;
	}
	for (j = 0; j < k; j++) {
		if (cols[j] >= data->p) {
			st = ko_err_set(err, KO_ERR_USAGE, "logit: column %zu out of range", cols[j]);
			goto out;
		}
		fixed[cols[j]] = 1;
	}
	for (j = 0; j < data->p; j++) {
		start[j] = fit->aliased[j] || fixed[j] ? 0.0 : fit->coef[j];
		ntest += fixed[j] && !fit->aliased[j];
	}
	/* Firth, and ML when asked (opt->lr_warm_start), start from the full
	 * fit with the tested columns at 0; ML otherwise afresh from mustart,
	 * as R's drop1 (the same deviance by the same criterion either way,
	 * in fewer passes from the full fit) */
	warm = fit->firth || opt->lr_warm_start;
	if ((st = model_init(&mo, data, fit->firth, fixed, warm ? start : NULL, err)) != KO_OK ||
	    (st = model_set_offset(&mo, err)) != KO_OK)
		goto out;
	if (fit->firth) {
		/* a refit of the test, at least PROFILE_MAXIT iterations (see
		 * ko_logit_profile_ci); one that does not converge gives no
		 * statistic (NaN), not a wrong one */
		if ((st = firth_iterate(&mo, opt->max_iter > PROFILE_MAXIT ?
					     opt->max_iter : PROFILE_MAXIT,
					err)) != KO_OK)
			goto out;
		stat = mo.converged ? 2.0 * (fit->loglik - mo.loglik) : NAN;
		*df = (double)ntest;
	} else {
		irls(&mo, !warm, opt->max_iter, opt->epsilon, ml_alias_tol(opt));
		stat = mo.dev - fit->deviance;
		for (j = 0; j < data->p; j++)
			rank_r += !fixed[j] && !mo.alias[j];
		*df = (double)fit->rank - (double)rank_r;
	}
	*chisq = stat;
	*p_value = *df > 0 ? gsl_cdf_chisq_Q(stat > 0 ? stat : 0.0, *df) : NAN;
out:
	model_release(&mo);
	free(fixed);
	free(start);
	return st;
}

/* A profile: the model with coefficient j held, and the cut-off. */
struct profile {
	struct model mo;
	size_t j;
	double target;     /* objective at the interval's end */
	double q;          /* chi-square cut-off: target - minimum */
	double alias_tol;
	int max_iter;
	int cold;          /* ML under separation: see profile_gap */
	int hard;          /* under separation (ML or Firth): refits are
			      retried and the ends verified (profile_verify);
			      elsewhere the plain search, as cheap as before */
	double *save;      /* p: the best refit so far (profile_retry) */
	double *good;      /* 2 x p: the last refits at their minimum below
			      [0] and above [1] the cut-off, at good_b[] */
	double good_b[2];
	int have_good[2];
	const double *bhat; /* p: the estimate (Firth's retries) */
	int bad;           /* a point's refit did not reach its minimum */
	enum ko_status st;
	struct ko_err *err;
};

/* 1 when the ML refit is at the minimum over the free columns: its
 * score X'w(y - mu) is 0 to 1e-7 of the column's scale.  IRLS can stop
 * with the deviance unchanged and the score far from 0 (rows saturated
 * at a bad start: weights 0, no step), which its deviance rule calls
 * converged. */
static int ml_score_zero(const struct model *mo)
{
	const struct ko_logit_data *d = mo->d;
	size_t i, c, p = mo->p;
	int ok = 1;

	for (c = 0; c < p && ok; c++) {
		double g = 0.0, sc = 1.0;

		if (mo->alias[c] || (mo->fixed && mo->fixed[c]))
			continue;
		for (i = 0; i < mo->n; i++) {
			double w = prior_weight(d, i), x = d->x[i * p + c];

			if (!(w > 0.0))
				continue;
			g += w * (response(d, i) - mo->mu[i]) * x;
			sc += w * fabs(x);
		}
		ok = fabs(g) <= 1e-7 * sc;
	}
	return ok;
}

/* Keep the refit (beta, deviance) in pr->save / return, for trying
 * another start. */
static void profile_keep(struct profile *pr, double *dev)
{
	memcpy(pr->save, pr->mo.beta, pr->mo.p * sizeof *pr->save);
	*dev = pr->mo.dev;
}

static void profile_restore(struct profile *pr, double dev)
{
	memcpy(pr->mo.beta, pr->save, pr->mo.p * sizeof *pr->save);
	pr->mo.dev = dev;
}

/* Warm-start the refit from the nearer of the two points known at their
 * minimum (good[]: the last below and above the cut-off), b_j at its
 * value there (*gb).  0, or -1 when no such point is known. */
static int profile_from_good(struct profile *pr, double b, double *gb)
{
	int g = !pr->have_good[1] ? 0 : !pr->have_good[0] ? 1 :
		fabs(b - pr->good_b[1]) < fabs(b - pr->good_b[0]);

	if (!pr->have_good[g])
		return -1;
	*gb = pr->good_b[g];
	memcpy(pr->mo.beta, pr->good + g * pr->mo.p, pr->mo.p * sizeof *pr->mo.beta);
	return 0;
}

/* Remember the refit at b_j = b, at its minimum, as the last such point
 * on its side of the cut-off (profile_from_good). */
static void profile_note_good(struct profile *pr, double b)
{
	int g = pr->mo.dev > pr->target;

	pr->have_good[g] = 1;
	pr->good_b[g] = b;
	memcpy(pr->good + g * pr->mo.p, pr->mo.beta, pr->mo.p * sizeof *pr->good);
}

/* Continuation from a point known at its minimum (b_j = gb, profile_from_good)
 * to b_j = b in n equal steps, each refit warm from the one before: Firth's
 * Newton (pr->max_iter), or ML's IRLS (PROFILE_MAXIT).  1 when every step
 * reached its maximum (Firth: converged) or minimum (ML: ml_score_zero), 0
 * at the first that did not, -1 on an error (pr->st). */
static int profile_walk(struct profile *pr, double gb, double b, int n)
{
	struct model *mo = &pr->mo;
	int s, ok = 1;

	for (s = 1; s <= n && ok; s++) {
		mo->beta[pr->j] = gb + (b - gb) * s / n;
		if (mo->firth) {
			if ((pr->st = firth_iterate(mo, pr->max_iter, pr->err)) != KO_OK)
				return -1;
			ok = mo->converged;
		} else {
			if ((pr->st = model_set_offset(mo, pr->err)) != KO_OK)
				return -1;
			irls(mo, 0, PROFILE_MAXIT, PROFILE_EPS, pr->alias_tol);
			ok = ml_score_zero(mo);
		}
	}
	return ok;
}

/* The ML profile point b under separation, when the warm start did not
 * reach the minimum (ml_score_zero): from R's start (glm.fit's mustart,
 * as the uniroot reference), then by continuation from the last point
 * that did, b_j moved there in 2, 4, ... 64 steps, each refit warm from
 * the one before.  The lowest deviance found is kept; pr->bad is set when
 * no start reached the minimum (the point's deviance is then only an
 * upper bound, and an end found on it is not reported). */
static void profile_retry(struct profile *pr, double b)
{
	struct model *mo = &pr->mo;
	double best;
	int k;

	profile_keep(pr, &best);
	irls(mo, 1, PROFILE_MAXIT, PROFILE_EPS, pr->alias_tol);
	if (ml_score_zero(mo))
		return;
	if (mo->dev < best)
		profile_keep(pr, &best);
	for (k = 1; k <= 6; k++) {
		double gb;

		/* from the nearest point known at its minimum */
		if (profile_from_good(pr, b, &gb))
			break;
		if (profile_walk(pr, gb, b, 1 << k)) /* at the minimum, or an error */
			return;
	}
	profile_restore(pr, best);
	mo->beta[pr->j] = b;
	/* below the cut-off is still right (the minimum is lower still);
	 * above it is not known */
	if (best > pr->target)
		pr->bad = 1;
}

/* Firth's profile point b when the warm start lands above the cut-off:
 * the penalized likelihood need not be concave, and Newton from a far
 * point can converge to a lower stationary point (mtcars: -2 l* = 48.5 at
 * an intercept of 148.6 where the maximum gives -0.78).  Also from the
 * estimate (b_j moved to b), then by continuation from the nearest point
 * evaluated (2, 4, ..., 64 steps); the highest penalized likelihood
 * reached is kept. */
static void profile_retry_firth(struct profile *pr, double b)
{
	struct model *mo = &pr->mo;
	double best;
	int k, conv = mo->converged, agree;

	profile_keep(pr, &best);
	memcpy(mo->beta, pr->bhat, mo->p * sizeof *mo->beta);
	mo->beta[pr->j] = b;
	if ((pr->st = firth_iterate(mo, pr->max_iter, pr->err)) != KO_OK)
		return;
	/* the two starts converge and agree: no sign of another maximum,
	 * no continuation (it costs up to 126
	 * refits, and about half of a profile's points are above the
	 * cut-off) */
	agree = mo->converged && conv &&
		fabs(mo->dev - best) <= 1e-6 * (1.0 + fabs(best));
	if (mo->converged && mo->dev < best) {
		profile_keep(pr, &best);
		conv = 1;
	}
	for (k = 1; k <= 6 && best > pr->target && !agree; k++) {
		double gb;
		int ok;

		if (profile_from_good(pr, b, &gb))
			break;
		if ((ok = profile_walk(pr, gb, b, 1 << k)) < 0)
			return;
		if (ok && mo->dev < best) {
			profile_keep(pr, &best);
			conv = 1;
		}
	}
	profile_restore(pr, best);
	mo->beta[pr->j] = b;
	mo->converged = conv;
}

/* Profile objective minus the cut-off at beta_j = b: ML deviance or -2
 * penalized log-likelihood, minimised over the other coefficients. */
static double profile_gap(double b, void *vp)
{
	struct profile *pr = vp;

	pr->mo.beta[pr->j] = b;
	if (pr->mo.firth) {
		enum ko_status st = firth_iterate(&pr->mo, pr->max_iter, pr->err);

		if (st != KO_OK)
			pr->st = st;
		if (pr->hard && pr->st == KO_OK && pr->mo.dev > pr->target)
			profile_retry_firth(pr, b);
		if (pr->st == KO_OK && pr->mo.converged)
			profile_note_good(pr, b);
	} else {
		enum ko_status st = model_set_offset(&pr->mo, pr->err);

		if (st != KO_OK)
			pr->st = st;
		irls(&pr->mo, 0, pr->max_iter, PROFILE_EPS, pr->alias_tol);
		/* Under separation the warm start can stall: a jump in b_j
		 * saturates rows at the previous solution (weights 0, no
		 * step) and the deviance stays far above the profile's
		 * (mtcars am ~ wt + hp + qsec: 107.6 where it is 2e-11), a
		 * wrong 'above the cut-off'.  An inner fit that did not
		 * converge or lands above the cut-off is refitted from R's
		 * start (glm.fit's mustart, as the uniroot reference does)
		 * and the lower deviance kept. */
		if (pr->cold && pr->st == KO_OK) {
			if (!ml_score_zero(&pr->mo))
				profile_retry(pr, b);
			if (ml_score_zero(&pr->mo))
				profile_note_good(pr, b);
		}
	}
	return pr->mo.dev - pr->target;
}

/* The signed root of the profile, side * sqrt(objective - minimum): close
 * to linear in b, so the secant method finds where it reaches sqrt(q) in a
 * few refits.  Returns 1 with *root when it converged, 0 when the profile
 * misbehaves (flat, non-monotone) and bracketing must take over. */
static int profile_secant(struct profile *pr, double bhat, double step,
			  double side, double *root)
{
	double goal = sqrt(pr->q), b0 = bhat, r0 = 0.0;
	double b1 = bhat + side * goal * step, r1, g;
	int it;

	g = profile_gap(b1, pr) + pr->q;
	r1 = side * sqrt(g > 0.0 ? g : 0.0);
	for (it = 0; it < 30 && pr->st == KO_OK; it++) {
		double b2;

		if (!((r1 - r0) / (b1 - b0) > 0.0)) /* r rises with b */
			return 0;
		b2 = b1 + (side * goal - r1) * (b1 - b0) / (r1 - r0);
		if (!isfinite(b2) || side * (b2 - bhat) <= 0.0 ||
		    side * (b2 - bhat) > 64.0 * step)
			return 0;
		b0 = b1;
		r0 = r1;
		b1 = b2;
		g = profile_gap(b1, pr) + pr->q;
		r1 = side * sqrt(g > 0.0 ? g : 0.0);
		if (fabs(b1 - b0) <= PROFILE_XTOL * step && fabs(r1 - side * goal) < 1e-4) {
			*root = b1;
			return 1;
		}
	}
	return 0;
}

/* Under separation (pr->hard).  Firth: the root's refit must have
 * converged (a refit stopped by the iteration limit is below its maximum,
 * and its end wrong).  ML: a refit that cannot reach its minimum may
 * have been taken as above the cut-off and bracketed a wrong root: the
 * root is refitted once more and kept only when that refit reaches its
 * minimum and lies on the cut-off (the profile deviance is convex in b,
 * being the partial minimum of a convex function, so it crosses the
 * cut-off once on each side).  Otherwise NaN, never a wrong number. */
static double profile_verify(struct profile *pr, double root)
{
	double gap;

	if (!pr->hard || !isfinite(root) || pr->st != KO_OK)
		return isfinite(root) ? root : NAN;
	pr->bad = 0;
	gap = profile_gap(root, pr);
	if (pr->st != KO_OK || pr->bad ||
	    !(pr->mo.firth ? pr->mo.converged : ml_score_zero(&pr->mo)) ||
	    !(fabs(gap) <= 1e-6 * pr->q))
		return NAN;
	return root;
}

/* One end of the interval: the secant method on the signed root; if that
 * fails, walk out from bhat in steps of se doubling until the profile
 * crosses the cut-off, then Brent's method.  +-Inf when the profile stays
 * below the cut-off 4096 steps out; NaN (and no error) when the root
 * cannot be found, which the caller reports. */
static double profile_end(struct profile *pr, const double *bhat, double se,
			  double side)
{
	double lo = bhat[pr->j], hi = lo, step = se > 0 && isfinite(se) ? se : 1.0;
	double root = NAN;
	int k, it, kmax = pr->cold ? 60 : 12;
	gsl_function fn = { profile_gap, pr };
	gsl_root_fsolver *s;

	memcpy(pr->mo.beta, bhat, pr->mo.p * sizeof *bhat);
	if (profile_secant(pr, bhat[pr->j], step, side, &root) || pr->st != KO_OK)
		return profile_verify(pr, root);
	memcpy(pr->mo.beta, bhat, pr->mo.p * sizeof *bhat);
	for (k = 0; k <= kmax; k++) {
		hi = bhat[pr->j] + side * step * ldexp(1.0, k);
		if (profile_gap(hi, pr) > 0.0 || pr->st != KO_OK)
			break;
		lo = hi;
	}
	if (pr->st != KO_OK)
		return NAN;
	/* Under separation the steps start at 1 whatever the column's
	 * scale (the SEs are no scale), so 2^12 of them prove nothing: wt
	 * in units of 1e-6 has its root at -9.3e6 from an estimate of
	 * -2.3e8.  There the walk goes on to 2^60, and an end it still
	 * does not reach is not known (the infinite ends were decided
	 * above, by the separation's direction and strict_separation). */
	if (k > kmax)
		return pr->cold || pr->mo.firth ? NAN : side * INFINITY;
	if (!(s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent))) {
		pr->st = ko_err_set(pr->err, KO_ERR_NOMEM, "logit: out of memory");
		return NAN;
	}
	if (gsl_root_fsolver_set(s, &fn, side > 0 ? lo : hi, side > 0 ? hi : lo) == GSL_SUCCESS) {
		for (it = 0; it < 200 && pr->st == KO_OK; it++) {
			double a, b;

			if (gsl_root_fsolver_iterate(s) != GSL_SUCCESS)
				break;
			root = gsl_root_fsolver_root(s);
			a = gsl_root_fsolver_x_lower(s);
			b = gsl_root_fsolver_x_upper(s);
			if (gsl_root_test_interval(a, b, PROFILE_XTOL * step, 0.0) == GSL_SUCCESS)
				break;
		}
	}
	gsl_root_fsolver_free(s);
	return profile_verify(pr, root);
}

const char *ko_logit_profile_missing(const struct ko_logit_fit *fit, size_t j)
{
	if (!fit->ci_profile || j >= fit->p || fit->aliased[j])
		return NULL;
	return ko_ci_missing_ends(fit->conf_low[j], fit->conf_high[j]);
}

enum ko_status ko_logit_profile_ci(const struct ko_logit_data *data,
				   const struct ko_logit_fit *fit,
				   const struct ko_logit_options *opt,
				   size_t j, double level, double *lo,
				   double *hi, struct ko_err *err)
{
	struct profile pr;
	struct model full;
	unsigned char *fixed = calloc(data->p ? data->p : 1, 1);
	double *bhat = calloc(data->p ? data->p : 1, sizeof *bhat);
	double q = gsl_cdf_chisq_Qinv(1.0 - level, 1.0), l, h, se;
	enum ko_logit_separation sep;
	int sep_lo, sep_hi;
	size_t k;

	memset(&pr, 0, sizeof pr);
	memset(&full, 0, sizeof full);
	pr.err = err;
	if (!fixed || !bhat) {
		pr.st = ko_err_set(err, KO_ERR_NOMEM, "logit: out of memory");
		goto out;
	}
	if (j >= data->p || !(level > 0.0 && level < 1.0)) {
		pr.st = ko_err_set(err, KO_ERR_USAGE, "logit: bad profile request (column %zu, level %g)",
				   j, level);
		goto out;
	}
	if (fit->aliased[j]) {
		*lo = *hi = NAN;
		goto out;
	}
	/* aliased columns stay out (held at 0), as MASS's profile.glm drops
	 * them: otherwise they could take over column j's role */
	for (k = 0; k < data->p; k++) {
		bhat[k] = fit->aliased[k] ? 0.0 : fit->coef[k];
		fixed[k] = fit->aliased[k] != 0;
	}
	fixed[j] = 1;
	pr.j = j;
	pr.q = q;
	pr.alias_tol = ml_alias_tol(opt);
	/* the refits are the profile's, not the user's fit: Firth's Newton
	 * steps converge linearly (the information leaves out the penalty's
	 * curvature), 28 iterations on mtcars, so at least PROFILE_MAXIT */
	pr.max_iter = fit->firth && opt->max_iter > PROFILE_MAXIT ? opt->max_iter
								   : PROFILE_MAXIT;
	if (fit->firth) {
		pr.target = -2.0 * fit->loglik + q;
	} else {
		/* the reference: the full model iterated to full convergence */
		if ((pr.st = model_init(&full, data, 0, NULL, bhat, err)) != KO_OK ||
		    (pr.st = model_set_offset(&full, err)) != KO_OK)
			goto out;
		irls(&full, 0, PROFILE_MAXIT, PROFILE_EPS, pr.alias_tol);
		pr.target = full.dev + q;
		memcpy(bhat, full.beta, data->p * sizeof *bhat);
	}
	if ((pr.st = model_init(&pr.mo, data, fit->firth, fixed, bhat, err)) != KO_OK)
		goto out;
	pr.cold = !fit->firth && fit->separation;
	pr.hard = fit->separation;
	pr.bhat = bhat;
	if ((pr.cold || fit->firth) &&
	    (!(pr.save = malloc(data->p * sizeof *pr.save)) ||
			!(pr.good = malloc(2 * data->p * sizeof *pr.good)))) {
		pr.st = ko_err_set(err, KO_ERR_NOMEM, "logit: out of memory");
		goto out;
	}
	/* ML under (quasi-)separation: the SEs are huge and no scale for a
	 * walk (SE 10^5 for an estimate of 50), so steps of at most 1; and a
	 * coefficient whose MLE is +-infinity has that end of its interval
	 * there: along the direction of separation the deviance only falls,
	 * so the profile never reaches the cut-off on that side.  (Firth's
	 * penalized likelihood has finite ends and sane SEs.) */
	se = fit->se[j];
	sep = fit->firth ? KO_LOGIT_SEP_NONE : fit->separated[j];
	if (!fit->firth && fit->separation && !(se <= 1.0))
		se = 1.0;
	/* and an end beyond which the data stay strictly separated (the
	 * deviance 0 all the way, so no root) is infinite too: hp's lower
	 * end on mtcars am ~ wt + hp + qsec, whose data without hp are
	 * still completely separated (strict_separation) */
	sep_lo = sep == KO_LOGIT_SEP_TO_MINUS_INF;
	sep_hi = sep == KO_LOGIT_SEP_TO_PLUS_INF;
	if (!fit->firth && fit->separation) {
		int strict;

		if (!sep_lo) {
			strict_separation(data, fit->aliased, j, -1.0, &strict);
			sep_lo = strict == 1;
		}
		if (!sep_hi) {
			strict_separation(data, fit->aliased, j, 1.0, &strict);
			sep_hi = strict == 1;
		}
	}
	l = sep_lo ? -INFINITY : profile_end(&pr, bhat, se, -1.0);
	h = pr.st != KO_OK ? NAN :
	    sep_hi ? INFINITY : profile_end(&pr, bhat, se, 1.0);
	if (pr.st == KO_OK) {
		*lo = l;
		*hi = h;
	}
out:
	free(pr.save);
	free(pr.good);
	model_release(&pr.mo);
	model_release(&full);
	free(fixed);
	free(bhat);
	return pr.st;
}
