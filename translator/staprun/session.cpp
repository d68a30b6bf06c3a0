#include "session.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <iostream>
#include <map>
#include <set>
#include <thread>
#include <vector>

#include "msgs.h"

namespace cxxtap::staprun {
namespace {

using Clock = std::chrono::steady_clock;

int g_signal_pipe[2] = {-1, -1};

extern "C" void on_signal(int sig) {
  int saved = errno;
  unsigned char b = static_cast<unsigned char>(sig);
  [[maybe_unused]] ssize_t n = write(g_signal_pipe[1], &b, 1);
  errno = saved;
}

void install_signals() {
  if (g_signal_pipe[0] < 0 && pipe2(g_signal_pipe, O_CLOEXEC | O_NONBLOCK) != 0) return;
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  for (int s : {SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGQUIT, SIGCHLD}) sigaction(s, &sa, nullptr);
}

bool write_all(int fd, const char* p, std::size_t n) {
  while (n) {
    ssize_t w = write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    p += w;
    n -= static_cast<std::size_t>(w);
  }
  return true;
}

std::string expand_strftime(const std::string& pattern) {
  if (pattern.find('%') == std::string::npos) return pattern;
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  char buf[4096];
  std::size_t n = std::strftime(buf, sizeof buf, pattern.c_str(), &tm);
  return n ? std::string(buf, n) : pattern;
}

class Session {
 public:
  Session(const Options& o, std::string name) : o_(o), name_(std::move(name)) {}
  SessionResult run();

 private:
  bool open_cmd();
  bool send(uint32_t type, const void* payload, std::size_t len);
  // Reads and handles every queued control message; false when .cmd closed.
  bool read_messages();
  void handle(uint32_t type, const char* p, std::size_t len);
  bool open_traces();
  void read_traces(bool all);
  void emit(bool force);
  void send_exit();
  void start_child();
  void release_child();
  void drain();
  void error(const std::string& msg) {
    std::cerr << "ERROR: " << msg << '\n';
    result_.status = 1;
  }

