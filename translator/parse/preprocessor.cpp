// The preprocessor: macro definition and expansion, and conditionals.
//
// Model (as observed from stap 4.8; stap(1) says both branches are
// macro-expanded, which is only half true):
//
//  * raw()       yields the next token from the innermost expansion frame or,
//                when there is none, from the input; no interpretation.
//  * expanded()  raw() plus `@define` handling and expansion of `@NAME`
//                (parameters first, then macros), lazily: a macro body is
//                pushed as a frame and read token by token, so a body may
//                contain conditionals and further invocations.
//  * cooked()    expanded() plus conditionals; this is what next() returns.
//
// Conditions are read from expanded() (macros work inside them, nested
// conditionals do not). Skipped branches are read from expanded() too, so a
// macro expanding to `%:` or `%)` counts there, but quietly: `@define` is an
// ordinary token, and an invocation with the wrong number of arguments is
// dropped without an error (a missing `(` swallows the token in its place).
// Macro arguments are gathered raw from the frame (or input) holding the
// invocation and are resolved lazily in the caller's parameter environment.
// Nothing here recurses on the input structure, and the frame depth and the
// amount of expansion are bounded, so no input can hang or overflow the stack.
#include "preprocessor.h"

#include <cxxtap/lang/string_literal.h>

#include <fmt/format.h>

#include <fnmatch.h>

#include <array>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <optional>
#include <string_view>

