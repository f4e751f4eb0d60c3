/* test_codes.c - ICD-10 code lists: normalisation, prefixes, ranges and
 * their edges, bad items. */
#include "ko_test.h"

#include <string.h>

#include "codes.h"

static int match(const struct ko_codes *c, const char *code)
{
	return ko_codes_match(c, code, strlen(code));
}

static void test_normalize(void **state)
{
	char out[32];

	(void)state;
	assert_int_equal(ko_codes_normalize("f84.0*", 6, out, sizeof(out)), 4);
	assert_string_equal(out, "F840");
	ko_codes_normalize(" F 90.0+#@", 10, out, sizeof(out));
	assert_string_equal(out, "F900");
	/* truncated to the buffer, always terminated */
	assert_int_equal(ko_codes_normalize("ABCDEFG", 7, out, 4), 3);
	assert_string_equal(out, "ABC");
}

static void test_prefix(void **state)
{
	struct ko_codes c;

	(void)state;
	ko_codes_init(&c);
	assert_int_equal(ko_codes_add(&c, "F84", NULL), KO_OK);
	assert_true(match(&c, "F84"));
	assert_true(match(&c, "F840"));
	assert_true(match(&c, "F84.0"));
	assert_true(match(&c, "f84.1*"));
	assert_false(match(&c, "F8"));
	assert_false(match(&c, "F85"));
	assert_false(match(&c, "G84"));
	assert_false(match(&c, ""));
	assert_false(match(&c, ".*"));
	ko_codes_release(&c);
}

static void test_ranges(void **state)
{
	struct ko_codes c;

	(void)state;
	ko_codes_init(&c);
	assert_int_equal(ko_codes_add(&c, "F80-F89, F90 - F98", NULL), KO_OK);
	assert_int_equal(c.n, 2);
	assert_true(match(&c, "F80"));
	assert_true(match(&c, "F800"));
	assert_true(match(&c, "F89.9"));
	assert_true(match(&c, "F90.0*"));
	assert_true(match(&c, "F98"));
	assert_true(match(&c, "F989"));
	assert_false(match(&c, "F79.9"));
	assert_false(match(&c, "F99"));
	assert_false(match(&c, "F8"));  /* shorter than the range start */
	assert_false(match(&c, "F7"));
	assert_false(match(&c, "G80"));
	ko_codes_release(&c);

	/* ranges of unequal length: first len(A) >= A, first len(B) <= B */
	ko_codes_init(&c);
	assert_int_equal(ko_codes_add(&c, "F20-F489", NULL), KO_OK);
	assert_true(match(&c, "F20"));
	assert_true(match(&c, "F48.9"));
	assert_true(match(&c, "F48.91"));
	assert_false(match(&c, "F19"));
	assert_false(match(&c, "F49"));
	ko_codes_release(&c);
}

static void test_bad_items(void **state)
{
	struct ko_codes c;
	struct ko_err err;

	(void)state;
	ko_codes_init(&c);
	assert_int_equal(ko_codes_add(&c, "F89-F80", &err), KO_ERR_CONFIG);
	assert_non_null(strstr(err.msg, "starts after it ends"));
	assert_int_equal(ko_codes_add(&c, "F8%", &err), KO_ERR_CONFIG);
	assert_non_null(strstr(err.msg, "bad code 'F8%'"));
	assert_int_equal(ko_codes_add(&c, "F80,,F90", &err), KO_ERR_CONFIG);
	assert_int_equal(ko_codes_add(&c, "", &err), KO_ERR_CONFIG);
	assert_non_null(strstr(err.msg, "empty code list"));
	assert_int_equal(ko_codes_add(&c, "F80-", &err), KO_ERR_CONFIG);
	assert_int_equal(ko_codes_add(&c, "ABCDEFGHIJKLMNOPQ", &err), KO_ERR_CONFIG);
	ko_codes_release(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalize),
		cmocka_unit_test(test_prefix),
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_bad_items),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
