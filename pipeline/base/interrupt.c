/* interrupt.c - a flag set by SIGINT/SIGTERM (see interrupt.h). */
#include "interrupt.h"

#include <signal.h>
#include <stdatomic.h>
#include <string.h>

static volatile sig_atomic_t caught;
/* ko_interrupt_after: polls left before a pretended SIGINT (0: none).
 * Atomic: the extract reader polls from several threads. */
static atomic_long countdown;

static void on_signal(int sig)
{
	caught = sig;
	/* the next one is not caught: a user can always kill a stuck run */
	signal(sig, SIG_DFL);
}

void ko_interrupt_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

int ko_interrupted(void)
{
	if (atomic_load_explicit(&countdown, memory_order_relaxed) > 0 &&
	    atomic_fetch_sub(&countdown, 1) == 1)
		caught = SIGINT;
	return caught != 0;
}

int ko_interrupt_signal(void)
{
	return caught;
}

void ko_interrupt_clear(void)
{
	caught = 0;
	atomic_store(&countdown, 0);
}

void ko_interrupt_after(long polls)
{
	atomic_store(&countdown, polls > 0 ? polls : 0);
}