  const Options& o_;
  std::string name_;
  std::string dir_;
  int cmd_ = -1;
  int out_ = 1;
  struct Trace {
    int fd;
    std::string bytes;  // unparsed tail of the stream
  };
  std::vector<Trace> traces_;
  std::map<uint32_t, std::string> records_;  // by sequence number
  uint32_t next_seq_ = 0;
  bool gap_seen_ = false;
  Clock::time_point gap_since_;
  bool transport_ = false, start_reply_ = false, started_ = false;
  bool exit_sent_ = false, exit_reply_ = false, closed_ = false;
  int interrupts_ = 0;
  bool daemonized_ = false;
  pid_t child_ = -1;
  bool child_waiting_ = false;  // the -c child waits for SIGUSR1 (start_child)
  std::set<std::string> warnings_seen_;
  SessionResult result_;
};

bool Session::open_cmd() {
  dir_ = "/proc/systemtap/" + name_;
  std::string path = dir_ + "/.cmd";
  for (int i = 0; i < 50; ++i) {
    cmd_ = open(path.c_str(), O_RDWR | O_CLOEXEC | O_NONBLOCK);
    if (cmd_ >= 0) return true;
    if (errno != ENOENT) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (errno == EBUSY)
    error("Couldn't open '" + path + "': another staprun is attached to module '" + name_ + "'");
  else if (errno == ENOENT)
    error("Couldn't open '" + path + "': module '" + name_ +
          "' is not loaded or is not a cxxtap/systemtap module");
  else
    error("Couldn't open '" + path + "': " + std::strerror(errno));
  return false;
}

bool Session::send(uint32_t type, const void* payload, std::size_t len) {
  char buf[STP_CTL_WRITE_MAX];
  std::memcpy(buf, &type, 4);
  if (len) std::memcpy(buf + 4, payload, len);
  ssize_t w = write(cmd_, buf, 4 + len);
  if (w == static_cast<ssize_t>(4 + len) || w == static_cast<ssize_t>(8 + len)) return true;
  if (o_.verbose > 1)
    std::cerr << "staprun: message " << type << ": " << std::strerror(errno) << '\n';
  return false;
}

void Session::handle(uint32_t type, const char* p, std::size_t len) {
  switch (type) {
    case STP_TRANSPORT: transport_ = true; break;
    case STP_START: {
      _stp_msg_start st{};
      std::memcpy(&st, p, std::min(len, sizeof st));
      start_reply_ = true;
      if (st.res != 0) {
        error("Couldn't start the module's probes: " +
              std::string(std::strerror(st.res < 0 ? -st.res : st.res)));
      } else {
        started_ = true;
      }
      break;
    }
    case STP_OOB_DATA: {
      std::string text(p, len);
      while (!text.empty() && text.back() == '\0') text.pop_back();
      if (text.rfind("WARNING:", 0) == 0) {
        if (o_.suppress_warnings) break;
        if (!o_.verbose && !warnings_seen_.insert(text).second) break;
      } else if (text.rfind("ERROR:", 0) == 0) {
        result_.status = 1;
      }
      // Keep output and messages in order as far as we can.
      read_traces(false);
      emit(false);
      std::cerr << text << std::flush;
      break;
    }
    case STP_REQUEST_EXIT: send_exit(); break;
    case STP_EXIT: exit_reply_ = true; break;
    case STP_SYSTEM: {
      std::string cmd(p, strnlen(p, std::min<std::size_t>(len, 128)));
      if (pid_t pid = fork(); pid == 0) {
        if (fork() == 0) {
          execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
          _exit(127);
        }
        _exit(0);
      } else if (pid > 0) {
        waitpid(pid, nullptr, 0);
      }
      break;
    }
    default:
      if (o_.verbose > 1) std::cerr << "staprun: ignoring message type " << type << '\n';
  }
}

bool Session::read_messages() {
  char buf[4 + 8192];
  for (;;) {
    ssize_t n = read(cmd_, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno == EAGAIN;
    }
    if (n == 0) {
      closed_ = true;
      return false;
    }
    if (n < 4) continue;
    uint32_t type;
    std::memcpy(&type, buf, 4);
    handle(type, buf + 4, static_cast<std::size_t>(n - 4));
  }
}

bool Session::open_traces() {
  int n = get_nprocs_conf();
  for (int i = 0; i < n || i < 1; ++i) {
    std::string path = dir_ + "/trace" + std::to_string(i);
    int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd >= 0) traces_.push_back({fd, {}});
  }
  if (traces_.empty()) {
    error("Couldn't open the output files " + dir_ + "/trace*: " + std::strerror(errno));
    return false;
  }
  return true;
}

void Session::read_traces(bool all) {
  char buf[65536];
  for (auto& t : traces_) {
    for (;;) {
      ssize_t n = read(t.fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      t.bytes.append(buf, static_cast<std::size_t>(n));
      if (!all && n < static_cast<ssize_t>(sizeof buf)) break;
    }
    std::size_t pos = 0;
    while (t.bytes.size() - pos >= sizeof(_stp_trace)) {
      _stp_trace h;
      std::memcpy(&h, t.bytes.data() + pos, sizeof h);
      if (t.bytes.size() - pos - sizeof h < h.pdu_len) break;
      records_[h.sequence].assign(t.bytes.data() + pos + sizeof h, h.pdu_len);
      pos += sizeof h + h.pdu_len;
    }
    t.bytes.erase(0, pos);
  }
}

// Writes records in sequence order. A gap (a record still in another cpu's
// ring, or one that was dropped) is waited for up to half a second, or not
// at all when `force`.
void Session::emit(bool force) {
  while (!records_.empty()) {
    auto it = records_.begin();
    if (it->first != next_seq_ && !force) {
      if (!gap_seen_) {
        gap_seen_ = true;
        gap_since_ = Clock::now();
        return;
      }
      if (Clock::now() - gap_since_ < std::chrono::milliseconds(500)) return;
    }
    gap_seen_ = false;
    if (!write_all(out_, it->second.data(), it->second.size()) && errno == EPIPE) {
      records_.clear();
      return;
    }
    next_seq_ = it->first + 1;
    records_.erase(it);
  }
}

void Session::send_exit() {
  if (exit_sent_) return;
  exit_sent_ = true;
  if (o_.verbose) std::cerr << "staprun: stopping module " << name_ << '\n';
  send(STP_EXIT, nullptr, 0);
}

// The -c child waits for the probes to start in sigwait() for SIGUSR1,
// which is not a read: a probe on read()/vfs_read filtered on target()
// must not see the wait (a pipe read would be entered before the probes
// exist and return after). SIGUSR1 is blocked around the fork so that it
// cannot arrive before the child waits; the child dies with staprun.
void Session::start_child() {
  sigset_t usr1, old;
  sigemptyset(&usr1);
  sigaddset(&usr1, SIGUSR1);
  sigprocmask(SIG_BLOCK, &usr1, &old);
  child_ = fork();
  if (child_ == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    int sig = 0;
    if (sigwait(&usr1, &sig) != 0 || sig != SIGUSR1) _exit(1);
    sigprocmask(SIG_SETMASK, &old, nullptr);  // exec keeps the mask
    signal(SIGPIPE, SIG_DFL);
    execl("/bin/sh", "sh", "-c", o_.command.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  sigprocmask(SIG_SETMASK, &old, nullptr);
  if (child_ < 0) {
    error(std::string("fork: ") + std::strerror(errno));
    return;
  }
  child_waiting_ = true;
}

// Lets the child exec once the probes run; otherwise it is killed.
void Session::release_child() {
  if (!child_waiting_) return;
  child_waiting_ = false;
  if (child_ > 0) kill(child_, started_ ? SIGUSR1 : SIGKILL);
}

void Session::drain() {
  read_messages();
  read_traces(true);
  emit(true);
}

SessionResult Session::run() {
  install_signals();
  if (!open_cmd()) return result_;
  result_.connected = true;
  if (!o_.output_file.empty()) {
    std::string path = expand_strftime(o_.output_file);
    out_ = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (out_ < 0) {
      error("Couldn't open output file '" + path + "': " + std::strerror(errno));
      close(cmd_);
      return result_;
    }
  }

  if (!o_.attach) {
    send(STP_READY, nullptr, 0);
    // The module queued STP_TRANSPORT at init.
    auto deadline = Clock::now() + std::chrono::seconds(10);
    while (!transport_ && Clock::now() < deadline) {
      pollfd p{cmd_, POLLIN, 0};
      poll(&p, 1, 100);
      if (!read_messages()) break;
    }
    if (!transport_) {
      error("module '" + name_ + "' did not answer (no STP_TRANSPORT message)");
      close(cmd_);
      return result_;
    }
    char dummy[128] = {};
    send(STP_BULK, dummy, sizeof dummy);  // EINVAL: not bulk mode
  }
  if (!open_traces()) {
    close(cmd_);
    return result_;
  }
  if (!o_.attach) {
    if (!o_.command.empty()) start_child();
    _stp_msg_start st{};
    st.target = child_ > 0 ? child_ : o_.target_pid;
    if (!send(STP_START, &st, sizeof st)) error(std::string("STP_START: ") + std::strerror(errno));
  } else {
    started_ = start_reply_ = true;
    if (o_.verbose) std::cerr << "staprun: attached to module " << name_ << std::endl;
  }

  bool detach = false;
  while (!exit_reply_ && !closed_) {
    std::vector<pollfd> fds;
    fds.push_back({cmd_, POLLIN, 0});
    fds.push_back({g_signal_pipe[0], POLLIN, 0});
    for (auto& t : traces_) fds.push_back({t.fd, POLLIN, 0});
    poll(fds.data(), fds.size(), 100);

    unsigned char sig;
    while (read(g_signal_pipe[0], &sig, 1) == 1) {
      if (sig == SIGCHLD) {
        int st;
        if (child_ > 0 && waitpid(child_, &st, WNOHANG) == child_) {
          child_ = -1;
          send_exit();
        }
        continue;
      }
      if (sig == SIGQUIT) {
        detach = true;
        continue;
      }
      ++interrupts_;
      if (!start_reply_ || interrupts_ >= 3) {
        closed_ = true;  // give up waiting for the module
        break;
      }
      send_exit();
    }
    if (!read_messages() && !closed_) break;
    read_traces(false);
    emit(false);

    if (start_reply_ && child_waiting_) release_child();
    if (start_reply_ && !started_) break;  // start failed: unload
    if (started_ && !exit_sent_ && (o_.load_only || detach)) {
      detach = true;
      break;
    }
    if (started_ && o_.daemon && !daemonized_) {
      daemonized_ = true;
      // -D: the parent reports the daemon's pid and leaves.
      pid_t pid = fork();
      if (pid > 0) {
        std::cout << pid << std::endl;
        _exit(0);
      }
      setsid();
      int null = open("/dev/null", O_RDWR);
      if (null >= 0) {
        dup2(null, 0);
        dup2(null, 2);
        if (out_ != 1) dup2(null, 1);
        close(null);
      }
    }
  }
  drain();
  if (child_ > 0) {
    kill(child_, SIGTERM);
    waitpid(child_, nullptr, 0);
    child_waiting_ = false;  // reaped: its pid must not be signalled again
  }
  for (auto& t : traces_) close(t.fd);
  close(cmd_);
  if (out_ != 1) close(out_);
  if (detach) {
    result_.end = SessionEnd::kDetached;
    std::cerr << "\nDisconnecting from systemtap module.\n"
              << "To reconnect, type \"staprun -A " << name_ << "\"\n";
  }
  return result_;
}

}  // namespace

SessionResult run_session(const Options& o, const std::string& name) {
  return Session(o, name).run();
}

}  // namespace cxxtap::staprun
