/* cache.c - the data stages' results on disk (see cache.h). */
#include "cache.h"

#include <errno.h>
#include <ini.h>
#include <isa-l/crc.h>
#include <math.h>
#include <stdatomic.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "followup.h"
#include "outfile.h"
#include "version.h"

#define MAGIC "KOHORTC\x01"
#define FORMAT 4u /* 3: integer-valued arrays narrowed (put_f64s);
		     4: the outputs' hashes last (put_outputs) */
#define MAX_FILES 70 /* write outputs + rejects files recorded */

/* ---- keys ------------------------------------------------------------ */

struct key_ctx {
	EVP_MD_CTX *md;
	int (*want)(const char *section, const char *name);
};

/* Whether the data stages (or the model stage: model_cache.h) read this
 * config entry.  A variable's label and value_labels are the report's
 * alone. */
static int data_entry(const char *section, const char *name)
{
	if (!strcmp(section, "study"))
		return strcmp(name, "output") && strcmp(name, "seed") &&
		       strcmp(name, "disclosure_threshold") &&
		       strcmp(name, "export");
	if (!strncmp(section, "extract ", 8)) /* files count by content */
		return strcmp(name, "file") != 0;
	if (!strncmp(section, "variable ", 9))
		return strcmp(name, "label") && strcmp(name, "value_labels");
	return !strcmp(section, "link") || !strcmp(section, "cohort");
}

/* Each entry is hashed as section NUL name NUL value NUL. */
static int on_entry(void *ctx, const char *section, const char *name,
		    const char *value)
{
	struct key_ctx *k = ctx;

	if (k->want(section, name)) {
		EVP_DigestUpdate(k->md, section, strlen(section) + 1);
		EVP_DigestUpdate(k->md, name, strlen(name) + 1);
		EVP_DigestUpdate(k->md, value, strlen(value) + 1);
	}
	return 1;
}

enum ko_status ko_cache_key_entries(const char *cfg_path, const void *prefix,
				    size_t prefix_len,
				    int (*want)(const char *section,
						const char *name),
				    char key[KO_SHA256_HEX], struct ko_err *err)
{
	struct key_ctx k;
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	enum ko_status st = KO_OK;

	k.want = want;
	k.md = EVP_MD_CTX_new();
	if (!k.md || !EVP_DigestInit_ex(k.md, EVP_sha256(), NULL)) {
		EVP_MD_CTX_free(k.md);
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	}
	EVP_DigestUpdate(k.md, prefix, prefix_len);
	if (ini_parse(cfg_path, on_entry, &k) < 0)
		st = ko_err_at(err, KO_ERR_IO, cfg_path, 0, NULL,
			       "cannot read: %s", strerror(errno));
	if (!st) {
		EVP_DigestFinal_ex(k.md, d, &n);
		ko_hex(d, n, key);
	}
	EVP_MD_CTX_free(k.md);
	return st;
}

enum ko_status ko_cache_key(const struct ko_config *cfg, const char *cfg_path,
			    char key[KO_SHA256_HEX], struct ko_err *err)
{
	return ko_cache_key_ids(cfg, cfg_path, NULL, key, err);
}

/* The build: the SHA-256 of the running program (/proc/self/exe), taken
 * once per process.  Two builds of one version (a bug fixed, a compiler or
 * library changed) never share a cache.  When the program cannot be read,
 * the build is this process alone (its pid and start time), so no cache is
 * ever taken, not even this run's own. */
static char build_hex[KO_SHA256_HEX];
static pthread_once_t build_once = PTHREAD_ONCE_INIT;

static void build_init(void)
{
	char alone[64];

	if (ko_sha256_file("/proc/self/exe", build_hex, NULL, NULL)) {
		snprintf(alone, sizeof(alone), "unknown build %ld %lld",
			 (long)getpid(), (long long)time(NULL));
		ko_sha256_buf(alone, strlen(alone), build_hex);
	}
}

const char *ko_cache_build_id(void)
{
	pthread_once(&build_once, build_init);
	return build_hex;
}

/* The version (with its NUL), the build (hex with NUL), then each input's
 * SHA-256 (hex with NUL). */
enum ko_status ko_cache_key_ids(const struct ko_config *cfg,
				const char *cfg_path, struct ko_file_id *ids,
				char key[KO_SHA256_HEX], struct ko_err *err)
{
	static const char version[] = "kohort " KO_VERSION;
	const size_t head = sizeof(version) + KO_SHA256_HEX;
	size_t len = head + cfg->n_extracts * KO_SHA256_HEX, i;
	char *prefix = malloc(len);
	enum ko_status st = KO_OK;

	if (!prefix)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	memcpy(prefix, version, sizeof(version));
	memcpy(prefix + sizeof(version), ko_cache_build_id(), KO_SHA256_HEX);
	for (i = 0; !st && i < cfg->n_extracts; i++) {
		if (ids)
			st = ko_file_id_get(cfg->extracts[i].file, &ids[i], err);
		if (!st)
			st = ko_sha256_file(cfg->extracts[i].file,
					    prefix + head + i * KO_SHA256_HEX,
					    NULL, err);
	}
	if (!st)
		st = ko_cache_key_entries(cfg_path, prefix, len, data_entry, key,
					  err);
	free(prefix);
	return st;
}

