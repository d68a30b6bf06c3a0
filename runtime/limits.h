/*
 * limits.h - resource limits of the cxxtap runtime.
 *
 * Every limit can be overridden on the compiler command line (stap -D NAME=VAL
 * reaches here as -DNAME=VAL).  Include this header as "limits.h" from inside
 * runtime/ (or as "runtime/limits.h"); never put runtime/ itself on the include
 * path, or it would shadow the C library's <limits.h>.
 */
#ifndef _STP_RUNTIME_LIMITS_H_
#define _STP_RUNTIME_LIMITS_H_

/* Longest string, including its terminating NUL. */
#ifndef MAXSTRINGLEN
#define MAXSTRINGLEN 512
#endif

/* Statements a probe handler may execute per hit. */
#ifndef MAXACTION
#define MAXACTION 1000
#endif

/* Statements for handlers that run with interrupts enabled (begin/end). */
#ifndef MAXACTION_INTERRUPTIBLE
#define MAXACTION_INTERRUPTIBLE (MAXACTION * 10)
#endif

/*
 * Nested function calls.  The translator normally computes this from the
 * call graph (plus 10 for recursive scripts); this is only the fallback.
 */
#ifndef MAXNESTING
#define MAXNESTING 10
#endif

/* Default capacity of a global array without a [N] size. */
#ifndef MAXMAPENTRIES
#define MAXMAPENTRIES 2048
#endif

/* Soft errors tolerated before the session exits (0: the first one exits). */
#ifndef MAXERRORS
#define MAXERRORS 0
#endif

/* Skipped probes tolerated before the session exits. */
#ifndef MAXSKIPPED
#define MAXSKIPPED 100
#endif

/* Attempts to take a global's lock before the probe is skipped. */
#ifndef MAXTRYLOCK
#define MAXTRYLOCK 100
#endif

/* Empty histogram buckets kept around data before a run is elided. */
#ifndef HIST_ELISION
#define HIST_ELISION 2
#endif

/* Width of the bar area of a printed histogram. */
#ifndef HIST_WIDTH
#define HIST_WIDTH 50
#endif

/* Largest number of buckets (including the two out-of-range ones) of a
 * linear histogram. */
#ifndef STP_MAX_HIST_BUCKETS
#define STP_MAX_HIST_BUCKETS 1024
#endif

/* Key columns of an associative array. */
#define STP_MAX_KEYS 9

#if MAXSTRINGLEN < 2
#error "MAXSTRINGLEN must be at least 2"
#endif

#endif /* _STP_RUNTIME_LIMITS_H_ */
