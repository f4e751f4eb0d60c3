/* test_export_audit.c - the whole-export audit of the report stage
 * (pipeline/report/export_audit.c) on tables built here.  The end-to-end check
 * against an attacker that reads the files is test_export_attack.c. */
#include "ko_test.h"

#include <stdlib.h>
#include <string.h>

#include "export_audit.h"
#include "lang.h"
#include "table.h"

static const char *const regions[] = { "A", "B", "C", "D", "E" };

/* A stratum's model: 100 persons, 5 events, one in each of five regions
 * (each shown "<5"; the audit at T = 5), the sex levels' events shown
 * (2 and 3), so the model's events are 5 whichever way it is read and
 * five cells of at least 1 summing to 5 are each exactly 1. */
static struct ko_table *stratum_model_in(int events[5], enum ko_lang lang)
{
	char title[64];
	struct ko_table *t;
	int cn, ce, cor, r, i;

	snprintf(title, sizeof(title), "Out: %s m", ko_lang_text(lang, KO_MSG_MODEL));
	t = ko_table_new("model_m", title);

	assert_non_null(t);
	t->model = 1;
	t->threshold = 5;
	cn = ko_table_add_col(t, ko_lang_text(lang, KO_MSG_PERSONS_N), NULL, KO_COL_N);
	ce = ko_table_add_col(t, ko_lang_text(lang, KO_MSG_EVENTS_N_PCT), NULL,
			      KO_COL_EVENTS);
	cor = ko_table_add_col(t, "OR (95% CI)", ko_lang_text(lang, KO_MSG_CRUDE),
			       KO_COL_ESTIMATE);
	for (i = 0; i < 5; i++) {
		r = ko_table_add_row(t, regions[i], 1, "region", regions[i]);
		ko_table_set_count(t, r, cn, 20);
		ko_table_set_count(t, r, ce, events[i]);
		ko_table_set_estimate(t, r, cor, 1.5, 0.5, 4.5);
		if (events[i] > 0 && events[i] < 5)
			ko_table_cell(t, r, ce)->supp = KO_SUPP_PRIMARY;
	}
	for (i = 0; i < 2; i++) {
		r = ko_table_add_row(t, i ? "Girl" : "Boy", 1, "sex", i ? "2" : "1");
		ko_table_set_count(t, r, cn, 50);
		ko_table_set_count(t, r, ce, i ? 3 : 2);
		ko_table_set_estimate(t, r, cor, 1.1, 0.5, 2.5);
	}
	r = ko_table_add_row(t, ko_lang_text(lang, KO_MSG_PERSONS_IN_MODEL), 0,
			      "(model)", "n");
	ko_table_set_count(t, r, cn, 100);
	ko_table_set_count(t, r, ce, 5);
	return t;
}

static struct ko_table *stratum_model(int events[5])
{
	return stratum_model_in(events, KO_LANG_EN);
}

static int n_marked(const struct ko_table *t, enum ko_supp_rule rule)
{
	int r, c, n = 0;

	for (r = 0; r < t->nrow; r++)
		for (c = 0; c < t->ncol; c++)
			n += ko_table_cell_c(t, r, c)->supp == rule;
	return n;
}

/* Pinned by the published lower bounds: the audit takes them away ("<5"
 * shown as x) until every count's interval holds 1..4 (the protection
 * rule) and the export is then clean.  By hand: with k of the five shown
 * x (>= 0) and 5 - k shown "<5" (>= 1) summing to 5, an x is in
 * [0, k] and a "<5" in [1, k + 1]: k = 4 is the least that holds 1..4
 * (one x, the old rule's answer, left A in [0, 1] and B..E in [1, 2]). */
static void test_pinned_stratum_is_protected(void **state)
{
	int events[5] = { 1, 1, 1, 1, 1 }, added = -1, again = -1;
	struct ko_table *t = stratum_model(events);
	struct ko_err err = {0};

	(void)state;
	assert_int_equal(n_marked(t, KO_SUPP_PRIMARY), 5);
	assert_int_equal(ko_export_audit(&t, 1, 5, 0, &added, &err), KO_OK);
	assert_int_equal(added, 4);
	assert_int_equal(n_marked(t, KO_SUPP_PRIMARY), 1);
	assert_int_equal(n_marked(t, KO_SUPP_SECONDARY), 4);
	/* only the mark changed: no further cell was hidden */
	assert_int_equal(n_marked(t, KO_SUPP_DERIVED), 0);
	assert_int_equal(ko_export_audit(&t, 1, 5, 0, &again, &err), KO_OK);
	assert_int_equal(again, 0);
	ko_table_free(t);
}

