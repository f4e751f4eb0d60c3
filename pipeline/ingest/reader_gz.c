/*
 * reader_gz.c - the bytes of an extract, plain or gzip-compressed, over
 * read(2), for the CSV path of the reader; and the zlib inflate back end.
 * The faster igzip back end (ISA-L) is reader_igzip.c; both sit behind
 * struct ko_inflater and share the framing here.
 *
 * zlib's gzread would do, but it ignores whatever follows the last gzip
 * member when it does not start with the gzip magic bytes: a delivery
 * with garbage (or a second, damaged file) after its stream read as if it
 * ended there.  Here every member must be followed by another member or
 * by the end of the file (ko_gz_after_member, whatever the back end);
 * concatenated members read as one stream, as gzip -d does.
 */
#include "reader_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#define IN_BYTES (256 * 1024)

static const struct ko_inflater *inflater = &ko_inflater_igzip;

void ko_gz_set_inflater(const struct ko_inflater *inf)
{
	inflater = inf;
}

const struct ko_inflater *ko_gz_inflater(void)
{
	return inflater;
}

/* ---- the zlib back end ---- */

static void *zlib_create(void)
{
	z_stream *zs = calloc(1, sizeof(*zs));

	if (zs && inflateInit2(zs, 15 + 16) != Z_OK) {
		free(zs);
		zs = NULL;
	}
	return zs;
}

static int zlib_step(void *state, struct ko_gz *g, unsigned char *out,
		     size_t n, size_t *produced, char *msg, size_t msg_len)
{
	z_stream *zs = state;
	int ret;

	zs->next_in = g->next_in;
	zs->avail_in = (uInt)(g->avail_in > 1u << 30 ? 1u << 30 : g->avail_in);
	zs->next_out = out;
	zs->avail_out = (uInt)(n > 1u << 30 ? 1u << 30 : n);
	ret = inflate(zs, Z_NO_FLUSH);
	*produced = (size_t)(zs->next_out - out);
	g->avail_in -= (size_t)(zs->next_in - g->next_in);
	g->next_in = zs->next_in;
	if (ret == Z_STREAM_END)
		return 1;
	if (ret == Z_OK || ret == Z_BUF_ERROR)
		return 0;
	snprintf(msg, msg_len, "%s", zs->msg ? zs->msg :
					       "invalid compressed data");
	return -1;
}

static int zlib_reset(void *state)
{
	return inflateReset(state) == Z_OK ? 0 : -1;
}

static void zlib_destroy(void *state)
{
	if (state)
		inflateEnd(state);
	free(state);
}

const struct ko_inflater ko_inflater_zlib = {
	"zlib", zlib_create, zlib_step, zlib_reset, zlib_destroy,
};

/* ---- the framing, for every back end ---- */

enum ko_gz_next ko_gz_after_member(const unsigned char *next, size_t avail,
				   int at_eof)
{
	if (avail == 0)
		return at_eof ? KO_GZ_END : KO_GZ_NEED_MORE;
	if (avail >= 2)
		return next[0] == 0x1f && next[1] == 0x8b ? KO_GZ_MEMBER :
							    KO_GZ_GARBAGE;
	if (at_eof)
		return KO_GZ_GARBAGE; /* one byte after the stream */
	return next[0] == 0x1f ? KO_GZ_NEED_MORE : KO_GZ_GARBAGE;
}

static int fail(struct ko_gz *g, int errnum, const char *msg)
{
	g->errnum = errnum;
	snprintf(g->msg, sizeof(g->msg), "%s", msg);
	return -1;
}

/* Read more of the file after the bytes not yet consumed (moved to the
 * front).  Returns 0 (g->eof set at the end of the file) or -1. */
static int refill(struct ko_gz *g)
{
	size_t keep = g->avail_in;
	ssize_t n;

	if (keep && g->next_in != g->in)
		memmove(g->in, g->next_in, keep);
	g->next_in = g->in;
	do
		n = read(g->fd, g->in + keep, IN_BYTES - keep);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return fail(g, errno, strerror(errno));
	if (n == 0)
		g->eof = 1;
	g->raw_read += (uint64_t)n;
	g->avail_in = keep + (size_t)n;
	return 0;
}

