/*
 * model_data.c - a model's data (model_impl.h): the design columns from the
 * derived per-child arrays (numbers as they are, labelled variables as label
 * pointers), the outcome check, the strata, and what the config asks that
 * the data cannot give (ko_model_check_data, ko_model_check_config in
 * model.h).
 */
#include "model.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "derive.h"
#include "design.h"
#include "followup.h"
#include "lexis.h"
#include "link.h"
#include "model_impl.h"
#include "study.h"
#include "tsplit.h"
#include "value.h"

/* ---- data ---------------------------------------------------------------- */

void model_data_release(struct model_data *md)
{
	size_t i;

	for (i = 0; md->text && i < md->n_cols; i++)
		free(md->text[i]);
	for (i = 0; md->own_num && i < md->n_cols; i++)
		free(md->own_num[i]);
	free(md->own_num);
	free(md->row_child);
	free(md->row_keep);
	free(md->age_band);
	free(md->period);
	free(md->text);
	free(md->cols);
	free(md->base);
	free(md->keep);
	free(md->required);
	free(md->fu_event);
	free(md->fu_start);
	free(md->fu_stop);
	memset(md, 0, sizeof(*md));
}

/* Add variable v as a design column (once). */
static enum ko_status data_add(struct model_data *md, size_t v,
			       struct ko_err *err)
{
	const struct ko_config *cfg = md->s->cfg;
	const struct ko_derived *d = md->s->derived;
	struct ko_design_column *col;
	size_t i, c;

	for (i = 0; i < md->n_cols; i++)
		if (!strcmp(md->cols[i].name, cfg->vars[v].name))
			return KO_OK;
	col = &md->cols[md->n_cols];
	col->name = cfg->vars[v].name;
	if (cfg->vars[v].kind != KO_VK_LABEL) {
		col->num = d->val[v];
	} else {
		const char **t = malloc((d->n_children + 1) * sizeof(*t));

		if (!t)
			return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		for (c = 0; c < d->n_children; c++)
			t[c] = ko_derived_label(d, cfg, v, c);
		md->text[md->n_cols] = t;
		col->text = t;
	}
	md->n_cols++;
	return KO_OK;
}

/* family = cox: the follow-up's event as the outcome column, and each
 * child's (entry, exit] as ages in days (the time scale: birth is 0, so
 * that children entering at birth have Surv(fu_days, fu_event)). */
static enum ko_status data_add_followup(struct model_data *md,
					struct ko_err *err)
{
	const struct ko_derived *d = md->s->derived;
	size_t n = md->s->links->n_children, c;
	struct ko_design_column *col = &md->cols[md->n_cols];

	md->fu_event = malloc((n + 1) * sizeof(*md->fu_event));
	md->fu_start = malloc((n + 1) * sizeof(*md->fu_start));
	md->fu_stop = malloc((n + 1) * sizeof(*md->fu_stop));
	if (!md->fu_event || !md->fu_start || !md->fu_stop)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	for (c = 0; c < n; c++) {
		md->fu_event[c] = ko_followup_value(d, KO_FUV_EVENT, c);
		md->fu_start[c] = md->fu_stop[c] = NAN;
		if (isnan(md->fu_event[c]))
			continue;
		md->fu_start[c] = (double)d->fu_entry[c] - d->fu_birth[c];
		md->fu_stop[c] = (double)d->fu_exit[c] - d->fu_birth[c];
		if (md->fu_start[c] > 0)
			md->late_entry = 1;
	}
	col->name = MODEL_EVENT_COLUMN;
	col->num = md->fu_event;
	md->n_cols++;
	return KO_OK;
}

/* Child c's age-band breaks: the birthdays of split_age, as ages in days
 * (the time scale), into breaks. */
static void band_breaks(const struct model_data *md, size_t c, double *breaks)
{
	int32_t birth = md->s->derived->fu_birth[c];
	size_t k;

	for (k = 0; k < md->m->n_split_age; k++)
		breaks[k] = (double)ko_birthday(birth, md->m->split_age[k]) - birth;
}

/* Follow-up of child c on day `day` (days since 1970), before the first
 * calendar period: an error that names the child and the dates. */
static long period_before(const struct model_data *md, size_t c, double day,
			  struct ko_err *err)
{
	const struct ko_links *l = md->s->links;
	char when[16], first[16];