/* Table 1 by an outcome in lang: sex=1's Yes is "<5" and its row's
 * Overall minus No gives it back exactly (10 - 7 = 3); sex=2 is shown. */
static struct ko_table *table1_in(enum ko_lang lang)
{
	struct ko_table *t = ko_table_new("table1", "Table 1");
	int cno, cyes, call, r, i;

	assert_non_null(t);
	t->threshold = 5;
	cno = ko_table_add_col(t, ko_lang_text(lang, KO_MSG_NO), "Out", KO_COL_N);
	cyes = ko_table_add_col(t, ko_lang_text(lang, KO_MSG_YES), "Out", KO_COL_N);
	call = ko_table_add_col(t, ko_lang_text(lang, KO_MSG_OVERALL), NULL,
				KO_COL_N);
	for (i = 0; i < 2; i++) {
		r = ko_table_add_row(t, i ? "Girl" : "Boy", 1, "sex", i ? "2" : "1");
		ko_table_set_count(t, r, cno, i ? 20 : 7);
		ko_table_set_count(t, r, cyes, i ? 10 : 3);
		ko_table_set_count(t, r, call, i ? 30 : 10);
		if (!i)
			ko_table_cell(t, r, cyes)->supp = KO_SUPP_PRIMARY;
	}
	return t;
}

/* Table 1's fixed texts (Overall, Yes, No) in Finnish and Swedish: the
 * audit matches them by message and protects the "<5" the row margin gives
 * back, as in English.  Told the wrong language it would not link the
 * Overall column and would leave the count exposed (added 0): checked by
 * the last assertion. */
static void test_table1_margin_every_language(void **state)
{
	enum ko_lang lang;

	(void)state;
	for (lang = KO_LANG_EN; lang < KO_LANG_COUNT; lang++) {
		struct ko_table *t = table1_in(lang);
		struct ko_err err = {0};
		int added = -1;

		assert_int_equal(ko_export_audit(&t, 1, 5, (int)lang, &added, &err),
				 KO_OK);
		assert_true(added >= 1);
		ko_table_free(t);
	}
	{
		struct ko_table *t = table1_in(KO_LANG_FI);
		struct ko_err err = {0};
		int added = -1;

		assert_int_equal(ko_export_audit(&t, 1, 5, KO_LANG_EN, &added, &err),
				 KO_OK);
		assert_int_equal(added, 0);
		ko_table_free(t);
	}
}

/* 8 events in five regions (2, 2, 2, 1, 1): each "<5" is in [1, 4], all
 * that "<5" says; nothing changes.  (7 events would leave each in [1, 3]:
 * test_narrow_export_is_protected.) */
static void test_clean_export_is_left_alone(void **state)
{
	int events[5] = { 2, 2, 2, 1, 1 }, added = -1;
	struct ko_table *t = stratum_model(events);
	struct ko_err err = {0};
	int r;

	(void)state;
	/* sex events 2 + 3 = 5 would contradict 8: make them 4 + 4 */
	for (r = 0; r < t->nrow; r++)
		if (t->rows[r].term && !strcmp(t->rows[r].term, "sex"))
			ko_table_cell(t, r, 1)->v[0] = 4;
		else if (t->rows[r].term && !strcmp(t->rows[r].term, "(model)"))
			ko_table_cell(t, r, 1)->v[0] = 8;
	assert_int_equal(ko_export_audit(&t, 1, 5, 0, &added, &err), KO_OK);
	assert_int_equal(added, 0);
	assert_int_equal(n_marked(t, KO_SUPP_PRIMARY), 5);
	assert_int_equal(n_marked(t, KO_SUPP_SECONDARY), 0);
	ko_table_free(t);
}

