// Target variables (translator/debuginfo/target_code.h): the C bodies the
// translator generates for the fixture's functions are compiled into a
// user-space harness (tv_harness.h) and run where their probes hit, with
// the registers and stack of the real compiled code (-O2 at the entry, -O0
// after the prologue); the test compares what they return.
#include "fixture.h"
#include "tv_harness.h"

#include "debuginfo/module.h"
#include "debuginfo/target_code.h"

#include <catch2/catch.hpp>

#include <cctype>
#include <filesystem>
#include <string_view>

using namespace cxxtap::debuginfo;
using namespace cxxtap::test;

namespace {

// "&$r->inner->x", "$arr[]", "$p$$", "$$parms$": what a script writes, with
// [] for an index (its value is the body's STAP_ARG_i0).
TargetSpec spec(std::string_view s) {
  TargetSpec out;
  std::size_t i = 0;
  if (i < s.size() && s[i] == '&') {
    out.address_of = true;
    ++i;
  }
  REQUIRE(s.substr(i, 1) == "$");
  ++i;
  const std::size_t start = i;
  if (i < s.size() && s[i] == '$') ++i;  // $$parms
  auto ident = [&] {
    const std::size_t b = i;
    while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_')) ++i;
    return std::string(s.substr(b, i - b));
  };
  ident();
  out.name = std::string(s.substr(start, i - start));
  while (i < s.size()) {
    if (s.substr(i, 2) == "->") {
      i += 2;
      out.steps.push_back({TargetStep::Member, ident()});
    } else if (s.substr(i, 2) == "[]") {
      i += 2;
      out.steps.push_back({TargetStep::Index, ""});
    } else if (s[i] == '$') {
      ++out.pretty;
      ++i;
    } else {
      FAIL("bad spec " << s);
    }
  }
  return out;
}

ProbeScope scope_of(Module& m, const std::string& fn, uint64_t* offset = nullptr) {
  FunctionQuery q;
  q.name = fn;
  q.kind = FunctionKind::Call;
  auto sites = m.functions(q);
  REQUIRE(sites.size() == 1);
  const FunctionSite& s = sites[0];
  REQUIRE(s.symbol == fn);
  if (offset) *offset = s.symbol_offset;
  return {s.die, s.probe, s.probe == s.entry && !s.inlined};
}

// A $expression in the function a trap stops in.
TargetCode translate(Module& m, const std::string& fn, std::string_view written) {
  TargetTranslator tt(m);
  const ProbeScope where = scope_of(m, fn);
  TargetSpec s = spec(written);
  if (s.name == "$parms") return tt.vars(where, VarSet::Parms, s.pretty != 0);
  if (s.name == "$locals") return tt.vars(where, VarSet::Locals, s.pretty != 0);
  if (s.name == "$vars") return tt.vars(where, VarSet::Vars, s.pretty != 0);
  return tt.variable(where, s);
}

const char* function_of(const std::string& trap) {
  return trap == "other" ? "fixture_other" : trap == "sum" ? "fixture_sum" : "tv_use";
}

struct Case {
  std::string trap;
  std::string written;  // or a label, for the hand-made bodies of trap "regs"
  std::string want;
  int64_t i0 = 0;
  TargetCode code = {};
  int64_t ptr = 0;
};

std::string num(uint64_t v) { return std::to_string(static_cast<int64_t>(v)); }
std::string hex(uint64_t v) {
  char b[32];
  std::snprintf(b, sizeof b, "0x%llx", static_cast<unsigned long long>(v));
  return b;
}

// What every object must give, whatever its optimization.
std::vector<Case> common_cases() {
  const std::string rec = hex(kArena), inner = hex(kInner), pair = hex(kPair);
  const std::string parms = "r=" + rec + " arr=" + hex(kArr) + " name=" + hex(kName) +
                            " k=0xfffffffffffffffd q=" + pair + " c=0x41";
  const std::string rec_shallow =
      "{.a=1, .in={...}, .inner=" + inner + ", .name=\"abc\", .uf=5, .sf=-7, .wide=703710, "
      ".kind=-2, .num={...}, .ai=-1, .as=-1, .pp=" + pair + ", .sc='x', .sh=-300, .vals=[...]}";
  return {
      // Members through pointers, nested structs, arrays, bitfields, enums, unions.
      {"use", "$r->a", "1"},
      {"use", "$r->inner->x", "-5"},
      {"use", "$r->inner->y", "9"},
      {"use", "$r->in->x", "100"},
      {"use", "$r->in->y", "-3"},
      {"use", "$r->name", "abc"},
      {"use", "$r->name[]", "98", 1},
      {"use", "$r->uf", "5"},
      {"use", "$r->sf", "-7"},
      {"use", "$r->wide", num(0xabcde)},
      {"use", "$r->kind", "-2"},
      {"use", "$r->num->l", num(0x0004000300020001)},
      {"use", "$r->num->s[]", "3", 2},
      {"use", "$r->ai", "-1"},
      {"use", "$r->as", "-1"},
      {"use", "$r->pp->b", "7"},
      {"use", "$r->sc", "120"},
      {"use", "$r->sh", "-300"},
      {"use", "$r->vals[]", "30", 2},
      {"use", "$arr[]", "30", 2},
      {"use", "$arr[]", "10", 0},
      {"use", "$name", num(kName)},
      {"use", "$name[]", "119", 1},
      {"use", "$name[]", "-16", 8},  // char is signed: 0xf0
      {"use", "$k", "-3"},
      {"use", "$c", "65"},
      {"use", "$q->b", "7"},
      // Addresses.
      {"use", "&$r->inner", num(kArena + 24)},
      {"use", "&$r->vals[]", num(kArena + 76 + 4), 1},
      {"use", "&$q->b", num(kPair + 4)},
      {"use", "&$r->in->y", num(kArena + 8 + 8)},
      // Pretty-printing.
      {"use", "$r->in$", "{.x=100, .y=-3}"},
      {"use", "$r->num$", "{.l=" + num(0x0004000300020001) + ", .s=[...]}"},
      {"use", "$r->name$", "\"abc\""},
      {"use", "$r->kind$", "-2"},
      {"use", "$r->sc$", "'x'"},
      // A pointer to a struct is followed at the top only.
      {"use", "$r$", rec_shallow},
      {"use", "$r->inner$", "{.x=-5, .y=9}"},
      {"use", "$r->pp$$", "{.a=3, .b=7}"},
      {"use", "$r$$",
       "{.a=1, .in={.x=100, .y=-3}, .inner=" + inner + ", .name=\"abc\", .uf=5, .sf=-7, "
       ".wide=703710, .kind=-2, .num={.l=" + num(0x0004000300020001) + ", .s=[...]}, .ai=-1, "
       ".as=-1, .pp=" + pair + ", .sc='x', .sh=-300, .vals=[...]}"},
      {"use", "$$parms", parms},
      {"use", "$$vars", parms},
      {"use", "$$locals", ""},
      {"use", "$$parms$",
       "r=" + rec_shallow + " arr=" + hex(kArr) + " name=" + hex(kName) +
           " k=-3 q={.a=3, .b=7} c='A'"},
      // Bad pointers: a script error, never a crash.
      {"bad", "$r->a", "ERROR: kernel read fault at 0x10 (addr)"},
      {"bad", "$r->inner->x", "ERROR: kernel read fault at 0x28 (addr)"},
      {"bad", "$r->name", "ERROR: kernel read fault at 0x30 (addr)"},
      {"bad", "$r$", "ERROR: kernel read fault at 0x10 (addr)"},
      {"bad", "$arr[]", "ERROR: kernel read fault at 0x20 (addr)", 2},
      {"bad", "$name[]", "ERROR: kernel read fault at 0x9 (addr)", 1},
      {"bad", "$q->b", "ERROR: kernel read fault at 0x24 (addr)"},
      {"bad", "$k", "1"},
      {"bad", "$$parms", "r=0x10 arr=0x18 name=0x8 k=0x1 q=0x20 c=0x0"},
      // What cannot be read is '?'; a char that is not printable is escaped.
      {"bad", "$$parms$", "r=? arr=0x18 name=0x8 k=1 q=? c='\\000'"},
      // Another function: the first fixture's struct pair.
      {"other", "$p->b", "7"},
      {"other", "$p->a", "3"},
      {"other", "&$p->b", num(kPair + 4)},
      {"other", "$name[]", "119", 1},
      {"other", "$p$", "{.a=3, .b=7}"},
      {"other", "$p$$", "{.a=3, .b=7}"},
      {"other", "$$parms", "name=" + hex(kName) + " p=" + pair},
      {"sum", "$n", "4"},
      {"sum", "$v[]", "40", 3},
      {"sum", "$$parms", "v=" + hex(kArr) + " n=0x4"},
  };
}

// $return, $$return and @cast: bodies that need no probe address.
std::vector<Case> regs_cases(Module& m) {
  TargetTranslator tt(m);
  FunctionQuery q;
  q.name = "tv_ret";
  auto ret = m.functions(q);
  REQUIRE(ret.size() == 1);
  const uint64_t pair = m.type_named("struct pair"), rec = m.type_named("struct tv_rec");
  REQUIRE(pair);
  REQUIRE(rec);
  auto cast = [&](uint64_t type, std::string_view written) { return tt.cast(type, spec(written)); };
  const auto at_pair = static_cast<int64_t>(kPair), at_rec = static_cast<int64_t>(kArena);
  // @cast(PTR, "struct pair")->b is written here as $x->b on the type.
  std::vector<Case> out = {
      {"regs", "$return", "-2", 0, tt.return_value(ret[0].die, spec("$return"))},
      {"regs", "$return$", "-2", 0, tt.return_value(ret[0].die, spec("$return$"))},
      {"regs", "$$return", "return=0xfffffffffffffffe", 0, tt.return_string(ret[0].die)},
      {"regs", "@cast(pair)->b", "7", 0, cast(pair, "$x->b"), at_pair},
      {"regs", "@cast(pair)$", "{.a=3, .b=7}", 0, cast(pair, "$x$"), at_pair},
      {"regs", "@cast(16, pair)->b", "ERROR: kernel read fault at 0x14 (addr)", 0,
       cast(pair, "$x->b"), 16},
      {"regs", "@cast(rec)->inner->y", "9", 0, cast(rec, "$x->inner->y"), at_rec},
      {"regs", "@cast(rec)->name", "abc", 0, cast(rec, "$x->name"), at_rec},
      {"regs", "@cast(rec)->vals[1]", "20", 1, cast(rec, "$x->vals[]"), at_rec},
      {"regs", "@cast(rec)->sf", "-7", 0, cast(rec, "$x->sf"), at_rec},
      {"regs", "&@cast(rec)->pp", num(kArena + 64), 0, cast(rec, "&$x->pp"), at_rec},
      {"regs", "@cast(rec)", num(kArena), 0, cast(rec, "$x"), at_rec},
  };
  return out;
}

// Translates, builds and runs `cases` against fixture `object`.
void run_cases(const char* object, std::vector<Case> cases) {
  const std::string dir = fixture_dir();
  REQUIRE(!dir.empty());
  Session session;
  std::string error;
  Module* m = session.module(dir + "/" + object, error);
  INFO(error);
  REQUIRE(m);
  for (auto& c : regs_cases(*m)) cases.push_back(std::move(c));
  TvHarness h(kFixtureTypesC);
  std::vector<std::size_t> index;
  for (auto& c : cases) {
    if (c.trap != "regs") c.code = translate(*m, function_of(c.trap), c.written);
    INFO(object << ": " << c.written << " in " << c.trap);
    CHECK(c.code.error == "");
    index.push_back(h.add({c.trap, c.code.c, c.code.is_string, c.ptr, c.i0}));
  }
  std::map<std::string, uint64_t> offsets;
  for (const char* fn : {"tv_use", "fixture_other", "fixture_sum"})
    scope_of(*m, fn, &offsets[fn]);
  const std::string name = std::filesystem::path(object).stem().string() + "-harness";
  TvRun run = h.run(dir, name, dir + "/" + object, offsets);
  INFO(run.log);
  REQUIRE(run.error == "");
  for (const char* trap : {"use", "bad", "other", "sum", "regs"}) {
    INFO("trap " << trap);
    CHECK(run.hit[trap]);
  }
  for (std::size_t k = 0; k < cases.size(); ++k) {
    const Case& c = cases[k];
    INFO(object << ": " << c.written << " in " << c.trap << " (i0 " << c.i0 << ")\n"
                << h.body(index[k]));
    CHECK(run.results[index[k]] == c.want);
  }
}

}  // namespace