	ko_date_format_iso((int32_t)day, when);
	ko_date_format_iso(md->m->split_period[0], first);
	ko_err_set(err, KO_ERR_DATA, "model %s: split_period: child %s is "
		   "followed from %s, before the first calendar period (%s); "
		   "begin split_period at or before the earliest follow-up",
		   md->m->name, ko_persons_id(l->dict, l->child_person[c], NULL),
		   when, first);
	return -1;
}

/* One (start, stop] interval of child c cut at the birthdays of split_age
 * and at the dates of split_period (lexis.h: age and calendar time, as
 * Epi::splitLexis on two time scales), or kept whole without them; the
 * pieces go to rows r... (with tv: the interval's time-varying values), or
 * are only counted when ev is NULL.  Returns the pieces, -1 on bad data
 * (err set; follow-up before the first period names the child). */
static long split_piece(struct model_data *md, size_t c, double t0, double t1,
			int status, const double *tv, size_t r, double *ev,
			double *start, double *stop, double *tv_out,
			struct ko_err *err)
{
	const struct ko_cfg_model *m = md->m;
	double breaks[KO_CFG_MAX_LIST] = { 0 }, pbreaks[KO_CFG_MAX_LIST];
	double entry[KO_LEXIS_MAX_SCALES] = { t0, 0 };
	int32_t birth = md->s->derived->fu_birth[c];
	size_t nb = m->n_split_age ? m->n_split_age : 1, q;
	struct ko_lexis lx = { 1, { breaks, pbreaks }, { nb, m->n_split_period } };
	struct ko_lexis_iter it;
	struct ko_lexis_piece pc;
	long k = 0;

	if (m->n_split_age)
		band_breaks(md, c, breaks);
	if (m->n_split_period) { /* calendar time in days since 1970 */
		lx.nscales = 2;
		entry[1] = (double)birth + t0;
		for (q = 0; q < m->n_split_period; q++)
			pbreaks[q] = m->split_period[q];
	}
	if (ko_lexis_begin(&it, &lx, entry, t1 - t0, status, err))
		return -1;
	while (ko_lexis_next(&it, &pc)) {
		size_t row = r + (size_t)k++;

		if (m->n_split_period && pc.band[1] < 0)
			return period_before(md, c, pc.start[1], err);
		if (!ev)
			continue;
		md->row_child[row] = c;
		ev[row] = pc.event;
		start[row] = pc.start[0];
		stop[row] = pc.start[0] + pc.dur;
		md->age_band[row] = m->n_split_age
			? m->split_age[pc.band[0] < 0 ? 0 : pc.band[0]] : 0;
		if (m->n_split_period)
			md->period[row] = m->split_period_label[pc.band[1]];
		for (q = 0; q < m->n_tv; q++)
			tv_out[row * m->n_tv + q] = tv[q];
	}
	return k;
}

/* The children split: those in base with follow-up time (a child whose
 * exit is its entry has none: no row, counted by the model as not in the
 * fit), and for each its switch times of the time-varying terms. */
struct split_in {
	size_t n, *kid;
	double *start, *stop;
	int *status;
	size_t *off[KO_CFG_MAX_LIST];
	double *time[KO_CFG_MAX_LIST];
	struct ko_tdc tdc[KO_CFG_MAX_LIST];
};

static void split_in_release(struct split_in *in, size_t n_tv)
{
	size_t q;

	free(in->kid);
	free(in->start);
	free(in->stop);
	free(in->status);
	for (q = 0; q < n_tv; q++) {
		free(in->off[q]);
		free(in->time[q]);
	}
}

/* Whether child c is in the split: in base with follow-up time (a child
 * whose exit is its entry has none). */
static int split_child(const struct model_data *md, size_t c)
{
	return md->base[c] && !isnan(md->fu_event[c]) &&
	       md->fu_stop[c] > md->fu_start[c];
}

/* Time-varying term q's times of child c into t (days from birth), at
 * most KO_FOLLOWUP_MAX_YEARS; returns how many (ko_followup_tv_days: a date
 * variable's date, or the 1st of January after each year with records). */