/* Complements chosen for all tables together (docs/outputs.md, rule 5):
 * the clean stratum above with the persons of k regions hidden as "x"
 * (20 each; the model's 100 and the other regions' are shown).  Three
 * hidden: one is not needed (the other two still hide each other) and is
 * published again, the largest first; two: each is the other's
 * complement, both stay.  Nothing else changes. */
static void test_unneeded_complement_is_published(void **state)
{
	int k;

	(void)state;
	for (k = 3; k >= 2; k--) {
		int events[5] = { 2, 2, 2, 1, 1 }, added = -1, r, hidden = 0;
		struct ko_table *t = stratum_model(events);
		struct ko_err err = {0};

		for (r = 0; r < t->nrow; r++)
			if (t->rows[r].term && !strcmp(t->rows[r].term, "sex"))
				ko_table_cell(t, r, 1)->v[0] = 4;
			else if (t->rows[r].term &&
				 !strcmp(t->rows[r].term, "(model)"))
				ko_table_cell(t, r, 1)->v[0] = 8;
			else if (t->rows[r].term &&
				 !strcmp(t->rows[r].term, "region") && hidden < k) {
				ko_table_cell(t, r, 0)->supp = KO_SUPP_SECONDARY;
				hidden++;
			}
		assert_int_equal(ko_export_audit(&t, 1, 5, 0, &added, &err), KO_OK);
		assert_int_equal(added, 0);
		assert_int_equal(n_marked(t, KO_SUPP_SECONDARY), 2);
		assert_int_equal(n_marked(t, KO_SUPP_PRIMARY), 5);
		assert_int_equal(n_marked(t, KO_SUPP_DERIVED), 0);
		ko_table_free(t);
	}
}

/* A percentage of a hidden count is not shown (docs/outputs.md, "Derived
 * cells"): five regions of 20 persons with 6 events each, shown as
 * "n (%)" of the row's persons, and the persons of regions A and B hidden
 * (each the other's complement: both stay).  "6 (30.0)" next to A's "x"
 * would give the 20 back as 6 / (0.3 +- 0.0005); the audit leaves A's and
 * B's events as counts alone ("6") and C's "6 (30.0)" as it is. */
static void test_percent_of_hidden_count_is_dropped(void **state)
{
	int events[5] = { 6, 6, 6, 6, 6 }, added = -1, r;
	struct ko_table *t = stratum_model(events);
	struct ko_err err = {0};

	(void)state;
	for (r = 0; r < t->nrow; r++)
		if (t->rows[r].term && !strcmp(t->rows[r].term, "sex"))
			ko_table_cell(t, r, 1)->v[0] = 15;
		else if (t->rows[r].term && !strcmp(t->rows[r].term, "(model)"))
			ko_table_cell(t, r, 1)->v[0] = 30;
		else if (t->rows[r].term && !strcmp(t->rows[r].term, "region")) {
			struct ko_cell *ev = ko_table_cell(t, r, 1);

			ev->kind = KO_CELL_COUNT_PCT;
			ev->v[1] = 100 * ev->v[0] / 20;
			if (r < 2)
				ko_table_cell(t, r, 0)->supp = KO_SUPP_SECONDARY;
		}
	assert_int_equal(ko_export_audit(&t, 1, 5, 0, &added, &err), KO_OK);
	assert_int_equal(added, 0);
	assert_int_equal(n_marked(t, KO_SUPP_SECONDARY), 2);
	for (r = 0; r < 3; r++) {
		const struct ko_cell *ev = ko_table_cell_c(t, r, 1);

		assert_int_equal(ko_table_cell_c(t, r, 0)->supp,
				 r < 2 ? KO_SUPP_SECONDARY : KO_SUPP_NONE);
		assert_int_equal(ev->supp, KO_SUPP_NONE);
		assert_int_equal(ev->kind, r < 2 ? KO_CELL_COUNT : KO_CELL_COUNT_PCT);
		assert_true(ev->v[0] == 6);
	}
	ko_table_free(t);
}

/* 7 events in five regions (2, 1, 1, 1, 2): nothing is pinned, but each
 * "<5" is in [1, 3], narrower than "<5" (the protection rule): the audit
 * shows "<5"s as x until each interval holds 1..4 (k x and 5 - k "<5":
 * an x in [0, k + 2], a "<5" in [1, k + 3]; k = 2). */