/* ---- the file format (cache.h) ----------------------------------------- */

#define TRAILER "KOEND\n\n\n"
#define HEAD (8 + 4 + KO_SHA256_HEX)
#define TAIL (8 + 4 + 8)

/* CRC-32 (gzip's, as zlib's crc32) continued over n bytes: ISA-L's,
 * several times faster than zlib's on these CPUs, the same values. */
static uLong crc_more(uLong crc, const unsigned char *b, uint64_t n)
{
	return crc32_gzip_refl((uint32_t)crc, b, n);
}

enum ko_status ko_cache_write_begin(struct ko_cache_writer *w,
				    const char *path, const char magic[8],
				    uint32_t format, const char *key,
				    struct ko_err *err)
{
	enum ko_status st;

	memset(w, 0, sizeof(*w));
	st = ko_outfile_open(&w->out, path, 0, err);
	if (st)
		return st;
	if (fwrite(magic, 1, 8, w->out.fp) != 8 ||
	    fwrite(&format, sizeof(format), 1, w->out.fp) != 1 ||
	    fwrite(key, 1, KO_SHA256_HEX, w->out.fp) != KO_SHA256_HEX) {
		w->bad = 1;
		w->errnum = errno ? errno : EIO;
	}
	w->crc = 0;
	return KO_OK;
}

void ko_cache_put(struct ko_cache_writer *w, const void *p, size_t n)
{
	if (w->bad || !n)
		return;
	if (w->cancel && atomic_load_explicit(w->cancel, memory_order_relaxed)) {
		w->bad = 1;
		w->errnum = ECANCELED;
		return;
	}
	w->crc = crc_more(w->crc, p, n);
	w->len += n;
	if (fwrite(p, 1, n, w->out.fp) != n) {
		w->bad = 1;
		w->errnum = errno ? errno : EIO;
	}
}

void ko_cache_put_u64(struct ko_cache_writer *w, uint64_t v)
{
	ko_cache_put(w, &v, sizeof(v));
}

/* Length + 1 (0: NULL), then the bytes without the NUL. */
void ko_cache_put_str(struct ko_cache_writer *w, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	ko_cache_put_u64(w, s ? (uint64_t)n + 1 : 0);
	ko_cache_put(w, s, n);
}

/* Length, CRC and end mark after the body. */
static void write_trailer(struct ko_cache_writer *w)
{
	uint32_t crc = (uint32_t)w->crc;

	if (!w->bad && (fwrite(&w->len, sizeof(w->len), 1, w->out.fp) != 1 ||
			fwrite(&crc, sizeof(crc), 1, w->out.fp) != 1 ||
			fwrite(TRAILER, 1, 8, w->out.fp) != 8))
		w->bad = 1;
	if (w->bad && !w->errnum)
		w->errnum = errno ? errno : EIO;
}

/* Commit a written file, or remove it and say why when a write failed. */
static enum ko_status commit_or_fail(struct ko_cache_writer *w,
				     struct ko_err *err)
{
	char path[4400];

	if (w->bad) {
		snprintf(path, sizeof(path), "%s", w->out.path);
		ko_outfile_abort(&w->out);
		return ko_err_at(err, KO_ERR_IO, path, 0, NULL, "cannot write: %s",
				 strerror(w->errnum ? w->errnum : EIO));
	}
	return ko_outfile_commit(&w->out, err);
}

enum ko_status ko_cache_write_end(struct ko_cache_writer *w,
				  struct ko_err *err)
{
	write_trailer(w);
	return commit_or_fail(w, err);
}

const void *ko_cache_take(struct ko_cache_reader *r, uint64_t n)
{
	const void *p = r->p;

	if (r->bad || n > (uint64_t)(r->end - r->p)) {
		r->bad = 1;
		return NULL;
	}
	r->p += n;
	return p;
}

int ko_cache_get(struct ko_cache_reader *r, void *out, uint64_t n)
{
	const void *p = ko_cache_take(r, n);

	if (p && n)
		memcpy(out, p, n);
	return p != NULL;
}

uint64_t ko_cache_get_u64(struct ko_cache_reader *r)
{
	uint64_t v = 0;

	ko_cache_get(r, &v, sizeof(v));
	return v;
}

void *ko_cache_get_array(struct ko_cache_reader *r, uint64_t n, size_t elem)
{
	void *a;

	if (r->bad || n > (uint64_t)(r->end - r->p) / elem) {
		r->bad = 1;
		return NULL;
	}
	a = malloc(n ? n * elem : elem);
	if (!a) {
		r->bad = 1;
		return NULL;
	}
	ko_cache_get(r, a, n * elem);
	return a;
}

