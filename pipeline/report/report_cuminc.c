/*
 * report_cuminc.c - the cumulative incidence of the follow-up's event by
 * the [report] exposure at [report] cuminc_ages (report_impl.h): the
 * Aalen-Johansen estimate with death as a competing event (1 - Kaplan-Meier
 * when there is no death date), Gray's or the log-rank test between the
 * levels, and a figure with CI bands, all under disclosure control:
 *
 *   - a curve steps only at the points of an age grid ([report]
 *     cuminc_step years) and only once at least T events (the threshold)
 *     of its level have happened since its last step: each step stands
 *     for T or more children, and no step is at one child's event age;
 *   - the table's cumulative incidence at a chosen age is the drawn curve's
 *     there (the last step at or before it), so a difference between two
 *     ages is a sum of steps;
 *   - numbers at risk are rounded to the nearest 10, below T shown "<T".
 *
 * Tables "cuminc" (the chosen ages) and "cuminc_steps" (every step drawn,
 * the numbers the figure shows); the figure figures/cuminc.* is drawn from
 * them after the whole-export audit.  docs/outputs.md says how and why.
 */
#include "report_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cuminc.h"
#include "followup.h"
#include "gray.h"
#include "logrank.h"
#include "surv.h"

/* A fixed text without conversions, formatted (its "%%" a "%"). */
static const char *plain(const struct report *r, enum ko_msg id, char *buf,
			 size_t size)
{
	snprintf(buf, size, tx(r, id), 0);
	return buf;
}

/* What the figure needs, kept from build_cuminc to write_cuminc_figure. */
struct cuminc_plot {
	int nlev;
	const char *labels[MAX_LEVELS]; /* the levels' shown labels (config) */
	const char *values[MAX_LEVELS]; /* their values, as Table 1's rows */
	int nstep[MAX_LEVELS];
	int drawn[MAX_LEVELS];          /* after the audit (cuminc_after_audit) */
	long events[MAX_LEVELS];        /* the level's follow-up events */
	long persons[MAX_LEVELS];       /* and its children with follow-up */
	double n_lo[MAX_LEVELS], n_hi[MAX_LEVELS]; /* what the steps say of
					   the persons (persons_bounds) */
	double *pts;                    /* per level 4 x max_steps: age, est, lo, hi */
	size_t max_steps;
	char title[400], foot[900];
};

/* The follow-up of the members with a level of the exposure, as survival
 * data: age at entry and exit (years), status 1 the event, 2 death when
 * death competes (ncause 2), else 0. */
struct cuminc_data {
	size_t n;
	double *entry, *time;
	int *status, *group;
	int any_entry; /* someone enters after birth: left truncation */
};

static void data_release(struct cuminc_data *cd)
{
	free(cd->entry);
	free(cd->time);
	free(cd->status);
	free(cd->group);
	memset(cd, 0, sizeof(*cd));
}

static enum ko_status gather(const struct report *r, const struct factor *f,
			     size_t ncause, struct cuminc_data *cd,
			     struct ko_err *err)
{
	const struct ko_derived *d = r->s->derived;
	size_t m, k = 0;

	memset(cd, 0, sizeof(*cd));
	cd->entry = malloc((r->n + 1) * sizeof(*cd->entry));
	cd->time = malloc((r->n + 1) * sizeof(*cd->time));
	cd->status = malloc((r->n + 1) * sizeof(*cd->status));
	cd->group = malloc((r->n + 1) * sizeof(*cd->group));
	if (!cd->entry || !cd->time || !cd->status || !cd->group)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	for (m = 0; m < r->n; m++) {
		size_t c = r->members[m];
		double in = ko_followup_value(d, KO_FUV_ENTRY_AGE, c);
		double out = ko_followup_value(d, KO_FUV_EXIT_AGE, c);
		int reason = d->fu_reason ? d->fu_reason[c] : KO_FU_NONE;

		if (f->code[m] < 0 || isnan(in) || isnan(out) || !(out > in))
			continue;
		cd->entry[k] = in;
		cd->time[k] = out;
		cd->status[k] = reason == KO_FU_EVENT ? 1
				: reason == KO_FU_DEATH && ncause == 2 ? 2 : 0;
		cd->group[k] = f->code[m];
		if (in > 0)
			cd->any_entry = 1;
		k++;
	}
	cd->n = k;
	if (k == 0)
		return ko_err_set(err, KO_ERR_DATA, "[report] cuminc_ages: no child "
				  "of the cohort has follow-up and a level of the "
				  "exposure");
	return KO_OK;
}

