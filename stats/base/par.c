/*
 * par.c - parts of rows on threads (par.h).  Each call starts its threads
 * and joins them (a fit makes a few calls per iteration; starting a thread
 * costs tens of microseconds), and threads take parts in turn from a
 * shared counter.
 */
#include "par.h"

#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

#define PART_ROWS 32768
#define MAX_THREADS 16

static atomic_int n_threads;

void ko_par_set_threads(int n)
{
	atomic_store(&n_threads, n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : n);
}

int ko_par_threads(void)
{
	int n = atomic_load(&n_threads);

	if (n == 0) {
		long c = sysconf(_SC_NPROCESSORS_ONLN);

		n = c < 1 ? 1 : c > MAX_THREADS ? MAX_THREADS : (int)c;
	}
	return n;
}

size_t ko_par_parts(size_t n)
{
	size_t parts = n / PART_ROWS;

	if (parts < 2)
		return 1;
	return parts > KO_PAR_MAX_PARTS ? KO_PAR_MAX_PARTS : parts;
}

size_t ko_par_begin(size_t n, size_t parts, size_t i)
{
	/* i * n / parts without overflow for any n that fits in memory */
	return (size_t)((unsigned long long)n / parts * i +
			(unsigned long long)(n % parts) * i / parts);
}

struct job {
	void (*fn)(void *ctx, size_t part);
	void *ctx;
	size_t parts;
	atomic_size_t next;
};

static void *work(void *arg)
{
	struct job *j = arg;
	size_t i;

	while ((i = atomic_fetch_add(&j->next, 1)) < j->parts)
		j->fn(j->ctx, i);
	return NULL;
}

void ko_par_run(size_t parts, void (*fn)(void *ctx, size_t part), void *ctx)
{
	ko_par_run_threads(parts, ko_par_threads(), fn, ctx);
}

void ko_par_run_threads(size_t parts, int threads,
			void (*fn)(void *ctx, size_t part), void *ctx)
{
	pthread_t th[MAX_THREADS];
	struct job j;
	size_t t, nt = threads < 1 ? 1 : threads > MAX_THREADS ? MAX_THREADS :
					     (size_t)threads;
	size_t started = 0;

	if (nt > parts)
		nt = parts;
	j.fn = fn;
	j.ctx = ctx;
	j.parts = parts;
	atomic_init(&j.next, 0);
	for (t = 1; t < nt; t++)
		if (!pthread_create(&th[started], NULL, work, &j))
			started++;
	work(&j);
	for (t = 0; t < started; t++)
		pthread_join(th[t], NULL);
}
