/*
 * mem.h - allocation of row-long arrays (a design matrix, per-row weights).
 *
 * ko_mem_rows is malloc that puts a large block in transparent huge pages:
 * aligned to 2 MiB, its size rounded up to whole 2 MiB pages, and advised
 * with madvise(MADV_HUGEPAGE) (THP is "madvise" on Debian by default).  A
 * million-row fit touches some 300 MB of fresh memory; in 4 KiB pages that
 * is 75,000 page faults, and on a virtual machine each costs microseconds
 * (0.4-0.7 s of the fit's 1.3 s on the benchmark VM, 0.05 s in 2 MiB
 * pages).  Blocks under KO_MEM_HUGE_MIN are plain malloc.  The advice is
 * only a hint: where THP is off, the memory is ordinary memory.
 *
 * The result is released with free() and may be passed to realloc() (which
 * keeps the content, not necessarily the alignment), like any malloc'd
 * block; whoever allocates it owns it.  Its content is undefined.
 */
#ifndef KO_MEM_H
#define KO_MEM_H

#include <stddef.h>

/* The size of a huge page on x86-64 and arm64 (4 KiB base pages). */
#define KO_MEM_HUGE_PAGE ((size_t)2 << 20)

/* Blocks from this size up are put in huge pages. */
#define KO_MEM_HUGE_MIN KO_MEM_HUGE_PAGE

/* malloc(bytes), in huge pages when bytes >= KO_MEM_HUGE_MIN; NULL when
 * out of memory. */
void *ko_mem_rows(size_t bytes);

/* calloc(n, size) the same way (a large block is zeroed by memset after
 * the advice, so its pages fault in 2 MiB at a time); NULL when out of
 * memory or n * size overflows. */
void *ko_mem_rows_zero(size_t n, size_t size);

/* Make the growing byte buffer *buf (*cap bytes; NULL and 0 at first)
 * hold at least need bytes, its size doubled from 4096 (realloc): 0, or
 * -1 when out of memory (*buf and *cap unchanged).  The text arenas and
 * row buffers of the readers and kohort fit. */
int ko_mem_reserve(char **buf, size_t *cap, size_t need);

#endif
