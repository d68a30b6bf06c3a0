// Runs the C bodies TargetTranslator generates (translator/debuginfo/
// target_code.h) in user space, as a kprobe would run them in the kernel.
//
// The harness is a C program written at test time and linked with a fixture
// object (fixture.h). It stands in for the runtime's side of the tapset
// embedded-C contract (tapset-cpp/README.md): struct pt_regs with the x86_64
// kernel's member names, CONTEXT->kregs, STAP_RETURN / STAP_ERROR /
// STAP_RETVALUE / STAP_ARG_*, and the helpers of runtime/linux/session/
// tapset_support.h, with _stp_tv_read failing below 64 KiB as the kernel's
// copy_from_kernel_nofault fails on the unmapped first pages.
//
// Each body runs where its probe hits: the harness puts an int3 at the probe
// address (the fixture's symbol + FunctionSite::symbol_offset) and calls the
// function; the SIGTRAP handler copies the interrupted registers into a
// struct pt_regs, runs the bodies of that "trap", and leaves the function
// with siglongjmp (the function itself never runs, so its arguments may be
// bad pointers). The registers and the stack are those of the real compiled
// code at the probe address: the -O2 entry (arguments in registers) and the
// -O0 probe after the prologue (arguments spilled below the frame base).
// Trap "regs" runs with registers main() sets (.return probes, @cast).
//
// The objects the bodies read live at fixed addresses (kArena), so that
// the expected output, pointers included, is known in advance.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace cxxtap::test {

inline constexpr uint64_t kArena = 0x5a000000;  // struct tv_rec rec
inline constexpr uint64_t kInner = kArena + 0x100;  // struct tv_inner
inline constexpr uint64_t kPair = kArena + 0x200;   // struct pair {3, 7}
inline constexpr uint64_t kArr = kArena + 0x300;    // int[4] {10, 20, 30, 40}
inline constexpr uint64_t kName = kArena + 0x400;   // "kworker", then 0xf0

struct TvBody {
  std::string trap;  // "use", "bad", "other", "sum" or "regs"
  std::string c;     // the body
  bool is_string = false;
  int64_t ptr = 0, i0 = 0;  // STAP_ARG_ptr, STAP_ARG_i0
};

// What the harness printed: per body, its result ("42", a string, or
// "ERROR: message"); per trap, whether it was hit. `error` is set when the
// harness did not build or run.
struct TvRun {
  std::string error;
  std::string log;  // compiler and harness output, for failure messages
  std::vector<std::string> results;
  std::map<std::string, bool> hit;
};

inline constexpr const char* kHarnessPreamble = R"C(
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <ucontext.h>
#include <unistd.h>

/* x86_64's struct pt_regs, member names as in the kernel. */
struct pt_regs {
	unsigned long r15, r14, r13, r12, bp, bx, r11, r10, r9, r8;
	unsigned long ax, cx, dx, si, di, orig_ax, ip, cs, flags, sp, ss;
};
struct tv_context { struct pt_regs *kregs; };
static struct tv_context tv_ctx;
#define CONTEXT (&tv_ctx)
#define MAXSTRINGLEN 512
#define min_t(type, x, y) ((type)(x) < (type)(y) ? (type)(x) : (type)(y))
#define strlcpy(dst, src, n) ((void)snprintf((dst), (n), "%s", (src)))

static struct {
	int kind; /* 0: nothing (a string result), 1: STAP_RETURN, 2: STAP_ERROR */
	long long value;
	char str[MAXSTRINGLEN];
	char error[256];
} tv_res;
static int64_t tv_arg_ptr, tv_arg_i0;
#define STAP_ARG_ptr tv_arg_ptr
#define STAP_ARG_i0 tv_arg_i0
#define STAP_RETVALUE (tv_res.str)
#define STAP_RETURN(v) do { tv_res.value = (int64_t)(v); tv_res.kind = 1; return; } while (0)
#define STAP_ERROR(...) do { snprintf(tv_res.error, sizeof tv_res.error, __VA_ARGS__); \
	tv_res.kind = 2; return; } while (0)

