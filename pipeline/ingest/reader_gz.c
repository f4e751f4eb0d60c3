/*
 * reader_gz.c - the bytes of an extract, plain or gzip-compressed (zlib's
 * inflate over read(2)), for the CSV path of the reader.
 *
 * zlib's gzread would do, but it ignores whatever follows the last gzip
 * member when it does not start with the gzip magic bytes: a delivery
 * with garbage (or a second, damaged file) after its stream read as if it
 * ended there.  Here every member must be followed by another member or
 * by the end of the file (ko_gz_after_member, which any other inflate back
 * end calls the same way); concatenated members read as one stream, as
 * gzip -d does.
 */
#include "reader_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define IN_BYTES (256 * 1024)

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
	size_t keep = g->zs.avail_in;
	ssize_t n;

	if (keep && g->zs.next_in != g->in)
		memmove(g->in, g->zs.next_in, keep);
	g->zs.next_in = g->in;
	do
		n = read(g->fd, g->in + keep, IN_BYTES - keep);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return fail(g, errno, strerror(errno));
	if (n == 0)
		g->eof = 1;
	g->raw_read += (uint64_t)n;
	g->zs.avail_in = (uInt)(keep + (size_t)n);
	return 0;
}

int ko_gz_open(struct ko_gz *g, const char *path)
{
	memset(g, 0, sizeof(*g));
	g->fd = -1;
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
	g->zs.next_in = g->in;
	/* two bytes decide: the gzip magic, or plain text */
	while (g->zs.avail_in < 2 && !g->eof)
		if (refill(g)) {
			errno = g->errnum;
			return -1;
		}
	g->direct = !(g->zs.avail_in >= 2 && g->in[0] == 0x1f &&
		      g->in[1] == 0x8b);
	if (!g->direct) {
		if (inflateInit2(&g->zs, 15 + 16) != Z_OK) {
			errno = ENOMEM;
			return -1;
		}
		g->zs_ready = 1;
	}
	return 0;
}

/* Plain file: the bytes sniffed at open first, then straight from the
 * file. */
static long read_direct(struct ko_gz *g, unsigned char *buf, size_t n)
{
	size_t have = 0;

	if (g->zs.avail_in) {
		have = n < g->zs.avail_in ? n : g->zs.avail_in;
		memcpy(buf, g->zs.next_in, have);
		g->zs.next_in += have;
		g->zs.avail_in -= (uInt)have;
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
		switch (ko_gz_after_member(g->zs.next_in, g->zs.avail_in,
					   g->eof)) {
		case KO_GZ_END:
			g->done = 1;
			return 0;
		case KO_GZ_MEMBER:
			g->member_end = 0;
			return inflateReset(&g->zs) == Z_OK ? 0 :
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
		int ret;

		if (g->member_end) {
			if (next_member(g))
				return -1;
			continue;
		}
		if (!g->zs.avail_in) {
			if (g->eof)
				return fail(g, 0, "unexpected end of file");
			if (refill(g))
				return -1;
			continue;
		}
		g->zs.next_out = out + have;
		g->zs.avail_out = (uInt)(n - have > 1u << 30 ? 1u << 30 :
					 n - have);
		ret = inflate(&g->zs, Z_NO_FLUSH);
		have = (size_t)(g->zs.next_out - out);
		if (ret == Z_STREAM_END)
			g->member_end = 1;
		else if (ret != Z_OK && ret != Z_BUF_ERROR)
			return fail(g, 0, g->zs.msg ? g->zs.msg :
						      "invalid compressed data");
	}
	return (long)have;
}

uint64_t ko_gz_offset(const struct ko_gz *g)
{
	return g->raw_read - g->zs.avail_in;
}

void ko_gz_close(struct ko_gz *g)
{
	if (g->zs_ready)
		inflateEnd(&g->zs);
	if (g->fd >= 0)
		close(g->fd);
	free(g->in);
	memset(g, 0, sizeof(*g));
	g->fd = -1;
}
