/*
 * bench_reader.c - read one extract through the typed reader and report
 * rows, seconds and MB/s of uncompressed text.  Used by bench/run.sh.
 *
 * Usage: bench_reader FILE COLUMN:TYPE...   (e.g. shnro:id contact_date:date)
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "reader.h"

static int on_row(void *ctx, const struct ko_row *row, struct ko_err *err)
{
	unsigned long *sum = ctx;
	size_t i;

	(void)err;
	/* touch every value so nothing is optimised away */
	for (i = 0; i < row->n; i++)
		*sum += row->values[i].len + (unsigned long)row->values[i].v.integer;
	return 0;
}

int main(int argc, char **argv)
{
	struct ko_column cols[32];
	struct ko_read_options opt;
	struct ko_reader *r = NULL;
	struct ko_reader_stats st;
	struct ko_err err;
	struct timespec t0, t1;
	unsigned long sum = 0;
	double secs;
	int i, n = 0;

	if (argc < 3 || argc - 2 > 32) {
		fprintf(stderr, "usage: bench_reader FILE COLUMN:TYPE...\n");
		return 2;
	}
	for (i = 2; i < argc; i++, n++) {
		char *colon = strchr(argv[i], ':');

		memset(&cols[n], 0, sizeof(cols[n]));
		if (!colon || ko_type_from_name(colon + 1) < 0) {
			fprintf(stderr, "bad column spec '%s'\n", argv[i]);
			return 2;
		}
		*colon = '\0';
		cols[n].name = argv[i];
		cols[n].type = (enum ko_type)ko_type_from_name(colon + 1);
	}
	ko_read_options_init(&opt);
	opt.decimal = getenv("BENCH_DECIMAL") ? getenv("BENCH_DECIMAL")[0] : ',';
	opt.threads = getenv("BENCH_THREADS") ? atoi(getenv("BENCH_THREADS")) : 1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (ko_reader_open(&r, argv[1], &opt, &err) ||
	    ko_reader_select(r, cols, (size_t)n, &err) ||
	    ko_reader_read(r, on_row, &sum, &err)) {
		char buf[2048];

		ko_err_format(&err, buf, sizeof(buf));
		fprintf(stderr, "bench_reader: %s\n", buf);
		ko_reader_free(r);
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ko_reader_get_stats(r, &st);
	ko_reader_free(r);
	secs = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
	printf("rows=%ld rejected=%ld text_mb=%.1f seconds=%.3f mb_per_s=%.1f check=%lu\n",
	       st.rows, st.rejected, (double)st.bytes_text / 1e6, secs,
	       (double)st.bytes_text / 1e6 / secs, sum % 1000);
	return 0;
}