int ko_cache_get_str(struct ko_cache_reader *r, char **out)
{
	uint64_t n = ko_cache_get_u64(r);
	const char *p;
	char *s;

	*out = NULL;
	if (r->bad)
		return 0;
	if (!n)
		return 1;
	p = ko_cache_take(r, n - 1);
	if (!p || memchr(p, '\0', n - 1) || !(s = malloc(n))) {
		r->bad = 1;
		return 0;
	}
	memcpy(s, p, n - 1);
	s[n - 1] = '\0';
	*out = s;
	return 1;
}

/* Whole file into a new buffer; NULL when absent or unreadable. */
static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	unsigned char *buf = NULL;

	if (!f)
		return NULL;
	if (fstat(fileno(f), &st) == 0 && st.st_size > 0 &&
	    (buf = malloc((size_t)st.st_size)) &&
	    fread(buf, 1, (size_t)st.st_size, f) != (size_t)st.st_size) {
		free(buf);
		buf = NULL;
	}
	*len = buf ? (size_t)st.st_size : 0;
	fclose(f);
	return buf;
}

/* Check the header, trailer and CRC of buf; 0 with why when wrong. */
static int frame_ok(const unsigned char *buf, size_t len, const char *magic,
		    uint32_t want_format, const char *key,
		    const char *key_changed, char *why, size_t why_size)
{
	uint32_t format, crc;
	uint64_t blen;

	if (len < HEAD + TAIL || memcmp(buf, magic, 8)) {
		snprintf(why, why_size, "damaged: not a kohort cache file");
		return 0;
	}
	memcpy(&format, buf + 8, 4);
	if (format != want_format) {
		snprintf(why, why_size, "written by another kohort version");
		return 0;
	}
	if (memcmp(buf + 12, key, KO_SHA256_HEX)) {
		snprintf(why, why_size, "%s", key_changed);
		return 0;
	}
	memcpy(&blen, buf + len - TAIL, 8);
	memcpy(&crc, buf + len - TAIL + 8, 4);
	if (memcmp(buf + len - 8, TRAILER, 8) || blen != len - HEAD - TAIL) {
		snprintf(why, why_size, "damaged: truncated");
		return 0;
	}
	if ((uint32_t)crc_more(0, buf + HEAD, blen) != crc) {
		snprintf(why, why_size, "damaged: checksum");
		return 0;
	}
	return 1;
}

int ko_cache_read_begin(struct ko_cache_reader *r, const char *path,
			const char magic[8], uint32_t format, const char *key,
			const char *key_changed, char *why, size_t why_size)
{
	size_t len = 0;

	memset(r, 0, sizeof(*r));
	r->bad = 1;
	r->buf = slurp(path, &len);
	if (!r->buf) {
		snprintf(why, why_size, "no cache");
		return 0;
	}
	if (!frame_ok(r->buf, len, magic, format, key, key_changed, why,
		      why_size))
		return 0;
	r->p = r->buf + HEAD;
	r->end = r->buf + len - TAIL;
	r->bad = 0;
	return 1;
}

int ko_cache_read_ok(const struct ko_cache_reader *r)
{
	return !r->bad && r->p == r->end;
}

void ko_cache_read_release(struct ko_cache_reader *r)
{
	free(r->buf);
	memset(r, 0, sizeof(*r));
}

/* ---- narrowed arrays (format 3) ------------------------------------------
 *
 * Most arrays of the data stages hold small whole numbers: 0/1 flags,
 * categories, dates as days.  An array of int32 (KO_DATE_NONE missing), or
 * of doubles that are all whole numbers in int32's range or one NaN bit
 * pattern, is written as its width w (1, 2 or 4 bytes; 8: the doubles as
 * they are) and, for doubles, the NaN's bits, then each value in w bytes
 * (the missing value as the type's minimum).  Read back bit for bit: a
 * double that would not come back the same (-0.0, 0.5, another NaN) keeps
 * the array at 8 bytes a value. */

#define PACK_BLOCK 4096

static int width_of(int32_t lo, int32_t hi)
{
	if (lo > INT8_MIN && hi <= INT8_MAX)
		return 1;
	if (lo > INT16_MIN && hi <= INT16_MAX)
		return 2;
	return 4;
}

/* v[0..n) in w bytes each, INT32_MIN as the type's minimum. */
static void put_packed(struct ko_cache_writer *k, const int32_t *v, size_t n,
		       int w)
{
	union {
		int8_t b[PACK_BLOCK];
		int16_t h[PACK_BLOCK];
	} buf;
	size_t i, j, m;

	if (w == 4) {
		ko_cache_put(k, v, n * sizeof(*v));
		return;
	}
	for (i = 0; i < n; i += m) {
		m = n - i < PACK_BLOCK ? n - i : PACK_BLOCK;
		if (w == 1)
			for (j = 0; j < m; j++)
				buf.b[j] = v[i + j] == INT32_MIN ? INT8_MIN
								 : (int8_t)v[i + j];
		else
			for (j = 0; j < m; j++)
				buf.h[j] = v[i + j] == INT32_MIN ? INT16_MIN
								 : (int16_t)v[i + j];
		ko_cache_put(k, buf.b, m * (size_t)w);
	}
}

