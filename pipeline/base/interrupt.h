/*
 * interrupt.h - stopping cleanly on SIGINT / SIGTERM.
 *
 * ko_interrupt_install() makes the first SIGINT or SIGTERM only set a flag
 * (a second one kills the process as usual).  Long loops (the extract
 * reader checks it per chunk) poll ko_interrupted() and return
 * KO_ERR_STOPPED with "interrupted", so a run unwinds through its normal
 * error paths: temporary output files are removed and the previous
 * complete outputs stay as they were.
 */
#ifndef KO_INTERRUPT_H
#define KO_INTERRUPT_H

void ko_interrupt_install(void);
int ko_interrupted(void);
/* The signal that interrupted, or 0. */
int ko_interrupt_signal(void);

/* Forget a caught signal (tests). */
void ko_interrupt_clear(void);

/* Tests: the polls-th call of ko_interrupted() from now on (and every one
 * after it) answers as if SIGINT had been caught, so that a test can stop
 * a run at a chosen point without timing; 0 disarms.  ko_interrupt_clear
 * disarms too. */
void ko_interrupt_after(long polls);

#endif