static size_t tv_times(const struct model_data *md, size_t q, size_t c,
		       double *t)
{
	const struct ko_derived *d = md->s->derived;
	int32_t days[KO_FOLLOWUP_MAX_YEARS];
	size_t k, n = ko_followup_tv_days(d, md->m, q, c, days, KO_FOLLOWUP_MAX_YEARS);

	for (k = 0; k < n; k++)
		t[k] = (double)days[k] - d->fu_birth[c];
	return n;
}

static enum ko_status split_in_make(struct model_data *md, struct split_in *in,
				    struct ko_err *err)
{
	const struct ko_cfg_model *m = md->m;
	size_t n = md->s->links->n_children, c, q, k = 0;
	double t[KO_FOLLOWUP_MAX_YEARS];

	memset(in, 0, sizeof(*in));
	in->kid = malloc((n + 1) * sizeof(*in->kid));
	in->start = malloc((n + 1) * sizeof(*in->start));
	in->stop = malloc((n + 1) * sizeof(*in->stop));
	in->status = malloc((n + 1) * sizeof(*in->status));
	for (q = 0; q < m->n_tv; q++) {
		size_t total = 0;

		for (c = 0; c < n; c++)
			if (split_child(md, c))
				total += tv_times(md, q, c, t);
		in->off[q] = malloc((n + 2) * sizeof(*in->off[q]));
		in->time[q] = malloc((total + 1) * sizeof(*in->time[q]));
		if (!in->off[q] || !in->time[q])
			return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		in->off[q][0] = 0;
	}
	if (!in->kid || !in->start || !in->stop || !in->status)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	for (c = 0; c < n; c++) {
		if (!split_child(md, c))
			continue;
		in->kid[k] = c;
		in->start[k] = md->fu_start[c];
		in->stop[k] = md->fu_stop[c];
		in->status[k] = md->fu_event[c] == 1;
		for (q = 0; q < m->n_tv; q++) {
			size_t o = in->off[q][k], j, nt = tv_times(md, q, c, t);

			for (j = 0; j < nt; j++)
				in->time[q][o++] = t[j];
			in->off[q][k + 1] = o;
		}
		k++;
	}
	in->n = k;
	for (q = 0; q < m->n_tv; q++) {
		/* a date: 1 from the date on (tdc); a count: 1 more from each
		 * time (cumtdc) */
		in->tdc[q].kind = m->tv_cum[q] ? KO_TDC_CUM : KO_TDC_SET;
		in->tdc[q].init = 0;
		in->tdc[q].off = in->off[q];
		in->tdc[q].time = in->time[q];
		in->tdc[q].value = NULL;
	}
	return KO_OK;
}

/* Each (start, stop] of ts cut into pieces (split_piece): counted when ev
 * is NULL, else filled from row 0.  Returns the pieces; -1 on bad data. */
static long split_rows(struct model_data *md, const struct split_in *in,
		       const struct ko_tsplit *ts, double *ev, double *start,
		       double *stop, double *tv_out, struct ko_err *err)
{
	size_t r, total = 0;
	long k;

	for (r = 0; r < ts->n_rows; r++) {
		k = split_piece(md, in->kid[ts->subject[r]], ts->start[r],
				ts->stop[r], ts->status[r],
				ts->cov + r * ts->n_cov, total, ev, start, stop,
				tv_out, err);
		if (k < 0)
			return -1;
		total += (size_t)k;
	}
	return (long)total;
}

/* Column col copied to the rows (each row its child's value). */
static enum ko_status expand_column(struct model_data *md, size_t col,
				    struct ko_err *err)
{
	struct ko_design_column *dc = &md->cols[col];
	size_t r, m = md->n_rows ? md->n_rows : 1;

	if (dc->num) {
		if (!(md->own_num[col] = malloc(m * sizeof(double))))
			return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		for (r = 0; r < md->n_rows; r++)
			md->own_num[col][r] = dc->num[md->row_child[r]];
		dc->num = md->own_num[col];
	} else {
		const char **t = malloc(m * sizeof(*t));

		if (!t)
			return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		for (r = 0; r < md->n_rows; r++)
			t[r] = dc->text[md->row_child[r]];
		free(md->text[col]);
		md->text[col] = t;
		dc->text = t;
	}
	return KO_OK;
}

/* Design column i takes time-varying term q's value on each of the total
 * rows (tv: row-major, n_tv per row), where the child's own value is not
 * missing: a number as it is, a variable with categories as the label of
 * the category that holds it (a cumulative count). */