/* Gray's test (death competing) or the log-rank test between the levels;
 * NaN when not computed (delayed entry: neither takes it) or when it
 * cannot be (a level without events: the message is dropped, the
 * footnote says no test). */
static double level_test(const struct ko_surv_data *sd, size_t ncause,
			 int any_entry)
{
	struct ko_err err;
	double p = NAN;

	if (any_entry)
		return NAN;
	ko_err_clear(&err);
	if (ncause == 2) {
		struct ko_gray *gt = NULL;

		if (!ko_gray_test(sd, 2, 1, 0.0, &gt, &err))
			p = gt->p;
		ko_gray_free(gt);
	} else {
		struct ko_logrank *lr = NULL;

		if (!ko_logrank_test(sd, &lr, &err))
			p = lr->p;
		ko_logrank_free(lr);
	}
	return p;
}

/* The events of cause 1 of curve c at times in (a, b]; *at the index of
 * the last time at or before b (-1 none). */
static double events_between(const struct ko_cuminc_curve *c, size_t ncause,
			     double a, double b, long *at)
{
	double e = 0;
	size_t i;

	*at = -1;
	for (i = 0; i < c->ntime && c->time[i] <= b + 1e-9; i++) {
		if (c->time[i] > a + 1e-9)
			e += c->n_event[i * ncause];
		*at = (long)i;
	}
	return e;
}

/* Point n of pts (4 rows of max_steps): age g, the estimate and CI at
 * time index at. */
static void set_point(const struct ko_cuminc_curve *c, double *pts,
		      size_t max_steps, size_t n, double g, long at)
{
	size_t k = (size_t)at * c->nstate + 1;

	pts[n] = g;
	pts[max_steps + n] = c->pstate[k];
	pts[2 * max_steps + n] = c->lower ? c->lower[k] : NAN;
	pts[3 * max_steps + n] = c->upper ? c->upper[k] : NAN;
}

/* The protected steps of curve c (cause 1): on the grid w, 2w, ..., a
 * step where at least T events happened since the last one, with the
 * estimate and CI at that grid age.  The events after the last such step
 * (fewer than T) are not left out: the curve's final step is at the grid
 * point at or after the level's last event and holds them, so every
 * event of the level is inside a published step and the curve ends at
 * the level's whole count (docs/outputs.md).  The final step holds at
 * least T events too: the step before it moves to the latest grid point
 * that leaves T or more to each, or, where none does, is the final step
 * itself.  A level with fewer than T events has no step.  pts: 4 rows of
 * max_steps (age, est, low, high); the first point is (0, 0) without CI.
 * Returns the number of points. */
static int protect_curve(const struct ko_cuminc_curve *c, size_t ncause,
			 double w, int T, double *pts, size_t max_steps)
{
	double pending = 0, t_last = 0, g = 0, prev = 0;
	size_t n = 1, j;
	long at;

	pts[0] = pts[max_steps] = 0;
	pts[2 * max_steps] = pts[3 * max_steps] = NAN;
	for (j = 0; j < c->ntime; j++)
		if (c->n_event[j * ncause] > 0)
			t_last = c->time[j];
	for (j = 1; n < max_steps && t_last > 0; j++) {
		g = (double)j * w;
		pending = events_between(c, ncause, prev, g, &at);
		if (pending >= T) {
			set_point(c, pts, max_steps, n++, g, at);
			prev = g;
			pending = 0;
		}
		if (g >= t_last - 1e-9)
			break;
	}
	if (pending > 0 && n > 1) { /* the tail: g is the final grid point */
		double before = n > 2 ? pts[n - 2] : 0, k;
		long at2;

		n--;
		for (k = floor((pts[n] - before) / w + 0.5) - 1; k >= 1; k--) {
			double a = before + k * w;

			if (events_between(c, ncause, before, a, &at) >= T &&
			    events_between(c, ncause, a, g, &at2) >= T)
				break;
		}
		if (k >= 1)
			set_point(c, pts, max_steps, n++, before + k * w, at);
		events_between(c, ncause, 0, g, &at);
		set_point(c, pts, max_steps, n++, g, at);
	}
	return (int)n;
}