/* An int32 array (INT32_MIN: missing), narrowed. */
static void put_i32s(struct ko_cache_writer *k, const int32_t *a, size_t n)
{
	int32_t lo = 0, hi = 0;
	size_t i;
	int w;

	for (i = 0; i < n; i++)
		if (a[i] != INT32_MIN) {
			lo = a[i] < lo ? a[i] : lo;
			hi = a[i] > hi ? a[i] : hi;
		}
	w = width_of(lo, hi);
	ko_cache_put_u64(k, (uint64_t)w);
	put_packed(k, a, n, w);
}

/* A double array, narrowed when every value comes back the same. */
static void put_f64s(struct ko_cache_writer *k, const double *a, size_t n)
{
	int32_t lo = 0, hi = 0, v[PACK_BLOCK];
	uint64_t nan_bits = 0, bits;
	int have_nan = 0, w;
	size_t i, j, m;

	for (i = 0; i < n; i++) {
		if (isnan(a[i])) {
			memcpy(&bits, &a[i], sizeof(bits));
			if (have_nan && bits != nan_bits)
				break;
			nan_bits = bits;
			have_nan = 1;
			continue;
		}
		/* whole, in range, and not -0.0 */
		if (!(a[i] > INT32_MIN && a[i] <= INT32_MAX) ||
		    memcmp(&(double){ (double)(int32_t)a[i] }, &a[i],
			   sizeof(double)))
			break;
		lo = (int32_t)a[i] < lo ? (int32_t)a[i] : lo;
		hi = (int32_t)a[i] > hi ? (int32_t)a[i] : hi;
	}
	if (i < n) {
		ko_cache_put_u64(k, 8);
		ko_cache_put(k, a, n * sizeof(*a));
		return;
	}
	w = width_of(lo, hi);
	ko_cache_put_u64(k, (uint64_t)w);
	ko_cache_put_u64(k, nan_bits);
	for (i = 0; i < n; i += m) {
		m = n - i < PACK_BLOCK ? n - i : PACK_BLOCK;
		for (j = 0; j < m; j++)
			v[j] = isnan(a[i + j]) ? INT32_MIN : (int32_t)a[i + j];
		put_packed(k, v, m, w);
	}
}

/* The w-byte value i of p, INT32_MIN for the type's minimum. */
static int32_t packed_at(const unsigned char *p, size_t i, int w)
{
	int8_t b;
	int16_t h;
	int32_t x;

	if (w == 1) {
		memcpy(&b, p + i, 1);
		return b == INT8_MIN ? INT32_MIN : b;
	}
	if (w == 2) {
		memcpy(&h, p + 2 * i, 2);
		return h == INT16_MIN ? INT32_MIN : h;
	}
	memcpy(&x, p + 4 * i, 4);
	return x;
}

static int width_ok(uint64_t w)
{
	return w == 1 || w == 2 || w == 4;
}

/* n values of width w from the body, and a new array of n elements of
 * size elem (*out) for their decoding; NULL (then r->bad) when the width
 * is not one put_packed writes, the body too short or no memory. */
static const unsigned char *take_packed(struct ko_cache_reader *r, uint64_t n,
					uint64_t w, size_t elem, void **out)
{
	const unsigned char *p;

	*out = NULL;
	if (r->bad || !width_ok(w) || n > (uint64_t)(r->end - r->p) / w) {
		r->bad = 1;
		return NULL;
	}
	*out = malloc(n ? n * elem : elem);
	p = ko_cache_take(r, n * w);
	if (!*out || !p) {
		free(*out);
		*out = NULL;
		r->bad = 1;
		return NULL;
	}
	return p;
}

/* An array written by put_i32s: new, or NULL (then r->bad). */
static int32_t *get_i32s(struct ko_cache_reader *r, uint64_t n)
{
	uint64_t w = ko_cache_get_u64(r), i;
	const unsigned char *p;
	int32_t *a;
	void *out;

	if (w == 4 && !r->bad)
		return ko_cache_get_array(r, n, sizeof(int32_t));
	p = take_packed(r, n, w, sizeof(*a), &out);
	a = out;
	for (i = 0; p && i < n; i++)
		a[i] = packed_at(p, i, (int)w);
	return a;
}

/* An array written by put_f64s: new, or NULL (then r->bad). */
static double *get_f64s(struct ko_cache_reader *r, uint64_t n)
{
	uint64_t w = ko_cache_get_u64(r), nan_bits, i;
	const unsigned char *p;
	double *a, nan_value;
	int32_t x;
	void *out;

	if (w == 8 && !r->bad)
		return ko_cache_get_array(r, n, sizeof(double));
	nan_bits = ko_cache_get_u64(r);
	memcpy(&nan_value, &nan_bits, sizeof(nan_value));
	p = take_packed(r, n, w, sizeof(*a), &out);
	a = out;
	for (i = 0; p && i < n; i++) {
		x = packed_at(p, i, (int)w);
		a[i] = x == INT32_MIN ? nan_value : (double)x;
	}
	return a;
}

