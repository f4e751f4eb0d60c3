/*
 * mem.c - row-long arrays in transparent huge pages (mem.h).
 */
#define _DEFAULT_SOURCE /* MADV_HUGEPAGE */
#include "mem.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

void *ko_mem_rows(size_t bytes)
{
	size_t whole;
	void *p;

	if (bytes < KO_MEM_HUGE_MIN)
		return malloc(bytes ? bytes : 1);
	if (bytes > SIZE_MAX - KO_MEM_HUGE_PAGE)
		return NULL;
	/* Whole huge pages: the last one is not split into small ones. */
	whole = (bytes + KO_MEM_HUGE_PAGE - 1) & ~(KO_MEM_HUGE_PAGE - 1);
	if (posix_memalign(&p, KO_MEM_HUGE_PAGE, whole))
		return NULL;
#ifdef MADV_HUGEPAGE
	/* A hint: without THP (or if the call fails) the pages are small. */
	(void)madvise(p, whole, MADV_HUGEPAGE);
#endif
	return p;
}

void *ko_mem_rows_zero(size_t n, size_t size)
{
	void *p;

	if (size && n > SIZE_MAX / size)
		return NULL;
	if (n * size < KO_MEM_HUGE_MIN)
		return calloc(n ? n : 1, size ? size : 1);
	if ((p = ko_mem_rows(n * size)))
		memset(p, 0, n * size);
	return p;
}

int ko_mem_reserve(char **buf, size_t *cap, size_t need)
{
	size_t c = *cap ? *cap : 4096;
	char *p;

	if (need <= *cap)
		return 0;
	while (c < need)
		c *= 2;
	if (!(p = realloc(*buf, c)))
		return -1;
	*buf = p;
	*cap = c;
	return 0;
}