static void test_narrow_export_is_protected(void **state)
{
	int events[5] = { 2, 1, 1, 1, 2 }, added = -1;
	struct ko_table *t = stratum_model(events);
	struct ko_err err = {0};
	int r;

	(void)state;
	for (r = 0; r < t->nrow; r++)
		if (t->rows[r].term && !strcmp(t->rows[r].term, "sex"))
			ko_table_cell(t, r, 1)->v[0] = r % 2 ? 3 : 4;
		else if (t->rows[r].term && !strcmp(t->rows[r].term, "(model)"))
			ko_table_cell(t, r, 1)->v[0] = 7;
	assert_int_equal(ko_export_audit(&t, 1, 5, 0, &added, &err), KO_OK);
	assert_int_equal(added, 2);
	assert_int_equal(n_marked(t, KO_SUPP_PRIMARY), 3);
	assert_int_equal(n_marked(t, KO_SUPP_SECONDARY), 2);
	assert_int_equal(n_marked(t, KO_SUPP_DERIVED), 0);
	ko_table_free(t);
}

/* A cohort flow of three steps (the flow's counts are group sizes: the
 * audit never chooses one): 100, then x (rem) and x excluded, then 97 with
 * ex2 excluded.  ex2 = -1: "x" of 1, else shown. */
static struct ko_table *flow_table(int ex2_shown)
{
	struct ko_table *t = ko_table_new("cohort_flow", "Cohort flow");
	int crem, cex, r;

	assert_non_null(t);
	t->threshold = 5;
	crem = ko_table_add_col(t, "Remaining", NULL, KO_COL_N);
	cex = ko_table_add_col(t, "Excluded", NULL, KO_COL_OTHER);
	r = ko_table_add_row(t, "base", 0, "base", NULL);
	ko_table_set_count(t, r, crem, 100);
	r = ko_table_add_row(t, "rule a", 0, "rule a", NULL);
	ko_table_set_count(t, r, crem, ex2_shown ? 97 : 98);
	ko_table_set_count(t, r, cex, ex2_shown ? 3 : 2);
	ko_table_cell(t, r, cex)->supp = KO_SUPP_SECONDARY;
	if (!ex2_shown)
		ko_table_cell(t, r, crem)->supp = KO_SUPP_SECONDARY;
	r = ko_table_add_row(t, "rule b", 0, "rule b", NULL);
	ko_table_set_count(t, r, crem, 97);
	ko_table_set_count(t, r, cex, ex2_shown ? 0 : 1);
	if (!ex2_shown)
		ko_table_cell(t, r, cex)->supp = KO_SUPP_SECONDARY;
	return t;
}

/* When nothing related is left to hide, the error says what was found
 * (issue #13): an "x" the others give back exactly (100 - 97 = 3), or an
 * "x" put in a narrower interval than "<5" says (two x summing to
 * 100 - 97 = 3: each in 0..3, not 4), with the table, row and column. */
static void test_error_says_what_was_found(void **state)
{
	struct ko_table *t = flow_table(1);
	struct ko_err err = {0};
	int added = -1;

	(void)state;
	assert_int_equal(ko_export_audit(&t, 1, 5, 0, &added, &err), KO_ERR_DATA);
	assert_non_null(strstr(err.msg, "the exact value of a suppressed count (x)"));
	assert_non_null(strstr(err.msg, "(cohort_flow, rule a , Excluded)"));
	assert_null(strstr(err.msg, "a count of 1..4"));
	ko_table_free(t);
	memset(&err, 0, sizeof(err));
	t = flow_table(0);
	assert_int_equal(ko_export_audit(&t, 1, 5, 0, &added, &err), KO_ERR_DATA);
	assert_non_null(strstr(err.msg, "put a suppressed count (x) in 0..3, "
				"narrower than the 1..4 that \"<5\" allows"));
	assert_non_null(strstr(err.msg, "Excluded)"));
	ko_table_free(t);
}

