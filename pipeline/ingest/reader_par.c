/*
 * reader_par.c - parse an uncompressed CSV in several threads, deliver its
 * rows in file order from the calling thread.
 *
 * Only for files with no double quote at all: then every line end ends a
 * record, and the file can be cut into ranges at line ends.  The file is
 * mapped; workers take ranges in order, parse each with their own libcsv
 * parser and a private copy of the reader's row state, and collect the
 * typed rows and rejects of the range.  The calling thread hands ranges on
 * in order - rows to the caller's callback, rejects to the rejects file -
 * with row numbers made absolute by the record counts of the ranges before.
 * At most AHEAD ranges are parsed ahead of delivery, so memory stays
 * bounded.  Results are identical to the one-thread path.
 */
#include "reader_impl.h"

#include <csv.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "interrupt.h"
#include "grow.h"

#define RANGE_BYTES (1024 * 1024)
#define MAX_THREADS 16

struct reject_rec {
	long row;
	size_t column, reason, value, value_len; /* offsets into the arena */
};

struct range_out {
	const char *start;
	size_t len;
	long records;             /* records parsed (accepted + rejected) */
	size_t nrows, cap;
	long *rowno;              /* record number in the range, per row */
	struct ko_value *vals;    /* nrows * nsel; text set at delivery */
	size_t *text_off;         /* nrows * nsel offsets into arena */
	char *arena;
	size_t arena_len, arena_cap;
	struct reject_rec *rej;
	size_t nrej, rejcap;
	long first_utf8_row;      /* encoding detected: the range's first */
	long first_latin1_row;    /* rows of each kind (reader_impl.h) */
	enum ko_status status;
	struct ko_err err;
	int done;
	int oom;
};

struct par {
	struct ko_reader *r;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct range_out *out;
	size_t nranges, next, consumed, ahead;
	int stop;
	const char *data;   /* first byte of the rows in the mapping */
	long data_offset;
};

static size_t arena_put(struct range_out *o, const char *s, size_t len)
{
	size_t off = o->arena_len;

	if (o->arena_len + len + 1 > o->arena_cap) {
		size_t cap = o->arena_cap ? o->arena_cap : 65536;
		char *p;

		while (cap < o->arena_len + len + 1)
			cap *= 2;
		p = realloc(o->arena, cap);
		if (!p) {
			o->oom = 1;
			return 0;
		}
		o->arena = p;
		o->arena_cap = cap;
	}
	if (len)
		memcpy(o->arena + off, s, len);
	o->arena[off + len] = '\0';
	o->arena_len += len + 1;
	return off;
}

void ko_reader_par_reject(struct range_out *o, long row, const char *column,
			  const char *reason, const char *value, size_t len)
{
	struct reject_rec *rec;

	if (ko_grow(&o->rej, o->nrej, &o->rejcap, sizeof(*o->rej), 16)) {
		o->oom = 1;
		return;
	}
	rec = &o->rej[o->nrej++];
	rec->row = row;
	rec->column = arena_put(o, column ? column : "", column ? strlen(column) : 0);
	rec->reason = arena_put(o, reason, strlen(reason));
	rec->value = arena_put(o, value, len);
	rec->value_len = len;
}

/* Row callback inside a worker: keep the typed row. */
static int collect_row(void *ctx, const struct ko_row *row, struct ko_err *err)
{
	struct range_out *o = ctx;
	size_t k, n = row->n, base;

	(void)err;
	if (o->nrows == o->cap) {
		size_t cap = o->cap ? 2 * o->cap : 4096;
		long *rn = realloc(o->rowno, cap * sizeof(*rn));
		struct ko_value *v;
		size_t *t;

		if (!rn)
			return o->oom = 1;
		o->rowno = rn;
		v = realloc(o->vals, cap * (n ? n : 1) * sizeof(*v));
		if (!v)
			return o->oom = 1;
		o->vals = v;
		t = realloc(o->text_off, cap * (n ? n : 1) * sizeof(*t));
		if (!t)
			return o->oom = 1;
		o->text_off = t;
		o->cap = cap;
	}
	base = o->nrows * n;
	o->rowno[o->nrows] = row->row;
	for (k = 0; k < n; k++) {
		o->vals[base + k] = row->values[k];
		o->text_off[base + k] = arena_put(o, row->values[k].text,
						  row->values[k].len);
	}
	o->nrows++;
	return o->oom;
}

