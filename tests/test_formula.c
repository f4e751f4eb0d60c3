/* test_formula.c - formula parsing: term labels, order and intercept against
 * R's terms() (tests/fixtures/design_terms.txt, made by
 * tests/reference/design_fixtures.R), and the error messages. */
#include "ko_test.h"

#include <stdlib.h>
#include <string.h>

#include "formula.h"

#define TERMS_FIXTURE "tests/fixtures/design_terms.txt"

/* Split line at tabs in place; returns the number of fields. */
static size_t split_tabs(char *line, char **field, size_t max)
{
	size_t n = 0;
	char *s = line, *t;

	line[strcspn(line, "\r\n")] = '\0';
	while (n < max) {
		field[n++] = s;
		t = strchr(s, '\t');
		if (!t)
			break;
		*t = '\0';
		s = t + 1;
	}
	if (n && field[n - 1][0] == '\0')
		n--; /* R's cat(sep = "\t") leaves a trailing tab */
	return n;
}

static void test_terms_match_r(void **state)
{
	FILE *fp = fopen(TERMS_FIXTURE, "r");
	char formula[1024], line[4096], *field[64];
	struct ko_formula *f = NULL;
	struct ko_err err;
	int cases = 0;

	(void)state;
	assert_non_null(fp);
	while (fgets(line, sizeof(line), fp)) {
		size_t n = split_tabs(line, field, 64), i;

		if (!strcmp(field[0], "formula")) {
			snprintf(formula, sizeof(formula), "%s", field[1]);
			ko_formula_free(f);
			f = NULL;
			if (ko_formula_parse(&f, formula, &err))
				fail_msg("%s: %s", formula, err.msg);
			assert_string_equal(f->response, "y");
		} else if (!strcmp(field[0], "intercept")) {
			assert_int_equal(f->intercept, atoi(field[1]));
		} else if (!strcmp(field[0], "labels")) {
			if (f->n_terms != n - 1)
				fail_msg("%s: %zu terms, R has %zu", formula,
					 f->n_terms, n - 1);
			for (i = 1; i < n; i++)
				assert_string_equal(f->terms[i - 1].label, field[i]);
			cases++;
		}
	}
	fclose(fp);
	ko_formula_free(f);
	assert_true(cases >= 20);
}

static void test_factor_text(void **state)
{
	struct ko_formula *f = NULL;

	(void)state;
	assert_int_equal(ko_formula_parse(&f,
		"out~factor( region ,ref='Pohjois-Karjala' )+factor(race)+`odd name`",
		NULL), KO_OK);
	assert_int_equal(f->n_vars, 3);
	assert_string_equal(f->vars[0].text,
			    "factor(region, ref = \"Pohjois-Karjala\")");
	assert_string_equal(f->vars[0].column, "region");
	assert_string_equal(f->vars[0].ref, "Pohjois-Karjala");
	assert_true(f->vars[0].is_factor);
	assert_string_equal(f->vars[1].text, "factor(race)");
	assert_null(f->vars[1].ref);
	assert_string_equal(f->vars[2].text, "`odd name`");
	assert_string_equal(f->vars[2].column, "odd name");
	assert_false(f->vars[2].is_factor);
	ko_formula_free(f);
}

static void test_round_trip_text(void **state)
{
	struct ko_formula *f = NULL;
	char *s;

	(void)state;
	assert_int_equal(ko_formula_parse(&f, "y ~ a*b - 1", NULL), KO_OK);
	s = ko_formula_text(f);
	assert_string_equal(s, "y ~ a + b + a:b - 1");
	free(s);
	ko_formula_free(f);
}