int ko_gz_open(struct ko_gz *g, const char *path)
{
	memset(g, 0, sizeof(*g));
	g->fd = -1;
	g->inf = inflater;
	g->in = malloc(IN_BYTES);
	if (!g->in) {
		errno = ENOMEM;
		return -1;
	}
	do
		g->fd = open(path, O_RDONLY | O_CLOEXEC);
	while (g->fd < 0 && errno == EINTR);
	if (g->fd < 0)
		return -1;
	g->next_in = g->in;
	/* two bytes decide: the gzip magic, or plain text */
	while (g->avail_in < 2 && !g->eof)
		if (refill(g)) {
			errno = g->errnum;
			return -1;
		}
	g->direct = !(g->avail_in >= 2 && g->in[0] == 0x1f &&
		      g->in[1] == 0x8b);
	if (!g->direct) {
		g->state = g->inf->create();
		if (!g->state) {
			errno = ENOMEM;
			return -1;
		}
	}
	return 0;
}

/* Plain file: the bytes sniffed at open first, then straight from the
 * file. */
static long read_direct(struct ko_gz *g, unsigned char *buf, size_t n)
{
	size_t have = 0;

	if (g->avail_in) {
		have = n < g->avail_in ? n : g->avail_in;
		memcpy(buf, g->next_in, have);
		g->next_in += have;
		g->avail_in -= have;
	}
	while (have < n && !g->eof) {
		ssize_t got = read(g->fd, buf + have, n - have);

		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return fail(g, errno, strerror(errno));
		if (got == 0)
			g->eof = 1;
		g->raw_read += (uint64_t)got;
		have += (size_t)got;
	}
	return (long)have;
}

/* At the end of a member: start the next one, finish, or fail on what
 * follows.  Returns 0 (g->done set at the end) or -1. */
static int next_member(struct ko_gz *g)
{
	for (;;) {
		switch (ko_gz_after_member(g->next_in, g->avail_in, g->eof)) {
		case KO_GZ_END:
			g->done = 1;
			return 0;
		case KO_GZ_MEMBER:
			g->member_end = 0;
			return g->inf->reset(g->state) == 0 ? 0 :
				fail(g, 0, "cannot restart inflate");
		case KO_GZ_NEED_MORE:
			if (refill(g))
				return -1;
			continue;
		case KO_GZ_GARBAGE:
			snprintf(g->msg, sizeof(g->msg),
				 "bytes that are not gzip data follow the "
				 "compressed stream at byte %llu",
				 (unsigned long long)ko_gz_offset(g));
			g->errnum = 0;
			g->garbage = 1;
			return -1;
		}
	}
}

long ko_gz_read(struct ko_gz *g, void *buf, size_t n)
{
	unsigned char *out = buf;
	size_t have = 0;

	if (g->errnum || g->garbage || g->msg[0])
		return -1;
	if (g->direct)
		return read_direct(g, out, n);
	while (have < n && !g->done) {
		size_t got = 0;
		int ret;

		if (g->member_end) {
			if (next_member(g))
				return -1;
			continue;
		}
		if (!g->avail_in) {
			if (g->eof)
				return fail(g, 0, "unexpected end of file");
			if (refill(g))
				return -1;
			continue;
		}
		ret = g->inf->step(g->state, g, out + have, n - have, &got,
				   g->msg, sizeof(g->msg));
		have += got;
		if (ret > 0)
			g->member_end = 1;
		else if (ret < 0) {
			if (!g->msg[0])
				snprintf(g->msg, sizeof(g->msg),
					 "invalid compressed data");
			return -1;
		}
	}
	return (long)have;
}

uint64_t ko_gz_offset(const struct ko_gz *g)
{
	return g->raw_read - g->avail_in;
}

void ko_gz_close(struct ko_gz *g)
{
	if (g->state)
		g->inf->destroy(g->state);
	if (g->fd >= 0)
		close(g->fd);
	free(g->in);
	memset(g, 0, sizeof(*g));
	g->fd = -1;
}
