/*
 * reader_igzip.c - the igzip inflate back end (ISA-L, libisal): 2-3x
 * zlib's inflate on x86-64.  The framing (the file, what may follow a
 * member, errors) is reader_gz.c's, the same as for zlib.
 */
#include "reader_impl.h"

#include <isa-l/igzip_lib.h>
#include <stdlib.h>

static void igzip_init(struct inflate_state *s)
{
	isal_inflate_init(s);
	s->crc_flag = ISAL_GZIP; /* header parsed, CRC-32 and size checked */
}

static void *igzip_create(void)
{
	struct inflate_state *s = malloc(sizeof(*s));

	if (s)
		igzip_init(s);
	return s;
}

static const char *igzip_error(int ret)
{
	switch (ret) {
	case ISAL_INVALID_BLOCK:
		return "invalid block type";
	case ISAL_INVALID_SYMBOL:
		return "invalid code";
	case ISAL_INVALID_LOOKBACK:
		return "invalid distance too far back";
	case ISAL_INVALID_WRAPPER:
		return "incorrect header check";
	case ISAL_UNSUPPORTED_METHOD:
		return "unknown compression method";
	case ISAL_INCORRECT_CHECKSUM:
		return "incorrect data check";
	default:
		return "invalid compressed data";
	}
}

static int igzip_step(void *state, struct ko_gz *g, unsigned char *out,
		      size_t n, size_t *produced, char *msg, size_t msg_len)
{
	struct inflate_state *s = state;
	uint32_t in = (uint32_t)(g->avail_in > 1u << 30 ? 1u << 30 :
							  g->avail_in);
	int ret;

	s->next_in = g->next_in;
	s->avail_in = in;
	s->next_out = out;
	s->avail_out = (uint32_t)(n > 1u << 30 ? 1u << 30 : n);
	ret = isal_inflate(s);
	*produced = (size_t)(s->next_out - out);
	g->avail_in -= (size_t)(in - s->avail_in);
	g->next_in = s->next_in;
	if (ret < 0) {
		snprintf(msg, msg_len, "%s", igzip_error(ret));
		return -1;
	}
	/* ISAL_BLOCK_FINISH: the trailer checked and every byte written;
	 * isal_inflate hands back the input it buffered past the trailer */
	return s->block_state == ISAL_BLOCK_FINISH;
}

static int igzip_reset(void *state)
{
	igzip_init(state);
	return 0;
}

static void igzip_destroy(void *state)
{
	free(state);
}

const struct ko_inflater ko_inflater_igzip = {
	"igzip", igzip_create, igzip_step, igzip_reset, igzip_destroy,
};
