/* The report's language tables (pipeline/lang/lang_text.c, lang_methods.c):
 *   - every message id has a text in every language, in one of the two
 *     tables and not in both;
 *   - a text's printf conversions are the same, in the same order, in
 *     every language as in English (a translation cannot make snprintf
 *     read an argument that is not there);
 *   - fi and sv are translations: no text is left as its English one
 *     except the few that are the same words in all three ("OR (%s)");
 *   - ko_lang_find knows en, fi, sv and nothing else. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "lang.h"

/* The text of id in language l as the tables have it (NULL: missing). */
static const char *entry(int l, int id)
{
	return ko_lang_entry((enum ko_lang)l, (enum ko_msg)id);
}

/* The conversions of a printf format ("%s%d", "%%" left out), into buf. */
static void conversions(const char *fmt, char *buf, size_t size)
{
	size_t n = 0;

	for (; *fmt && n + 2 < size; fmt++) {
		if (*fmt != '%')
			continue;
		fmt++;
		if (*fmt == '%')
			continue;
		while (*fmt && strchr("0123456789.-+ #*lhz", *fmt))
			buf[n++] = *fmt++;
		buf[n++] = *fmt;
		if (!*fmt)
			break;
	}
	buf[n] = '\0';
}

static void test_complete(void **state)
{
	int l, id;

	(void)state;
	for (l = 0; l < KO_LANG_COUNT; l++)
		for (id = 0; id < KO_MSG_COUNT; id++)
			if (!entry(l, id) || !*entry(l, id))
				fail_msg("language %s: message %d has no text",
					 ko_lang_code((enum ko_lang)l), id);
}

static void test_one_table(void **state)
{
	int l, id;

	(void)state;
	for (l = 0; l < KO_LANG_COUNT; l++)
		for (id = 0; id < KO_MSG_COUNT; id++)
			if (ko_lang_texts[id][l] && ko_lang_methods[id][l])
				fail_msg("language %s: message %d is in both "
					 "lang_text.c and lang_methods.c",
					 ko_lang_code((enum ko_lang)l), id);
}

static void test_conversions(void **state)
{
	char en[64], other[64];
	int l, id;

	(void)state;
	conversions("%s %%:n lv", en, sizeof(en));
	assert_string_equal(en, "s");
	conversions("<%d: x %d; %s", en, sizeof(en));
	assert_string_equal(en, "dds");
	for (l = 1; l < KO_LANG_COUNT; l++)
		for (id = 0; id < KO_MSG_COUNT; id++) {
			conversions(entry(KO_LANG_EN, id), en, sizeof(en));
			conversions(entry(l, id), other, sizeof(other));
			if (strcmp(en, other))
				fail_msg("language %s, message %d: conversions "
					 "'%s', English has '%s' (%s)",
					 ko_lang_code((enum ko_lang)l), id, other,
					 en, entry(l, id));
		}
}

/* Texts that are the same in the three languages: abbreviations, and
 * Table 1's "No, N = 9 274" header (issue #18's Finnish example). */
static int international(int id)
{
	return id == KO_MSG_OR_HEAD || id == KO_MSG_RR_HEAD || id == KO_MSG_AUC ||
	       id == KO_MSG_T1_HEADER_N;
}

static void test_translated(void **state)
{
	int l, id;

	(void)state;
	for (l = 1; l < KO_LANG_COUNT; l++)
		for (id = 0; id < KO_MSG_COUNT; id++)
			if (!international(id) &&
			    !strcmp(entry(l, id), entry(KO_LANG_EN, id)))
				fail_msg("language %s, message %d: left in "
					 "English: %s", ko_lang_code((enum ko_lang)l),
					 id, entry(l, id));
	/* and the international ones are what the test thinks */
	assert_string_equal(entry(KO_LANG_FI, KO_MSG_OR_HEAD), "OR (%s)");
	assert_string_equal(entry(KO_LANG_FI, KO_MSG_T1_HEADER_N), "%s, N = %s");
}

/* The effect texts: the family's abbreviation (or a header that starts
 * with it) picks the variant; the odds ratio, NULL and unknown effects
 * keep the OR text, and every language words its own. */
static void test_effect(void **state)
{
	(void)state;
	assert_int_equal(ko_lang_effect(KO_MSG_FOREST_AXIS, "RR"),
			 KO_MSG_FOREST_AXIS_RR);
	assert_int_equal(ko_lang_effect(KO_MSG_FOREST_AXIS, "RR (95% CI)"),
			 KO_MSG_FOREST_AXIS_RR);
	assert_int_equal(ko_lang_effect(KO_MSG_FOREST_AXIS, "HR"),
			 KO_MSG_FOREST_AXIS_HR);
	assert_int_equal(ko_lang_effect(KO_MSG_HTML_FOREST_CAPTION, "IRR (90% CI)"),
			 KO_MSG_HTML_FOREST_CAPTION_IRR);
	assert_int_equal(ko_lang_effect(KO_MSG_FOOT_MODEL, "IRR"),
			 KO_MSG_FOOT_MODEL_IRR);
	assert_int_equal(ko_lang_effect(KO_MSG_FOREST_AXIS, "OR (95% CI)"),
			 KO_MSG_FOREST_AXIS);
	assert_int_equal(ko_lang_effect(KO_MSG_FOREST_AXIS, "RRR"),
			 KO_MSG_FOREST_AXIS);
	assert_int_equal(ko_lang_effect(KO_MSG_FOREST_AXIS, NULL),
			 KO_MSG_FOREST_AXIS);
	assert_int_equal(ko_lang_effect(KO_MSG_MODEL, "RR"), KO_MSG_MODEL);
	assert_string_equal(ko_lang_text(KO_LANG_EN, KO_MSG_FOREST_AXIS_RR),
			    "Adjusted risk ratio (log scale)");
	assert_string_equal(ko_lang_text(KO_LANG_FI, KO_MSG_FOREST_AXIS_RR),
			    "Vakioitu riskisuhde (logaritminen asteikko)");
	assert_string_equal(ko_lang_text(KO_LANG_SV, KO_MSG_FOREST_AXIS_RR),
			    "Justerad riskkvot (logaritmisk skala)");
}

static void test_find(void **state)
{
	(void)state;
	assert_int_equal(ko_lang_find("en"), KO_LANG_EN);
	assert_int_equal(ko_lang_find("fi"), KO_LANG_FI);
	assert_int_equal(ko_lang_find("sv"), KO_LANG_SV);
	assert_int_equal(ko_lang_find("FI"), -1);
	assert_int_equal(ko_lang_find("de"), -1);
	assert_int_equal(ko_lang_find(""), -1);
	assert_string_equal(ko_lang_code(KO_LANG_SV), "sv");
	assert_string_equal(ko_lang_text(KO_LANG_FI, KO_MSG_MISSING), "Puuttuu");
	assert_string_equal(ko_lang_text(KO_LANG_SV, KO_MSG_PERSONS_N),
			    "Personer, n");
	assert_string_equal(ko_lang_text((enum ko_lang)99, KO_MSG_MISSING),
			    "Missing");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_complete),
		cmocka_unit_test(test_one_table),
		cmocka_unit_test(test_conversions),
		cmocka_unit_test(test_translated),
		cmocka_unit_test(test_effect),
		cmocka_unit_test(test_find),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