TEST_CASE("target variables: -O2 bodies run at the entry, arguments in registers") {
  run_cases("fixture-O2.o", common_cases());
}

TEST_CASE("target variables: -O0 bodies run after the prologue, arguments in the frame") {
  Session session;
  std::string error;
  Module* m = session.module(fixture_dir() + "/fixture-O0.o", error);
  REQUIRE(m);
  // The -O0 probe really is past the spills, where DW_OP_fbreg is needed.
  const ProbeScope where = scope_of(*m, "tv_use");
  CHECK_FALSE(where.at_entry);
  run_cases("fixture-O0.o", common_cases());
}

TEST_CASE("target variables: what cannot be translated says why") {
  const std::string dir = fixture_dir();
  REQUIRE(!dir.empty());
  Session session;
  std::string error;
  Module* m = session.module(dir + "/fixture-O2.o", error);
  REQUIRE(m);
  auto err = [&](std::string_view written) { return translate(*m, "tv_use", written).error; };
  CHECK(err("$r->nosuch") ==
        "unable to find member 'nosuch' for struct tv_rec (alternatives: a in inner name uf sf "
        "wide kind num ai as pp sc sh vals)");
  CHECK(err("$nosuch").find("unable to find local 'nosuch', near pc 0x") == 0);
  CHECK(err("$nosuch").find("in tv_use (alternatives: $r $arr $name $k $q $c)") !=
        std::string::npos);
  CHECK(err("$r->a->b") == "'$r->a' (int) is not a struct, union or pointer to one");
  CHECK(err("$r->in") ==
        "'$r->in' is a struct tv_inner and not a value; use ->member, or $r->in$ to print it");
  CHECK(err("$r->vals") ==
        "'$r->vals' is an array (int[3]); index it with [i] or take its address with &");
  CHECK(err("$r->uf->x") == "'$r->uf' is a bitfield, not a struct");
  CHECK(err("&$r->uf") == "'$r->uf' is not addressable");
  CHECK(err("$k[]") == "'$k' (int) is not an array or pointer");
  CHECK(err("&$k") == "'$k' is not addressable");
  CHECK(translate(*m, "tv_use", "$r->in->y").error.empty());
}