static void tv_column(struct model_data *md, size_t i, size_t q,
		      const double *tv, size_t total)
{
	const struct ko_cfg_model *m = md->m;
	size_t r;

	for (r = 0; r < total; r++) {
		double x = tv[r * m->n_tv + q];

		if (md->own_num[i]) {
			if (!isnan(md->own_num[i][r]))
				md->own_num[i][r] = x;
		} else if (md->text[i][r]) {
			md->text[i][r] = ko_derived_category(md->s->cfg,
							     m->tv_var[q], x);
		}
	}
}

/* split_age and time_varying: the rows become the pieces of the base
 * children's follow-up, cut where a time-varying term switches on (as
 * survival::tmerge's tdc(), stats/tsplit.h: a switch after the exit never
 * counts) and at the age bands' birthdays (as Epi::splitLexis on age,
 * stats/lexis.h); a piece is (start, stop] in days, the event on a child's
 * last piece.  Every column is copied to its child's pieces, a
 * time-varying term takes the piece's value (0 before the switch, 1 from
 * it; missing stays missing) and the band is a column of its own. */
static enum ko_status model_data_split(struct model_data *md,
				       struct ko_err *err)
{
	const struct ko_cfg_model *m = md->m;
	struct split_in in;
	struct ko_tsplit ts;
	size_t i, q, total, mm;
	double *ev = NULL, *start = NULL, *stop = NULL, *tv = NULL;
	enum ko_status st;
	long k;

	memset(&ts, 0, sizeof(ts));
	if ((st = split_in_make(md, &in, err)) ||
	    (st = ko_tsplit(in.n, in.start, in.stop, in.status, in.tdc, m->n_tv,
			    &ts, err)))
		goto out;
	if ((k = split_rows(md, &in, &ts, NULL, NULL, NULL, NULL, err)) < 0) {
		st = err->status;
		goto out;
	}
	total = (size_t)k;
	mm = total ? total : 1;
	md->row_child = malloc(mm * sizeof(*md->row_child));
	md->row_keep = calloc(mm, 1);
	/* one per column and the age_band and period columns added below */
	md->own_num = calloc(md->n_cols + 2, sizeof(*md->own_num));
	md->age_band = malloc(mm * sizeof(*md->age_band));
	md->period = m->n_split_period ? malloc(mm * sizeof(*md->period)) : NULL;
	ev = malloc(mm * sizeof(*ev));
	start = malloc(mm * sizeof(*start));
	stop = malloc(mm * sizeof(*stop));
	tv = malloc(mm * (m->n_tv + 1) * sizeof(*tv));
	if (!md->row_child || !md->row_keep || !md->own_num || !md->age_band ||
	    !ev || !start || !stop || !tv ||
	    (m->n_split_period && !md->period)) {
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		goto out;
	}
	split_rows(md, &in, &ts, ev, start, stop, tv, err);
	md->n_rows = total;
	md->late_entry = 1; /* a child's later pieces start after birth */
	for (i = 0; !st && i < md->n_cols; i++)
		if (strcmp(md->cols[i].name, MODEL_EVENT_COLUMN))
			st = expand_column(md, i, err);
	if (st)
		goto out;
	for (q = 0; q < m->n_tv; q++)
		for (i = 0; i < md->n_cols; i++)
			if (!strcmp(md->cols[i].name, md->s->cfg->vars[m->tv_var[q]].name))
				tv_column(md, i, q, tv, total);
	free(md->fu_event);
	free(md->fu_start);
	free(md->fu_stop);
	md->fu_event = ev;
	md->fu_start = start;
	md->fu_stop = stop;
	ev = start = stop = NULL;
	md->cols[0].num = md->fu_event; /* the outcome: data_add_followup's */
	if (m->n_split_age) {
		md->cols[md->n_cols].name = MODEL_AGE_BAND_COLUMN;
		md->cols[md->n_cols].num = md->age_band;
		md->n_cols++;
	}
	if (m->n_split_period) {
		md->cols[md->n_cols].name = MODEL_PERIOD_COLUMN;
		md->cols[md->n_cols].text = md->period;
		md->n_cols++;
	}
out:
	split_in_release(&in, m->n_tv);
	ko_tsplit_free(&ts);
	free(ev);
	free(start);
	free(stop);
	free(tv);
	return st;
}

