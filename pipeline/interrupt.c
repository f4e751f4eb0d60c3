/* interrupt.c - a flag set by SIGINT/SIGTERM (see interrupt.h). */
#include "interrupt.h"

#include <signal.h>
#include <string.h>

static volatile sig_atomic_t caught;

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
	return caught != 0;
}

int ko_interrupt_signal(void)
{
	return caught;
}

void ko_interrupt_clear(void)
{
	caught = 0;
}