namespace cxxtap::parse {

namespace {

// Limits that keep recursive or exploding macros from hanging the parse.
constexpr std::size_t kMaxFrames = 1000;               // nested expansions
constexpr std::size_t kMaxExpansions = 1000000;        // invocations per input
constexpr std::size_t kMaxExpandedTokens = 20000000;   // tokens read from frames
constexpr std::size_t kMaxErrors = 500;                // then give up (Eof)

constexpr std::array<std::string_view, 20> kKeywords = {
    "probe", "global", "private", "function", "if",     "else",     "for",
    "foreach", "in",   "limit",   "return",   "delete", "while",    "break",
    "continue", "next", "string", "long",     "try",    "catch"};

// The language's own @-operators (without the '@'); they pass through.
constexpr std::array<std::string_view, 23> kBuiltinOps = {
    "cast",      "defined",  "probewrite", "entry",     "perf",      "var",
    "avg",       "count",    "sum",        "min",       "max",       "hist_linear",
    "hist_log",  "const",    "variance",   "kregister", "uregister", "kderef",
    "uderef",    "errno",    "enum",       "enumname",  "define"};

bool pp_is_keyword(std::string_view w) {
  for (auto k : kKeywords)
    if (k == w) return true;
  return false;
}

bool is_builtin_op(std::string_view w) {
  for (auto k : kBuiltinOps)
    if (k == w) return true;
  return false;
}

bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

// The lexer keeps string escapes as written; a condition compares the
// bytes (e.g. CONFIG_X == "\"text\"").
std::string unescape(std::string_view s) { return lang::unescape_literal(s); }

bool has_wildcard(std::string_view s) { return s.find_first_of("*?[") != std::string_view::npos; }

bool glob_match(const std::string& pattern, const std::string& text) {
  return ::fnmatch(pattern.c_str(), text.c_str(), 0) == 0;
}

// A kernel config value as a number: "" is 0; otherwise the whole text must
// be a C integer literal.
std::optional<int64_t> config_number(const std::string& v) {
  if (v.empty()) return 0;
  errno = 0;
  char* end = nullptr;
  long long n = std::strtoll(v.c_str(), &end, 0);
  if (errno == ERANGE || end == v.c_str() || *end != '\0') return std::nullopt;
  return static_cast<int64_t>(n);
}

enum class CmpOp { Lt, Le, Eq, Ne, Gt, Ge };

std::optional<CmpOp> comparison(const Token& t) {
  if (t.kind != TokenKind::Operator) return std::nullopt;
  if (t.text == "<") return CmpOp::Lt;
  if (t.text == "<=") return CmpOp::Le;
  if (t.text == "==") return CmpOp::Eq;
  if (t.text == "!=") return CmpOp::Ne;
  if (t.text == ">") return CmpOp::Gt;
  if (t.text == ">=") return CmpOp::Ge;
  return std::nullopt;
}

bool holds(CmpOp op, int c) {
  switch (op) {
    case CmpOp::Lt: return c < 0;
    case CmpOp::Le: return c <= 0;
    case CmpOp::Eq: return c == 0;
    case CmpOp::Ne: return c != 0;
    case CmpOp::Gt: return c > 0;
    case CmpOp::Ge: return c >= 0;
  }
  return false;
}

template <typename T>
int three_way(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

// A failed condition: where to report, what, and the token the parse
// stopped at (recovery resumes from it).
struct CondError {
  ir::SourceLoc loc;
  std::string msg;
  Token stopped;
};

}  // namespace

// Version order in the manner of strverscmp(3): strings compare bytewise,
// except where the first difference falls in (or right after) a run of
// digits. An integral run (no leading zero) compares by length first, then
// by value; a run with a leading zero reads as a fraction, and while only
// zeros have been seen, the run that stops earlier is the greater.
int version_compare(std::string_view a, std::string_view b) {
  std::size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  auto at = [](std::string_view s, std::size_t k) -> unsigned char {
    return k < s.size() ? static_cast<unsigned char>(s[k]) : 0;
  };
  unsigned char ca = at(a, i), cb = at(b, i);
  if (i >= a.size() && i >= b.size()) return 0;
  int bytes = ca < cb ? -1 : 1;  // they differ here
  bool da = is_digit(ca), db = is_digit(cb);
  auto by_length = [&]() {
    std::size_t la = i, lb = i;
    while (la < a.size() && is_digit(a[la])) ++la;
    while (lb < b.size() && is_digit(b[lb])) ++lb;
    if (la - i != lb - i) return la - i < lb - i ? -1 : 1;
    return bytes;
  };
  std::size_t j = i;  // start of the digit run shared so far
  while (j > 0 && is_digit(a[j - 1])) --j;
  if (j == i) {
    // The difference starts a run: numbers without leading zeros compare
    // by magnitude; anything else bytewise.
    if (da && db && ca != '0' && cb != '0') return by_length();
    return bytes;
  }
  if (a[j] != '0') {  // integral run
    if (da && db) return by_length();
    if (da) return 1;
    if (db) return -1;
    return bytes;
  }
  bool only_zeros = true;
  for (std::size_t k = j; k < i; ++k)
    if (a[k] != '0') only_zeros = false;
  if (only_zeros) {
    if (da && !db) return -1;
    if (!da && db) return 1;
  }
  return bytes;
}

struct Preprocessor::Impl {
  // Parameter bindings of one invocation. An argument keeps the environment
  // it was written in, so `@x` inside it means the caller's `@x`.
  struct Env;
  struct Binding {
    std::vector<Token> tokens;
    std::shared_ptr<const Env> env;
    bool shared_scope = false;
  };
  struct Env {
    std::map<std::string, Binding> params;
  };
  // Tokens being replayed: a macro body or an argument.
  struct Frame {
    const std::vector<Token>* tokens = nullptr;
    std::size_t pos = 0;
    std::shared_ptr<const Env> owner;  // keeps `tokens` alive for arguments
    std::shared_ptr<const Env> env;    // resolves @NAME read from this frame
    bool shared_scope = false;         // only library macros are visible
    ir::SourceLoc stamp;               // expanded_from for the tokens
    bool exhausted() const { return pos >= tokens->size(); }
  };
  struct Cond {
    ir::SourceLoc open;
    bool in_else = false;
  };

  TokenSource& input;
  const PreprocessorContext& ctx;
  Diagnostics& diags;
  const MacroTable* shared;
  MacroTable local;

  std::vector<Frame> frames;
  std::vector<Token> input_pushback;  // raw input tokens put back (LIFO)
  std::optional<Token> input_eof;     // the input's Eof, once seen
  std::vector<Token> pending;         // expanded tokens put back (LIFO)
  std::vector<Cond> conds;            // open conditionals whose branch is live