/* The curve's points as the tables show them: each estimate and CI end
 * rounded to the percentage's shown digits, for the tables, their csv
 * and xlsx (rounded cells) and the figure alike.  A cumulative incidence
 * is a function of the counts (without censoring before it, events / the
 * level's persons); at full precision it would give them back, and the
 * SVG draws its curves to 1/256 of a pixel (issue #13: the csv had
 * 0.41454076120144523 for a shown 0.4). */
static void round_points(double *pts, int n, size_t max_steps, int digits)
{
	int k, p;

	for (k = 1; k < 4; k++)
		for (p = 1; p < n; p++) {
			double *x = &pts[(size_t)k * max_steps + (size_t)p];
			char tmp[64];

			if (!isfinite(*x))
				continue;
			snprintf(tmp, sizeof(tmp), "%.*f", digits, 100 * *x);
			*x = strtod(tmp, NULL) / 100;
		}
}

/* The first step p in 1..n-1 whose age covers time t (t <= age + 1e-9),
 * or n: the steps' ages (pts) increase. */
static int first_step(const double *pts, int n, double t)
{
	int a = 1, b = n;

	while (a < b) {
		int m = a + (b - a) / 2;

		if (t <= pts[m] + 1e-9)
			b = m;
		else
			a = m + 1;
	}
	return a;
}

/* The first step p in 1..n-1 with t_e[p] > x, or n (t_e does not
 * decrease): one after the last at or before x (ko_surv_at). */
static int first_above(const double *t_e, int n, double x)
{
	return (int)ko_surv_at(t_e + 1, (size_t)(n - 1), x) + 2;
}

/* What the published steps of level g (pts, n points, rounded) say of
 * its persons N to one who knew every step's events exactly (the worst
 * case): the Aalen-Johansen (1 - Kaplan-Meier) estimate c at a step is at
 * least its events E over N, and at most E (1 + C / n) / N, C the
 * children censored before the step's last event and n those at risk at
 * it (each censored child's share goes to those still at risk, at most
 * (n + C) / n of theirs), so N lies in [E / c_hi, E (1 + C / n) / c_lo],
 * c_lo and c_hi the ends of the shown estimate's rounding.  Into *lo and
 * *hi: the narrowest over the steps (lo -inf, hi +inf: none).  Two passes
 * over the level's children, whatever the number of steps: the first
 * counts each step's events (and their last time, t_e), the second the
 * censored and at risk at each t_e, by the range of steps a child falls
 * in (t_e does not decrease from step to step).  -1: out of memory. */
static int persons_bounds(const struct cuminc_data *cd, int g,
			  const double *pts, int n, size_t max_steps,
			  int digits, double *lo, double *hi)
{
	double half = 0.5 * pow(10, -digits) / 100;
	double *e, *t_e, *cens, *risk;
	size_t i;
	int p;

	*lo = -INFINITY;
	*hi = INFINITY;
	if (n < 2)
		return 0;
	e = calloc(4 * (size_t)(n + 1), sizeof(*e));
	if (!e)
		return -1;
	t_e = e + n + 1;
	cens = t_e + n + 1;
	risk = cens + n + 1;
	for (i = 0; i < cd->n; i++) { /* an event counts from its step on */
		if (cd->group[i] != g || cd->status[i] != 1 ||
		    (p = first_step(pts, n, cd->time[i])) >= n)
			continue;
		e[p]++;
		t_e[p] = fmax(t_e[p], cd->time[i]);
	}
	for (p = 2; p < n; p++) {
		e[p] += e[p - 1];
		t_e[p] = fmax(t_e[p], t_e[p - 1]);
	}
	for (i = 0; i < cd->n; i++) {
		int a, b;

		if (cd->group[i] != g)
			continue;
		/* censored before t_e: the steps whose t_e > time */
		if (cd->status[i] == 0)
			cens[first_above(t_e, n, cd->time[i])]++;
		/* at risk at t_e: entry < t_e <= time */
		a = first_above(t_e, n, cd->entry[i]);
		b = first_above(t_e, n, cd->time[i]);
		if (a < b) {
			risk[a]++;
			risk[b]--;
		}
	}
	for (p = 1; p < n; p++) {
		double c = pts[max_steps + p];

		if (p > 1) {
			cens[p] += cens[p - 1];
			risk[p] += risk[p - 1];
		}
		*lo = fmax(*lo, e[p] / (c + half));
		if (c - half > 0 && risk[p] > 0)
			*hi = fmin(*hi, e[p] * (1 + cens[p] / risk[p]) / (c - half));
	}
	free(e);
	return 0;
}