/* ---- the data stages' file ---------------------------------------------- */

static void put_dict(struct ko_cache_writer *k, const struct ko_persons *d)
{
	size_t i, n = d ? ko_persons_count(d) : 0, len;

	ko_cache_put_u64(k, d ? n + 1 : 0); /* 0: no dictionary */
	for (i = 0; i < n; i++) {
		const char *id = ko_persons_id(d, i, &len);
		uint32_t l32 = (uint32_t)len;

		ko_cache_put(k, &l32, sizeof(l32));
		ko_cache_put(k, id, len);
	}
}

/* Output files of the data stages present now, relative to the output
 * folder: analysis, flow, linkage, then rejects of each extract. */
static size_t data_outputs(const struct ko_study *s, char rel[][300])
{
	static const char *const fixed[] = {
		"analysis.csv.gz", "internal/flow.csv", "internal/linkage.csv",
	};
	size_t n = 0, i;

	for (i = 0; i < 3; i++)
		snprintf(rel[n++], 300, "%s", fixed[i]);
	for (i = 0; i < s->cfg->n_extracts && n < MAX_FILES; i++)
		snprintf(rel[n++], 300, "rejects/%s.csv", s->cfg->extracts[i].name);
	return n;
}

/* SHA-256 of OUT/rel, or "" when it does not exist. */
static void hash_output(const struct ko_study *s, const char *rel,
			char hex[KO_SHA256_HEX])
{
	char path[4400];

	snprintf(path, sizeof(path), "%s/%s", s->out_dir, rel);
	memset(hex, 0, KO_SHA256_HEX); /* all of it goes into the cache */
	/* written by this run, a file may still wait for its rename */
	if (access(ko_outfile_resolve(path), F_OK) == 0 &&
	    ko_sha256_file(ko_outfile_resolve(path), hex, NULL, NULL))
		hex[0] = '\0';
}

/* The outputs of the data stages, last in the file (format 4): the count
 * and each one's SHA-256, a block of fixed size, so that a load checks
 * them before it reads the rest (outputs_unchanged), while a save writes
 * them after the rest, which it writes during the write stage. */
static size_t outputs_bytes(size_t nf)
{
	return sizeof(uint64_t) + nf * KO_SHA256_HEX;
}

static void put_outputs(struct ko_cache_writer *k, const struct ko_study *s)
{
	char rel[MAX_FILES][300], hex[KO_SHA256_HEX];
	size_t nf = data_outputs(s, rel), i;

	ko_cache_put_u64(k, nf);
	for (i = 0; i < nf; i++) {
		hash_output(s, rel[i], hex);
		ko_cache_put(k, hex, sizeof(hex));
	}
}

/* Everything but the outputs: complete after the cohort stage. */
static void put_state(struct ko_cache_writer *k, const struct ko_study *s)
{
	const struct ko_links *l = s->links;
	const struct ko_derived *d = s->derived;
	size_t np = ko_persons_count(l->dict), nc = l->n_children, v;
	int p;

	ko_cache_put_u64(k, nc);
	ko_cache_put_u64(k, d->n_vars);
	put_dict(k, l->dict);
	put_i32s(k, l->birth, np);
	put_i32s(k, l->death, np);
	ko_cache_put(k, l->in_pop, np);
	ko_cache_put(k, l->child, np * sizeof(int32_t));
	ko_cache_put(k, l->first_row, np * sizeof(int32_t));
	ko_cache_put(k, l->child_person, nc * sizeof(uint32_t));
	put_i32s(k, l->child_birth, nc);
	for (p = 0; p < 2; p++) {
		ko_cache_put(k, l->parent[p], nc * sizeof(int32_t));
		ko_cache_put(k, l->outcome[p], nc);
	}
	ko_cache_put(k, l->counts, sizeof(l->counts));
	ko_cache_put(k, l->rev_start, (np + 1) * sizeof(uint32_t));
	ko_cache_put(k, l->rev_child, l->rev_start[np] * sizeof(uint32_t));
	ko_cache_put(k, &l->dup_base, sizeof(l->dup_base));
	ko_cache_put(k, &l->dup_pop, sizeof(l->dup_pop));
	ko_cache_put(k, d->done, d->n_vars);
	for (v = 0; v < d->n_vars; v++) {
		const struct ko_year_set *ys = &d->years[v];

		put_f64s(k, d->val[v], nc);
		put_dict(k, d->labels[v]);
		ko_cache_put_u64(k, ys->bits ? ys->words : 0);
		if (!ys->bits)
			continue;
		put_i32s(k, ys->first, nc);
		ko_cache_put(k, ys->bits, nc * ys->words * sizeof(uint64_t));
	}
	ko_cache_put_u64(k, s->flow.n);
	ko_cache_put(k, s->flow.rows, s->flow.n * sizeof(*s->flow.rows));
	ko_cache_put(k, s->flow.member, nc);
	ko_cache_put(k, &s->flow.n_members, sizeof(s->flow.n_members));
	ko_cache_put(k, &s->base_rejected, sizeof(s->base_rejected));
	ko_cache_put(k, &s->base_no_id, sizeof(s->base_no_id));
	ko_cache_put(k, s->rows_read, sizeof(s->rows_read));
	ko_cache_put(k, s->rows_rejected, sizeof(s->rows_rejected));
}

