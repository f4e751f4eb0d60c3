/* test_export.c - [study] export = dta, sav (issue 18 item 7): the example
 * study on the fixture extracts, its analysis.dta and analysis.sav read back
 * with ReadStat: one row per cohort member, every value as analysis.csv.gz
 * has it (labelled variables through their value labels), variable labels,
 * value labels of a number variable, dates as dates, the family ids; and
 * the adjusted model refitted by R's glm from analysis.dta (analysis.R,
 * tests/reference/export_glm.R, fixture tests/fixtures/export_glm_coefs.csv)
 * has the model stage's coefficients and cluster SEs to 1e-6. */
#include "ko_test.h"
#include "run_support.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <zlib.h>

#include <readstat.h>

#define MAX_COLS 32
#define MAX_ROWS 20000
#define MAX_LABELS 256
#define REL_TOL 1e-6

/* What a file holds, as read back. */
struct back {
	long rows;
	int ncols;
	char name[MAX_COLS][64], label[MAX_COLS][160], set[MAX_COLS][64];
	char format[MAX_COLS][32];
	/* value labels: set, value, label */
	char lset[MAX_LABELS][64], ltext[MAX_LABELS][160];
	double lval[MAX_LABELS];
	int nlabels;
	/* cells as text: numbers %.17g, strings as they are, missing "NA" */
	char *cell[MAX_ROWS][MAX_COLS];
};

static struct back dta, sav;

static int on_meta(readstat_metadata_t *m, void *ctx)
{
	struct back *b = ctx;

	b->rows = readstat_get_row_count(m);
	b->ncols = readstat_get_var_count(m);
	return b->rows <= MAX_ROWS && b->ncols <= MAX_COLS ? READSTAT_HANDLER_OK
							 : READSTAT_HANDLER_ABORT;
}

static int on_var(int i, readstat_variable_t *v, const char *labels, void *ctx)
{
	struct back *b = ctx;
	const char *l = readstat_variable_get_label(v);
	const char *f = readstat_variable_get_format(v);

	snprintf(b->name[i], sizeof(b->name[i]), "%s", readstat_variable_get_name(v));
	snprintf(b->label[i], sizeof(b->label[i]), "%s", l ? l : "");
	snprintf(b->set[i], sizeof(b->set[i]), "%s", labels ? labels : "");
	snprintf(b->format[i], sizeof(b->format[i]), "%s", f ? f : "");
	return READSTAT_HANDLER_OK;
}

static int on_label(const char *set, readstat_value_t value, const char *label,
		    void *ctx)
{
	struct back *b = ctx;

	if (b->nlabels == MAX_LABELS)
		return READSTAT_HANDLER_OK;
	snprintf(b->lset[b->nlabels], sizeof(b->lset[0]), "%s", set);
	snprintf(b->ltext[b->nlabels], sizeof(b->ltext[0]), "%s", label);
	b->lval[b->nlabels++] = readstat_value_type(value) == READSTAT_TYPE_INT32
		? readstat_int32_value(value) : readstat_double_value(value);
	return READSTAT_HANDLER_OK;
}

static int on_value(int row, readstat_variable_t *v, readstat_value_t value,
		    void *ctx)
{
	struct back *b = ctx;
	int i = readstat_variable_get_index(v);
	char buf[64];

	if (readstat_value_is_system_missing(value))
		snprintf(buf, sizeof(buf), "NA");
	else if (readstat_value_type(value) == READSTAT_TYPE_STRING)
		snprintf(buf, sizeof(buf), "%s", readstat_string_value(value));
	else if (readstat_value_type(value) == READSTAT_TYPE_DOUBLE)
		snprintf(buf, sizeof(buf), "%.17g", readstat_double_value(value));
	else
		snprintf(buf, sizeof(buf), "%d", (int)readstat_int32_value(value));
	b->cell[row][i] = strdup(buf);
	return READSTAT_HANDLER_OK;
}