/* copy_from_kernel_nofault: the first 64 KiB fault; elsewhere a read of
 * our own memory that reports unmapped addresses instead of crashing. */
static __attribute__((unused)) int _stp_tv_read(void *dst, uint64_t addr, long n)
{
	struct iovec local = { dst, (size_t)n };
	struct iovec remote = { (void *)(uintptr_t)addr, (size_t)n };
	static int no_vm_readv;

	if (addr < 65536)
		return -14;
	if (!no_vm_readv) {
		if (process_vm_readv(getpid(), &local, 1, &remote, 1, 0) == n)
			return 0;
		if (errno == EFAULT)
			return -14;
		no_vm_readv = 1;
	}
	memcpy(dst, (const void *)(uintptr_t)addr, n);
	return 0;
}

static __attribute__((unused)) long _stp_strncpy_from_kernel(char *dst, uint64_t addr, long n)
{
	long i;

	for (i = 0; i + 1 < n; i++) {
		if (_stp_tv_read(dst + i, addr + i, 1)) {
			dst[0] = '\0';
			return -14;
		}
		if (!dst[i])
			return i;
	}
	if (n > 0)
		dst[i] = '\0';
	return i;
}

static __attribute__((unused)) void _stp_tv_appendf(char *buf, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static __attribute__((unused)) void _stp_tv_appendf(char *buf, const char *fmt, ...)
{
	size_t used = strnlen(buf, MAXSTRINGLEN - 1);
	va_list args;

	va_start(args, fmt);
	vsnprintf(buf + used, MAXSTRINGLEN - used, fmt, args);
	va_end(args);
}

static __attribute__((unused)) int _stp_tv_append_string(char *buf, uint64_t addr, long size)
{
	char s[64];
	size_t used = strnlen(buf, MAXSTRINGLEN - 1);

	if (_stp_strncpy_from_kernel(s, addr, min_t(long, size + 1, sizeof(s))) < 0)
		return -14;
	snprintf(buf + used, MAXSTRINGLEN - used, "\"%s\"", s);
	return 0;
}
)C";

class TvHarness {
 public:
  // `types`: the C types the fixture's functions take (kFixtureTypesC).
  explicit TvHarness(std::string types) : types_(std::move(types)) {}

  // Returns the body's index in TvRun::results.
  std::size_t add(TvBody b) {
    bodies_.push_back(std::move(b));
    return bodies_.size() - 1;
  }

  // The generated C of body `i`, for failure messages.
  const std::string& body(std::size_t i) const { return bodies_[i].c; }

  // Builds DIR/NAME from the harness and `object`, with the probes of the
  // traps at symbol + offset (`offsets`: "tv_use" -> offset ...), and runs it.
  TvRun run(const std::string& dir, const std::string& name, const std::string& object,
            const std::map<std::string, uint64_t>& offsets) const {
    TvRun r;
    const std::string c_path = dir + "/" + name + ".c", exe = dir + "/" + name;
    std::ofstream(c_path) << source(offsets);
    const std::string log = dir + "/" + name + ".log";
    const std::string cc = "cc -std=gnu11 -O1 -Wall -Werror -o '" + exe + "' '" + c_path +
                           "' '" + object + "' >'" + log + "' 2>&1";
    const bool built = std::system(cc.c_str()) == 0;
    r.log = slurp(log);
    if (!built) {
      r.error = "the harness does not compile:\n" + r.log;
      return r;
    }
    const std::string out = dir + "/" + name + ".out";
    const int rc = std::system(("'" + exe + "' >'" + out + "' 2>>'" + log + "'").c_str());
    r.log = slurp(log);
    std::istringstream lines(slurp(out));
    r.results.assign(bodies_.size(), "<no result>");
    for (std::string line; std::getline(lines, line);) {
      if (line.rfind("hit ", 0) == 0) {
        r.hit[line.substr(4)] = true;
        continue;
      }
      const auto tab = line.find('\t');
      if (tab == std::string::npos) continue;
      const std::size_t k = std::stoul(line.substr(0, tab));
      if (k < r.results.size()) r.results[k] = line.substr(tab + 1);
    }
    if (rc != 0) r.error = "the harness failed (status " + std::to_string(rc) + "):\n" + r.log;
    return r;
  }