  int skipping = 0;  // > 0 while reading a branch not taken
  std::size_t expansions = 0;
  std::size_t frame_tokens = 0;
  std::size_t errors = 0;
  bool dead = false;

  Impl(TokenSource& in, const PreprocessorContext& c, Diagnostics& d, const MacroTable* s)
      : input(in), ctx(c), diags(d), shared(s) {}

  // ---- diagnostics --------------------------------------------------------

  Diagnostic& error(ir::SourceLoc loc, std::string msg) {
    if (++errors > kMaxErrors) dead = true;
    return diags.error(loc, std::move(msg));
  }
  // At a token; notes where a macro expansion put it.
  Diagnostic& error(const Token& t, std::string msg) {
    Diagnostic& d = error(t.loc, std::move(msg));
    if (t.expanded_from.known() &&
        (t.expanded_from.file != t.loc.file || t.expanded_from.line != t.loc.line ||
         t.expanded_from.column != t.loc.column))
      d.notes.push_back({Severity::Note, t.expanded_from, "in expansion of macro", {}});
    return d;
  }

  Token eof_token() {
    if (input_eof) return *input_eof;
    Token t;
    t.kind = TokenKind::Eof;
    return t;
  }

  // ---- raw tokens ---------------------------------------------------------

  Token input_next() {
    if (!input_pushback.empty()) {
      Token t = std::move(input_pushback.back());
      input_pushback.pop_back();
      return t;
    }
    if (input_eof) return *input_eof;
    Token t = input.next();
    if (t.is_eof()) input_eof = t;
    return t;
  }

  Token frame_take(Frame& f) {
    Token t = (*f.tokens)[f.pos++];
    if (f.stamp.known()) t.expanded_from = f.stamp;
    if (++frame_tokens > kMaxExpandedTokens && !dead) {
      error(t, "macro expansion too large");
      dead = true;
    }
    return t;
  }

  // The next token with no interpretation; `src` is the index of the frame
  // it came from, or -1 for the input.
  Token raw(long* src = nullptr) {
    while (!frames.empty() && frames.back().exhausted()) frames.pop_back();
    if (frames.empty()) {
      if (src) *src = -1;
      return input_next();
    }
    if (src) *src = static_cast<long>(frames.size()) - 1;
    return frame_take(frames.back());
  }

  // Tokens from one source only (the frame holding an invocation or a
  // definition, or the input): nullopt when that source is exhausted.
  std::optional<Token> take_from(long src) {
    if (src < 0) {
      Token t = input_next();
      if (t.is_eof()) return std::nullopt;
      return t;
    }
    Frame& f = frames[static_cast<std::size_t>(src)];
    if (f.exhausted()) return std::nullopt;
    return frame_take(f);
  }
  void put_back(long src, Token t) {
    if (src < 0) {
      if (!t.is_eof()) input_pushback.push_back(std::move(t));
    } else {
      --frames[static_cast<std::size_t>(src)].pos;
    }
  }

  // ---- macros -------------------------------------------------------------

  const MacroDef* lookup(const std::string& name, bool shared_scope, bool* is_shared) {
    if (!shared_scope) {
      auto it = local.find(name);
      if (it != local.end()) {
        *is_shared = false;
        return &it->second;
      }
    }
    if (shared) {
      auto it = shared->find(name);
      if (it != shared->end()) {
        *is_shared = true;
        return &it->second;
      }
    }
    return nullptr;
  }

  bool push_frame(Frame f, const Token& at) {
    if (frames.size() >= kMaxFrames) {
      error(at, fmt::format("macro expansion nested too deeply in '{}' (recursive macro?)", at.text));
      frames.clear();
      return false;
    }
    if (++expansions > kMaxExpansions) {
      error(at, "too many macro expansions");
      frames.clear();
      dead = true;
      return false;
    }
    frames.push_back(std::move(f));
    return true;
  }

