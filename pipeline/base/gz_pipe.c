/* gz_pipe.c - gzip output compressed on a second thread (gz_pipe.h). */
#include "gz_pipe.h"

#include <stdlib.h>
#include <string.h>

/* The thread: gzwrite each buffer handed over, in turn, until stopped. */
static void *pipe_run(void *arg)
{
	struct ko_gz_pipe *p = arg;
	int k = 0, bad;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (!p->full[k] && !p->stop)
			pthread_cond_wait(&p->cv, &p->mu);
		if (!p->full[k])
			break;
		pthread_mutex_unlock(&p->mu);
		bad = p->len[k] &&
		      gzwrite(p->gz, p->buf[k], (unsigned)p->len[k]) !=
			      (int)p->len[k];
		pthread_mutex_lock(&p->mu);
		p->failed |= bad;
		p->len[k] = 0;
		p->full[k] = 0;
		pthread_cond_broadcast(&p->cv);
		k ^= 1;
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

int ko_gz_pipe_start(struct ko_gz_pipe *p, gzFile gz, size_t write_max)
{
	memset(p, 0, sizeof(*p));
	p->gz = gz;
	p->size = write_max > KO_GZ_PIPE_BYTES ? write_max : KO_GZ_PIPE_BYTES;
	p->buf[0] = malloc(p->size);
	p->buf[1] = malloc(p->size);
	if (p->buf[0] && p->buf[1]) {
		pthread_mutex_init(&p->mu, NULL);
		pthread_cond_init(&p->cv, NULL);
		if (!pthread_create(&p->thread, NULL, pipe_run, p))
			return 0;
		pthread_mutex_destroy(&p->mu);
		pthread_cond_destroy(&p->cv);
	}
	free(p->buf[0]);
	free(p->buf[1]);
	p->buf[0] = p->buf[1] = NULL;
	return -1;
}

/* Hand the buffer being filled to the thread and wait for the other. */
static void hand_over(struct ko_gz_pipe *p)
{
	pthread_mutex_lock(&p->mu);
	p->full[p->fill] = 1;
	pthread_cond_broadcast(&p->cv);
	p->fill ^= 1;
	while (p->full[p->fill])
		pthread_cond_wait(&p->cv, &p->mu);
	pthread_mutex_unlock(&p->mu);
}

int ko_gz_pipe_write(struct ko_gz_pipe *p, const char *b, size_t n)
{
	if (p->len[p->fill] + n > p->size)
		hand_over(p);
	if (n > p->size)
		return -1;
	memcpy(p->buf[p->fill] + p->len[p->fill], b, n);
	p->len[p->fill] += n;
	return 0;
}

int ko_gz_pipe_finish(struct ko_gz_pipe *p)
{
	int failed;

	pthread_mutex_lock(&p->mu);
	p->full[p->fill] = 1;
	p->stop = 1;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	pthread_join(p->thread, NULL);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->cv);
	failed = p->failed;
	free(p->buf[0]);
	free(p->buf[1]);
	return failed ? -1 : 0;
}

