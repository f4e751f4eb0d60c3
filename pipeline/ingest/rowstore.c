/* rowstore.c - rows kept in memory and delivered again (see rowstore.h). */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, MADV_HUGEPAGE */
#include "rowstore.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "interrupt.h"
#include "mem.h"

/* Rows are packed into blocks of this size (larger when a row needs it);
 * a row never spans two blocks.  Blocks are mapped and unmapped whole, so
 * that a store's memory goes back to the system when it is freed, before
 * the passes that follow allocate theirs. */
#define BLOCK_BYTES ((size_t)4 << 20)
/* Rows between two looks at SIGINT/SIGTERM during a replay. */
#define POLL_ROWS 65536
/* Distinct texts a column's own pool holds; texts met after it is full
 * are kept inline (an id or code column without a dictionary). */
#define POOL_MAX 4096

/* A text cell's header is a varint: (length or index) << 2 | flags.  A
 * DATE, INT or NUM cell's header is one byte of flags. */
#define CELL_MISSING 1u
#define CELL_INDEXED 2u /* the text is entry (header >> 2) of the column's
			   dictionary or pool, not inline */
#define CELL_FLAGS 2

struct block {
	struct block *next;
	size_t used, size; /* size: the mapping's, header included */
	unsigned char data[];
};

struct column_texts {
	const struct ko_persons *dict; /* ko_rowstore_use_dict, or NULL */
	struct ko_persons *pool;       /* the column's own, or NULL */
};

struct ko_rowstore {
	struct ko_column *cols;
	struct column_texts *texts;
	size_t n_cols;
	struct block *first, *last;
	size_t rows, bytes;
	long last_row;
};

/* Bytes of a cell's parsed value for a column of type t; 0 for the
 * textual types, whose text is kept instead. */
static size_t value_bytes(enum ko_type t)
{
	switch (t) {
	case KO_TYPE_DATE: return sizeof(int32_t);
	case KO_TYPE_INT: return sizeof(int64_t);
	case KO_TYPE_NUM: return sizeof(double);
	default: return 0;
	}
}

struct ko_rowstore *ko_rowstore_new(const struct ko_column *cols, size_t n)
{
	struct ko_rowstore *k = calloc(1, sizeof(*k));
	size_t i;

	if (!k)
		return NULL;
	k->cols = malloc((n ? n : 1) * sizeof(*k->cols));
	k->texts = calloc(n ? n : 1, sizeof(*k->texts));
	if (!k->cols || !k->texts)
		goto fail;
	if (n)
		memcpy(k->cols, cols, n * sizeof(*cols));
	k->n_cols = n;
	for (i = 0; i < n; i++)
		if (!value_bytes(cols[i].type) &&
		    !(k->texts[i].pool = ko_persons_new()))
			goto fail;
	return k;
fail:
	ko_rowstore_free(k);
	return NULL;
}

void ko_rowstore_free(struct ko_rowstore *k)
{
	struct block *b, *next;
	size_t i;

	if (!k)
		return;
	for (b = k->first; b; b = next) {
		next = b->next;
		munmap(b, b->size);
	}
	for (i = 0; k->texts && i < k->n_cols; i++)
		ko_persons_free(k->texts[i].pool);
	free(k->texts);
	free(k->cols);
	free(k);
}

void ko_rowstore_use_dict(struct ko_rowstore *k, size_t col,
			  const struct ko_persons *dict)
{
	if (col < k->n_cols && !value_bytes(k->cols[col].type)) {
		k->texts[col].dict = dict;
		ko_persons_free(k->texts[col].pool);
		k->texts[col].pool = NULL;
	}
}

const struct ko_column *ko_rowstore_columns(const struct ko_rowstore *k,
					    size_t *n)
{
	*n = k->n_cols;
	return k->cols;
}

size_t ko_rowstore_rows(const struct ko_rowstore *k)
{
	return k->rows;
}

size_t ko_rowstore_bytes(const struct ko_rowstore *k)
{
	return k->bytes;
}

static unsigned char *put_varint(unsigned char *p, uint64_t x)
{
	while (x >= 0x80) {
		*p++ = (unsigned char)(x | 0x80);
		x >>= 7;
	}
	*p++ = (unsigned char)x;
	return p;
}

static const unsigned char *get_varint(const unsigned char *p, uint64_t *x)
{
	uint64_t v = 0;
	int shift = 0;

	while (*p & 0x80) {
		v |= (uint64_t)(*p++ & 0x7f) << shift;
		shift += 7;
	}
	*x = v | (uint64_t)*p++ << shift;
	return p;
}

/* Room for need more bytes at the end of the last block. */
static unsigned char *room(struct ko_rowstore *k, size_t need)
{
	struct block *b = k->last;
	size_t size = BLOCK_BYTES;
	void *m;

	if (b && b->size - sizeof(*b) - b->used >= need)
		return b->data + b->used;
	if (need > SIZE_MAX / 2)
		return NULL;
	while (size < sizeof(*b) + need)
		size *= 2;
	m = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		 -1, 0);
	if (m == MAP_FAILED)
		return NULL;
#ifdef MADV_HUGEPAGE
	(void)madvise(m, size, MADV_HUGEPAGE); /* a hint, as in mem.c */