/* The index of the last point at or before age a. */
static int point_at(const double *age, int n, double a)
{
	int k = 0;

	while (k + 1 < n && age[k + 1] <= a + 1e-9)
		k++;
	return k;
}

static void age_text(double a, char *buf, size_t size)
{
	snprintf(buf, size, "%g", a);
}

/* The number of children of level g at risk at age a (entry < a <= exit):
 * *shown rounded to the nearest 10 (at least T), the count itself
 * returned (1..T-1 is hidden as "<T"). */
static long at_risk(const struct cuminc_data *cd, int g, double a, int T,
		    double *shown)
{
	size_t i;
	long n = 0;

	for (i = 0; i < cd->n; i++)
		if (cd->group[i] == g && cd->entry[i] < a && a <= cd->time[i])
			n++;
	*shown = n < T ? (double)n : 10.0 * floor((double)n / 10.0 + 0.5);
	if (n >= T && *shown < T)
		*shown = T;
	return n;
}

/* What a published number at risk says of the count (at_risk): [lo, hi]
 * for a count shown rounded to the nearest 10 (never below T), "<T"
 * (1..T-1) or 0. */
static void risk_window(long n, double shown, int T, double *lo, double *hi)
{
	if (n == 0) {
		*lo = *hi = 0;
	} else if (n < T) {
		*lo = 1;
		*hi = T - 1;
	} else if (shown < 10) { /* T itself: counts T..4 round below T */
		*lo = T;
		*hi = 4;
	} else {
		*lo = fmax(T, shown - 5);
		*hi = shown + 4;
	}
}

/* Would publishing a number at risk in [lo, hi] after the level's last
 * published one in [plo, phi] (at first the level's persons, exactly: as
 * Table 1 shows them) narrow the children who left in between, phi - lo
 * at most, below what "<T" allows (the protection rule, docs/outputs.md),
 * or pin it to 0 (the level's persons would then be the children at risk:
 * narrowed where Table 1 hides them)?  Both 0 is no one. */
static int risk_narrows(double plo, double phi, double lo, double hi, int T)
{
	double left_lo = fmax(0, plo - hi), left_hi = phi - lo;

	if (phi == 0 && hi == 0)
		return 0;
	return left_hi < T - 1.5 || (left_hi < T - 0.5 && left_lo > 1.5);
}

/* Table "cuminc_steps": one row per step of each drawn level's curve
 * (pl->drawn), the points the figure draws.  *out NULL on error. */
static enum ko_status steps_table(const struct report *r,
				  const struct cuminc_plot *pl,
				  struct ko_table **out, struct ko_err *err)
{
	const struct ko_cfg_report *rc = &r->cfg->report;
	const struct ko_cfg_variable *ev = &r->cfg->vars[r->cfg->followup.event_var];
	struct ko_table *ts;
	char title[480], buf[64], head[120];
	int g, p, row, ca, cs;

