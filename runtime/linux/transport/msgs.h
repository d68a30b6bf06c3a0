/*
 * transport/msgs.h - the control messages between a module and staprun.
 *
 * Shared by the kernel side (the transport C files) and by staprun (C++), so it uses
 * only fixed-size types.  The ids and layouts are those the SystemTap 4.8
 * loader speaks (described in systemtap-facts.md section 5.3): every message
 * on the .cmd file is a u32 type followed by its payload, in host byte
 * order.  One read() of .cmd returns one whole message.
 *
 * Output records on the trace<N> files are a struct _stp_trace header
 * followed by pdu_len bytes of text; sequence numbers are global, so a
 * reader merging the per-cpu files can restore the order of the flushes.
 */
#ifndef _STP_TRANSPORT_MSGS_H_
#define _STP_TRANSPORT_MSGS_H_

#ifdef __KERNEL__
#include <linux/types.h>
typedef u32 _stp_u32;
typedef s32 _stp_s32;
typedef u64 _stp_u64;
typedef s64 _stp_s64;
#else
#include <stdint.h>
typedef uint32_t _stp_u32;
typedef int32_t _stp_s32;
typedef uint64_t _stp_u64;
typedef int64_t _stp_s64;
#endif

enum {
	STP_START = 0,			/* both: struct _stp_msg_start */
	STP_EXIT = 1,			/* both: no payload */
	STP_OOB_DATA = 2,		/* module -> user: text */
	STP_SYSTEM = 3,			/* module -> user: char cmd[128] */
	STP_TRANSPORT = 4,		/* module -> user: no payload */
	STP_CONNECT = 5,		/* unused */
	STP_DISCONNECT = 6,		/* unused */
	STP_BULK = 7,			/* user -> module: 128 bytes; EINVAL = no */
	STP_READY = 8,			/* user -> module: no payload */
	STP_RELOCATION = 9,		/* user -> module */
	STP_BUF_INFO = 10,		/* obsolete */
	STP_SUBBUFS_CONSUMED = 11,	/* obsolete */
	STP_REALTIME_DATA = 12,		/* obsolete */
	STP_REQUEST_EXIT = 13,		/* module -> user: no payload */
	STP_TZINFO = 14,		/* user -> module */
	STP_PRIVILEGE_CREDENTIALS = 15,	/* user -> module */
	STP_REMOTE_ID = 16,		/* user -> module */
	STP_MAX_CMD = 17,
	STP_NAMESPACES_PID = 18,	/* user -> module */
};

/* Largest user -> module write, type included. */
#define STP_CTL_WRITE_MAX 1024
/* Largest module -> user payload (the type comes on top). */
#define STP_CTL_BUFFER_SIZE 384
/* Largest output record payload. */
#define STP_TRACE_PDU_MAX (128 * 1024)

struct _stp_msg_start {
	_stp_s32 target;	/* pid_t */
	_stp_s32 res;
};

struct _stp_msg_relocation {
	char module[128];
	char reloc[128];
	_stp_u64 address;
};

struct _stp_msg_tzinfo {
	_stp_s64 tz_gmtoff;
	char tz_name[64];
};

struct _stp_msg_privilege_credentials {
	_stp_s32 pc_group_mask;
};

struct _stp_msg_remote_id {
	_stp_s32 remote_id;
	char remote_uri[128];
};

struct _stp_msg_ns_pid {
	_stp_s32 target;
};

struct _stp_trace {
	_stp_u32 sequence;
	_stp_u32 pdu_len;
};

#endif /* _STP_TRANSPORT_MSGS_H_ */