 private:
  static std::string slurp(const std::string& path) {
    std::ifstream f(path);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
  }

  static std::string c_string(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    return out + "\"";
  }

  std::string source(const std::map<std::string, uint64_t>& offsets) const {
    std::ostringstream o;
    o << kHarnessPreamble << types_;
    o << "long tv_use(struct tv_rec *, int *, const char *, int, struct pair *, unsigned char);\n"
         "int fixture_other(const char *, struct pair *);\n"
         "int fixture_sum(int *, int);\n";
    for (std::size_t k = 0; k < bodies_.size(); ++k)
      o << "\nstatic void tv_body_" << k << "(void)\n{\n" << bodies_[k].c << "}\n";
    o << "\nstatic const struct tv_body {\n"
         "\tconst char *trap;\n\tvoid (*fn)(void);\n\tint is_string;\n"
         "\tint64_t ptr, i0;\n} tv_bodies[] = {\n";
    for (std::size_t k = 0; k < bodies_.size(); ++k)
      o << "\t{ " << c_string(bodies_[k].trap) << ", tv_body_" << k << ", "
        << bodies_[k].is_string << ", " << bodies_[k].ptr << "LL, " << bodies_[k].i0
        << "LL },\n";
    o << "\t{ 0, 0, 0, 0, 0 }\n};\n";
    o << R"C(
static char tv_out[1 << 16];

/* Runs the bodies of `trap` with `regs`; their results go to tv_out. */
static void tv_run(const char *trap, struct pt_regs *regs)
{
	const struct tv_body *b;
	size_t used = strlen(tv_out);

	used += snprintf(tv_out + used, sizeof(tv_out) - used, "hit %s\n", trap);
	tv_ctx.kregs = regs;
	for (b = tv_bodies; b->trap; b++) {
		if (strcmp(b->trap, trap))
			continue;
		memset(&tv_res, 0, sizeof(tv_res));
		/* The buffer is the caller's: not cleared for the body. */
		memset(tv_res.str, 'X', sizeof(tv_res.str) - 1);
		tv_arg_ptr = b->ptr;
		tv_arg_i0 = b->i0;
		b->fn();
		used += snprintf(tv_out + used, sizeof(tv_out) - used, "%d\t", (int)(b - tv_bodies));
		if (tv_res.kind == 2)
			used += snprintf(tv_out + used, sizeof(tv_out) - used, "ERROR: %s\n", tv_res.error);
		else if (tv_res.kind == 1 && !b->is_string)
			used += snprintf(tv_out + used, sizeof(tv_out) - used, "%lld\n", tv_res.value);
		else if (tv_res.kind == 0 && b->is_string)
			used += snprintf(tv_out + used, sizeof(tv_out) - used, "%s\n", tv_res.str);
		else
			used += snprintf(tv_out + used, sizeof(tv_out) - used, "<bad result kind %d>\n",
					 tv_res.kind);
	}
	tv_ctx.kregs = 0;
}

static sigjmp_buf tv_jmp;
static const char *tv_trap;

static void tv_on_trap(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	greg_t *g = uc->uc_mcontext.gregs;
	struct pt_regs r;

	(void)sig;
	(void)si;
	memset(&r, 0, sizeof(r));
	r.r15 = g[REG_R15]; r.r14 = g[REG_R14]; r.r13 = g[REG_R13]; r.r12 = g[REG_R12];
	r.bp = g[REG_RBP]; r.bx = g[REG_RBX]; r.r11 = g[REG_R11]; r.r10 = g[REG_R10];
	r.r9 = g[REG_R9]; r.r8 = g[REG_R8]; r.ax = g[REG_RAX]; r.cx = g[REG_RCX];
	r.dx = g[REG_RDX]; r.si = g[REG_RSI]; r.di = g[REG_RDI];
	r.ip = g[REG_RIP] - 1; /* the int3 */
	r.flags = g[REG_EFL]; r.sp = g[REG_RSP];
	tv_run(tv_trap, &r);
	siglongjmp(tv_jmp, 1);
}

/* An int3 at fn + off. */
static void tv_arm(void *fn, unsigned long off)
{
	long page = sysconf(_SC_PAGESIZE);
	unsigned char *p = (unsigned char *)fn + off;
	uintptr_t start = (uintptr_t)p & ~(uintptr_t)(page - 1);

	if (mprotect((void *)start, 2 * page, PROT_READ | PROT_WRITE | PROT_EXEC)) {
		perror("mprotect");
		exit(3);
	}
	*p = 0xcc;
}

#define TV_CALL(name, call) do {			\
		tv_trap = name;				\
		if (!sigsetjmp(tv_jmp, 1))		\
			call;				\
	} while (0)

int main(void)
{
	struct sigaction sa;
	char *arena = mmap((void *)0x5a000000UL, 0x10000, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	struct tv_rec *rec = (struct tv_rec *)arena;
	struct tv_inner *inner = (struct tv_inner *)(arena + 0x100);
	struct pair *pr = (struct pair *)(arena + 0x200);
	int *arr = (int *)(arena + 0x300);
	char *name = arena + 0x400;
	struct pt_regs regs;
	long (*use_raw)(void *, void *, const void *, unsigned long, void *, unsigned long) =
		(void *)tv_use;

	if (arena != (char *)0x5a000000UL) {
		perror("mmap");
		return 2;
	}
	rec->a = 1;
	rec->in.x = 100;
	rec->in.y = -3;
	rec->inner = inner;
	strcpy(rec->name, "abc");
	rec->uf = 5;
	rec->sf = -7;
	rec->wide = 0xabcde;
	rec->kind = TV_NEG;
	rec->num.s[0] = 1; rec->num.s[1] = 2; rec->num.s[2] = 3; rec->num.s[3] = 4;
	rec->ai = -1;
	rec->pp = pr;
	rec->sc = 'x';
	rec->sh = -300;
	rec->vals[0] = 10; rec->vals[1] = 20; rec->vals[2] = 30;
	inner->x = -5;
	inner->y = 9;
	pr->a = 3;
	pr->b = 7;
	arr[0] = 10; arr[1] = 20; arr[2] = 30; arr[3] = 40;
	strcpy(name, "kworker");
	name[8] = (char)0xf0;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = tv_on_trap;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGTRAP, &sa, 0);
)C";
    for (const auto& [fn, off] : offsets)
      o << "\ttv_arm((void *)" << fn << ", " << off << "UL);\n";
    o << R"C(
	/* int k = -3 and unsigned char c = 'A' with garbage in the registers'
	 * upper bits, as a caller may leave them. */
	TV_CALL("use", use_raw(rec, arr, name, 0x12345678fffffffdUL, pr, 0x7700000041UL));
	TV_CALL("bad", tv_use((struct tv_rec *)16, (int *)24, (const char *)8, 1,
			      (struct pair *)0x20, 0));
	TV_CALL("other", fixture_other(name, pr));
	TV_CALL("sum", fixture_sum(arr, 4));
	/* A return probe of `short tv_ret(short)` returning -2; @cast. */
	memset(&regs, 0, sizeof(regs));
	regs.ax = 0xdeadbeef0000fffeUL;
	tv_run("regs", &regs);
	fputs(tv_out, stdout);
	return 0;
}
)C";
    return o.str();
  }

  std::string types_;
  std::vector<TvBody> bodies_;
};

}  // namespace cxxtap::test
