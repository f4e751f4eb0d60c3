/* test_mem.c - row-long arrays in huge pages (stats/base/mem.c). */
#include "ko_test.h"

#include <stdlib.h>
#include <string.h>

#include "mem.h"

/* The VmFlags of the mapping that holds address a, from /proc/self/smaps
 * ("" when not found). */
static void vm_flags_of(const void *a, char flags[512])
{
	FILE *f = fopen("/proc/self/smaps", "r");
	char line[512];
	int inside = 0;

	flags[0] = '\0';
	if (!f)
		return;
	while (fgets(line, sizeof line, f)) {
		unsigned long lo, hi;

		/* a mapping's first line: "lo-hi perms ..."; then "Key: value" */
		if (line[strspn(line, "0123456789abcdef")] == '-' &&
		    sscanf(line, "%lx-%lx", &lo, &hi) == 2)
			inside = (uintptr_t)a >= lo && (uintptr_t)a < hi;
		else if (inside && !strncmp(line, "VmFlags:", 8)) {
			memcpy(flags, line + 8, strlen(line + 8) + 1);
			break;
		}
	}
	fclose(f);
}

/* THP is available and not switched off ("[never]"). */
static int thp_possible(void)
{
	FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
	char line[128] = "";
	int ok;

	if (!f)
		return 0;
	ok = fgets(line, sizeof line, f) && !strstr(line, "[never]");
	fclose(f);
	return ok;
}

static void test_small_blocks_are_plain(void **state)
{
	size_t sizes[] = { 0, 1, 8, 4096, KO_MEM_HUGE_MIN - 1 }, i;

	(void)state;
	for (i = 0; i < sizeof sizes / sizeof *sizes; i++) {
		unsigned char *p = ko_mem_rows(sizes[i]);

		assert_non_null(p);
		memset(p, 0xab, sizes[i]);
		free(p);
	}
}

static void test_large_blocks_aligned_and_advised(void **state)
{
	size_t sizes[] = { KO_MEM_HUGE_MIN, KO_MEM_HUGE_MIN + 1,
			   8000000, 3 * KO_MEM_HUGE_PAGE + 17 },
	       i, k;
	char flags[512];

	(void)state;
	for (i = 0; i < sizeof sizes / sizeof *sizes; i++) {
		double *p = ko_mem_rows(sizes[i]);
		size_t n = sizes[i] / sizeof *p;

		assert_non_null(p);
		assert_int_equal((uintptr_t)p % KO_MEM_HUGE_PAGE, 0);
		for (k = 0; k < n; k++)
			p[k] = (double)k;
		for (k = 0; k < n; k += 4099)
			assert_true(p[k] == (double)k);
		assert_true(p[n - 1] == (double)(n - 1));
		vm_flags_of(p, flags);
		if (thp_possible()) {
			/* the advice reached the mapping, first and last page */
			assert_non_null(strstr(flags, " hg"));
			vm_flags_of((char *)p + sizes[i] - 1, flags);
			assert_non_null(strstr(flags, " hg"));
		}
		free(p);
	}
}

static void test_realloc_keeps_content(void **state)
{
	size_t n = 1000000, k;
	double *p = ko_mem_rows(n * sizeof *p), *q;

	(void)state;
	assert_non_null(p);
	for (k = 0; k < n; k++)
		p[k] = (double)k * 0.5;
	q = realloc(p, n / 3 * sizeof *q); /* shrink, as the matrix reader does */
	assert_non_null(q);
	for (k = 0; k < n / 3; k++)
		assert_true(q[k] == (double)k * 0.5);
	p = realloc(q, 2 * n * sizeof *p); /* and grow */
	assert_non_null(p);
	for (k = 0; k < n / 3; k++)
		assert_true(p[k] == (double)k * 0.5);
	free(p);
}

static void test_impossible_size(void **state)
{
	(void)state;
	assert_null(ko_mem_rows(SIZE_MAX));
	assert_null(ko_mem_rows(SIZE_MAX - KO_MEM_HUGE_PAGE / 2));
}

/* The zeroing form: every byte 0, small and large, even where the heap
 * hands back memory it used before; an overflowing n * size is NULL. */
static void test_zeroed(void **state)
{
	size_t sizes[] = { 1, 1000, KO_MEM_HUGE_MIN - 8, KO_MEM_HUGE_MIN,
			   3 * KO_MEM_HUGE_PAGE + 8 },
	       i, k;

	(void)state;
	for (i = 0; i < sizeof sizes / sizeof *sizes; i++) {
		unsigned char *dirty = ko_mem_rows(sizes[i]), *p;

		assert_non_null(dirty);
		memset(dirty, 0xee, sizes[i]);
		free(dirty); /* likely handed back below */
		p = ko_mem_rows_zero(sizes[i] / 8 ? sizes[i] / 8 : 1, 8);
		assert_non_null(p);
		for (k = 0; k < (sizes[i] / 8 ? sizes[i] / 8 : 1) * 8; k++)
			if (p[k])
				fail_msg("size %zu: byte %zu is %u", sizes[i], k, p[k]);
		if (sizes[i] >= KO_MEM_HUGE_MIN)
			assert_int_equal((uintptr_t)p % KO_MEM_HUGE_PAGE, 0);
		free(p);
	}
	assert_null(ko_mem_rows_zero(SIZE_MAX / 4, 8));
}

/* ko_mem_reserve: 4096 at first, doubled until the need fits, the
 * content kept, nothing done when it fits already. */
static void test_reserve(void **state)
{
	char *buf = NULL, *was;
	size_t cap = 0;

	(void)state;
	assert_int_equal(ko_mem_reserve(&buf, &cap, 10), 0);
	assert_non_null(buf);
	assert_int_equal(cap, 4096);
	memcpy(buf, "kohort", 7);
	was = buf;
	assert_int_equal(ko_mem_reserve(&buf, &cap, 4096), 0);
	assert_ptr_equal(buf, was);
	assert_int_equal(cap, 4096);
	assert_int_equal(ko_mem_reserve(&buf, &cap, 4097 * 4), 0);
	assert_int_equal(cap, 4096 * 8);
	assert_string_equal(buf, "kohort");
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_small_blocks_are_plain),
		cmocka_unit_test(test_large_blocks_aligned_and_advised),
		cmocka_unit_test(test_realloc_keeps_content),
		cmocka_unit_test(test_impossible_size),
		cmocka_unit_test(test_zeroed),
		cmocka_unit_test(test_reserve),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
