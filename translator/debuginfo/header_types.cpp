#include "header_types.h"

#include <fmt/format.h>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

extern char** environ;

namespace cxxtap::debuginfo {

namespace {

bool header_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '.' || c == '_' ||
         c == '-' || c == '+';
}

}  // namespace

std::optional<std::vector<std::string>> parse_header_list(const std::string& spec,
                                                          std::string& error) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < spec.size()) {
    const auto close = spec.find('>', i);
    if (spec[i] != '<' || close == std::string::npos || close == i + 1) {
      error = fmt::format("malformed header list '{}' (expected <header.h>...)", spec);
      return std::nullopt;
    }
    std::string h = spec.substr(i + 1, close - i - 1);
    for (char c : h)
      if (!header_char(c)) {
        error = fmt::format("bad character in header name '{}'", h);
        return std::nullopt;
      }
    out.push_back(std::move(h));
    i = close + 1;
  }
  if (out.empty()) {
    error = "empty header list";
    return std::nullopt;
  }
  return out;
}

std::optional<std::string> compile_headers(const std::vector<std::string>& headers,
                                           const std::string& dir, const std::string& stem,
                                           std::string& error) {
  const std::string src = fmt::format("{}/{}.c", dir, stem);
  const std::string obj = fmt::format("{}/{}.o", dir, stem);
  const std::string log = fmt::format("{}/{}.log", dir, stem);
  {
    std::ofstream out(src);
    for (const auto& h : headers) out << "#include <" << h << ">\n";
    if (!out) {
      error = fmt::format("cannot write '{}'", src);
      return std::nullopt;
    }
  }
  std::vector<std::string> args = {"cc",  "-g",        "-c", "-fno-eliminate-unused-debug-types",
                                    "-w", "-o",        obj,  src};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 2, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = 0;
  const int e = posix_spawnp(&pid, argv[0], &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  int status = 0;
  if (e != 0 || waitpid(pid, &status, 0) < 0) {
    error = "cannot run the C compiler 'cc' to read header types";
    return std::nullopt;
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::ifstream in(log);
    std::string line, first;
    while (std::getline(in, line))
      if (auto at = line.find("error: "); at != std::string::npos) {
        first = line.substr(at + 7);
        break;
      }
    std::string list;
    for (const auto& h : headers) list += "<" + h + ">";
    error = fmt::format("cannot compile headers {} for their types{}{}", list,
                        first.empty() ? "" : ": ", first);
    return std::nullopt;
  }
  return obj;
}

}  // namespace cxxtap::debuginfo