  // `@define NAME[(p, ...)] %( body %)`; `at` is the `@define` token, read
  // from `src`. Definitions read from a macro body are errors (and dropped).
  void define(const Token& at, long src) {
    bool keep = true;
    if (src >= 0) {
      error(at, "'@define' forbidden inside macro body");
      keep = false;
    }
    auto name_tok = take_from(src);
    if (!name_tok) {
      error(src < 0 ? eof_token() : at, "expected identifier");
      return;
    }
    const Token& nt = *name_tok;
    bool name_ok = nt.kind == TokenKind::Identifier && !nt.text.empty() && nt.text[0] != '@' &&
                   nt.text[0] != '$' && !pp_is_keyword(nt.text);
    if (!name_ok) {
      error(nt, "expected identifier");
      // A word or literal in the name's place: read on as a definition so
      // its body is not taken for a conditional; anything else is left.
      if (nt.kind != TokenKind::Identifier && nt.kind != TokenKind::Number &&
          nt.kind != TokenKind::String) {
        put_back(src, nt);
        return;
      }
      keep = false;
    }
    MacroDef def;
    def.name = nt.text;
    def.loc = nt.loc;

    auto t = take_from(src);
    if (t && t->is_op("(")) {
      for (;;) {
        auto p = take_from(src);
        if (!p) {
          error(src < 0 ? eof_token() : at, "expected identifier");
          return;
        }
        if (p->kind != TokenKind::Identifier || p->text[0] == '@' || p->text[0] == '$' ||
            pp_is_keyword(p->text)) {
          error(*p, "expected identifier");
          put_back(src, *p);
          return;
        }
        def.params.push_back(p->text);
        auto sep = take_from(src);
        if (!sep) {
          error(src < 0 ? eof_token() : at, "expected ',' or ')'");
          return;
        }
        if (sep->is_op(")")) break;
        if (!sep->is_op(",")) {
          error(*sep, "expected ',' or ')'");
          put_back(src, *sep);
          return;
        }
      }
      t = take_from(src);
    }
    if (!t || !t->is_op("%(")) {
      if (t) {
        error(*t, "expected '%(' or '('");
        put_back(src, *t);
      } else {
        error(src < 0 ? eof_token() : at, "expected '%(' or '('");
      }
      return;
    }
    int depth = 0;
    for (;;) {
      auto b = take_from(src);
      if (!b) {
        error(nt, "incomplete macro definition - missing '%)'");
        return;
      }
      if (b->is_op("%(")) {
        ++depth;
      } else if (b->is_op("%)")) {
        if (depth == 0) break;
        --depth;
      }
      def.body.push_back(std::move(*b));
    }
    if (!keep) return;

    if (def.name == "define") {
      error(nt, "attempt to redefine '@define'");
      return;
    }
    auto it = local.find(def.name);
    if (it != local.end()) {
      Diagnostic& d =
          error(nt, fmt::format("attempt to redefine macro '@{}' in the same file", def.name));
      d.notes.push_back({Severity::Note, it->second.loc,
                         fmt::format("macro '@{}' first defined here", def.name), {}});
      return;
    }
    if (is_builtin_op(def.name))
      diags.warning(nt.loc, fmt::format("macro redefines built-in operator '@{}'", def.name));
    local.emplace(def.name, std::move(def));
  }

