/* followup_table.c - the follow-up table and methods text (see
 * followup_table.h). */
#include "followup_table.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "disclosure.h"
#include "escape.h"
#include "family.h"
#include "followup.h"
#include "value.h"

#define N_EXITS (KO_FU_FIRST_EXCLUSION - KO_FU_EVENT)

/* English's ordinal suffix of n ("st" of 21st); nothing in the other
 * languages, whose texts write "%d." (fi) or "%d:e" (sv) themselves. */
static const char *ordinal(int n, enum ko_lang lang)
{
	if (lang != KO_LANG_EN)
		return "";
	if (n % 100 >= 11 && n % 100 <= 13)
		return "th";
	return n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd"
		: "th";
}

static const char *var_text(const struct ko_config *cfg, long v)
{
	return cfg->vars[v].label ? cfg->vars[v].label : cfg->vars[v].name;
}

void ko_report_followup_hide_years(struct ko_table *t)
{
	int r, c, any = 0;

	for (r = 0; r < t->nrow; r++)
		for (c = 0; c < t->ncol; c++)
			if (t->cols[c].role == KO_COL_N &&
			    ko_table_cell(t, r, c)->supp != KO_SUPP_NONE)
				any = 1;
	for (r = 0; any && r < t->nrow; r++)
		for (c = 0; c < t->ncol; c++) {
			struct ko_cell *cell = ko_table_cell(t, r, c);

			if (t->cols[c].role != KO_COL_N &&
			    cell->kind == KO_CELL_WHOLE &&
			    cell->supp == KO_SUPP_NONE)
				cell->supp = KO_SUPP_DERIVED;
		}
}

/* The exit counts' protection.  The event count is published again as
 * Table 1's outcome events (the same children with the example's
 * definitions; docs/outputs.md, "Across tables", rule 6), so it is no
 * complement: hidden, Table 1 would give it back, and with it the small
 * count it was to hide.  An event count of T or more is taken as known
 * and the other exits are protected against the total minus it; a
 * smaller one (or a rest below T, which no pattern of its own protects)
 * with the whole table. */
static enum ko_status protect_counts(struct ko_table *t, const int *rows,
				     int col, int total, int T,
				     struct ko_err *err)
{
	struct ko_ctable ct;
	double events = ko_table_cell(t, rows[0], col)->v[0];
	double all = ko_table_cell(t, total, col)->v[0];
	int skip = events >= T && all - events >= T, r, nr = N_EXITS - skip;
	enum ko_status st;

	st = ko_ctable_init(&ct, nr, 1, 0, 1, err);
	if (st)
		return st;
	for (r = 0; r < nr; r++)
		*ko_ctable_n(&ct, r, 0) =
			(long)ko_table_cell(t, rows[r + skip], col)->v[0];
	st = ko_ctable_sum_totals(&ct);
	if (!st)
		st = ko_disclosure_protect(&ct, T, err);
	for (r = 0; !st && r <= nr; r++) {
		enum ko_supp_rule m = ko_ctable_supp(&ct, r, 0);

		if (m == KO_SUPP_NONE || (r == nr && skip))
			continue; /* the rest's total is not a cell */
		ko_table_cell(t, r < nr ? rows[r + skip] : total, col)->supp = m;
	}
	if (!st)
		t->threshold = T;
	ko_ctable_release(&ct);
	return st;
}

enum ko_status ko_report_followup_table(const struct ko_study *s,
					int threshold, enum ko_lang lang,
					struct ko_table **out,
					struct ko_err *err)
{
	const struct ko_config *cfg = s->cfg;
	long n[KO_FU_N_REASONS], all = 0;
	double days[KO_FU_N_REASONS], all_days = 0;
	int rows[N_EXITS], cols[1], total, py, k;
	char label[300];
	struct ko_table *t;
	enum ko_status st;