	*out = NULL;
	snprintf(title, sizeof(title), tx(r, KO_MSG_CI_STEPS_TITLE),
		 ev->label ? ev->label : ev->name,
		 var_label(r->cfg, (size_t)rc->exposure));
	ts = ko_table_new("cuminc_steps", title);
	if (!ts)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	ts->threshold = r->threshold;
	ca = ko_table_add_col(ts, tx(r, KO_MSG_CI_COL_AGE), NULL, KO_COL_OTHER);
	cs = ko_table_add_col(ts, plain(r, KO_MSG_CI_COL, head, sizeof(head)), NULL,
			      KO_COL_OTHER);
	if (ca < 0 || cs < 0 || ko_table_set_footnote(ts, pl->foot) ||
	    ko_table_set_stub_header(ts, var_label(r->cfg, (size_t)rc->exposure)))
		goto nomem;
	for (g = 0; g < pl->nlev; g++) {
		const double *pts = pl->pts + (size_t)g * 4 * pl->max_steps;
		size_t ms = pl->max_steps;

		for (p = 1; pl->drawn[g] && p < pl->nstep[g]; p++) {
			age_text(pts[p], buf, sizeof(buf));
			if ((row = ko_table_add_row(ts, pl->labels[g], 0, pl->values[g],
						    buf)) < 0)
				goto nomem;
			ko_table_set_number(ts, row, ca, pts[p]);
			ko_table_set_pct_ci(ts, row, cs, 100 * pts[ms + p],
					    100 * pts[2 * ms + p], 100 * pts[3 * ms + p]);
			ko_table_round_cell(ts, row, cs);
		}
	}
	*out = ts;
	return KO_OK;
nomem:
	ko_table_free(ts);
	return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
}

static enum ko_status tables(struct report *r, const struct factor *f,
			     const struct cuminc_data *cd,
			     const struct cuminc_plot *pl, struct ko_err *err)
{
	const struct ko_cfg_report *rc = &r->cfg->report;
	const char *expo = r->cfg->vars[rc->exposure].name;
	struct ko_table *t = ko_table_new("cuminc", pl->title);
	struct ko_table *ts;
	char buf[64], lab[96], head[120];
	enum ko_status st;
	int g, row, ci, cr;
	size_t k;

	if (!t)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	t->threshold = r->threshold;
	ci = ko_table_add_col(t, plain(r, KO_MSG_CI_COL, head, sizeof(head)), NULL,
			      KO_COL_OTHER);
	cr = ko_table_add_col(t, tx(r, KO_MSG_CI_COL_RISK), NULL, KO_COL_OTHER);
	if (ci < 0 || cr < 0 || ko_table_set_footnote(t, pl->foot) ||
	    ko_table_set_stub_header(t, var_label(r->cfg, (size_t)rc->exposure))) {
		ko_table_free(t);
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	}
	for (g = 0; g < f->nlev; g++) {
		const double *pts = pl->pts + (size_t)g * 4 * pl->max_steps;
		size_t ms = pl->max_steps;

		double plo = 0, phi, lo, hi;
		size_t i;

		for (i = 0; i < cd->n; i++)
			plo += cd->group[i] == g; /* the level's persons */
		phi = plo;
		if (ko_table_add_row(t, f->shown[g], 0, expo, f->labels[g]) < 0)
			goto nomem;
		for (k = 0; k < rc->n_cuminc_ages; k++) {
			double a = rc->cuminc_ages[k], n;
			int p = point_at(pts, pl->nstep[g], a);
			long count;

			age_text(a, buf, sizeof(buf));
			snprintf(lab, sizeof(lab), tx(r, KO_MSG_CI_AGE), buf);
			if ((row = ko_table_add_row(t, lab, 1, f->labels[g], buf)) < 0)
				goto nomem;
			if (p > 0)
				ko_table_set_pct_ci(t, row, ci, 100 * pts[ms + p],
						    100 * pts[2 * ms + p], 100 * pts[3 * ms + p]);
			else
				ko_table_set_percent(t, row, ci, 0.0);
			ko_table_round_cell(t, row, ci);
			count = at_risk(cd, g, a, r->threshold, &n);
			risk_window(count, n, r->threshold, &lo, &hi);
			ko_table_set_count(t, row, cr, n);
			if (risk_narrows(plo, phi, lo, hi, r->threshold)) {
				/* hidden: the next shown one is compared with
				 * the last shown */
				ko_table_suppress(t, row, cr, KO_SUPP_SECONDARY);
				continue;
			}
			if (count < r->threshold && count > 0)
				ko_table_suppress(t, row, cr, KO_SUPP_PRIMARY);
			plo = lo;
			phi = hi;
		}
	}
	if ((st = add_table(r, t, err)))
		return st;
	if ((st = steps_table(r, pl, &ts, err)))
		return st;
	return add_table(r, ts, err);
nomem:
	ko_table_free(t);
	return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
}