  // `@NAME` or `@NAME(args)`, the invocation token `at` read from `src`.
  void invoke(const Token& at, long src, const MacroDef& def, bool def_shared) {
    auto env = std::make_shared<Env>();
    std::shared_ptr<const Env> caller_env;
    bool caller_shared = false;
    if (src >= 0) {
      caller_env = frames[static_cast<std::size_t>(src)].env;
      caller_shared = frames[static_cast<std::size_t>(src)].shared_scope;
    }
    // In a skipped branch, malformed invocations vanish without a word.
    auto complain = [&](const Token& where, std::string msg) {
      if (!skipping) error(where, std::move(msg));
    };
    if (!def.params.empty()) {
      std::size_t n = def.params.size();
      auto open = take_from(src);
      if (!open || !open->is_op("(")) {
        std::string msg =
            fmt::format("expected '(' in invocation of macro '@{}' taking {} parameter{}",
                        def.name, n, n == 1 ? "" : "s");
        if (open) {
          complain(*open, msg);
          if (!skipping) put_back(src, *open);
        } else {
          complain(at, msg);
        }
        return;
      }
      std::vector<std::vector<Token>> args(1);
      int depth = 0;
      bool too_many = false;
      for (;;) {
        auto t = take_from(src);
        if (!t) {
          if (!too_many) complain(at, "could not find end of macro invocation");
          return;
        }
        if (t->is_op("(") || t->is_op("[")) {
          ++depth;
        } else if (t->is_op(")")) {
          if (depth == 0) {
            if (!too_many && args.size() < n) {
              complain(*t, fmt::format("too few parameters for macro '@{}' (expected {})",
                                       def.name, n));
              return;
            }
            break;
          }
          --depth;
        } else if (t->is_op("]")) {
          if (depth > 0) --depth;
        } else if (t->is_op(",") && depth == 0) {
          if (args.size() == n && !too_many) {
            complain(*t, fmt::format("too many parameters for macro '@{}' (expected {})",
                                     def.name, n));
            too_many = true;
          }
          args.emplace_back();
          continue;
        }
        args.back().push_back(std::move(*t));
      }
      if (too_many) return;
      for (std::size_t i = 0; i < n; ++i)
        env->params[def.params[i]] = Binding{std::move(args[i]), caller_env, caller_shared};
    }
    Frame f;
    f.tokens = &def.body;
    f.owner = env;
    f.env = env;
    f.shared_scope = def_shared;
    f.stamp = at.loc;
    push_frame(std::move(f), at);
  }

  // ---- expanded tokens ----------------------------------------------------

  Token expanded() {
    for (;;) {
      if (!pending.empty()) {
        Token t = std::move(pending.back());
        pending.pop_back();
        return t;
      }
      if (dead) return eof_token();
      long src = -1;
      Token t = raw(&src);
      if (t.kind != TokenKind::Identifier || t.text.size() < 2 || t.text[0] != '@') return t;
      std::string name = t.text.substr(1);
      if (name == "define") {
        if (skipping) return t;
        define(t, src);
        continue;
      }
      std::shared_ptr<const Env> env;
      bool shared_scope = false;
      if (src >= 0) {
        env = frames[static_cast<std::size_t>(src)].env;
        shared_scope = frames[static_cast<std::size_t>(src)].shared_scope;
      }
      if (env) {
        auto it = env->params.find(name);
        if (it != env->params.end()) {
          Frame f;
          f.tokens = &it->second.tokens;
          f.owner = env;
          f.env = it->second.env;
          f.shared_scope = it->second.shared_scope;
          push_frame(std::move(f), t);
          continue;
        }
      }
      bool def_shared = false;
      if (const MacroDef* def = lookup(name, shared_scope, &def_shared)) {
        invoke(t, src, *def, def_shared);
        continue;
      }
      return t;  // a language @-operator, or unknown (reported by cooked())
    }
  }

  // ---- conditions ---------------------------------------------------------

  Token cond_take(const Token& open) {
    Token t = expanded();
    if (t.is_eof()) throw CondError{open.loc, "incomplete condition after '%('", t};
    if (t.kind == TokenKind::Error) throw CondError{t.loc, t.text, t};  // e.g. a bad $N
    return t;
  }

  [[noreturn]] void fail(const Token& at, std::string msg) {
    throw CondError{at.loc, std::move(msg), at};
  }

  std::string version_operand(const Token& t) {
    if (t.kind != TokenKind::String) fail(t, "expected string literal");
    return unescape(t.text);
  }