	*out = NULL;
	if (!s->derived || !s->derived->fu_reason)
		return KO_OK;
	ko_followup_count(s->derived, s->flow.member, n, days);
	t = ko_table_new("follow_up", ko_lang_text(lang, KO_MSG_FU_TITLE));
	if (!t)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	ko_table_set_stub_header(t, ko_lang_text(lang, KO_MSG_FU_STUB));
	cols[0] = ko_table_add_col(t, ko_lang_text(lang, KO_MSG_FU_CHILDREN),
				   NULL, KO_COL_N);
	py = ko_table_add_col(t, ko_lang_text(lang, KO_MSG_FU_PERSON_YEARS),
			      NULL, KO_COL_OTHER);
	for (k = 0; k < N_EXITS; k++) {
		enum ko_fu_reason r = (enum ko_fu_reason)(KO_FU_EVENT + k);

		switch (r) {
		case KO_FU_EVENT:
			snprintf(label, sizeof(label),
				 ko_lang_text(lang, KO_MSG_FU_EVENT),
				 cfg->followup.event_var >= 0
				 ? var_text(cfg, cfg->followup.event_var)
				 : ko_lang_text(lang, KO_MSG_FU_EVENT_NONE));
			break;
		case KO_FU_DEATH:
			snprintf(label, sizeof(label), "%s",
				 ko_lang_text(lang, KO_MSG_FU_DEATH));
			break;
		case KO_FU_EMIGRATION:
			snprintf(label, sizeof(label), "%s",
				 ko_lang_text(lang, KO_MSG_FU_EMIGRATION));
			break;
		case KO_FU_END_AGE:
			snprintf(label, sizeof(label),
				 ko_lang_text(lang, KO_MSG_FU_END_AGE),
				 cfg->follow_up_age);
			break;
		default:
			snprintf(label, sizeof(label), "%s",
				 ko_lang_text(lang, KO_MSG_FU_END_DATA));
			break;
		}
		rows[k] = ko_table_add_row(t, label, 0, "exit_reason",
					   ko_fu_reason_name(r));
		if (rows[k] < 0 || cols[0] < 0 || py < 0)
			goto nomem;
		ko_table_set_count(t, rows[k], cols[0], (double)n[r]);
		ko_table_set_whole(t, rows[k], py, days[r] / 365.25);
		all += n[r];
		all_days += days[r];
	}
	total = ko_table_add_row(t, ko_lang_text(lang, KO_MSG_FU_TOTAL), 0,
				 "exit_reason", "all");
	if (total < 0)
		goto nomem;
	ko_table_set_count(t, total, cols[0], (double)all);
	ko_table_set_whole(t, total, py, all_days / 365.25);
	st = protect_counts(t, rows, cols[0], total, threshold, err);
	/* the total is the flow's last count, published there */
	if (!st && ko_table_cell(t, total, cols[0])->supp)
		st = ko_err_set(err, KO_ERR_DATA, "follow-up table: the total "
				"would have to be suppressed");
	if (st)
		goto fail;
	/* person-years only while every count is shown (followup_table.h) */
	ko_report_followup_hide_years(t);
	st = ko_table_set_footnote(t, ko_lang_text(lang, KO_MSG_FU_FOOTNOTE));
	if (st)
		goto fail;
	*out = t;
	return KO_OK;
nomem:
	st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
fail:
	ko_table_free(t);
	return st;
}

/* The censoring exits of follow-up (what ended it besides the event), as
 * the follow-up sentence lists them. */
static void put_censoring(FILE *fp, const struct ko_config *cfg,
			  enum ko_lang lang)
{
	const struct ko_cfg_followup *f = &cfg->followup;
	char date[16];

	if (f->death_var >= 0)
		fputs(ko_lang_text(lang, KO_MSG_M_FU_DEATH), fp);
	if (f->emigration_var >= 0)
		fputs(ko_lang_text(lang, KO_MSG_M_FU_EMIGRATION), fp);
	fprintf(fp, ko_lang_text(lang, KO_MSG_M_FU_BIRTHDAY),
		cfg->follow_up_age, ordinal(cfg->follow_up_age, lang));
	if (f->end_of_data != INT32_MIN) {
		ko_date_format_iso(f->end_of_data, date);
		fprintf(fp, ko_lang_text(lang, KO_MSG_M_FU_END_DATA), date);
	}
}

void ko_report_followup_methods(FILE *fp, const struct ko_config *cfg,
				enum ko_lang lang)
{
	const struct ko_cfg_followup *f = &cfg->followup;

