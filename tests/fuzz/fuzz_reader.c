/*
 * fuzz_reader.c - libFuzzer harness for the CSV reader: any bytes, as a
 * plain file, read with every column typed in turn, and through the matrix
 * fast path with every column a number (1 to 3 threads).  Build and run with
 *   make fuzz-reader FUZZ_SECONDS=60   (or make fuzz: this and the config)
 * (clang, -fsanitize=fuzzer,address,undefined).  Not part of make test.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int on_row(void *ctx, const struct ko_row *row, struct ko_err *err)
{
	size_t i, *sum = ctx;

	(void)err;
	for (i = 0; i < row->n; i++)
		*sum += strlen(row->values[i].text);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	static const enum ko_type types[] = { KO_TYPE_ID, KO_TYPE_DATE,
					      KO_TYPE_INT, KO_TYPE_NUM,
					      KO_TYPE_CODE, KO_TYPE_TEXT };
	struct ko_column cols[6];
	struct ko_read_options opt;
	struct ko_reader *r = NULL;
	struct ko_err err;
	size_t i, n, sum = 0;
	FILE *f;

	if (!path[0])
		snprintf(path, sizeof(path), "/tmp/ko_fuzz_%d.csv", (int)getpid());
	f = fopen(path, "wb");
	if (!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	ko_read_options_init(&opt);
	opt.max_reject_share = 1;
	opt.max_field_bytes = 4096;
	opt.chunk_bytes = size % 7 + 1;
	opt.decimal = size % 2 ? ',' : '.';
	opt.format = KO_FORMAT_CSV;
	if (ko_reader_open(&r, path, &opt, &err) == KO_OK) {
		n = ko_reader_ncols(r) < 6 ? ko_reader_ncols(r) : 6;
		for (i = 0; i < n; i++) {
			memset(&cols[i], 0, sizeof(cols[i]));
			cols[i].name = ko_reader_colname(r, i);
			cols[i].type = types[(i + size) % 6];
		}
		if (ko_reader_select(r, cols, n, &err) == KO_OK)
			ko_reader_read(r, on_row, &sum, &err);
	}
	ko_reader_free(r);
	r = NULL;
	opt.threads = (int)(size % 3) + 1;
	if (ko_reader_open(&r, path, &opt, &err) == KO_OK) {
		struct ko_matrix_dest dest[6];
		struct ko_matrix_spec spec = { 1, { 7, 0, 0, 0 }, dest };
		struct ko_matrix_out out;
		int done = 0;

		n = ko_reader_ncols(r) < 6 ? ko_reader_ncols(r) : 6;
		for (i = 0; i < n; i++) {
			memset(&cols[i], 0, sizeof(cols[i]));
			cols[i].name = ko_reader_colname(r, i);
			cols[i].type = KO_TYPE_NUM;
			dest[i].array = i % 2 ? KO_MATRIX_NONE : 0;
			dest[i].pos = i + 1;
		}
		if (ko_reader_select(r, cols, n, &err) == KO_OK &&
		    ko_reader_read_matrix(r, &spec, &out, &done, &err) == KO_OK &&
		    done) {
			for (i = 0; i < out.n_rows * 7; i++)
				sum += out.arrays[0][i] != 0;
			free(out.arrays[0]);
		}
	}
	ko_reader_free(r);
	return 0;
}