/* Columns of every model variable; base = members in the subgroup. */
enum ko_status model_data_init(struct model_data *md, const struct ko_study *s,
				const struct ko_cfg_model *m, struct ko_err *err)
{
	const struct ko_config *cfg = s->cfg;
	size_t n = s->links->n_children, max = 5 + m->n_exposures +
		   m->n_covariates, i, c;
	enum ko_status st = KO_OK;

	memset(md, 0, sizeof(*md));
	md->s = s;
	md->m = m;
	md->n_rows = n;
	md->cols = calloc(max, sizeof(*md->cols));
	md->text = calloc(max, sizeof(*md->text));
	md->required = calloc(max, sizeof(*md->required));
	md->base = calloc(n + 1, 1);
	md->keep = calloc(n + 1, 1);
	if (!md->cols || !md->text || !md->required || !md->base || !md->keep)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	st = m->time_to_event ? data_add_followup(md, err)
			      : data_add(md, m->outcome, err);
	for (i = 0; !st && i < m->n_exposures; i++)
		st = data_add(md, m->exposures[i], err);
	for (i = 0; !st && i < m->n_covariates; i++)
		st = data_add(md, m->covariates[i], err);
	if (!st && m->cox_strata >= 0) /* complete cases need it, as coxph */
		st = data_add(md, (size_t)m->cox_strata, err);
	for (i = 0; i < md->n_cols; i++)
		md->required[md->n_required++] = md->cols[i].name;
	if (!st && m->strata >= 0)
		st = data_add(md, (size_t)m->strata, err);
	for (c = 0; !st && c < n; c++) {
		double g;

		if (!s->flow.member[c])
			continue;
		g = m->has_subgroup
			? ko_derive_eval(cfg, s->derived, &m->subgroup, c) : 1;
		md->base[c] = !isnan(g) && g != 0;
	}
	if (!st && ko_cfg_model_splits(m))
		st = model_data_split(md, err);
	return st;
}

/* The outcome must be 0 or 1 (or missing) for every child in the model. */
enum ko_status model_check_outcome(const struct model_data *md,
				    struct ko_err *err)
{
	const struct ko_study *s = md->s;
	const double *y = s->derived->val[md->m->outcome];
	size_t c;

	if (md->m->time_to_event) /* the follow-up's event: 0/1 by making */
		return KO_OK;
	for (c = 0; c < s->links->n_children; c++)
		if (md->base[c] && !isnan(y[c]) && y[c] != 0 && y[c] != 1)
			return ko_err_set(err, KO_ERR_DATA, "model %s: the outcome "
					  "'%s' must be 0 or 1, not %g (child %s)",
					  md->m->name, s->cfg->vars[md->m->outcome].name,
					  y[c], ko_persons_id(s->links->dict,
							      s->links->child_person[c],
							      NULL));
	return KO_OK;
}

/* ---- strata ---------------------------------------------------------------- */

static int cmp_stratum_num(const void *a, const void *b)
{
	double x = ((const struct stratum *)a)->num,
	       y = ((const struct stratum *)b)->num;

	return (x > y) - (x < y);
}

static int cmp_stratum_text(const void *a, const void *b)
{
	return strcmp(((const struct stratum *)a)->label,
		      ((const struct stratum *)b)->label);
}

/* Child c's value of variable v as a level label, or NULL if missing. */
static const char *level_of(const struct model_data *md, size_t v, size_t c,
			    char *buf)
{
	const struct ko_study *s = md->s;
	double x;

	if (s->cfg->vars[v].kind == KO_VK_LABEL)
		return ko_derived_label(s->derived, s->cfg, v, c);
	x = s->derived->val[v][c];
	if (isnan(x))
		return NULL;
	ko_design_format_number(x, buf);
	return buf;
}

/* Distinct levels of the strata variable among base children, sorted
 * (numbers numerically, labels by strcmp), into *out; one "all" stratum
 * when the model has none. */
enum ko_status model_find_strata(struct model_data *md, struct stratum **out,
				  size_t *n_out, size_t *n_missing,
				  struct ko_err *err)
{
	const struct ko_study *s = md->s;
	long v = md->m->strata;
	struct stratum *st = NULL;
	size_t n = 0, cap = 0, c, i;
	char buf[32];