/* The footnote: the method, the test, and how the curves are protected. */
static void footnote(const struct report *r, size_t ncause, int any_entry,
		     double p, char *buf, size_t size)
{
	char ptext[64], step[32], test[200], method[200];
	size_t used;

	if (isnan(p)) {
		snprintf(test, sizeof(test), "%s", tx(r, KO_MSG_CI_NO_TEST));
		(void)any_entry;
	} else {
		struct ko_table scratch;
		struct ko_cell cell;

		memset(&scratch, 0, sizeof(scratch));
		memset(&cell, 0, sizeof(cell));
		cell.kind = KO_CELL_PVALUE;
		cell.v[0] = p;
		ptext[0] = '=';
		ptext[1] = ' ';
		ko_table_cell_text(&scratch, &cell, &r->fmt, ptext + 2, sizeof(ptext) - 2);
		snprintf(test, sizeof(test),
			 tx(r, ncause == 2 ? KO_MSG_CI_GRAY : KO_MSG_CI_LOGRANK),
			 ptext[2] == '<' ? ptext + 2 : ptext); /* "p = 0.012", "p <0.001" */
	}
	snprintf(step, sizeof(step), "%g", r->cfg->report.cuminc_step);
	if (r->fmt.decimal_mark == ',' && strchr(step, '.'))
		*strchr(step, '.') = ',';
	used = (size_t)snprintf(buf, size, "%s; %s. ",
				plain(r, ncause == 2 ? KO_MSG_CI_AJ : KO_MSG_CI_KM,
				      method, sizeof(method)), test);
	if (used < size)
		snprintf(buf + used, size - used, tx(r, KO_MSG_CI_PROTECT), step,
			 r->threshold);
}

enum ko_status build_cuminc(struct report *r, struct ko_err *err)
{
	const struct ko_config *cfg = r->cfg;
	const struct ko_cfg_report *rc = &cfg->report;
	const struct ko_cfg_variable *ev;
	struct factor f;
	struct cuminc_data cd;
	struct ko_surv_data sd;
	struct ko_cuminc_options opt;
	struct ko_cuminc *fit = NULL;
	struct cuminc_plot *pl = NULL;
	size_t ncause = cfg->followup.death_var >= 0 ? 2 : 1;
	double x_end = 0, p;
	enum ko_status st;
	size_t i;
	int g;

	if (rc->n_cuminc_ages == 0)
		return KO_OK;
	memset(&cd, 0, sizeof(cd));
	if ((st = factor_init(&f, r, (size_t)rc->exposure, err)))
		return st;
	if ((st = gather(r, &f, ncause, &cd, err)))
		goto out;
	memset(&sd, 0, sizeof(sd));
	sd.n = cd.n;
	sd.time = cd.time;
	sd.entry = cd.any_entry ? cd.entry : NULL;
	sd.status = cd.status;
	sd.group = cd.group;
	sd.ngroups = (size_t)f.nlev;
	ko_cuminc_options_init(&opt);
	if ((st = ko_cuminc_fit(&sd, ncause, &opt, &fit, err)))
		goto out;
	p = level_test(&sd, ncause, cd.any_entry);
	for (i = 0; i < cd.n; i++) /* the last step is at most here */
		x_end = fmax(x_end, cd.time[i]);
	pl = calloc(1, sizeof(*pl));
	if (!pl) {
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		goto out;
	}
	pl->nlev = f.nlev;
	pl->max_steps = (size_t)ceil(x_end / rc->cuminc_step) + 2;
	pl->pts = malloc((size_t)f.nlev * 4 * pl->max_steps * sizeof(*pl->pts));
	if (!pl->pts) {
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		goto out;
	}
	for (g = 0; g < f.nlev; g++) {
		pl->labels[g] = f.shown[g];
		pl->values[g] = f.labels[g];
		pl->drawn[g] = 1; /* until the audit's tables say (cuminc_after_audit) */
		pl->nstep[g] = protect_curve(&fit->curve[g], ncause, rc->cuminc_step,
					     r->threshold,
					     pl->pts + (size_t)g * 4 * pl->max_steps,
					     pl->max_steps);
		round_points(pl->pts + (size_t)g * 4 * pl->max_steps, pl->nstep[g],
			     pl->max_steps, r->fmt.digits_percent);
		if (persons_bounds(&cd, g, pl->pts + (size_t)g * 4 * pl->max_steps,
				   pl->nstep[g], pl->max_steps, r->fmt.digits_percent,
				   &pl->n_lo[g], &pl->n_hi[g])) {
			st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
			goto out;
		}
		if (cd.any_entry) /* the bounds assume follow-up from birth */
			pl->n_lo[g] = pl->n_hi[g] = NAN;
	}
	for (i = 0; i < cd.n; i++) {
		pl->events[cd.group[i]] += cd.status[i] == 1;
		pl->persons[cd.group[i]]++;
	}
	ev = &cfg->vars[cfg->followup.event_var];
	snprintf(pl->title, sizeof(pl->title), tx(r, KO_MSG_CI_TITLE),
		 ev->label ? ev->label : ev->name,
		 var_label(cfg, (size_t)rc->exposure));
	footnote(r, ncause, cd.any_entry, p, pl->foot, sizeof(pl->foot));
	if ((st = tables(r, &f, &cd, pl, err)))
		goto out;
	r->cuminc = pl;
	pl = NULL;
out:
	if (pl)
		free(pl->pts);
	free(pl);
	ko_cuminc_free(fit);
	data_release(&cd);
	factor_release(&f);
	return st;
}