/* A private copy of the reader for one worker: shared column set-up,
 * own row buffers, rows collected into the range output. */
static void worker_reader(struct ko_reader *w, const struct ko_reader *r)
{
	*w = *r;
	w->rowbuf = NULL;
	w->rowbuf_len = w->rowbuf_cap = 0;
	w->line_base = NULL;
	w->convbuf = NULL;
	w->convbuf_cap = 0;
	ko_reader_fields_alloc(w, r->nsel); /* parse_range checks it */
	w->rejects = NULL;
	w->impl = NULL;
	w->fn = collect_row;
	memset(&w->stats, 0, sizeof(w->stats));
}

static void worker_release(struct ko_reader *w)
{
	free(w->rowbuf);
	free(w->convbuf);
	free(w->values); /* the block of the per-field arrays */
}

static void parse_range(struct ko_reader *w, struct range_out *o)
{
	struct csv_parser p;

	w->collect = o;
	w->ctx = o;
	w->err = &o->err;
	w->record = 0;
	w->first_utf8_row = w->first_latin1_row = 0;
	w->rowbuf_len = 0;
	w->nfields = 0;
	w->failed = KO_OK;
	if (!w->values || csv_init(&p, 0)) {
		o->status = ko_err_set(&o->err, KO_ERR_NOMEM, "out of memory");
		return;
	}
	w->host->csv_init_parser(w, &p);
	if (csv_parse(&p, o->start, o->len, w->host->csv_on_field,
		      w->host->csv_on_row, w) != o->len && !w->failed)
		w->failed = ko_err_at(&o->err, KO_ERR_LIMIT, w->path,
				      w->record + 1, NULL,
				      "a field is over the size limit, or memory "
				      "ran out");
	if (!w->failed)
		csv_fini(&p, w->host->csv_on_field, w->host->csv_on_row, w);
	csv_free(&p);
	o->records = w->record;
	o->first_utf8_row = w->first_utf8_row;
	o->first_latin1_row = w->first_latin1_row;
	o->status = w->failed;
	if (o->oom && !o->status)
		o->status = ko_err_set(&o->err, KO_ERR_NOMEM, "out of memory");
}

struct worker_arg {
	struct par *pp;
	struct ko_reader w; /* set up by the calling thread before start */
};

static void *worker(void *arg)
{
	struct worker_arg *wa = arg;
	struct par *pp = wa->pp;

	pthread_mutex_lock(&pp->mu);
	for (;;) {
		size_t i;

		while (!pp->stop && pp->next < pp->nranges &&
		       pp->next >= pp->consumed + pp->ahead)
			pthread_cond_wait(&pp->cv, &pp->mu);
		if (pp->stop || pp->next >= pp->nranges)
			break;
		i = pp->next++;
		pthread_mutex_unlock(&pp->mu);
		parse_range(&wa->w, &pp->out[i]);
		pthread_mutex_lock(&pp->mu);
		pp->out[i].done = 1;
		pthread_cond_broadcast(&pp->cv);
	}
	pthread_mutex_unlock(&pp->mu);
	return NULL;
}

/* A range's rows, once delivered (or not to be: run_workers frees each
 * range once). */
static void range_free(struct range_out *o)
{
	free(o->rowno);
	free(o->vals);
	free(o->text_off);
	free(o->arena);
	free(o->rej);
}