static void read_back(const char *path, int is_sav, struct back *b)
{
	readstat_parser_t *p = readstat_parser_init();
	readstat_error_t e;

	memset(b, 0, sizeof(*b));
	readstat_set_metadata_handler(p, on_meta);
	readstat_set_variable_handler(p, on_var);
	readstat_set_value_label_handler(p, on_label);
	readstat_set_value_handler(p, on_value);
	e = is_sav ? readstat_parse_sav(p, path, b) : readstat_parse_dta(p, path, b);
	readstat_parser_free(p);
	if (e)
		fail_msg("%s: %s", path, readstat_error_message(e));
}

static void free_back(struct back *b)
{
	long r;
	int c;

	for (r = 0; r < b->rows && r < MAX_ROWS; r++)
		for (c = 0; c < b->ncols; c++)
			free(b->cell[r][c]);
}

static int col_of(const struct back *b, const char *name)
{
	int i;

	for (i = 0; i < b->ncols; i++)
		if (!strcmp(b->name[i], name))
			return i;
	fail_msg("no column %s", name);
	return -1;
}

static const char *label_for(const struct back *b, const char *set, double v)
{
	int i;

	for (i = 0; i < b->nlabels; i++)
		if (!strcmp(b->lset[i], set) && b->lval[i] == v)
			return b->ltext[i];
	return NULL;
}

static char out_dir[128];