	*n_missing = 0;
	for (c = 0; v >= 0 && c < s->links->n_children; c++) {
		const char *l;

		if (!md->base[c])
			continue;
		if (!(l = level_of(md, (size_t)v, c, buf))) {
			(*n_missing)++;
			continue;
		}
		for (i = 0; i < n && strcmp(st[i].label, l); i++)
			;
		if (i < n)
			continue;
		if (n == cap) {
			struct stratum *ns;

			cap = cap ? 2 * cap : 16;
			if (cap > KO_DESIGN_MAX_LEVELS ||
			    !(ns = realloc(st, cap * sizeof(*ns)))) {
				free(st);
				return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
			}
			st = ns;
		}
		snprintf(st[n].label, sizeof(st[n].label), "%s", l);
		st[n].num = s->derived->val[v][c];
		n++;
	}
	if (v < 0) {
		if (!(st = calloc(1, sizeof(*st))))
			return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		strcpy(st[0].label, "all");
		n = 1;
	} else if (n) {
		qsort(st, n, sizeof(*st),
		      s->cfg->vars[v].kind == KO_VK_LABEL ? cmp_stratum_text
							  : cmp_stratum_num);
	}
	*out = st;
	*n_out = n;
	return KO_OK;
}

/* keep = base children in stratum st. */
void model_select_stratum(struct model_data *md, const struct stratum *st)
{
	const struct ko_study *s = md->s;
	long v = md->m->strata;
	size_t c;
	char buf[32];

	for (c = 0; c < s->links->n_children; c++) {
		const char *l;

		md->keep[c] = md->base[c];
		if (v >= 0 && md->keep[c])
			md->keep[c] = (l = level_of(md, (size_t)v, c, buf)) &&
				      !strcmp(l, st->label);
	}
	for (c = 0; md->row_child && c < md->n_rows; c++)
		md->row_keep[c] = md->keep[md->row_child[c]];
}

/* ---- the population of a model's table ----------------------------------- */

void ko_model_population(const struct ko_study *s, const struct ko_cfg_model *m,
			 const char *stratum, const char *term,
			 const char *level, long *n, long *events)
{
	const struct ko_config *cfg = s->cfg;
	struct model_data md;
	const char *want = strchr(stratum, '=');
	const double *y = s->derived->val[m->outcome];
	long v = term ? ko_config_find_var(cfg, term) : -1;
	int factor;
	size_t c;
	char buf[32], sbuf[32];

	*n = *events = -1;
	if (m->time_to_event ||
	    (term && (v < 0 || !ko_cfg_model_has_term(m, (size_t)v))))
		return;
	if (want && m->strata < 0)
		return;
	factor = v >= 0 && ko_cfg_model_is_factor(cfg, m, (size_t)v);
	memset(&md, 0, sizeof(md));
	md.s = s;
	md.m = m;
	*n = *events = 0;
	for (c = 0; c < s->links->n_children; c++) {
		const char *l;
		double g;

		if (!s->flow.member[c])
			continue;
		if (want && (!(l = level_of(&md, (size_t)m->strata, c, sbuf)) ||
			     strcmp(l, want + 1)))
			continue;
		if (v >= 0) {
			l = level_of(&md, (size_t)v, c, buf);
			if (!level ? l != NULL
			    : !l || (factor ? strcmp(l, level)
				     : s->derived->val[v][c] != 1))
				continue;
		}
		g = m->has_subgroup
			? ko_derive_eval(cfg, s->derived, &m->subgroup, c) : 1;
		if (isnan(g) || g == 0)
			continue;
		(*n)++;
		*events += y[c] == 1;
	}
}

/* ---- what the config asks that the data cannot give ---------------------- */

#define CHECK_MAX_LEVELS 64

/* Edit distance of a and b, ignoring case (for "did you mean"). */
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, d[65];

	if (lb > 64)
		return (size_t)-1;
	for (j = 0; j <= lb; j++)
		d[j] = j;
	for (i = 1; i <= la; i++) {
		size_t diag = d[0];

		d[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t up = d[j], best = diag +
				(tolower((unsigned char)a[i - 1]) !=
				 tolower((unsigned char)b[j - 1]));

			if (up + 1 < best)
				best = up + 1;
			if (d[j - 1] + 1 < best)
				best = d[j - 1] + 1;
			d[j] = best;
			diag = up;
		}
	}
	return d[lb];
}

