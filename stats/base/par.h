/*
 * par.h - rows cut into parts that run on several threads.
 *
 * The number of parts depends on the number of rows alone (never on the
 * number of threads), and partial results are combined in part order, so
 * a fit gives the same bits on one core or many:
 *
 *     size_t parts = ko_par_parts(n);
 *     ko_par_run(parts, fn, ctx);          fn(ctx, part) for every part
 *     ... rows of a part: ko_par_begin(n, parts, i) .. ko_par_begin(n, parts, i + 1)
 *
 * ko_par_set_threads sets how many threads run parts (default: the online
 * processors); 1 runs every part in the calling thread.
 */
#ifndef KO_PAR_H
#define KO_PAR_H

#include <stddef.h>

#define KO_PAR_MAX_PARTS 16

/* Parts for n rows: 1 below 2 * 32768 rows, then one per 32768 rows up to
 * KO_PAR_MAX_PARTS. */
size_t ko_par_parts(size_t n);

/* First row of part i of n rows in parts parts. */
size_t ko_par_begin(size_t n, size_t parts, size_t i);

/* fn(ctx, i) for i in [0, parts), on up to ko_par_threads() threads; returns
 * when all are done.  Falls back to the calling thread when a thread cannot
 * be started. */
void ko_par_run(size_t parts, void (*fn)(void *ctx, size_t part), void *ctx);

/* The same on up to threads threads (at most 16), whatever
 * ko_par_threads() says. */
void ko_par_run_threads(size_t parts, int threads,
			void (*fn)(void *ctx, size_t part), void *ctx);

void ko_par_set_threads(int n);
int ko_par_threads(void);

#endif