/* Table 1's count of the exposure's level value in its persons (events:
 * the outcome's "Yes") column; -1 when Table 1 hides it or has no such
 * cell. */
static double table1_count(const struct report *r, const struct ko_table *t1,
			   const char *value, int events)
{
	const char *term = r->cfg->vars[r->cfg->report.exposure].name;
	const char *head = tx(r, events ? KO_MSG_YES : KO_MSG_OVERALL);
	int row, c;

	for (c = 0; t1 && c < t1->ncol; c++)
		if (!t1->cols[c].group == !events && !strcmp(t1->cols[c].header, head))
			break;
	for (row = 0; t1 && c < t1->ncol && row < t1->nrow; row++) {
		const struct ko_table_row *tr = &t1->rows[row];
		const struct ko_cell *cell = ko_table_cell_c(t1, row, c);

		if (!tr->term || strcmp(tr->term, term) ||
		    strcmp(tr->value ? tr->value : "", value))
			continue;
		if (cell->supp != KO_SUPP_NONE || (cell->kind != KO_CELL_COUNT &&
						   cell->kind != KO_CELL_COUNT_PCT))
			return -1;
		return cell->v[0];
	}
	return -1;
}

/* After the whole-export audit, before anything is written: a level's
 * curve ends at the level's whole count of events (protect_curve), and
 * is about its events over its persons at every step; so it is drawn
 * only where Table 1, as the audit left it, shows the level's events,
 * and those are the follow-up's events of the level (the same children),
 * and either shows its persons too or the steps leave them T - 1 or more
 * either way (persons_bounds).  Then the curve gives back no count the
 * tables hide.  A level not drawn has its cumulative incidence hidden in
 * "cuminc" (x, secondary), no rows in "cuminc_steps" and no curve in the
 * figure; its numbers at risk stay as protected (docs/outputs.md). */
static int level_drawn(const struct report *r, const struct ko_table *t1,
		       const struct cuminc_plot *pl, int g)
{
	double slack = r->threshold - 1, n = (double)pl->persons[g];

	if (table1_count(r, t1, pl->values[g], 1) != (double)pl->events[g])
		return 0;
	if (table1_count(r, t1, pl->values[g], 0) >= 0)
		return 1;
	return n - pl->n_lo[g] >= slack && pl->n_hi[g] - n >= slack;
}

enum ko_status cuminc_after_audit(struct report *r, struct ko_err *err)
{
	struct cuminc_plot *pl = r->cuminc;
	const struct ko_table *t1 = find_table(r, "table1");
	size_t n = r->cfg->report.n_cuminc_ages, k;
	struct ko_table *ts;
	enum ko_status st;
	int g, i;