	if (!f->active) {
		fputs(ko_lang_text(lang, KO_MSG_M_FU_NONE), fp);
		return;
	}
	fputs(ko_lang_text(lang, KO_MSG_M_FU_START), fp);
	if (f->entry_var >= 0) {
		ko_html_put(fp, var_text(cfg, f->entry_var));
	} else if (f->entry_age > 0) {
		fprintf(fp, ko_lang_text(lang, KO_MSG_M_FU_BIRTHDAY),
			f->entry_age, ordinal(f->entry_age, lang));
	} else {
		fputs(ko_lang_text(lang, KO_MSG_M_FU_BIRTH), fp);
	}
	fputs(ko_lang_text(lang, KO_MSG_M_FU_ENDED), fp);
	if (f->event_var >= 0) {
		fputs(ko_lang_text(lang, KO_MSG_M_FU_EVENT), fp);
		fputs(" (", fp);
		ko_html_put(fp, var_text(cfg, f->event_var));
		fputs("), ", fp);
	}
	put_censoring(fp, cfg, lang);
	fputs(ko_lang_text(lang, KO_MSG_M_FU_TAIL), fp);
}


void ko_report_tte_methods(FILE *fp, const struct ko_config *cfg,
			   const struct ko_cfg_model *m, enum ko_lang lang)
{
	char list[KO_CFG_MAX_LIST * 12 + 1];
	size_t i, n;

	if (!m->time_to_event)
		return;
	fputs(ko_lang_text(lang, KO_MSG_M_TTE_SCALE), fp);
	fputs(ko_lang_text(lang, KO_MSG_M_TTE_CENSORED), fp);
	put_censoring(fp, cfg, lang);
	if (cfg->followup.death_var >= 0 || cfg->followup.emigration_var >= 0)
		fputs(ko_lang_text(lang, KO_MSG_M_TTE_CAUSE_SPECIFIC), fp);
	if (m->family->outcome == KO_FAMILY_EVENT_TIME)
		fputs(ko_lang_text(lang, m->ties ? KO_MSG_M_TTE_TIES_BRESLOW
				   : KO_MSG_M_TTE_TIES_EFRON), fp);
	if (m->n_tv)
		fputs(ko_lang_text(lang, KO_MSG_M_TTE_TV), fp);
	for (i = 0; i < m->n_tv; i++) {
		fputs(i ? ", " : "", fp);
		ko_html_put(fp, var_text(cfg, (long)m->tv_var[i]));
		if (m->tv_cum[i]) { /* a count of years (tv_date unused) */
			fputs(ko_lang_text(lang, KO_MSG_M_TTE_TV_CUM), fp);
			continue;
		}
		fputs(ko_lang_text(lang, KO_MSG_M_TTE_TV_DATE), fp);
		ko_html_put(fp, var_text(cfg, (long)m->tv_date[i]));
		fputs(")", fp);
	}
	if (m->n_split_age) {
		for (i = 0, n = 0; i < m->n_split_age; i++)
			n += (size_t)snprintf(list + n, sizeof(list) - n, "%s%d",
					      i ? ", " : "", m->split_age[i]);
		fprintf(fp, ko_lang_text(lang, KO_MSG_M_TTE_SPLIT_AGE), list);
	}
	if (m->n_split_period) {
		for (i = 0, n = 0; i < m->n_split_period; i++)
			n += (size_t)snprintf(list + n, sizeof(list) - n, "%s%s",
					      i ? ", " : "",
					      m->split_period_label[i]);
		fprintf(fp, ko_lang_text(lang, m->family->outcome ==
					 KO_FAMILY_EVENT_TIME
					 ? KO_MSG_M_TTE_SPLIT_PERIOD_COX
					 : KO_MSG_M_TTE_SPLIT_PERIOD), list);
	}
	if (m->cox_strata >= 0) {
		fputs(ko_lang_text(lang, KO_MSG_M_TTE_COX_STRATA), fp);
		ko_html_put(fp, var_text(cfg, m->cox_strata));
	}
	if (m->family->outcome == KO_FAMILY_EVENT_TIME) /* the model stage's */
		fputs(ko_lang_text(lang, KO_MSG_M_TTE_PH_TEST), fp);
}