static void cache_path(const struct ko_study *s, char *path, size_t size)
{
	snprintf(path, size, "%s/.cache/data.bin", s->out_dir);
}

enum ko_status ko_cache_save(const struct ko_study *s, const char *key,
			     struct ko_err *err)
{
	struct ko_cache_job *job = NULL;
	enum ko_status st = ko_cache_save_start(s, key, 0, &job, err);

	ko_cache_save_outputs_done(job);
	return st ? st : ko_cache_save_finish(job, 1, err);
}

/* ---- the save on a thread ---------------------------------------------- */

struct ko_cache_job {
	const struct ko_study *s;
	char key[KO_SHA256_HEX];
	struct ko_cache_writer w;
	atomic_int cancel;
	enum ko_status st; /* of opening the file */
	struct ko_err err;
	pthread_t thread;
	int threaded;
	pthread_mutex_t mu; /* outputs_done, from the caller to the thread */
	pthread_cond_t cv;
	int outputs_done;
};

/* The state into the temporary file (ko_cache_save_start). */
static void save_state(struct ko_cache_job *job)
{
	char path[4400];

	cache_path(job->s, path, sizeof(path));
	job->st = ko_cache_write_begin(&job->w, path, MAGIC, FORMAT, job->key,
				       &job->err);
	if (job->st)
		return;
	job->w.cancel = &job->cancel;
	put_state(&job->w, job->s);
}

/* The outputs' hashes and the trailer, synced: everything but the rename,
 * which ko_cache_save_finish does (or not). */
static void save_outputs(struct ko_cache_job *job)
{
	if (job->st)
		return;
	put_outputs(&job->w, job->s);
	write_trailer(&job->w);
	if (!job->w.bad && (fflush(job->w.out.fp) || fsync(fileno(job->w.out.fp)))) {
		job->w.bad = 1;
		job->w.errnum = errno ? errno : EIO;
	}
}

/* The thread: the state at once, the rest when the outputs are written
 * (or nothing more when the run stops). */
static void *save_body(void *arg)
{
	struct ko_cache_job *job = arg;

	save_state(job);
	pthread_mutex_lock(&job->mu);
	while (!job->outputs_done && !atomic_load(&job->cancel))
		pthread_cond_wait(&job->cv, &job->mu);
	pthread_mutex_unlock(&job->mu);
	if (!atomic_load(&job->cancel))
		save_outputs(job);
	return NULL;
}

static void wake(struct ko_cache_job *job, int cancel)
{
	pthread_mutex_lock(&job->mu);
	if (cancel)
		atomic_store(&job->cancel, 1);
	else
		job->outputs_done = 1;
	pthread_cond_signal(&job->cv);
	pthread_mutex_unlock(&job->mu);
}

void ko_cache_save_outputs_done(struct ko_cache_job *job)
{
	if (!job || job->outputs_done)
		return;
	if (job->threaded) {
		wake(job, 0);
		return;
	}
	job->outputs_done = 1;
	save_outputs(job); /* no thread: here and now */
}

enum ko_status ko_cache_save_start(const struct ko_study *s, const char *key,
				   int threaded, struct ko_cache_job **out,
				   struct ko_err *err)
{
	struct ko_cache_job *job;

	*out = NULL;
	if (!s->links || !s->derived || !s->flow.member)
		return KO_OK;
	job = calloc(1, sizeof(*job));
	if (!job)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	job->s = s;
	memcpy(job->key, key, KO_SHA256_HEX);
	atomic_init(&job->cancel, 0);
	ko_err_clear(&job->err);
	pthread_mutex_init(&job->mu, NULL);
	pthread_cond_init(&job->cv, NULL);
	job->threaded = threaded &&
			pthread_create(&job->thread, NULL, save_body, job) == 0;
	if (!job->threaded)
		save_state(job); /* no thread: here and now */
	*out = job;
	return KO_OK;
}

enum ko_status ko_cache_save_finish(struct ko_cache_job *job, int keep,
				    struct ko_err *err)
{
	enum ko_status st;

	if (!job)
		return KO_OK;
	/* kept only when the outputs were hashed into it */
	if (!job->outputs_done)
		keep = 0;
	if (!keep)
		wake(job, 1);
	if (job->threaded)
		pthread_join(job->thread, NULL);
	if (job->st) {
		st = keep ? job->st : KO_OK;
		if (keep)
			*err = job->err;
	} else if (!keep) {
		ko_outfile_abort(&job->w.out);
		st = KO_OK;
	} else {
		st = commit_or_fail(&job->w, err);
	}
	pthread_cond_destroy(&job->cv);
	pthread_mutex_destroy(&job->mu);
	free(job);
	return st;
}