	if (!pl)
		return KO_OK;
	for (g = 0; g < pl->nlev; g++)
		pl->drawn[g] = level_drawn(r, t1, pl, g);
	for (i = 0; i < r->n_tables; i++) {
		struct ko_table *t = r->tables[i];

		if (!strcmp(t->name, "cuminc")) {
			for (g = 0; g < pl->nlev; g++)
				for (k = 0; !pl->drawn[g] && k < n; k++)
					ko_table_suppress(t, g * (int)(n + 1) + 1 + (int)k, 0,
							  KO_SUPP_SECONDARY);
		} else if (!strcmp(t->name, "cuminc_steps")) {
			if ((st = steps_table(r, pl, &ts, err)))
				return st;
			ko_table_free(t);
			r->tables[i] = ts;
		}
	}
	return KO_OK;
}

/* The at-risk texts of level g from the published table "cuminc" (after
 * the audit: what it hides is hidden here too). */
static void risk_texts(const struct report *r, const struct ko_table *t, int g,
		       char (*buf)[24], const char **ptr)
{
	size_t k, n = r->cfg->report.n_cuminc_ages;
	int row = g * (int)(n + 1) + 1;

	for (k = 0; k < n; k++) {
		buf[k][0] = '\0';
		if (t && row + (int)k < t->nrow)
			ko_table_cell_text(t, ko_table_cell_c(t, row + (int)k, 1),
					   &r->fmt, buf[k], sizeof(buf[k]));
		ptr[k] = buf[k];
	}
}

enum ko_status write_cuminc_figure(struct report *r, struct ko_err *err)
{
	const struct cuminc_plot *pl = r->cuminc;
	const struct ko_cfg_report *rc = &r->cfg->report;
	const struct ko_table *t = find_table(r, "cuminc");
	struct ko_cuminc_series *s = NULL;
	struct ko_cuminc_figure fig;
	char (*rbuf)[24] = NULL;
	const char **rptr = NULL;
	char rel[200], path[5000], ylab[120];
	enum ko_status st = KO_OK;
	size_t k, na = rc->n_cuminc_ages;
	double x_max;
	int g, ns = 0;

	if (!pl)
		return KO_OK;
	s = calloc((size_t)pl->nlev, sizeof(*s));
	rbuf = calloc((size_t)pl->nlev * na, sizeof(*rbuf));
	rptr = calloc((size_t)pl->nlev * na, sizeof(*rptr));
	if (!s || !rbuf || !rptr) {
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		goto out;
	}
	x_max = rc->cuminc_ages[na - 1];
	for (g = 0; g < pl->nlev; g++) {
		const double *pts = pl->pts + (size_t)g * 4 * pl->max_steps;

		if (!pl->drawn[g])
			continue;
		s[ns].label = pl->labels[g];
		s[ns].nstep = pl->nstep[g];
		s[ns].age = pts;
		s[ns].est = pts + pl->max_steps;
		s[ns].low = pts + 2 * pl->max_steps;
		s[ns].high = pts + 3 * pl->max_steps;
		risk_texts(r, t, g, rbuf + (size_t)g * na, rptr + (size_t)g * na);
		s[ns].at_risk = rptr + (size_t)g * na;
		x_max = fmax(x_max, pts[pl->nstep[g] - 1]); /* the last step */
		ns++;
	}
	memset(&fig, 0, sizeof(fig));
	fig.title = pl->title;
	fig.x_label = tx(r, KO_MSG_CI_X);
	fig.y_label = plain(r, KO_MSG_CI_Y, ylab, sizeof(ylab));
	fig.risk_label = tx(r, KO_MSG_CI_AT_RISK);
	fig.footnote = NULL; /* the table's; too long for one line */
	fig.x_max = x_max;
	fig.ages = rc->cuminc_ages;
	fig.nages = (int)na;
	fig.series = s;
	fig.nseries = ns;
	for (k = 0; !st && k < ko_figure_n_outputs; k++) {
		snprintf(rel, sizeof(rel), "figures/cuminc.%s", ko_figure_outputs[k].ext);
		out_path(r, path, sizeof(path), rel);
		st = ko_figure_cuminc(&fig, &r->fmt, ko_figure_outputs[k].format,
				      path, err);
	}
out:
	free(s);
	free(rbuf);
	free(rptr);
	return st;
}

void cuminc_release(struct report *r)
{
	if (!r->cuminc)
		return;
	free(r->cuminc->pts);
	free(r->cuminc);
	r->cuminc = NULL;
}