/* Table 1 with its persons row only: n persons (Overall). */
static struct ko_table *table1_persons(int n)
{
	struct ko_table *t = ko_table_new("table1", "Table 1");
	int c, r;

	assert_non_null(t);
	t->threshold = 5;
	c = ko_table_add_col(t, "Overall", NULL, KO_COL_N);
	r = ko_table_add_row(t, "Persons, n", 0, "persons", NULL);
	ko_table_set_count(t, r, c, n);
	return t;
}

/* A rate model split by age (docs/outputs.md, "Across tables" rule 7):
 * 98 of the cohort's 100 in the model, the model's persons hidden (x: the
 * 2 not in it are a small count), its age bands 0 and 1 shown (98 and
 * 95; each person passes through them, so only the events sum).  Everyone
 * is followed at age 0, so band 0's persons are at least... all of the
 * model's: the model's persons are at least 98, those not in it 0..2,
 * narrower than "<5".  The audit hides band 0's persons (band 1's 95
 * would leave 0..2 all the same); before the relation "a level passed
 * through holds no more persons than the model" it hid nothing. */
static void test_band_persons_bound_the_model(void **state)
{
	struct ko_table *t[2];
	struct ko_err err = {0};
	char title[64];
	int cn, ce, cpy, r, added = -1, b0 = -1, b1 = -1;

	(void)state;
	t[0] = table1_persons(100);
	snprintf(title, sizeof(title), "Out: %s r",
		 ko_lang_text(KO_LANG_EN, KO_MSG_MODEL));
	t[1] = ko_table_new("model_r", title);
	assert_non_null(t[1]);
	t[1]->model = 1;
	t[1]->threshold = 5;
	cn = ko_table_add_col(t[1], ko_lang_text(KO_LANG_EN, KO_MSG_PERSONS_N), NULL,
			      KO_COL_N);
	ce = ko_table_add_col(t[1], ko_lang_text(KO_LANG_EN, KO_MSG_EVENTS_N_PCT),
			      NULL, KO_COL_EVENTS);
	cpy = ko_table_add_col(t[1], ko_lang_text(KO_LANG_EN, KO_MSG_FU_PERSON_YEARS),
			       NULL, KO_COL_OTHER);
	for (r = 0; r < 2; r++) {
		int row = ko_table_add_row(t[1], r ? "1" : "0", 1, "age_band",
					   r ? "1" : "0");

		ko_table_set_count(t[1], row, cn, r ? 95 : 98);
		ko_table_set_count(t[1], row, ce, r ? 12 : 10);
		ko_table_set_whole(t[1], row, cpy, r ? 300 : 96);
		*(r ? &b1 : &b0) = row;
	}
	r = ko_table_add_row(t[1], ko_lang_text(KO_LANG_EN, KO_MSG_PERSONS_IN_MODEL),
			     0, "(model)", "n");
	ko_table_set_count(t[1], r, cn, 98);
	ko_table_set_count(t[1], r, ce, 22);
	ko_table_set_whole(t[1], r, cpy, 396);
	ko_table_cell(t[1], r, cn)->supp = KO_SUPP_SECONDARY;
	assert_int_equal(ko_export_audit(t, 2, 5, 0, &added, &err), KO_OK);
	assert_true(added >= 1);
	assert_int_equal(ko_table_cell_c(t[1], b0, cn)->supp, KO_SUPP_SECONDARY);
	assert_int_equal(ko_table_cell_c(t[1], b1, cn)->supp, KO_SUPP_NONE);
	/* the band's person-years go with its persons (rate x PY) */
	assert_int_equal(ko_table_cell_c(t[1], b0, cpy)->supp, KO_SUPP_DERIVED);
	ko_table_free(t[0]);
	ko_table_free(t[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pinned_stratum_is_protected),
		cmocka_unit_test(test_clean_export_is_left_alone),
		cmocka_unit_test(test_narrow_export_is_protected),
		cmocka_unit_test(test_unneeded_complement_is_published),
		cmocka_unit_test(test_percent_of_hidden_count_is_dropped),
		cmocka_unit_test(test_table1_margin_every_language),
		cmocka_unit_test(test_error_says_what_was_found),
		cmocka_unit_test(test_band_persons_bound_the_model),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