/* Hand one parsed range on: rejects and rows merged in record order. */
static enum ko_status deliver(struct ko_reader *r, struct range_out *o,
			      long base)
{
	size_t i = 0, j = 0, k, n = r->nsel;
	enum ko_status st;

	if (o->status) {
		if (r->err) {
			*r->err = o->err;
			if (r->err->row > 0)
				r->err->row += base;
		}
		return o->status;
	}
	/* the range's rows of each encoding, as the one-thread path sees
	 * them: the first of each kind in the file, an error when both */
	if (!r->first_utf8_row && o->first_utf8_row)
		r->first_utf8_row = base + o->first_utf8_row;
	if (!r->first_latin1_row && o->first_latin1_row)
		r->first_latin1_row = base + o->first_latin1_row;
	if (r->first_utf8_row && r->first_latin1_row)
		return ko_reader_mixed_encoding(r);
	r->stats.rows += o->records;
	while (i < o->nrows || j < o->nrej) {
		if (j < o->nrej && (i == o->nrows || o->rej[j].row < o->rowno[i])) {
			const struct reject_rec *rec = &o->rej[j++];

			st = r->host->reject(r, base + rec->row,
					      o->arena[rec->column] ?
						      o->arena + rec->column :
						      NULL,
					      o->arena + rec->reason,
					      o->arena + rec->value,
					      rec->value_len);
			if (st)
				return st;
			continue;
		}
		{
			struct ko_value *v = o->vals + i * n;

			for (k = 0; k < n; k++)
				v[k].text = o->arena + o->text_off[i * n + k];
			st = r->host->emit(r, base + o->rowno[i], v);
			if (st)
				return st;
			i++;
		}
	}
	return r->host->check_share(r, 0);
}

/* Cut [data, data + len) into ranges that end at line ends. */
static size_t cut_ranges(struct range_out **out, const char *data, size_t len,
			 size_t range_bytes)
{
	size_t n = 0, cap = len / range_bytes + 2, pos = 0;

	*out = calloc(cap, sizeof(**out));
	if (!*out)
		return 0;
	while (pos < len) {
		size_t end = pos + range_bytes;
		const char *nl;

		if (end >= len) {
			end = len;
		} else {
			nl = memchr(data + end, '\n', len - end);
			end = nl ? (size_t)(nl - data) + 1 : len;
		}
		if (n == cap) {
			struct range_out *p = realloc(*out, 2 * cap * sizeof(**out));

			if (!p)
				return 0;
			memset(p + cap, 0, cap * sizeof(*p));
			*out = p;
			cap *= 2;
		}
		(*out)[n].start = data + pos;
		(*out)[n].len = end - pos;
		n++;
		pos = end;
	}
	return n;
}

/* The mapped pages of a delivered range are not needed again: let them
 * go, so the file does not count in the process's memory. */
static void drop_pages(const char *start, size_t len)
{
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t a = ((uintptr_t)start + page - 1) & ~(page - 1);
	uintptr_t b = ((uintptr_t)start + len) & ~(page - 1);

	if (b > a)
		munmap((void *)a, b - a);
}