#endif
	b = m;
	b->next = NULL;
	b->used = 0;
	b->size = size;
	if (k->last)
		k->last->next = b;
	else
		k->first = b;
	k->last = b;
	return b->data;
}

/* The index a text cell is kept as (+1), or 0 to keep it inline. */
static uint64_t text_index(const struct column_texts *t,
			   const struct ko_value *v)
{
	long i = -1;
	int inserted;

	if (v->missing || !v->len)
		return 0;
	if (t->dict)
		i = ko_persons_find(t->dict, v->text, v->len);
	else if (ko_persons_count(t->pool) < POOL_MAX)
		i = ko_persons_intern(t->pool, v->text, v->len, &inserted);
	else
		i = ko_persons_find(t->pool, v->text, v->len);
	return i < 0 ? 0 : (uint64_t)i + 1;
}

static unsigned char *put_text(unsigned char *p, const struct column_texts *t,
			       const struct ko_value *v)
{
	uint64_t idx = text_index(t, v);

	if (idx)
		return put_varint(p, (idx - 1) << CELL_FLAGS | CELL_INDEXED);
	p = put_varint(p, (uint64_t)v->len << CELL_FLAGS |
			      (v->missing ? CELL_MISSING : 0));
	if (v->len) {
		memcpy(p, v->text, v->len);
		p[v->len] = '\0';
		p += v->len + 1;
	}
	return p;
}

enum ko_status ko_rowstore_add(struct ko_rowstore *k, const struct ko_row *row,
			       const size_t *pick, struct ko_err *err)
{
	size_t need = 10, i;
	unsigned char *start, *p;

	for (i = 0; i < k->n_cols; i++)
		need += 10 + (value_bytes(k->cols[i].type)
				      ? value_bytes(k->cols[i].type)
				      : row->values[pick[i]].len + 1);
	start = p = room(k, need);
	if (!p)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory (rows kept "
				  "for a second pass)");
	p = put_varint(p, (uint64_t)row->row - (uint64_t)k->last_row);
	for (i = 0; i < k->n_cols; i++) {
		const struct ko_value *v = &row->values[pick[i]];
		size_t vb = value_bytes(k->cols[i].type);

		if (!vb) {
			p = put_text(p, &k->texts[i], v);
			continue;
		}
		*p++ = v->missing ? CELL_MISSING : 0;
		if (!v->missing) {
			memcpy(p, &v->v, vb);
			p += vb;
		}
	}
	k->last->used += (size_t)(p - start);
	k->bytes += (size_t)(p - start);
	k->last_row = row->row;
	k->rows++;
	return KO_OK;
}

static const unsigned char *get_text(const unsigned char *p,
				     const struct column_texts *t,
				     struct ko_value *v)
{
	uint64_t h;

	p = get_varint(p, &h);
	v->missing = (h & CELL_MISSING) != 0;
	if (h & CELL_INDEXED) {
		v->text = ko_persons_id(t->dict ? t->dict : t->pool,
					(size_t)(h >> CELL_FLAGS), &v->len);
		if (t->dict) /* its index in the dictionary, + 1 */
			v->v.integer = (int64_t)(h >> CELL_FLAGS) + 1;
		return p;
	}
	v->len = (size_t)(h >> CELL_FLAGS);
	v->text = v->len ? (const char *)p : "";
	return v->len ? p + v->len + 1 : p;
}

/* Decode one row at p into values; returns the byte after it. */
static const unsigned char *get_row(const struct ko_rowstore *k,
				    const unsigned char *p, long *row,
				    struct ko_value *values)
{
	uint64_t x;
	size_t i;

	p = get_varint(p, &x);
	*row = (long)((uint64_t)*row + x);
	for (i = 0; i < k->n_cols; i++) {
		struct ko_value *v = &values[i];
		size_t vb = value_bytes(k->cols[i].type);

		v->v.integer = 0;
		if (!vb) {
			p = get_text(p, &k->texts[i], v);
			continue;
		}
		v->missing = (*p++ & CELL_MISSING) != 0;
		v->text = "";
		v->len = 0;
		if (!v->missing) {
			memcpy(&v->v, p, vb);
			p += vb;
		}
	}
	return p;
}

enum ko_status ko_rowstore_replay(const struct ko_rowstore *k, ko_row_fn fn,
				  void *ctx, struct ko_err *err)
{
	struct ko_value *values = calloc(k->n_cols + 1, sizeof(*values));
	const struct block *b;
	struct ko_row out;
	size_t done = 0;
	long row = 0;
	enum ko_status st = KO_OK;

	if (!values)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	out.n = k->n_cols;
	out.values = values;
	for (b = k->first; b && !st; b = b->next) {
		const unsigned char *p = b->data, *end = b->data + b->used;

		while (p < end) {
			if (++done % POLL_ROWS == 0 && ko_interrupted()) {
				st = ko_err_set(err, KO_ERR_STOPPED, "interrupted");
				break;
			}
			p = get_row(k, p, &row, values);
			out.row = row;
			if (fn(ctx, &out, err)) {
				if (!err || err->status == KO_OK)
					ko_err_at(err, KO_ERR_STOPPED, NULL, row,
						  NULL, "stopped by the caller");
				st = KO_ERR_STOPPED;
				break;
			}
		}
	}
	free(values);
	return st;
}