static int setup(void **state)
{
	char ini[128], cmd[400], *text, *t1, *t2;

	(void)state;
	snprintf(rs_tmp, sizeof(rs_tmp), "/tmp/ko_export_%d", (int)getpid());
	mkdir(rs_tmp, 0777);
	snprintf(ini, sizeof(ini), "%s/study.ini", rs_tmp);
	snprintf(out_dir, sizeof(out_dir), "%s/out", rs_tmp);
	rs_make_config(ini, "disclosure_threshold = 5\n",
		       "disclosure_threshold = 5\nexport = dta, sav\n");
	text = rs_slurp(ini);
	/* a date among the outputs, labelled */
	t1 = rs_replace(text, "[cohort]", "[variable born]\nfrom = birth\n"
			"aggregate = value birth_date\nlabel = Date of birth\n\n"
			"[variable weeks]\nfrom = birth\n"
			"aggregate = value gestational_weeks\n"
			"value_labels = 40: forty weeks, 41: forty-one weeks\n\n"
			"[cohort]");
	t2 = rs_replace(t1, "[report]", "[report]");
	rs_write_text(ini, t2);
	free(text);
	free(t1);
	free(t2);
	snprintf(cmd, sizeof(cmd), "run --quiet --output %s %s", out_dir, ini);
	if (rs_kohort(cmd)) {
		char *e = rs_read_tmp("err.txt");

		fprintf(stderr, "%s", e);
		free(e);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	char cmd[160];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", rs_tmp);
	return system(cmd) ? -1 : 0;
}

/* analysis.csv.gz: header fields and rows, each split at commas (the
 * example's values hold none). */
static char *csv_text;
static char *csv_rows[MAX_ROWS][MAX_COLS];
static int csv_ncols;
static long csv_nrows;

static void read_csv(void)
{
	char path[200], *line, *save = NULL, *f, *save2;
	gzFile gz;
	size_t cap = 1 << 24, n;
	long r = -1;

	snprintf(path, sizeof(path), "%s/analysis.csv.gz", out_dir);
	gz = gzopen(path, "rb");
	assert_non_null(gz);
	csv_text = malloc(cap);
	assert_non_null(csv_text);
	n = (size_t)gzread(gz, csv_text, (unsigned)(cap - 1));
	gzclose(gz);
	csv_text[n] = '\0';
	for (line = strtok_r(csv_text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save), r++) {
		int c = 0;

		assert_true(r + 1 < MAX_ROWS);
		for (f = strtok_r(line, ",", &save2); f && c < MAX_COLS;
		     f = strtok_r(NULL, ",", &save2))
			csv_rows[r + 1][c++] = f;
		if (r < 0)
			csv_ncols = c;
	}
	csv_nrows = r;
}

/* The example's labelled (cat or categorised) variables: stored as codes
 * whose value labels are the levels. */
static int coded(const char *name)
{
	return !strcmp(name, "sa_years") || !strcmp(name, "sex") ||
	       !strcmp(name, "region");
}

/* Every csv column in the file, every row the same value. */
static void assert_same_as_csv(const struct back *b, int is_sav)
{
	int c;
	long r;

	assert_int_equal(b->rows, csv_nrows);
	assert_int_equal(b->ncols, csv_ncols + 2); /* + family_mother, _father */
	for (c = 0; c < csv_ncols; c++) {
		int k = col_of(b, csv_rows[0][c]);

		if (coded(b->name[k]))
			assert_true(*b->set[k]);
		for (r = 0; r < csv_nrows; r++) {
			const char *want = csv_rows[r + 1][c], *got = b->cell[r][k], *l;
			char buf[64];

			assert_non_null(got);
			if (!strcmp(want, "NA")) {
				if (strcmp(got, "NA") && strcmp(got, ""))
					fail_msg("%s row %ld: %s, want missing",
						 b->name[k], r + 1, got);
			} else if (k == 0) {
				if (strcmp(got, want))
					fail_msg("id row %ld: %s, want %s", r + 1, got, want);
			} else if (coded(b->name[k])) {
				l = label_for(b, b->set[k], atof(got));
				if (!l || strcmp(l, want))
					fail_msg("%s row %ld: code %s is '%s', want '%s'",
						 b->name[k], r + 1, got, l ? l : "?", want);
			} else if (!strcmp(b->name[k], "fu_exit_reason")) {
				if (strcmp(got, want))
					fail_msg("fu_exit_reason row %ld: %s, want %s",
						 r + 1, got, want);
			} else if (!strcmp(b->name[k], "born") ||
				   !strcmp(b->name[k], "fu_entry") ||
				   !strcmp(b->name[k], "fu_exit")) {
				/* csv: YYYY-MM-DD; dta: days since 1960; sav:
				 * seconds since 1582-10-14 */
				double days = atof(got) / (is_sav ? 86400.0 : 1.0) -
					      (is_sav ? 141428 : 3653);
				time_t t = (time_t)(days * 86400.0);
				struct tm tm;

				gmtime_r(&t, &tm);
				strftime(buf, sizeof(buf), "%Y-%m-%d", &tm);
				if (strcmp(buf, want))
					fail_msg("%s row %ld: %s, want %s", b->name[k],
						 r + 1, buf, want);
			} else if (fabs(atof(got) - atof(want)) >
				   1e-12 * fabs(atof(want))) {
				fail_msg("%s row %ld: %s, want %s", b->name[k], r + 1,
					 got, want);
			}
		}
	}
}

static void test_dta_and_sav_read_back(void **state)
{
	char path[200];
	int k, fam, nonempty = 0;
	long r;

	(void)state;
	read_csv();
	snprintf(path, sizeof(path), "%s/analysis.dta", out_dir);
	read_back(path, 0, &dta);
	snprintf(path, sizeof(path), "%s/analysis.sav", out_dir);
	read_back(path, 1, &sav);
	assert_same_as_csv(&dta, 0);
	assert_same_as_csv(&sav, 1);
	/* variable labels, value labels, formats */
	k = col_of(&dta, "born");
	assert_string_equal(dta.label[k], "Date of birth");
	assert_string_equal(dta.format[k], "%td");
	assert_string_equal(sav.format[col_of(&sav, "born")], "DATE11");
	k = col_of(&dta, "sa_years");
	assert_string_equal(dta.label[k], "Parental social assistance, years");
	assert_non_null(label_for(&dta, dta.set[k], 1));
	assert_string_equal(label_for(&dta, dta.set[k], 1), "0");
	assert_string_equal(label_for(&dta, dta.set[k], 4), "4+");
	k = col_of(&sav, "sa_years");
	assert_string_equal(label_for(&sav, sav.set[k], 3), "2-3");
	k = col_of(&dta, "region");
	assert_non_null(label_for(&dta, dta.set[k], 1));
	/* a number variable keeps its values, value_labels as labels */
	k = col_of(&dta, "weeks");
	assert_string_equal(label_for(&dta, dta.set[k], 40), "forty weeks");
	k = col_of(&sav, "weeks");
	assert_string_equal(label_for(&sav, sav.set[k], 41), "forty-one weeks");
	/* family ids: the mother's id for most children */
	fam = col_of(&dta, "family_mother");
	for (r = 0; r < dta.rows; r++)
		nonempty += *dta.cell[r][fam] != '\0';
	assert_true(nonempty > dta.rows / 2);
	assert_string_equal(dta.cell[0][fam], sav.cell[0][col_of(&sav, "family_mother")]);
	free_back(&dta);
	free_back(&sav);
	free(csv_text);
}

/* The fixture: tests/reference/export_glm.R ran analysis.R on this
 * export (model placement: adjusted, cluster SEs by mother) and wrote R's
 * coefficients and SEs.  models/placement.csv must agree to 1e-6. */
static void test_glm_on_export_matches(void **state)
{
	char path[200], *ours, *ref, *line, *save = NULL;
	int checked = 0;

	(void)state;
	snprintf(path, sizeof(path), "%s/models/placement.csv", out_dir);
	ours = rs_slurp(path);
	ref = rs_slurp("tests/fixtures/export_glm_coefs.csv");
	assert_true(*ref);
	for (line = strtok_r(ref, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char term[64], level[64], key[200], *hit, *f[20], row[1000], *p;
		double est, se;
		int n = 0;

		if (sscanf(line, "%63[^,],%63[^,],%lf,%lf", term, level, &est, &se) != 4)
			continue; /* header */
		if (!strcmp(level, "-"))
			level[0] = '\0';
		snprintf(key, sizeof(key), "\nplacement,all,adjusted,%s,%s,", term, level);
		hit = strstr(ours, key);
		if (!hit)
			fail_msg("no row %s %s in models/placement.csv", term, level);
		snprintf(row, sizeof(row), "%.*s", (int)strcspn(hit + 1, "\n"), hit + 1);
		/* split at commas, keeping empty fields (the level of a number) */
		for (f[n++] = row, p = row; *p && n < 19; p++)
			if (*p == ',') {
				*p = '\0';
				f[n++] = p + 1;
			}
		assert_true(n > 7);
		assert_close(strtod(f[5], NULL), est, REL_TOL);
		assert_close(strtod(f[6], NULL), se, REL_TOL);
		checked++;
	}
	assert_true(checked >= 20);
	free(ours);
	free(ref);
}

/* Whether the value labels of variable k include text. */
static int has_label(const struct back *b, int k, const char *text)
{
	int i;

	for (i = 0; i < b->nlabels; i++)
		if (!strcmp(b->lset[i], b->set[k]) && !strcmp(b->ltext[i], text))
			return 1;
	return 0;
}

/* A Stata name at p (letters, digits, _), copied into out. */
static const char *stata_name(const char *p, char *out, size_t size)
{
	size_t n = strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			  "0123456789_");

	snprintf(out, size, "%.*s", (int)(n < size ? n : size - 1), p);
	return p + n;
}

/* analysis.do (issue #18 item 7), checked by structure since Stata is not
 * here: per line, quotes even and every ` closed by a '; braces,
 * program/end and preserve/restore balanced; each model's fit stored;
 * every variable of a model line in analysis.dta; every base level
 * looked up by a label the variable has in analysis.dta (or a value it
 * takes), and set before it is used; the cluster on family_mother with
 * the id for children without one, as the model stage's se = cluster. */
static void test_do_file(void **state)
{
	char path[200], *text, *line, *save = NULL, name[64], bases[2000] = " ";
	int braces = 0, programs = 0, preserves = 0, fits = 0, lines = 0, k;
	int nbase = 0, nterms = 0;

	(void)state;
	snprintf(path, sizeof(path), "%s/analysis.dta", out_dir);
	read_back(path, 0, &dta);
	snprintf(path, sizeof(path), "%s/analysis.do", out_dir);
	text = rs_slurp(path);
	assert_non_null(text);
	assert_non_null(strstr(text, "\nuse \"analysis.dta\", clear\n"));
	assert_non_null(strstr(text, "\ngenerate str _kohort_cl = family_mother\n"));
	snprintf(path, sizeof(path), "\nreplace _kohort_cl = \"child:\" + %s if",
		 dta.name[0]);
	assert_non_null(strstr(text, path));
	assert_non_null(strstr(text, "\nlocal vce vce(cluster _kohort_clid)\n"));
	assert_non_null(strstr(text, "\nlogit `f', `vce'\nestimates store placement\n"));
	/* the crude fits, on the available cases (no if: Stata drops the
	 * rows missing the outcome or the exposure), export_do.R fits them */
	assert_non_null(strstr(text, "\nlogit placement ib(`b_sa_years').sa_years, "
			       "`vce'\nestimates store placement_c1\n"));
	assert_null(strstr(text, "_kohort_cc"));
	/* a time-to-event model on split follow-up is not refitted as a
	 * logit of its event date (nor at all: its rows are not in the data) */
	assert_non_null(strstr(text, "\n* [model placement_cox]: the adjusted model\n"
			       "* not refitted here: split follow-up"));
	assert_null(strstr(text, "estimates store placement_cox"));
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		const char *p;
		int quotes = 0, open = 0, close = 0;

		lines++;
		if (line[0] == '*')
			continue; /* a comment: free text */
		for (p = line; *p; p++) {
			quotes += *p == '"';
			open += *p == '`';
			close += *p == '\'';
			braces += (*p == '{') - (*p == '}');
		}
		if (quotes % 2 || open != close)
			fail_msg("analysis.do: unbalanced quotes: %s", line);
		programs += !strncmp(line, "program define ", 15) - !strcmp(line, "end");
		preserves += !!strstr(line, "preserve") - !!strstr(line, "restore");
		fits += !strncmp(line + strspn(line, " "), "estimates store ", 16);
		if (!strncmp(line, "kohort_base ", 12)) {
			char level[128];

			p = stata_name(line + 12, name, sizeof(name));
			assert_int_equal(sscanf(p, " \"%127[^\"]\"", level), 1);
			k = col_of(&dta, name);
			if (k < 0 || !has_label(&dta, k, level))
				fail_msg("analysis.do: %s has no level '%s'", name, level);
			nbase++;
		}
		if (!strncmp(line, "local b_", 8)) {
			stata_name(line + 8, name, sizeof(name));
			assert_true(col_of(&dta, name) >= 0);
			if (strlen(bases) + strlen(name) + 2 < sizeof(bases))
				strcat(strcat(bases, name), " ");
		}
		if (!strncmp(line, "local f ", 8)) {
			/* outcome then terms: [ib(`b_X').|c.]X, joined by # */
			for (p = line + 8; *p;) {
				char word[64];

				if (!strncmp(p, "ib(`b_", 6)) {
					char want[80];

					p = stata_name(p + 6, word, sizeof(word));
					snprintf(want, sizeof(want), " %s ", word);
					if (!strstr(bases, want))
						fail_msg("analysis.do: base of %s used before "
							 "it is set", word);
					assert_true(!strncmp(p, "').", 3));
					p += 3;
				} else if (!strncmp(p, "c.", 2)) {
					p += 2;
				}
				p = stata_name(p, word, sizeof(word));
				if (!*word || col_of(&dta, word) < 0)
					fail_msg("analysis.do: '%s' is not in analysis.dta "
						 "(%s)", word, line);
				nterms++;
				if (*p == ' ' || *p == '#')
					p++;
			}
		}
	}
	assert_int_equal(braces, 0);
	assert_int_equal(programs, 0);
	assert_int_equal(preserves, 0);
	assert_true(fits >= 1);
	assert_true(lines > 30);
	assert_true(nbase >= 2);   /* sa_years "0", region "Helsinki", ... */
	assert_true(nterms >= 5);
	free(text);
	free_back(&dta);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dta_and_sav_read_back),
		cmocka_unit_test(test_glm_on_export_matches),
		cmocka_unit_test(test_do_file),
	};
	return cmocka_run_group_tests_name("export", tests, setup, teardown);
}
