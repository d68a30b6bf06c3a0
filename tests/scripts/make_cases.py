#!/usr/bin/env python3
"""Writes tests/scripts/cases/ from the table below (one place to read all
script tests). Each case: name, script, expected stdout, and optional
status / stderr / options / script arguments. Expected outputs follow
SystemTap's documented behaviour (stap(1), stapprobes(3stap),
function::*(3stap)); they are not captured from cxxtap.

Run it after editing the table: python3 tests/scripts/make_cases.py
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")

def col(script, token, nth=0, line=1):
    """1-based column of the nth occurrence of token on a line."""
    text = script.split("\n")[line - 1]
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(token, pos + 1)
    return pos + 1

def run_error(name, msg, kind, token, script, nth=0, line=1, errors=1):
    c = col(script, token, nth, line)
    near = f"{kind} '{token}'" if kind != "keyword" else "keyword"
    return (f"ERROR: {msg} near {near} at {name}.stp:{line}:{c}\n"
            f"WARNING: Number of errors: {errors}, skipped probes: 0\n"
            "Pass 5: run failed.  [man error::pass5]\n")

T = []
def case(name, script, out, status=0, err=None, args=None, sargs=None):
    T.append(dict(name=name, script=script, out=out, status=status, err=err,
                  args=args, sargs=sargs))

def begin(body):
    return "probe begin {\n" + body + "\n  exit()\n}\n"

# ---- output forms
case("hello", begin('  println("hello world")'), "hello world\n")
case("print_multi", begin('  print(1, "a", 2)\n  print("\\n")'), "1a2\n")
case("println_multi", begin('  println("a", 1, "b")'), "a1b\n")
case("println_empty", begin('  println("")\n  println("x")'), "\nx\n")
case("printd", begin('  printd("-", 1, "x", 3)\n  println("")'), "1-x-3\n")
case("printdln", begin('  printdln(", ", "a", "b", 42)'), "a, b, 42\n")
case("print_negative", begin('  println(-5)\n  println(0)'), "-5\n0\n")
case("printf_basic", begin('  printf("%d %s %%\\n", 42, "str")'), "42 str %\n")
case("printf_plain", begin('  printf("plain\\n")'), "plain\n")
case("printf_width", begin('  printf("[%5d][%-5d][%05d]\\n", 42, 42, 42)'),
     "[   42][42   ][00042]\n")
case("printf_hex_octal", begin('  printf("%x %X %#x %o %#o\\n", 255, 255, 255, 8, 8)'),
     "ff FF 0xff 10 010\n")
case("printf_string_width", begin('  printf("[%10s][%-10s][%.2s]\\n", "abc", "abc", "abc")'),
     "[       abc][abc       ][ab]\n")
case("printf_char", begin('  printf("%c%c%c\\n", 65, 66, 67)'), "ABC\n")
case("printf_unsigned", begin('  printf("%u\\n", -1)'), "18446744073709551615\n")
case("printf_plus", begin('  printf("%+d %+d\\n", 5, -5)'), "+5 -5\n")
case("printf_star_width", begin('  printf("[%*d]\\n", 6, 42)'), "[    42]\n")
case("printf_i", begin('  printf("%i|%d\\n", -3, 3)'), "-3|3\n")
case("sprintf", begin('  s = sprintf("%d-%s", 7, "x")\n  println(s)'), "7-x\n")
case("sprint", begin('  s = sprint(12)\n  println(s . "!")'), "12!\n")
case("sprintln", begin('  s = sprintln("a")\n  print(s)'), "a\n")
case("sprintd", begin('  s = sprintd("/", 1, 2, 3)\n  println(s)'), "1/2/3\n")
case("string_escapes", begin('  println("tab\\there")\n  println("q\\"q")\n  println("back\\\\slash")'),
     "tab\there\nq\"q\nback\\slash\n")

# ---- numbers and operators
case("arith", begin('  println(1+2*3, " ", (1+2)*3, " ", 7/2, " ", -7/2, " ", 7%3, " ", -7%3)'),
     "7 9 3 -3 1 -1\n")
case("bitwise", begin('  println(6 & 3, " ", 6 | 3, " ", 6 ^ 3, " ", ~0, " ", 1 << 4, " ", -16 >> 2)'),
     "2 7 5 -1 16 -4\n")
case("comparison", begin('  println(1 < 2, 2 < 1, 1 <= 1, 2 >= 3, 1 == 1, 1 != 1)'), "101010\n")
case("logical", begin('  println(1 && 0, " ", 1 || 0, " ", !5, " ", !0, " ", 2 && 3)'),
     "0 1 0 1 1\n")
case("short_circuit",
     'function side(x) { println("side ", x); return x }\n' +
     begin('  if (0 && side(1)) println("no")\n  if (1 || side(2)) println("yes")\n'
           '  if (1 && side(3)) println("both")'),
     "yes\nside 3\nboth\n")
case("ternary", begin('  x = 5\n  println(x > 3 ? "big" : "small")\n  println(x < 3 ? 1 : 2)\n'
                      '  println(x > 1 ? x > 4 ? "a" : "b" : "c")'), "big\n2\na\n")
case("incdec", begin('  x = 5\n  println(x++)\n  println(x)\n  println(++x)\n  println(x--)\n'
                     '  println(--x)'), "5\n6\n7\n7\n5\n")
case("compound_assign", begin('  x = 10\n  x += 5\n  x -= 3\n  x *= 2\n  x /= 4\n  x %= 4\n'
                              '  println(x)\n  y = 1\n  y <<= 4\n  y |= 1\n  y &= 0x11\n'
                              '  y ^= 3\n  y >>= 1\n  println(y)'), "2\n9\n")
case("number_literals", begin('  println(0x10, " ", 010, " ", 1000000)'), "16 8 1000000\n")
case("overflow_wraps", begin('  x = 9223372036854775807\n  x++\n  println(x)\n'
                             '  println(9223372036854775807 + 1 == x)'),
     "-9223372036854775808\n1\n")
case("unary_minus", begin('  x = 3\n  println(-x, " ", +x, " ", - -x)'), "-3 3 3\n")
case("assign_value", begin('  x = y = 4\n  println(x + y)'), "8\n")

# ---- strings
case("string_concat", begin('  s = "foo"\n  s .= "bar"\n  println(s . "baz")'), "foobarbaz\n")
case("string_compare", begin('  println("abc" < "abd", "b" > "a", "x" == "x", "x" != "y", "a" >= "b")'),
     "11110\n")
case("strlen_substr", begin('  println(strlen("hello"))\n  println(substr("hello world", 6, 5))'),
     "5\nworld\n")
case("string_functions", begin('  println(isinstr("hello", "ell"), isinstr("hello", "xyz"))\n'
                               '  println(str_replace("a-b-c", "-", "+"))\n'
                               '  println(strtol("ff", 16), " ", strtol("-12", 10))\n'
                               '  println(stringat("abc", 1))'),
     "10\na+b+c\n255 -12\n98\n")
case("maxstringlen", begin('  s = "abcdefghijkl"\n  println(s)\n  t = s . "xyz"\n  println(strlen(t))'),
     "abcdefg\n7\n", args="-DMAXSTRINGLEN=8")
case("string_assign_copy", begin('  a = "one"\n  b = a\n  a = "two"\n  println(a, " ", b)'),
     "two one\n")

# ---- control flow
case("if_else", begin('  x = 3\n  if (x > 5) println("a") else if (x > 2) println("b") else println("c")'),
     "b\n")
case("if_no_else", begin('  if (0) println("no")\n  if (1) println("yes")'), "yes\n")
case("while", begin('  i = 0\n  while (i < 3) { println(i); i++ }'), "0\n1\n2\n")
case("for", begin('  for (i = 0; i < 5; i += 2) print(i)\n  println("")'), "024\n")
case("for_empty_parts", begin('  for (;;) { i++; if (i > 3) break }\n  println(i)'), "4\n")
case("break_continue", begin('  for (i = 0; i < 10; i++) {\n    if (i == 2) continue\n'
                             '    if (i == 5) break\n    print(i)\n  }\n  println("")'), "0134\n")
case("nested_break", begin('  for (i = 0; i < 3; i++)\n    for (j = 0; j < 3; j++) {\n'
                           '      if (j == 1) break\n      print(i, j)\n    }\n  println("")'),
     "001020\n")
case("while_continue", begin('  while (i < 6) {\n    i++\n    if (i % 2) continue\n    print(i)\n  }\n'
                             '  println("")'), "246\n")
case("next_in_probe", 'probe begin {\n  println("a")\n  next\n  println("b")\n}\n'
     'probe begin { exit() }\n', "a\n")

# ---- functions
case("function_basic", 'function add(a, b) { return a + b }\n' + begin('  println(add(2, 3))'), "5\n")
case("function_string", 'function greet:string(n:string) { return "hi " . n }\n' +
     begin('  println(greet("bob"))'), "hi bob\n")
case("function_recursion", 'function fib(n) { if (n < 2) return n; return fib(n-1) + fib(n-2) }\n' +
     begin('  println(fib(8))'), "21\n")
case("function_locals", 'function f(x) { y = x * 2; return y }\n' +
     begin('  println(f(4), " ", f(5))'), "8 10\n")
case("function_void", 'function hello() { println("in hello") }\n' + begin('  hello()\n  hello()'),
     "in hello\nin hello\n")
case("function_early_return", 'function f(x) { if (x) return; println("not returned") }\n' +
     begin('  f(1)\n  f(0)'), "not returned\n")
case("function_args_by_value", 'function f(s:string, n) { s = "changed"; n = 9; return n }\n' +
     begin('  s = "orig"\n  n = 1\n  f(s, n)\n  println(s, " ", n)'), "orig 1\n")
case("function_embedded_guru",
     'function add3:long(a:long, b:long) %{ STAP_RETURN(STAP_ARG_a + STAP_ARG_b + 3); %}\n' +
     begin('  println(add3(1, 2))'), "6\n", args="-g")

# ---- globals and probes
case("global_init", 'global g = 10, s = "init"\n' + begin('  println(g, s)'), "10init\n")
case("global_across_probes", 'global n\nprobe begin { n = 5 }\nprobe begin { println(n); exit() }\n',
     "5\n")
case("begin_sequence", 'probe begin(2) { println("two") }\nprobe begin(1) { println("one") }\n'
     'probe begin { println("zero") }\nprobe begin(3) { exit() }\n', "zero\none\ntwo\n")
case("end_probe", 'probe begin { println("begin"); exit() }\nprobe end { println("end") }\n',
     "begin\nend\n")
case("exit_finishes_handler", 'probe begin { exit(); println("still runs") }\n', "still runs\n")
case("exit_skips_later_begin", 'probe begin { println("a"); exit() }\n'
     'probe begin(1) { println("b") }\nprobe end { println("end") }\n', "a\nend\n")
case("log", begin('  log("logged")\n  log("two\\n")'), "logged\ntwo\n")
case("end_sequence", 'probe end(5) { println("late") }\nprobe end { println("early") }\n'
     'probe begin { exit() }\n', "early\nlate\n")
case("error_probe_only_after_error", 'probe begin { exit() }\nprobe error { println("no") }\n'
     'probe end { println("end") }\n', "end\n")
case("global_display", 'global x, s, a\nprobe begin { x = 5; s = "str"; a[1, "k"] = 2; exit() }\n',
     'x=5\ns="str"\na[1,"k"]=2\n')
case("pp", 'probe begin { println(pp()); exit() }\n', "begin\n")
case("timer_ms", 'global n\nprobe timer.ms(5) { n++; if (n == 3) exit() }\n'
     'probe end { println(n) }\n', "3\n")
case("timer_us", 'global n\nprobe timer.us(2000) { n++; if (n == 2) exit() }\n'
     'probe end { println("n=", n) }\n', "n=2\n")
case("timer_hz", 'global n\nprobe timer.hz(200) { if (++n == 4) exit() }\n'
     'probe end { println(n) }\n', "4\n")
case("timer_jiffies", 'global n\nprobe timer.jiffies(1) { if (++n == 2) exit() }\n'
     'probe end { println(n) }\n', "2\n")
case("timer_pp", 'probe timer.ms(3) { println(pp()); exit() }\n', "timer.ms(3)\n")
case("cmdline_args", begin('  println($1 + 1)\n  println(@2)'), "6\nhello\n", sargs="5 hello")

# ---- arrays
case("array_basic", 'global a\n' + begin('  a[1] = 10\n  a[2] = 20\n  println(a[1] + a[2])\n  println(a[3])'),
     "30\n0\n")
case("array_strings", 'global a\n' + begin('  a["x"] = "one"\n  println(a["x"], "|", a["y"], "|")'),
     "one||\n")
case("array_in", 'global a\n' + begin('  a[1] = 1\n  println(1 in a, " ", 2 in a)\n'
                                       '  if ([1] in a) println("yes")\n  if (!(3 in a)) println("no 3")'),
     "1 0\nyes\nno 3\n")
case("array_multi_key", 'global a\n' + begin('  a[1, "a"] = 1\n  a[2, "b"] = 2\n  println(a[2, "b"])\n'
                                              '  println([1, "a"] in a, [1, "b"] in a)'), "2\n10\n")
case("array_delete_element", 'global a\n' + begin('  a[1] = 1\n  a[2] = 2\n  delete a[1]\n'
                                                   '  println(1 in a, 2 in a)'), "01\n")
case("array_delete_all", 'global a\n' + begin('  a[1] = 1\n  a[2] = 2\n  delete a\n'
                                              '  foreach (k in a) n++\n  println(n)'), "0\n")
case("delete_scalars", begin('  x = 5\n  s = "a"\n  delete x\n  delete s\n  println(x, "[", s, "]")'),
     "0[]\n")
case("array_incdec", 'global a\n' + begin('  a[1]++\n  a[1]++\n  println(a[1])\n  println(++a[2])\n'
                                          '  println(a[2]--)\n  println(a[2])'), "2\n1\n1\n0\n")
case("array_compound", 'global a\n' + begin('  a["x"] += 5\n  a["x"] *= 3\n  a["x"] -= 1\n  println(a["x"])'),
     "14\n")
case("array_string_append", 'global a\n' + begin('  a[1] = "ab"\n  a[1] .= "cd"\n  println(a[1])'),
     "abcd\n")
case("array_sprintf_key", 'global a\n' + begin('  a[sprintf("k%d", 1)] = 1\n  foreach (k in a) println(k)'),
     "k1\n")
case("array_slice_in_delete", 'global a\n' + begin('  a[1,1] = 1\n  a[1,2] = 2\n  a[2,1] = 3\n'
                                                   '  println([1, *] in a, [3, *] in a, [*, 1] in a)\n'
                                                   '  delete a[1, *]\n  foreach ([i, j] in a) println(i, j)'),
     "101\n21\n")
case("array_wrap", 'global a%[2]\n' + begin('  a[1] = 1\n  a[2] = 2\n  a[3] = 3\n'
                                            '  foreach (k+ in a) print(k)\n  println("")'), "23\n")

# ---- foreach
ARR3 = 'global a\n'
case("foreach_key_asc", ARR3 + begin('  a[3] = 1; a[1] = 2; a[2] = 3\n  foreach (k+ in a) print(k)\n  println("")'),
     "123\n")
case("foreach_key_desc", ARR3 + begin('  a[3] = 1; a[1] = 2; a[2] = 3\n  foreach (k- in a) print(k)\n  println("")'),
     "321\n")
case("foreach_value_sort", ARR3 + begin('  a["x"] = 3; a["y"] = 1; a["z"] = 2\n'
                                        '  foreach (k in a+) print(k)\n  println("")\n'
                                        '  foreach (k in a-) print(k)\n  println("")'), "yzx\nxzy\n")
case("foreach_limit", ARR3 + begin('  a[3] = 1; a[1] = 2; a[2] = 3\n  foreach (k+ in a limit 2) print(k)\n'
                                   '  println("")\n  n = 1\n  foreach (k- in a limit n) println(k)'), "12\n3\n")
case("foreach_value_var", ARR3 + begin('  a["b"] = 2; a["a"] = 1\n'
                                       '  foreach (v = [k] in a+) printf("%s=%d\\n", k, v)'), "a=1\nb=2\n")
case("foreach_multi_key", ARR3 + begin('  a[1, "b"] = 1; a[2, "a"] = 2\n'
                                       '  foreach ([i, s+] in a) printf("%d%s ", i, s)\n  println("")'),
     "2a 1b \n")
case("foreach_slice", ARR3 + begin('  a[1, 1] = 1; a[1, 2] = 2; a[2, 1] = 3\n'
                                   '  foreach ([i, j+] in a[1, *]) print(i, j, " ")\n  println("")'),
     "11 12 \n")
case("foreach_break", ARR3 + begin('  a[1] = 1; a[2] = 2; a[3] = 3\n'
                                   '  foreach (k+ in a) { if (k == 2) break; print(k) }\n  println("")'),
     "1\n")
case("foreach_continue", ARR3 + begin('  a[1] = 1; a[2] = 2; a[3] = 3\n'
                                      '  foreach (k+ in a) { if (k == 2) continue; print(k) }\n  println("")'),
     "13\n")
case("foreach_string_keys", ARR3 + begin('  a["pear"] = 1; a["apple"] = 1; a["fig"] = 1\n'
                                         '  foreach (k+ in a) println(k)'), "apple\nfig\npear\n")

# ---- statistics
ST = 'global s\n'
case("stat_extractors", ST + begin('  for (i = 1; i <= 5; i++) s <<< i\n'
                                   '  println(@count(s), " ", @sum(s), " ", @min(s), " ", @max(s), " ", @avg(s))'),
     "5 15 1 5 3\n")
case("stat_avg_truncates", ST + begin('  s <<< 1\n  s <<< 2\n  println(@avg(s))'), "1\n")
case("stat_negative", ST + begin('  s <<< -5\n  s <<< 3\n  println(@min(s), " ", @max(s), " ", @sum(s))'),
     "-5 3 -2\n")
case("stat_count_empty", ST + begin('  s <<< 1\n  delete s\n  println(@count(s))'), "0\n")
case("stat_array", 'global h\n' + begin('  h["a"] <<< 1\n  h["a"] <<< 3\n  h["b"] <<< 10\n'
                                        '  foreach (k+ in h) printf("%s %d %d\\n", k, @count(h[k]), @sum(h[k]))'),
     "a 2 4\nb 1 10\n")
case("stat_array_sort_sum", 'global h\n' + begin('  h["a"] <<< 1\n  h["a"] <<< 3\n  h["b"] <<< 10\n'
                                                 '  foreach (k in h @sum-) println(k)'), "b\na\n")
case("stat_array_in", 'global h\n' + begin('  h[1] <<< 5\n  println(1 in h, 2 in h)\n  println(@count(h[2]))'),
     "10\n0\n")
# The two @variance examples of stap(1).
case("stat_variance", 'global x probe oneshot { for(i=1;i<=5;i++) x<<<i println(@variance(x)) }\n', "12\n")
case("stat_variance_shift", 'global x probe oneshot { for(i=1;i<=5;i++) x<<<i println(@variance(x,1)) }\n',
     "2\n")
# The histogram foreach example of stap(1).
case("hist_linear_foreach", 'global x\nprobe oneshot {\n  x <<< -100\n  x <<< 1\n  x <<< 2\n  x <<< 3\n'
     '  x <<< 100\n  foreach (bucket in @hist_linear(x,1,3,1))\n'
     '    printf("bucket %d count %d\\n", bucket, @hist_linear(x,1,3,1)[bucket])\n}\n',
     "".join(f"bucket {i} count 1\n" for i in range(5)))
case("hist_index", 'global x\nprobe oneshot {\n  for (i = 0; i < 10; i++) x <<< i\n'
     '  println(@hist_linear(x, 0, 9, 5)[1], " ", @hist_linear(x, 0, 9, 5)[2])\n}\n', "5 5\n")
case("stat_printf", ST + begin('  s <<< 7\n  s <<< 9\n  printf("%d/%d\\n", @max(s), @min(s))'), "9/7\n")

# ---- try/catch
case("try_catch_div", begin('  try { x = 1 / 0; println("not here ", x) } catch (e) { println("caught: ", e) }'),
     "caught: division by 0\n")
case("try_catch_error", begin('  try { error("oops") } catch (m) { println(m) }'), "oops\n")
case("try_catch_novar", begin('  try { error("x") } catch { println("caught") }\n  println("after")'),
     "caught\nafter\n")
case("try_nested", begin('  try {\n    try { error("a") } catch (m) { error(m . "b") }\n'
                         '  } catch (m2) { println(m2) }'), "ab\n")
case("try_no_error", begin('  try { println("body") } catch { println("never") }'), "body\n")
case("try_in_function", 'function f() { try { return 1 / 0 } catch { return -1 } }\n' +
     begin('  println(f())'), "-1\n")

# ---- run-time errors
s = 'probe begin {\n  x = 0\n  println("before")\n  y = 10 / x\n  println(y)\n}\n'
case("error_div_zero", s, "before\n", 1, run_error("error_div_zero", "division by 0", "operator", "/", s, line=4))
s = 'probe begin {\n  x = 0\n  y = 10 % x\n  println(y)\n}\n'
case("error_mod_zero", s, "", 1, run_error("error_mod_zero", "division by 0", "operator", "%", s, line=3))
s = 'probe begin {\n  println("before")\n  error("bad thing")\n  println("after")\n}\n' \
    'probe end { println("end") }\nprobe error { println("error probe") }\n'
case("error_function", s, "before\nerror probe\n", 1,
     run_error("error_function", "bad thing", "identifier", "error", s, line=3))
s = 'global a[2]\nprobe begin {\n  a[1] = 1\n  a[2] = 2\n  a[3] = 3\n}\n'
case("error_array_full", s, "", 1,
     run_error("error_array_full", "Array overflow, check size limit (2)", "identifier", "a", s, line=5))
s = 'global a\nprobe begin {\n  for (i = 0; i < 5; i++)\n    a[i] = i\n}\n'
case("error_maxmapentries", s, "", 1,
     run_error("error_maxmapentries", "Array overflow, check MAXMAPENTRIES", "identifier", "a", s, line=4),
     args="-DMAXMAPENTRIES=3")
s = 'global s\nprobe begin {\n  s <<< 1\n  delete s\n  println(@avg(s))\n}\n'
case("error_empty_aggregate", s, "", 1,
     run_error("error_empty_aggregate", "empty aggregate", "operator", "@avg", s, line=5))
s = 'probe begin {\n  while (1) x++\n}\n'
case("error_maxaction", s, "", 1,
     run_error("error_maxaction", "MAXACTION exceeded", "identifier", "x", s, line=2),
     args="-DMAXACTION=100")
case("error_maxnesting", 'function f(n) { if (n > 0) return f(n - 1); return 0 }\n'
     'probe begin {\n  println(f(3))\n  x = f(100)\n  println(x)\n}\n', "0\n", 1)
case("error_end_skipped", 'probe begin { error("e") }\nprobe end { println("end") }\n', "", 1)

# ---- more printf, strings and numbers
case("printf_mixed_width", begin('  printf("%5s|%-3d|\\n", "ab", 7)'), "   ab|7  |\n")
case("printf_percent_only", begin('  printf("%%d\\n")'), "%d\n")
case("printf_negative_hex", begin('  printf("%x\\n", -1)'), "ffffffffffffffff\n")
case("printf_octal", begin('  printf("%o\\n", 64)'), "100\n")
case("printf_precision_int", begin('  printf("%.3d|\\n", 5)'), "005|\n")
case("printf_many", begin('  printf("%d %d %d %s\\n", 1, 2, 3, "four")'), "1 2 3 four\n")
case("sprint_negative", begin('  s = sprint(-42)\n  println(strlen(s), " ", s)'), "3 -42\n")
case("string_loop_append", begin('  for (i = 0; i < 3; i++) s .= "ab"\n  println(s)'), "ababab\n")
case("string_empty_compare", begin('  s = ""\n  if (s == "") println("empty")\n  if (s < "a") println("less")'),
     "empty\nless\n")
case("comments", '# hash comment\n// line comment\n/* block\n comment */\nprobe begin {\n'
     '  println("ok") # trailing\n  exit()\n}\n', "ok\n")
case("preprocessor_args", begin('  %( $# == 1 %? println("one") %: println("other") %)'), "one\n",
     sargs="x")
case("macro_define", '@define two %( 2 %)\n' + begin('  println(@two * 3)'), "6\n")
case("argc_count", begin('  println($#)\n  printf("%s-%s\\n", @1, @2)'), "2\na-b\n", sargs="a b")

# ---- functions and probes
case("mutual_recursion",
     'function even(n) { return n == 0 ? 1 : odd(n - 1) }\n'
     'function odd(n) { return n == 0 ? 0 : even(n - 1) }\n' + begin('  println(even(6), odd(7), even(3))'),
     "110\n")
case("function_error_caught", 'function f() { error("inner") }\n' +
     begin('  try { f() } catch (m) { println(m) }'), "inner\n")
case("function_exit", 'function stop() { exit() }\nprobe begin { stop(); println("x") }\n'
     'probe end { println("end") }\n', "x\nend\n")
case("errors_in_loop_caught", begin('  for (i = 0; i < 3; i++)\n    try { x = 10 / (i - 1); println(x) }'
                                    ' catch (m) { println("i=", i, ": ", m) }'),
     "-10\ni=1: division by 0\n10\n")
case("probe_multiple_points", 'probe begin(1) { exit() }\nprobe begin, end { println(pp()) }\n',
     "begin\nend\n")
case("probe_alias_prologue", 'probe myalias = begin { x = 1 }\nprobe myalias { println(x); exit() }\n',
     "1\n")
case("probe_alias_epilogue", 'probe myalias += begin { println("after") }\n'
     'probe myalias { println("body"); exit() }\n', "body\nafter\n")
case("oneshot", 'probe oneshot { println("once") }\n', "once\n")

# ---- more arrays and foreach
case("foreach_string_value_sort", ARR3 + begin('  a[1] = "b"; a[2] = "a"; a[3] = "c"\n'
                                               '  foreach (k in a+) print(k)\n  println("")'), "213\n")
case("foreach_third_key", ARR3 + begin('  a[1, "x", 3] = 1; a[2, "y", 1] = 2; a[3, "z", 2] = 3\n'
                                       '  foreach ([i, s, j+] in a) print(i)\n  println("")'), "231\n")
case("foreach_limit_zero", ARR3 + begin('  a[1] = 1\n  foreach (k in a limit 0) println("no")\n  println("done")'),
     "done\n")
case("foreach_delete_other", 'global a, b\n' + begin('  a[1] = 1; a[2] = 2; b[1] = 1; b[2] = 2\n'
                                                     '  foreach (k in a) delete b[k]\n  n = 0\n'
                                                     '  foreach (k in b) n++\n  println(n)'), "0\n")
case("array_in_string_keys", ARR3 + begin('  a["k"] = 0\n  println("k" in a, "j" in a)'), "10\n")
case("array_zero_value_exists", ARR3 + begin('  a[5] = 0\n  println(5 in a, " ", a[5])'), "1 0\n")
case("stat_array_sort_count", 'global h\n' + begin('  h["a"] <<< 1\n  h["b"] <<< 1\n  h["b"] <<< 1\n'
                                                   '  foreach (k in h-) println(k, " ", @count(h[k]))'),
     "b 2\na 1\n")
case("stat_array_max", 'global h\n' + begin('  h[1] <<< 4\n  h[1] <<< 9\n  h[1] <<< -2\n'
                                            '  println(@max(h[1]), " ", @min(h[1]), " ", @avg(h[1]))'),
     "9 -2 3\n")
case("global_counter_timer", 'global n\nprobe timer.ms(2) { n += 2; if (n >= 6) exit() }\n'
     'probe end { printf("n=%d\\n", n) }\n', "n=6\n")

case("foreach_nested_same_array", ARR3 + begin('  a[1] = 1; a[2] = 2; a[3] = 3\n'
                                               '  foreach (i+ in a) {\n    foreach (j- in a) print(i, j, " ")\n'
                                               '    println("")\n  }'), "13 12 11 \n23 22 21 \n33 32 31 \n")

# ---- context functions in user space (values vary: only their shape is checked)
case("context_functions", begin('  println(pid() > 0, tid() == pid(), uid() >= 0, strlen(execname()) > 0,'
                                ' cpu() >= 0, ppid() > 0)'), "111111\n")
case("time_functions", begin('  t = gettimeofday_s()\n  println(t > 1000000000, gettimeofday_ms() / 1000 >= t,'
                             ' gettimeofday_us() > 0, gettimeofday_ns() > 0)'), "1111\n")
case("randint_range", begin('  for (i = 0; i < 100; i++) { r = randint(10); if (r < 0 || r >= 10) println("bad") }\n'
                            '  println("ok")'), "ok\n")

case("G_option", 'global x = 1, s = "a"\n' + begin('  println(x, " ", s)'), "42 hello\n",
     args="-G x=42 -G s=hello")
case("G_option_default", 'global x = 1, s = "a"\n' + begin('  println(x, " ", s)'), "1 a\n")

# ---- regular expressions (=~ searches anywhere in the string; ERE syntax)
case("regex_match", begin('  println("hello" =~ "ell", "hello" =~ "^ell", "hello" =~ "l+o$", "abc" !~ "x")'),
     "1011\n")
case("regex_groups", begin('  s = "hello world 42"\n  if (s =~ "w(or)ld ([0-9]+)")\n'
                           '    println(matched(0), "|", matched(1), "|", matched(2))'), "world 42|or|42\n")
case("regex_alternation", begin('  foreach_word = "cat"\n  if (foreach_word =~ "^(dog|cat)$") println("pet ", matched(1))'),
     "pet cat\n")
case("regex_classes", begin('  println("a1" =~ "[[:digit:]]", "ab" =~ "[[:digit:]]", "x.y" =~ "x\\\\.y", "xzy" =~ "x\\\\.y")'),
     "1010\n")

def write(path, text):
    with open(path, "w") as f:
        f.write(text)

def main():
    os.makedirs(CASES, exist_ok=True)
    for old in os.listdir(CASES):
        os.remove(os.path.join(CASES, old))
    for t in T:
        base = os.path.join(CASES, t["name"])
        write(base + ".stp", t["script"])
        write(base + ".out", t["out"])
        if t["status"]:
            write(base + ".status", f"{t['status']}\n")
        if t["err"] is not None:
            write(base + ".err", t["err"])
        if t["args"]:
            write(base + ".args", t["args"] + "\n")
        if t["sargs"]:
            write(base + ".sargs", t["sargs"] + "\n")
    print(f"{len(T)} cases")

if __name__ == "__main__":
    main()