static enum ko_status run_workers(struct ko_reader *r, struct par *pp,
				  int nthreads)
{
	pthread_t th[MAX_THREADS];
	struct worker_arg wa[MAX_THREADS];
	enum ko_status st = KO_OK;
	long base = 1; /* the header */
	int started = 0, t;
	size_t i;

	pthread_mutex_init(&pp->mu, NULL);
	pthread_cond_init(&pp->cv, NULL);
	for (t = 0; t < nthreads; t++) {
		wa[started].pp = pp;
		worker_reader(&wa[started].w, r);
		if (!pthread_create(&th[started], NULL, worker, &wa[started]))
			started++;
		else
			worker_release(&wa[started].w);
	}
	if (!started)
		st = ko_err_set(r->err, KO_ERR_NOMEM, "cannot start threads");
	for (i = 0; i < pp->nranges && !st; i++) {
		pthread_mutex_lock(&pp->mu);
		while (!pp->out[i].done)
			pthread_cond_wait(&pp->cv, &pp->mu);
		pthread_mutex_unlock(&pp->mu);
		st = ko_interrupted() ?
			     ko_err_at(r->err, KO_ERR_STOPPED, r->path, 0, NULL,
				       "interrupted") :
			     deliver(r, &pp->out[i], base);
		base += pp->out[i].records;
		r->stats.bytes_text += pp->out[i].len;
		r->stats.bytes_in = (uint64_t)(pp->out[i].start - pp->data) +
				    pp->out[i].len + (uint64_t)pp->data_offset;
		if (r->opt.on_progress)
			r->opt.on_progress(r->opt.progress_ctx, &r->stats);
		range_free(&pp->out[i]);
		drop_pages(pp->out[i].start, pp->out[i].len);
		pthread_mutex_lock(&pp->mu);
		pp->consumed++;
		pthread_cond_broadcast(&pp->cv);
		pthread_mutex_unlock(&pp->mu);
	}
	pthread_mutex_lock(&pp->mu);
	pp->stop = 1;
	pthread_cond_broadcast(&pp->cv);
	pthread_mutex_unlock(&pp->mu);
	for (t = 0; t < started; t++) {
		pthread_join(th[t], NULL);
		worker_release(&wa[t].w);
	}
	for (; i < pp->nranges; i++) /* those not delivered (an error) */
		range_free(&pp->out[i]);
	pthread_mutex_destroy(&pp->mu);
	pthread_cond_destroy(&pp->cv);
	r->record = base;
	return st;
}

/* Any '"' after offset?  Read through a small buffer rather than the
 * mapping, so the scan does not make the whole file resident. */
static int has_quote(int fd, long offset)
{
	char buf[1 << 16];
	ssize_t n;

	while ((n = pread(fd, buf, sizeof(buf), (off_t)offset)) > 0) {
		if (memchr(buf, '"', (size_t)n))
			return 1;
		offset += n;
	}
	return n < 0;
}

enum ko_status ko_reader_par_read(struct ko_reader *r, long data_offset,
				  int *done)
{
	struct par pp;
	struct stat sb;
	size_t range_bytes = r->opt.chunk_bytes ? r->opt.chunk_bytes : RANGE_BYTES;
	int nthreads = r->opt.threads > MAX_THREADS ? MAX_THREADS : r->opt.threads;
	enum ko_status st;
	char *map;
	int fd;

	*done = 0;
	fd = open(r->path, O_RDONLY);
	if (fd < 0)
		return KO_OK; /* the sequential path reports it */
	if (fstat(fd, &sb) || (size_t)sb.st_size <= (size_t)data_offset ||
	    (size_t)sb.st_size - (size_t)data_offset < 2 * range_bytes) {
		close(fd);
		return KO_OK;
	}
	/* a quote anywhere may hide a line end inside a field */
	if (has_quote(fd, data_offset)) {
		close(fd);
		return KO_OK;
	}
	map = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return KO_OK;
	memset(&pp, 0, sizeof(pp));
	pp.r = r;
	pp.ahead = (size_t)nthreads * 2;
	pp.data = map + data_offset;
	pp.data_offset = data_offset;
	r->stats.bytes_total = (uint64_t)sb.st_size;
	pp.nranges = cut_ranges(&pp.out, map + data_offset,
				(size_t)sb.st_size - (size_t)data_offset,
				range_bytes);
	if (!pp.nranges) {
		free(pp.out);
		munmap(map, (size_t)sb.st_size);
		return ko_err_set(r->err, KO_ERR_NOMEM, "out of memory");
	}
	st = run_workers(r, &pp, nthreads);
	free(pp.out);
	munmap(map, (size_t)sb.st_size);
	r->stats.bytes_in = (uint64_t)sb.st_size;
	*done = 1;
	return st;
}