/* Each bad formula, the position (1-based) and a word of the message. */
static void test_errors(void **state)
{
	static const struct {
		const char *text;
		const char *msg;
	} bad[] = {
		{ "y age", "position 3: expected '~'" },
		{ "y ~ ", "position 5: expected a term" },
		{ "y ~ a +", "position 8: expected a term" },
		{ "y ~ a + log(b)", "position 12: only factor(...)" },
		{ "y ~ factor(b", "position 13: expected ')' to close factor(" },
		{ "y ~ factor(b, reff = \"x\")", "position 15: expected 'ref" },
		{ "y ~ factor(b, ref = x)", "position 21: expected a quoted" },
		{ "y ~ factor(b, ref = \"x)", "position 21: unterminated string" },
		{ "y ~ a + 2", "position 9: only the numbers 0 and 1" },
		{ "y ~ a:1", "position 7: 0 and 1 may only" },
		{ "y ~ (a + b", "position 11: expected ')'" },
		{ "y ~ a b", "position 7: unexpected character" },
		{ "~ a", "position 1: expected a variable name" },
		{ "y ~ `a", "position 5: unterminated `name`" },
		/* R drops the response from the right-hand side; an error here */
		{ "y ~ y", "position 5: the outcome y is also a term on the right-hand side" },
		{ "y ~ a + factor(y)", "position 9: the outcome y is also a term" },
		{ "y ~ a:y", "position 7: the outcome y is also a term" },
		{ "Y ~ a + y", "position 9: the outcome Y is also a term" },
		{ "low ~ .", "position 7: '.' (all other columns) is not supported; name the terms" },
		{ "y ~ a + . - b", "position 9: '.' (all other columns) is not supported" },
		{ "y ~ 0", "no terms and no intercept" },
		{ "", "empty formula" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct ko_formula *f = NULL;
		struct ko_err err;

		ko_err_clear(&err);
		if (ko_formula_parse(&f, bad[i].text, &err) != KO_ERR_USAGE)
			fail_msg("'%s' was accepted", bad[i].text);
		assert_null(f);
		if (!strstr(err.msg, bad[i].msg))
			fail_msg("'%s': message '%s' lacks '%s'", bad[i].text,
				 err.msg, bad[i].msg);
	}
}

/* A name with a dot in it, or `.` in backticks, is a column, not R's
 * every-other-column '.'. */
static void test_dot_names(void **state)
{
	struct ko_formula *f = NULL;
	struct ko_err err;

	(void)state;
	ko_err_clear(&err);
	assert_int_equal(ko_formula_parse(&f, "y.1 ~ .x + `.` + a.b", &err), KO_OK);
	assert_int_equal(f->n_vars, 3);
	assert_string_equal(f->response, "y.1");
	assert_string_equal(f->vars[0].column, ".x");
	assert_string_equal(f->vars[1].column, ".");
	assert_string_equal(f->vars[2].column, "a.b");
	ko_formula_free(f);
}

/* Mutated formulas (deterministic): every one parses or fails cleanly with
 * a usage error; under make check, ASan/UBSan watch the parser. */
static void test_mutations_never_crash(void **state)
{
	static const char *const seeds[] = {
		"y ~ a*b + factor(c, ref = \"x\") - 1",
		"low ~ (age + smoke):factor(race) + `odd name`",
		"y ~ 0 + a:b:c + factor(d)",
	};
	static const char alphabet[] = "~+-*:()`\"',= 01abfactorref\\";
	unsigned long long seed = 7;
	char buf[128];
	size_t i, k;

	(void)state;
	for (i = 0; i < 20000; i++) {
		const char *src = seeds[i % 3];
		size_t len = strlen(src), edits;
		struct ko_formula *f = NULL;
		struct ko_err err;
		enum ko_status st;

		memcpy(buf, src, len + 1);
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		edits = 1 + (seed >> 60) % 4;
		for (k = 0; k < edits; k++) {
			size_t at;

			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			at = (size_t)(seed >> 33) % len;
			switch ((seed >> 20) % 3) {
			case 0: /* replace */
				buf[at] = alphabet[(seed >> 40) % (sizeof(alphabet) - 1)];
				break;
			case 1: /* truncate */
				buf[at] = '\0';
				len = at ? at : 1;
				break;
			default: /* duplicate a character */
				if (len + 2 < sizeof(buf)) {
					memmove(buf + at + 1, buf + at, len - at + 1);
					len++;
				}
				break;
			}
			len = strlen(buf) ? strlen(buf) : 1;
		}
		st = ko_formula_parse(&f, buf, &err);
		if (st == KO_OK) {
			char *text = ko_formula_text(f);

			assert_non_null(text);
			free(text);
			ko_formula_free(f);
		} else {
			assert_int_equal(st, KO_ERR_USAGE);
			assert_null(f);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_terms_match_r),
		cmocka_unit_test(test_factor_text),
		cmocka_unit_test(test_round_trip_text),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_dot_names),
		cmocka_unit_test(test_mutations_never_crash),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
