/* progress.c - updating progress lines on a terminal (see progress.h). */
#include "progress.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define SLOTS 16
#define INTERVAL 0.25 /* seconds between redraws */

struct slot {
	char extract[64];
	struct ko_reader_stats stats;
	double start;
	int active;
};

struct ko_progress {
	FILE *out;
	pthread_mutex_t mu;
	char stage[32];
	struct slot slots[SLOTS];
	int drawn;        /* live lines now on screen, below the finished ones */
	double last_draw;
};

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

struct ko_progress *ko_progress_new(FILE *out)
{
	struct ko_progress *p;

	if (!out || !isatty(fileno(out)))
		return NULL;
	p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->out = out;
	pthread_mutex_init(&p->mu, NULL);
	return p;
}

void ko_progress_free(struct ko_progress *p)
{
	if (!p)
		return;
	pthread_mutex_destroy(&p->mu);
	free(p);
}

static struct slot *slot_of(struct ko_progress *p, const char *extract,
			    int create)
{
	struct slot *free_slot = NULL;
	int i;

	for (i = 0; i < SLOTS; i++) {
		if (p->slots[i].active && !strcmp(p->slots[i].extract, extract))
			return &p->slots[i];
		if (!p->slots[i].active && !free_slot)
			free_slot = &p->slots[i];
	}
	if (!create || !free_slot)
		return NULL;
	memset(free_slot, 0, sizeof(*free_slot));
	snprintf(free_slot->extract, sizeof(free_slot->extract), "%s", extract);
	free_slot->start = now();
	free_slot->active = 1;
	return free_slot;
}

static void format_live(char *buf, size_t size, const char *stage,
			const struct slot *s, double t)
{
	const struct ko_reader_stats *st = &s->stats;
	double secs = t - s->start, mb = (double)st->bytes_text / 1e6;
	double share = st->bytes_total
		? (double)st->bytes_in / (double)st->bytes_total : 0;
	char eta[32] = "";

	if (share > 0.01 && share < 1) {
		long left = (long)(secs * (1 - share) / share + 0.5);

		snprintf(eta, sizeof(eta), "  ETA %ld:%02ld", left / 60, left % 60);
	}
	snprintf(buf, size, "  %-7s %-20s %12ld rows %4.0f%% %8.1f MB/s%s", stage,
		 s->extract, st->rows, share * 100,
		 secs > 0 ? mb / secs : 0.0, eta);
}

/* Rewrite the live lines in place (the cursor is below them). */
static void draw(struct ko_progress *p)
{
	char line[256];
	double t = now();
	int i, n = 0;

	if (p->drawn)
		fprintf(p->out, "\033[%dA", p->drawn);
	for (i = 0; i < SLOTS; i++) {
		if (!p->slots[i].active)
			continue;
		format_live(line, sizeof(line), p->stage, &p->slots[i], t);
		fprintf(p->out, "\r\033[K%s\n", line);
		n++;
	}
	fputs("\033[J", p->out);
	fflush(p->out);
	p->drawn = n;
	p->last_draw = t;
}

/* A finished line above the live ones, which are redrawn below it. */
static void print_above(struct ko_progress *p, const char *line)
{
	if (p->drawn)
		fprintf(p->out, "\033[%dA\033[J", p->drawn);
	p->drawn = 0;
	fprintf(p->out, "%s\n", line);
	draw(p);
}

void ko_progress_stage(struct ko_progress *p, const char *stage)
{
	char line[80];

	if (!p)
		return;
	pthread_mutex_lock(&p->mu);
	snprintf(p->stage, sizeof(p->stage), "%s", stage);
	snprintf(line, sizeof(line), "%s ...", stage);
	print_above(p, line);
	pthread_mutex_unlock(&p->mu);
}

void ko_progress_stage_done(struct ko_progress *p, const char *stage,
			    double seconds, double cpu_seconds)
{
	char line[80];

	if (!p)
		return;
	pthread_mutex_lock(&p->mu);
	snprintf(line, sizeof(line), "%s: %.2f s, %.2f s CPU", stage, seconds,
		 cpu_seconds);
	print_above(p, line);
	pthread_mutex_unlock(&p->mu);
}

void ko_progress_update(struct ko_progress *p, const char *extract,
			const struct ko_reader_stats *stats)
{
	struct slot *s;

	if (!p)
		return;
	pthread_mutex_lock(&p->mu);
	s = slot_of(p, extract, 1);
	if (s)
		s->stats = *stats;
	if (now() - p->last_draw >= INTERVAL)
		draw(p);
	pthread_mutex_unlock(&p->mu);
}

void ko_progress_format_done(char *buf, size_t size, const char *extract,
			     const struct ko_reader_stats *st, double seconds)
{
	snprintf(buf, size, "  %-20s %12ld rows %9.1f MB %7.2f s %7.1f MB/s%s",
		 extract, st->rows, (double)st->bytes_text / 1e6, seconds,
		 seconds > 0 ? (double)st->bytes_text / 1e6 / seconds : 0.0,
		 st->rejected ? " (rows rejected: see rejects/)" : "");
}

void ko_progress_done(struct ko_progress *p, const char *extract,
		      const struct ko_reader_stats *stats, double seconds)
{
	struct slot *s;
	char line[256];

	if (!p)
		return;
	pthread_mutex_lock(&p->mu);
	s = slot_of(p, extract, 0);
	if (s)
		s->active = 0;
	ko_progress_format_done(line, sizeof(line), extract, stats, seconds);
	print_above(p, line);
	pthread_mutex_unlock(&p->mu);
}
