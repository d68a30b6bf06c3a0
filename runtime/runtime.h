/*
 * runtime.h - everything a generated module (or the user-space build of
 * one) needs from the core of the runtime.  Define __KERNEL__ (kbuild does)
 * for the kernel platform layer; otherwise the user-space one is used.
 */
#ifndef _STP_RUNTIME_RUNTIME_H_
#define _STP_RUNTIME_RUNTIME_H_

#include "platform.h"
#include "limits.h"
#include "outbuf.h"
#include "format_parse.h"
#include "printf.h"
#include "string.h"
#include "stat.h"
#include "map.h"
#include "context.h"
#include "lock.h"
#include "frame.h"
#include "regex.h"

#endif /* _STP_RUNTIME_RUNTIME_H_ */