  // One comparison.
  bool comparison_value(const Token& open) {
    Token lhs = cond_take(open);
    if (lhs.kind == TokenKind::Identifier) {
      const std::string& w = lhs.text;
      if (w == "kernel_v" || w == "kernel_vr" || w == "systemtap_v") {
        Token opt = cond_take(open);
        auto op = comparison(opt);
        if (!op) fail(opt, "expected comparison operator");
        std::string rhs = version_operand(cond_take(open));
        std::string value;
        if (w == "systemtap_v") {
          value = ctx.systemtap_version;
        } else {
          value = ctx.kernel_release;
          if (w == "kernel_v") value = value.substr(0, value.find('-'));
        }
        if (has_wildcard(rhs)) {
          if (*op != CmpOp::Eq && *op != CmpOp::Ne)
            fail(opt, "wildcard not allowed with order comparison operators");
          return glob_match(rhs, value) == (*op == CmpOp::Eq);
        }
        return holds(*op, version_compare(value, rhs));
      }
      if (w == "arch" || w == "runtime" || w == "systemtap_privilege") {
        Token opt = cond_take(open);
        auto op = comparison(opt);
        if (op != CmpOp::Eq && op != CmpOp::Ne) fail(opt, "expected '==' or '!='");
        Token r = cond_take(open);
        if (r.kind != TokenKind::String) fail(r, "expected string literal");
        std::string rhs = unescape(r.text);
        bool match;
        if (w == "arch") match = glob_match(rhs, ctx.arch);
        else if (w == "runtime") match = glob_match(rhs, ctx.runtime);
        else match = rhs == ctx.privilege;
        return match == (*op == CmpOp::Eq);
      }
      if (w == "guru_mode") {
        Token opt = cond_take(open);
        auto op = comparison(opt);
        if (op != CmpOp::Eq && op != CmpOp::Ne) fail(opt, "expected '==' or '!='");
        Token r = cond_take(open);
        if (r.kind != TokenKind::Number) fail(r, "expected number");
        if (r.value != 0 && r.value != 1) fail(r, "expected 0 or 1");
        bool match = (r.value == 1) == ctx.guru_mode;
        return match == (*op == CmpOp::Eq);
      }
      if (w.size() > 7 && w.compare(0, 7, "CONFIG_") == 0) return config_comparison(open, lhs);
    } else if (lhs.kind == TokenKind::Number || lhs.kind == TokenKind::String) {
      Token opt = cond_take(open);
      auto op = comparison(opt);
      if (!op) fail(opt, "expected comparison operator");
      Token r = cond_take(open);
      if (lhs.kind == TokenKind::Number) {
        if (r.kind != TokenKind::Number) fail(r, "expected number literal as right value");
        return holds(*op, three_way(lhs.value, r.value));
      }
      if (r.kind != TokenKind::String) fail(r, "expected string literal as right value");
      return holds(*op, three_way(unescape(lhs.text), unescape(r.text)));
    }
    fail(lhs,
         "expected 'arch', 'kernel_v', 'kernel_vr', 'systemtap_v', 'runtime', "
         "'systemtap_privilege', 'guru_mode', 'CONFIG_...', or comparison between strings "
         "or integers");
  }

  std::string config_value(const std::string& name) const {
    if (!ctx.kconfig) return "";
    auto it = ctx.kconfig->find(name);
    return it == ctx.kconfig->end() ? "" : it->second;
  }

  bool config_comparison(const Token& open, const Token& lhs) {
    Token opt = cond_take(open);
    auto op = comparison(opt);
    if (!op) fail(opt, "expected comparison operator");
    Token r = cond_take(open);
    std::string value = config_value(lhs.text);
    if (r.kind == TokenKind::String) {
      if (*op != CmpOp::Eq && *op != CmpOp::Ne) fail(opt, "expected '==' or '!='");
      return glob_match(unescape(r.text), value) == (*op == CmpOp::Eq);
    }
    if (r.kind == TokenKind::Number) {
      auto n = config_number(value);
      if (!n) fail(lhs, "config option value not a number");
      return holds(*op, three_way(*n, r.value));
    }
    if (r.kind == TokenKind::Identifier && r.text.size() > 7 &&
        r.text.compare(0, 7, "CONFIG_") == 0) {
      std::string other = config_value(r.text);
      auto a = config_number(value), b = config_number(other);
      if (a && b) return holds(*op, three_way(*a, *b));
      return holds(*op, three_way(value, other));
    }
    fail(r, "expected string, number literal or other CONFIG_... as right side operand");
  }

  // COND up to and including `%?`: comparisons joined by && (tighter) and ||.
  // Every comparison is checked, whatever the value of the others.
  bool condition(const Token& open) {
    bool any = false;
    for (;;) {
      bool all = true;
      for (;;) {
        bool v = comparison_value(open);
        all = all && v;
        Token t = cond_take(open);
        if (t.is_op("&&")) continue;
        pending.push_back(std::move(t));
        break;
      }
      any = any || all;
      Token t = cond_take(open);
      if (t.is_op("||")) continue;
      if (t.is_op("%?")) return any;
      throw CondError{open.loc, "expected '%?' marker for conditional", t};
    }
  }