/* The level closest to want (case first, then at most a third of its
 * letters apart), or NULL. */
static const char *closest_level(const char *want, char (*levels)[64],
				 size_t n)
{
	size_t i, best_d = (size_t)-1, limit = strlen(want) / 3 + 1;
	const char *best = NULL;

	for (i = 0; i < n; i++) {
		size_t dist = edit_distance(want, levels[i]);

		if (dist < best_d) {
			best_d = dist;
			best = levels[i];
		}
	}
	return best && best_d <= limit ? best : NULL;
}

/* Distinct levels of v among the rows in rows[], at most max (the count
 * found may be larger: the rest are not kept). */
static size_t distinct_levels(const struct model_data *md, size_t v,
			      const unsigned char *rows, char (*levels)[64],
			      size_t max)
{
	size_t n = 0, c, i;
	char buf[32];

	for (c = 0; c < md->s->links->n_children; c++) {
		const char *l;

		if (!rows[c] || !(l = level_of(md, v, c, buf)))
			continue;
		for (i = 0; i < n && i < max && strcmp(levels[i], l); i++)
			;
		if (i < n && i < max)
			continue;
		if (n < max)
			snprintf(levels[n], 64, "%s", l);
		n++;
	}
	return n;
}

/* A factor with one level in the sample, or a reference level that no
 * child of the sample has. */
static void check_reference(const struct model_data *md, size_t v,
			    const unsigned char *sample, ko_model_problem_fn fn,
			    void *ctx, size_t *n_problems)
{
	const struct ko_config *cfg = md->s->cfg;
	const struct ko_cfg_model *m = md->m;
	const char *ref = model_reference_of(cfg, m, v), *near;
	char levels[CHECK_MAX_LEVELS][64], list[600], msg[1200];
	size_t n, i, len = 0;
	long line = cfg->vars[v].line;

	if (!ko_cfg_model_is_factor(cfg, m, v))
		return;
	n = distinct_levels(md, v, sample, levels, CHECK_MAX_LEVELS);
	if (n == 1) {
		snprintf(msg, sizeof(msg), "model %s: %s has only one level ('%s') "
			 "in the model's sample%s: it cannot be a term (leave it "
			 "out, or change the subgroup)", m->name, cfg->vars[v].name,
			 levels[0], m->has_subgroup ? " (the subgroup)" : "");
		fn(ctx, m->line, msg);
		(*n_problems)++;
		return;
	}
	if (!ref)
		return;
	for (i = 0; i < m->n_refs; i++)
		if (m->refs[i].var == v)
			line = m->refs[i].line;
	for (i = 0; i < n && i < CHECK_MAX_LEVELS; i++)
		if (!strcmp(levels[i], ref))
			return;
	if (!n)
		return; /* the variable is missing for everyone: said elsewhere */
	qsort(levels, n < CHECK_MAX_LEVELS ? n : CHECK_MAX_LEVELS,
	      sizeof(levels[0]), (int (*)(const void *, const void *))strcmp);
	list[0] = '\0';
	for (i = 0; i < n && i < 8 && len < sizeof(list); i++)
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s'%s'",
					i ? ", " : "", levels[i]);
	if (n > 8 && len < sizeof(list))
		snprintf(list + len, sizeof(list) - len, " and %zu more", n - 8);
	near = closest_level(ref, levels,
			     n < CHECK_MAX_LEVELS ? n : CHECK_MAX_LEVELS);
	len = (size_t)snprintf(msg, sizeof(msg), "model %s: reference level '%s' "
			       "of %s is not among its values in the model's "
			       "sample (%s)", m->name, ref, cfg->vars[v].name, list);
	if (near && len < sizeof(msg))
		snprintf(msg + len, sizeof(msg) - len, "; did you mean '%.63s'?", near);
	fn(ctx, line, msg);
	(*n_problems)++;
}

static size_t count_rows(const unsigned char *rows, size_t n)
{
	size_t c, k = 0;

	for (c = 0; c < n; c++)
		k += rows[c] != 0;
	return k;
}