/* ---- reading the data stages' file ------------------------------------ */

/* A dictionary rebuilt with the same indices; NULL when there was none
 * (then r->bad if required) or when bad. */
static struct ko_persons *get_dict(struct ko_cache_reader *r, int required)
{
	uint64_t n = ko_cache_get_u64(r), i;
	struct ko_persons *d;

	if (!n && required)
		r->bad = 1;
	if (r->bad || !n--)
		return NULL;
	d = ko_persons_new();
	/* room for every id at once (no rebuilds of the table as they
	 * come); an id takes at least its 4-byte length in the body */
	if (!d || (n <= (uint64_t)(r->end - r->p) / 4 &&
		   ko_persons_reserve(d, (size_t)n))) {
		ko_persons_free(d);
		r->bad = 1;
		return NULL;
	}
	for (i = 0; i < n && !r->bad; i++) {
		uint32_t len = 0;
		const char *id;
		int inserted = 0;

		ko_cache_get(r, &len, sizeof(len));
		id = ko_cache_take(r, len);
		if (!id || ko_persons_intern(d, id, len, &inserted) != (long)i ||
		    !inserted)
			r->bad = 1;
	}
	if (r->bad) {
		ko_persons_free(d);
		return NULL;
	}
	return d;
}

static int ids_in_range(const int32_t *a, size_t n, size_t limit)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (a[i] < -1 || (a[i] >= 0 && (size_t)a[i] >= limit))
			return 0;
	return 1;
}

static int links_valid(const struct ko_links *l)
{
	size_t np = ko_persons_count(l->dict), i;
	int p;

	for (i = 0; i < l->n_children; i++)
		if (l->child_person[i] >= np || l->outcome[0][i] >= KO_LINK_OUTCOMES ||
		    l->outcome[1][i] >= KO_LINK_OUTCOMES)
			return 0;
	for (p = 0; p < 2; p++)
		if (!ids_in_range(l->parent[p], l->n_children, np))
			return 0;
	if (!ids_in_range(l->child, np, l->n_children))
		return 0;
	for (i = 0; i < np; i++)
		if (l->rev_start[i] > l->rev_start[i + 1])
			return 0;
	for (i = 0; i < l->rev_start[np]; i++)
		if (l->rev_child[i] / 2 >= l->n_children)
			return 0;
	return 1;
}

static struct ko_links *get_links(struct ko_cache_reader *r, uint64_t nc)
{
	struct ko_links *l = calloc(1, sizeof(*l));
	size_t np;
	int p;

	if (!l) {
		r->bad = 1;
		return NULL;
	}
	l->dict = get_dict(r, 1);
	np = l->dict ? ko_persons_count(l->dict) : 0;
	l->cap = np + 1;
	l->n_children = l->child_cap = nc;
	l->birth = get_i32s(r, np);
	l->death = get_i32s(r, np);
	l->in_pop = ko_cache_get_array(r, np, 1);
	l->child = ko_cache_get_array(r, np, sizeof(int32_t));
	l->first_row = ko_cache_get_array(r, np, sizeof(int32_t));
	l->child_person = ko_cache_get_array(r, nc, sizeof(uint32_t));
	l->child_birth = get_i32s(r, nc);
	for (p = 0; p < 2; p++) {
		l->parent[p] = ko_cache_get_array(r, nc, sizeof(int32_t));
		l->outcome[p] = ko_cache_get_array(r, nc, 1);
	}
	ko_cache_get(r, l->counts, sizeof(l->counts));
	l->rev_start = ko_cache_get_array(r, np + 1, sizeof(uint32_t));
	if (l->rev_start)
		l->rev_child = ko_cache_get_array(r, l->rev_start[np], sizeof(uint32_t));
	ko_cache_get(r, &l->dup_base, sizeof(l->dup_base));
	ko_cache_get(r, &l->dup_pop, sizeof(l->dup_pop));
	for (p = 0; p < KO_LINK_DUP_EXAMPLES; p++) {
		l->dup_base.ex[p].id[sizeof(l->dup_base.ex[p].id) - 1] = '\0';
		l->dup_pop.ex[p].id[sizeof(l->dup_pop.ex[p].id) - 1] = '\0';
	}
	if (!r->bad && !links_valid(l))
		r->bad = 1;
	if (r->bad) {
		ko_links_free(l);
		return NULL;
	}
	return l;
}

