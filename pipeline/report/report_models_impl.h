/*
 * report_models_impl.h - what report_models.c (the model tables) and
 * report_models_protect.c (their protection: the counts, the nested
 * populations, the crude estimates as functions of counts) share, for
 * those two files only.
 */
#ifndef KO_REPORT_MODELS_IMPL_H
#define KO_REPORT_MODELS_IMPL_H

#include <string.h>

#include "report_impl.h"

#define MT_MARK_OVERLAPS (1 << 8)

struct mt {
	const struct ko_report_model *m;
	struct ko_table *t;
	int c_n, c_ev, c_cor, c_cp, c_aor, c_ap;
	int c_py, c_rate; /* time-to-event: person-years, rate; -1 none */
	int c_rr;      /* adjusted risk ratio, -1 when the model has none */
	int c_rd;      /* adjusted risk difference, -1 when none */
	int c_last;    /* the last estimate column (c_cor..c_last: estimates) */
	int row_model; /* persons in the model (with population: all) */
	int row_nim;   /* with population: those not in the model; -1 */
	const struct ko_report_fit *adj; /* the adjusted fit */
	double nim;    /* with population: persons not in the model; NAN */
	int marks;     /* 1 << KO_REPORT_SEPARATED, ALIASED: marks shown;
			  MT_MARK_OVERLAPS: a time-varying count's levels */
	char ci[32];   /* "95% CI" */
};


static inline int is_version(const char *v, const char *want)
{
	return v && !strcmp(v, want);
}

static inline int same(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b ? b : "");
}

/* ---- report_models_protect.c ---------------------------------------------- */

/* Protect the n and events of rows[0..nrow) (summing to the model's when
 * sums; events_only: only the events sum, as over the age bands of split
 * follow-up, where a person is in several bands), and hide the estimates
 * of a level with a hidden count; mt_protect: both columns sum. */
enum ko_status mt_protect_cols(struct mt *x, const int *rows, int nrow,
			       int sums, int events_only, int threshold,
			       struct ko_err *err);
enum ko_status mt_protect(struct mt *x, const int *rows, int nrow, int sums,
			  int threshold, struct ko_err *err);

/* Nested populations: a level's counts (mt_nested) and the model's total
 * (mt_nested_total) hidden where they differ from the cohort's published
 * count by 1..T-1. */
void mt_nested(struct mt *x, const int *rows, int nrow, int T);
void mt_nested_total(struct mt *x, const int *rows, const int *bstart,
		     const int *blen, const int *bsums, int nb, int T);

/* A level's persons without the outcome (n - events) of 1..T-1: the
 * block's events and that level's estimates hidden. */
void mt_small_complements(struct mt *x, const int *rows, int nrow, int T);

/* The crude cells of a block: hidden with the counts they are computed
 * from (mt_crude_derived), and where the crude fit's sample is not the
 * shown counts (mt_crude_population); each returns whether it hid any.
 * head: the term's row, -1 none.  mt_crude_fit_of: the crude fit of
 * exposure term in the table's stratum, NULL none. */
int mt_crude_derived(struct mt *x, const int *rows, int nrow, int head);
int mt_crude_population(struct mt *x, const int *rows, int nrow, int head);
const struct ko_report_fit *mt_crude_fit_of(const struct ko_report_model *m,
					    const char *term);

/* The row of those not in the model: counts and their suppression. */
void mt_not_in_model(struct mt *x, double n, double events, int T);

/* Time-to-event tables: person-years hidden with the persons, the rate
 * with the persons or events. */
void mt_hide_time(struct mt *x);

#endif