  // ---- skipping -----------------------------------------------------------

  Token skip_take() {
    ++skipping;
    Token t = expanded();
    --skipping;
    return t;
  }

  // Skips the rest of a conditional whose condition failed to parse,
  // starting at the token the condition stopped at.
  void recover(Token t) {
    int depth = 0;
    for (;;) {
      if (t.is_eof() || dead) return;
      if (t.is_op("%(")) {
        ++depth;
      } else if (t.is_op("%)")) {
        if (depth == 0) return;
        --depth;
      }
      t = skip_take();
    }
  }

  // Skips a branch not taken; returns the `%:` or `%)` that ended it, or Eof.
  // With `stop_at_else` false (skipping the else part), a `%:` at this level
  // is a duplicate.
  Token skip_branch(bool stop_at_else) {
    int depth = 0;
    for (;;) {
      Token t = skip_take();
      if (t.is_eof() || dead) return t;
      if (t.kind != TokenKind::Operator) continue;
      if (t.text == "%(") {
        ++depth;
      } else if (t.text == "%)") {
        if (depth == 0) return t;
        --depth;
      } else if (depth == 0 && t.text == "%:") {
        if (stop_at_else) return t;
        error(t, "invalid conditional - duplicate '%:'");
      } else if (depth == 0 && t.text == "%?") {
        error(t, "incomplete conditional - missing '%('");
      }
    }
  }

  void conditional(const Token& open) {
    bool value;
    try {
      value = condition(open);
    } catch (CondError& e) {
      error(e.loc, e.msg);
      recover(std::move(e.stopped));
      return;
    }
    if (value) {
      conds.push_back({open.loc, false});
      return;
    }
    Token end = skip_branch(true);
    if (end.is_op("%:")) {
      conds.push_back({open.loc, true});
    } else if (end.is_eof() && !dead) {
      error(open.loc, "incomplete conditional at end of file");
    }
  }

  // ---- cooked tokens ------------------------------------------------------

  Token cooked() {
    for (;;) {
      if (dead) return eof_token();
      Token t = expanded();
      if (t.is_eof()) {
        if (!dead)
          for (auto it = conds.rbegin(); it != conds.rend(); ++it)
            error(it->open, "incomplete conditional at end of file");
        conds.clear();
        return t;
      }
      if (t.kind == TokenKind::Operator) {
        if (t.text == "%(") {
          conditional(t);
          continue;
        }
        if (t.text == "%?") {
          error(t, "incomplete conditional - missing '%('");
          continue;
        }
        if (t.text == "%:") {
          if (conds.empty()) {
            error(t, "incomplete conditional - missing '%('");
          } else if (conds.back().in_else) {
            error(t, "invalid conditional - duplicate '%:'");
          } else {
            Cond c = conds.back();
            conds.pop_back();
            Token end = skip_branch(false);
            if (end.is_eof() && !dead) error(c.open, "incomplete conditional at end of file");
          }
          continue;
        }
        if (t.text == "%)") {
          if (conds.empty()) error(t, "incomplete conditional - missing '%('");
          else conds.pop_back();
          continue;
        }
      }
      if (t.kind == TokenKind::Identifier && t.text.size() > 1 && t.text[0] == '@' &&
          !is_builtin_op(std::string_view(t.text).substr(1))) {
        error(t, fmt::format("unknown macro {}", t.text));
        continue;
      }
      return t;
    }
  }
};

Preprocessor::Preprocessor(TokenSource& input, const PreprocessorContext& ctx,
                           Diagnostics& diags, const MacroTable* shared_macros)
    : impl_(std::make_unique<Impl>(input, ctx, diags, shared_macros)) {}

Preprocessor::~Preprocessor() = default;

Token Preprocessor::next() { return impl_->cooked(); }

const MacroTable& Preprocessor::local_macros() const { return impl_->local; }

}  // namespace cxxtap::parse