/* The problems of model m in md that the config controls. */
static void check_sample(const struct model_data *md, unsigned char *sample,
			 ko_model_problem_fn fn, void *ctx, size_t *n_problems)
{
	const struct ko_study *s = md->s;
	const struct ko_config *cfg = s->cfg;
	const struct ko_cfg_model *m = md->m;
	size_t n = s->links->n_children, c, i, k, n_base;
	char msg[1200], buf[32];

	n_base = count_rows(md->base, n);
	if (!n_base) {
		snprintf(msg, sizeof(msg), "model %s: %s leaves no one (%zu cohort "
			 "members)", m->name, m->has_subgroup ? "the subgroup" :
			 "the cohort", count_rows(s->flow.member, n));
		if (m->has_subgroup)
			snprintf(msg + strlen(msg), sizeof(msg) - strlen(msg),
				 ": subgroup = %s", m->subgroup_text);
		fn(ctx, m->has_subgroup ? m->subgroup_line : m->line, msg);
		(*n_problems)++;
		return;
	}
	if (m->strata >= 0) {
		for (c = 0, k = 0; c < n; c++)
			k += md->base[c] && level_of(md, (size_t)m->strata, c, buf);
		if (!k) {
			snprintf(msg, sizeof(msg), "model %s: strata = %s leaves no one: "
				 "%s is missing for all %zu children in the %s",
				 m->name, cfg->vars[m->strata].name,
				 cfg->vars[m->strata].name, n_base,
				 m->has_subgroup ? "subgroup" : "cohort");
			fn(ctx, m->strata_line, msg);
			(*n_problems)++;
		}
	}
	/* the complete cases of the adjusted model, over all strata */
	for (c = 0; c < n; c++)
		sample[c] = md->base[c];
	for (i = 0; i < md->n_required; i++) {
		long v = ko_config_find_var(cfg, md->required[i]);

		for (c = 0, k = 0; v >= 0 && c < n; c++) {
			if (!md->base[c])
				continue;
			if (!level_of(md, (size_t)v, c, buf))
				sample[c] = 0;
			else
				k++;
		}
		if (v >= 0 && !k) {
			snprintf(msg, sizeof(msg), "model %s: %s is missing for all "
				 "%zu children in the %s", m->name, md->required[i],
				 n_base, m->has_subgroup ? "subgroup" : "cohort");
			fn(ctx, m->line, msg);
			(*n_problems)++;
		}
	}
	if (*n_problems)
		return;
	for (i = 0; i < m->n_exposures; i++)
		check_reference(md, m->exposures[i], sample, fn, ctx, n_problems);
	for (i = 0; i < m->n_covariates; i++)
		check_reference(md, m->covariates[i], sample, fn, ctx, n_problems);
}

enum ko_status ko_model_check_data(const struct ko_study *s,
				   const struct ko_cfg_model *m,
				   ko_model_problem_fn fn, void *ctx,
				   size_t *n_problems, struct ko_err *err)
{
	struct model_data md;
	unsigned char *sample = NULL;
	enum ko_status st;

	*n_problems = 0;
	st = model_data_init(&md, s, m, err);
	if (!st && !(sample = calloc(s->links->n_children + 1, 1)))
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	if (!st)
		check_sample(&md, sample, fn, ctx, n_problems);
	free(sample);
	model_data_release(&md);
	return st;
}

/* The first problem, as an error at the config's line. */
struct first_problem {
	const struct ko_config *cfg;
	struct ko_err *err;
	int seen;
};

static void keep_first(void *ctx, long line, const char *msg)
{
	struct first_problem *f = ctx;

	if (f->seen++)
		return;
	ko_err_at(f->err, KO_ERR_CONFIG, f->cfg->path, line, NULL, "%s", msg);
}

enum ko_status ko_model_check_config(const struct ko_study *s,
				     struct ko_err *err)
{
	struct first_problem first = { s->cfg, err, 0 };
	enum ko_status st = KO_OK;
	size_t i, n = 0;

	for (i = 0; !st && !n && i < s->cfg->n_models; i++)
		st = ko_model_check_data(s, &s->cfg->models[i], keep_first, &first,
					 &n, err);
	return st ? st : n ? KO_ERR_CONFIG : KO_OK; /* err holds the first */
}
