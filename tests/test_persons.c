/* test_persons.c - the person dictionary: dense indices in order of first
 * appearance, lookups, growth past many table resizes. */
#include "ko_test.h"

#include <stdio.h>
#include <string.h>

#include "persons.h"

static void test_intern_find(void **state)
{
	struct ko_persons *d = ko_persons_new();
	int ins;
	size_t len;

	(void)state;
	assert_non_null(d);
	assert_int_equal(ko_persons_intern(d, "A1", 2, &ins), 0);
	assert_int_equal(ins, 1);
	assert_int_equal(ko_persons_intern(d, "B22", 3, &ins), 1);
	assert_int_equal(ko_persons_intern(d, "A1", 2, &ins), 0);
	assert_int_equal(ins, 0);
	/* ids are byte strings: a prefix is another id */
	assert_int_equal(ko_persons_intern(d, "A", 1, &ins), 2);
	assert_int_equal(ko_persons_find(d, "B22", 3), 1);
	assert_int_equal(ko_persons_find(d, "B2", 2), -1);
	assert_int_equal(ko_persons_find(d, "", 0), -1);
	assert_string_equal(ko_persons_id(d, 1, &len), "B22");
	assert_int_equal(len, 3);
	assert_int_equal(ko_persons_count(d), 3);
	ko_persons_free(d);
	ko_persons_free(NULL);
}

static void test_growth(void **state)
{
	struct ko_persons *d = ko_persons_new();
	char id[32];
	long i;
	int ins, n;

	(void)state;
	for (i = 0; i < 200000; i++) {
		n = snprintf(id, sizeof(id), "P%08ld", i * 7919);
		assert_int_equal(ko_persons_intern(d, id, (size_t)n, &ins), i);
		assert_int_equal(ins, 1);
	}
	for (i = 0; i < 200000; i += 37) {
		n = snprintf(id, sizeof(id), "P%08ld", i * 7919);
		assert_int_equal(ko_persons_find(d, id, (size_t)n), i);
		assert_string_equal(ko_persons_id(d, (size_t)i, NULL), id);
	}
	assert_int_equal(ko_persons_find(d, "P00000001", 9), -1);
	ko_persons_free(d);
}

/* Ids of every length around the 11 bytes a slot holds itself, which
 * differ only in their last byte, in a zero byte, in a 0xff byte (the
 * mark of a longer id's key) or only past byte 11: each is its own
 * person, found again after the table has grown many times. */
static void test_inline_and_long_keys(void **state)
{
	enum { LENS = 25, VARIANTS = 6, ROUNDS = 400 };
	struct ko_persons *d = ko_persons_new();
	char id[LENS + 8];
	long want = 0, i;
	int len, v, r, ins;

	(void)state;
	for (r = 0; r < ROUNDS; r++)
		for (len = 0; len < LENS; len++)
			for (v = 0; v < VARIANTS; v++) {
				if ((!len && v) || (len < 3 && r))
					continue; /* one empty id */
				memset(id, 'x', sizeof(id));
				id[0] = (char)('A' + r / 26);
				id[1] = (char)('a' + r % 26);
				if (len)
					id[len - 1] = (char)(v == 4 ? 0xff :
						      v == 5 ? 0 : '0' + v);
				assert_int_equal(ko_persons_intern(
					d, id, (size_t)len, &ins), want);
				assert_int_equal(ins, 1);
				want++;
			}
	for (i = 0; i < want; i++) {
		size_t n;
		const char *s = ko_persons_id(d, (size_t)i, &n);

		assert_int_equal(ko_persons_find(d, s, n), i);
		assert_int_equal(ko_persons_intern(d, s, n, &ins), i);
		assert_int_equal(ins, 0);
	}
	/* a stored id plus a trailing zero byte is another id */
	memset(id, 'x', sizeof(id));
	id[0] = 'A';
	id[1] = 'a';
	id[10] = '0';
	id[11] = 0;
	assert_true(ko_persons_find(d, id, 11) >= 0);
	assert_int_equal(ko_persons_find(d, id, 12), -1);
	assert_int_equal(ko_persons_count(d), (size_t)want);
	ko_persons_free(d);
}

static void test_too_long(void **state)
{
	struct ko_persons *d = ko_persons_new();
	static char big[KO_PERSONS_MAX_ID + 2];
	int ins;

	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	assert_int_equal(ko_persons_intern(d, big, sizeof(big) - 1, &ins), -1);
	assert_int_equal(ko_persons_intern(d, big, KO_PERSONS_MAX_ID, &ins), 0);
	ko_persons_free(d);
}

/* A dictionary reserved for n ids (a table of any size, not a power of
 * two) numbers and finds them as one that grew; reserving again, for
 * fewer ids or past the cap, changes nothing; ids beyond the reservation
 * still fit (the table grows from its reserved size). */
static void test_reserve(void **state)
{
	static const size_t sizes[] = { 0, 1, 3, 1000, 7777, 30001 };
	char id[32];
	size_t s;
	long i, n_ids;
	int ins, n;

	(void)state;
	for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		struct ko_persons *d = ko_persons_new();

		assert_non_null(d);
		assert_int_equal(ko_persons_reserve(d, sizes[s]), 0);
		n_ids = (long)sizes[s] * 3 + 5000; /* past it, growing */
		for (i = 0; i < n_ids; i++) {
			n = snprintf(id, sizeof(id), i % 3 ? "P%09ld" :
				     "a much longer id %09ld", i * 7919);
			assert_int_equal(ko_persons_intern(d, id, (size_t)n,
							   &ins), i);
			assert_int_equal(ins, 1);
			if (i == (long)sizes[s])
				assert_int_equal(ko_persons_reserve(d, 2), 0);
		}
		for (i = 0; i < n_ids; i++) {
			n = snprintf(id, sizeof(id), i % 3 ? "P%09ld" :
				     "a much longer id %09ld", i * 7919);
			assert_int_equal(ko_persons_find(d, id, (size_t)n), i);
		}
		assert_int_equal(ko_persons_find(d, "P000000001", 10), -1);
		assert_int_equal(ko_persons_count(d), (size_t)n_ids);
		ko_persons_free(d);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_intern_find),
		cmocka_unit_test(test_growth),
		cmocka_unit_test(test_inline_and_long_keys),
		cmocka_unit_test(test_too_long),
		cmocka_unit_test(test_reserve),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