static struct ko_derived *get_derived(struct ko_cache_reader *r,
				      const struct ko_config *cfg, uint64_t nc)
{
	struct ko_derived *d = calloc(1, sizeof(*d));
	size_t v;

	if (!d) {
		r->bad = 1;
		return NULL;
	}
	d->n_children = nc;
	d->n_vars = cfg->n_vars;
	d->val = calloc(cfg->n_vars + 1, sizeof(*d->val));
	d->labels = calloc(cfg->n_vars + 1, sizeof(*d->labels));
	d->done = ko_cache_get_array(r, cfg->n_vars, 1);
	d->years = calloc(cfg->n_vars + 1, sizeof(*d->years));
	if (!d->val || !d->labels || !d->years)
		r->bad = 1;
	for (v = 0; v < cfg->n_vars && !r->bad; v++) {
		uint64_t words;

		d->val[v] = get_f64s(r, nc);
		d->labels[v] = get_dict(r, 0);
		words = ko_cache_get_u64(r);
		if (!words)
			continue;
		if (words > 64 || cfg->vars[v].agg != KO_AGG_YEARS) {
			r->bad = 1;
			break;
		}
		d->years[v].words = (size_t)words;
		d->years[v].first = get_i32s(r, nc);
		d->years[v].bits = ko_cache_get_array(r, nc * words,
						      sizeof(uint64_t));
	}
	if (r->bad) {
		ko_derived_free(d);
		return NULL;
	}
	return d;
}

static void get_flow(struct ko_cache_reader *r, struct ko_flow *f, uint64_t nc)
{
	uint64_t n = ko_cache_get_u64(r), c;
	long members = 0;

	f->rows = ko_cache_get_array(r, n, sizeof(*f->rows));
	f->n = (size_t)n;
	f->member = ko_cache_get_array(r, nc, 1);
	ko_cache_get(r, &f->n_members, sizeof(f->n_members));
	for (c = 0; !r->bad && c < n; c++)
		f->rows[c].step[sizeof(f->rows[c].step) - 1] = '\0';
	for (c = 0; !r->bad && c < nc; c++)
		members += f->member[c] != 0;
	if (!r->bad && members != f->n_members)
		r->bad = 1;
}

/* The recorded outputs of the data stages, the body's last block
 * (put_outputs), still as they were; r's body then ends before them. */
static int outputs_unchanged(struct ko_cache_reader *r, const struct ko_study *s)
{
	char rel[MAX_FILES][300], hex[KO_SHA256_HEX];
	size_t nf = data_outputs(s, rel), i;
	struct ko_cache_reader last = *r;
	const char *want;

	if ((size_t)(r->end - r->p) < outputs_bytes(nf))
		return 0;
	last.p = r->end - outputs_bytes(nf); /* and ends at r->end */
	if (ko_cache_get_u64(&last) != nf)
		return 0;
	for (i = 0; i < nf; i++) {
		want = ko_cache_take(&last, KO_SHA256_HEX);
		if (!want)
			return 0;
		hash_output(s, rel[i], hex);
		if (memcmp(hex, want, KO_SHA256_HEX))
			return 0;
	}
	r->end -= outputs_bytes(nf);
	return 1;
}

enum ko_status ko_cache_load(struct ko_study *s, const char *key, int *hit,
			     char *why, size_t why_size, struct ko_err *err)
{
	char path[4400];
	struct ko_cache_reader r;
	struct ko_links *l = NULL;
	struct ko_derived *d = NULL;
	struct ko_flow f;
	uint64_t nc, nv;

	*hit = 0;
	cache_path(s, path, sizeof(path));
	if (!ko_cache_read_begin(&r, path, MAGIC, FORMAT, key,
				 "inputs, data settings or kohort's version "
				 "or build changed", why, why_size)) {
		ko_cache_read_release(&r);
		return KO_OK;
	}
	if (!outputs_unchanged(&r, s)) {
		snprintf(why, why_size, "outputs of the data stages changed since");
		ko_cache_read_release(&r);
		return KO_OK;
	}
	ko_flow_init(&f);
	nc = ko_cache_get_u64(&r);
	nv = ko_cache_get_u64(&r);
	if (nv != s->cfg->n_vars)
		r.bad = 1;
	l = r.bad ? NULL : get_links(&r, nc);
	d = r.bad ? NULL : get_derived(&r, s->cfg, nc);
	if (!r.bad)
		get_flow(&r, &f, nc);
	ko_cache_get(&r, &s->base_rejected, sizeof(s->base_rejected));
	ko_cache_get(&r, &s->base_no_id, sizeof(s->base_no_id));
	ko_cache_get(&r, s->rows_read, sizeof(s->rows_read));
	ko_cache_get(&r, s->rows_rejected, sizeof(s->rows_rejected));
	if (!ko_cache_read_ok(&r)) {
		snprintf(why, why_size, "damaged: contents");
		ko_links_free(l);
		ko_derived_free(d);
		ko_flow_release(&f);
		s->base_rejected = s->base_no_id = 0;
		memset(s->rows_read, 0, sizeof(s->rows_read));
		memset(s->rows_rejected, 0, sizeof(s->rows_rejected));
	} else if (ko_followup_compute(s->cfg, l->child_birth, d, err)) {
		ko_links_free(l); /* out of memory */
		ko_derived_free(d);
		ko_flow_release(&f);
		ko_cache_read_release(&r);
		return KO_ERR_NOMEM;
	} else {
		s->links = l;
		s->derived = d;
		ko_flow_release(&s->flow);
		s->flow = f;
		*hit = 1;
	}
	ko_cache_read_release(&r);
	return KO_OK;
}
