/*
 * rate.c - incidence rates with exact Poisson intervals (rate.h).  The
 * interval ends are gamma quantiles, as R's poisson.test takes them from
 * qgamma.  GSL's gsl_cdf_gamma_Pinv fails to converge for large shapes
 * (250,001: "inverse failed to converge"), so the quantile is found here
 * by a safeguarded Newton iteration on GSL's regularized incomplete gamma
 * functions (gsl_sf_gamma_inc_P / _Q, accurate in both tails).  Methods:
 * docs/statistics.md.
 */
#include "rate.h"

#include <float.h>
#include <math.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_gamma.h>

#define QGAMMA_MAX_ITER 200

/* The tail of Gamma(shape a, scale 1) at x: P (lower) or Q (upper), NaN
 * when GSL fails. */
static double gamma_tail(double a, double x, int upper)
{
	gsl_sf_result r;
	int st = upper ? gsl_sf_gamma_inc_Q_e(a, x, &r) : gsl_sf_gamma_inc_P_e(a, x, &r);

	return st == GSL_SUCCESS ? r.val : NAN;
}

/* x with P(a, x) = p (qgamma(p, a)), 0 < p < 1, a > 0: Newton steps on the
 * tail that holds the smaller probability, kept inside a bracket that each
 * step narrows, bisection when a step leaves it.  NaN when not found. */
static double gamma_quantile(double p, double a)
{
	int upper = p > 0.5, it;
	double target = upper ? 1.0 - p : p;
	double z = gsl_cdf_ugaussian_Pinv(p), c = 1.0 / (9.0 * a);
	double lo = 0.0, hi = INFINITY, x;

	/* Wilson-Hilferty start, or the small-x series when that is <= 0 */
	x = a * pow(1.0 - c + z * sqrt(c), 3.0);
	if (!(x > 0.0))
		x = exp((log(p) + lgamma(a + 1.0)) / a);
	for (it = 0; it < QGAMMA_MAX_ITER; it++) {
		double t = gamma_tail(a, x, upper), f, dens, next;

		if (isnan(t))
			return NAN;
		/* f > 0: x is above the quantile */
		f = upper ? target - t : t - target;
		if (f > 0.0)
			hi = x;
		else if (f < 0.0)
			lo = x;
		else
			return x;
		dens = exp((a - 1.0) * log(x) - x - lgamma(a));
		next = dens > 0.0 ? x - f / dens : NAN;
		if (!(next > lo && next < hi))
			next = isfinite(hi) ? 0.5 * (lo + hi) : 2.0 * x;
		if (fabs(next - x) <= 4.0 * DBL_EPSILON * x)
			return next;
		x = next;
	}
	return NAN;
}

enum ko_status ko_rate_exact(double events, double pyears, double level,
			     double per, struct ko_rate *out,
			     struct ko_err *err)
{
	double a = 1.0 - level;
	struct ko_rate r;

	if (!(level > 0.0 && level < 1.0) || !(per > 0.0) || !isfinite(per))
		return ko_err_set(err, KO_ERR_USAGE,
				  "rate: bad options (level %g, per %g)", level, per);
	if (!isfinite(events) || events < 0.0 || events != floor(events))
		return ko_err_set(err, KO_ERR_DATA,
				  "rate: events %g is not a whole number >= 0", events);
	if (!isfinite(pyears) || !(pyears > 0.0))
		return ko_err_set(err, KO_ERR_DATA,
				  "rate: person-years %g is not a finite number > 0", pyears);
	r.events = events;
	r.pyears = pyears;
	r.level = level;
	r.per = per;
	r.rate = events / pyears * per;
	r.low = events > 0.0 ?
			gamma_quantile(a / 2.0, events) / pyears * per : 0.0;
	r.high = gamma_quantile(1.0 - a / 2.0, events + 1.0) / pyears * per;
	if (!isfinite(r.low) || !isfinite(r.high))
		return ko_err_set(err, KO_ERR_NUMERIC,
				  "rate: exact interval not found (events %g, person-years %g)",
				  events, pyears);
	*out = r;
	return KO_OK;
}
