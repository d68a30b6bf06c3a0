# Sourced by /init and, through it, by /batch/run.sh: the guest side of the
# results channel. Protocol (one line each, on ttyS1):
#   @@CXXTAP-READY uptime=S@@      init started
#   @@CXXTAP-START name@@          a step began (tells the host what hung)
#   @@CXXTAP-FILE name@@ <base64 lines> @@CXXTAP-EOF name@@   one result file
#   @@CXXTAP-DONE@@                everything was sent
# File bodies are base64 so that no output can fake a marker, binary output
# survives, and a missing final newline is preserved exactly.

cxxtap_open_channel() {
  # Raw: no \n -> \r\n translation, no echo of anything the host might send.
  stty -F /dev/ttyS1 raw -echo 2>/dev/null
  exec 3>/dev/ttyS1
}

cxxtap_check_name() {
  case $1 in
    '' | *[!A-Za-z0-9._-]*) echo "cxxtap: bad result name '$1'" >&2; return 1 ;;
  esac
}

# emit NAME FILE: send FILE to the host as results/NAME. The host accepts
# only names made of A-Z a-z 0-9 . _ - (they become file names there).
emit() {
  cxxtap_check_name "$1" || return 2
  echo "@@CXXTAP-FILE $1@@" >&3
  base64 "$2" >&3
  echo "@@CXXTAP-EOF $1@@" >&3
}

# step NAME CMD...: run CMD, send NAME.out (stdout), NAME.err (stderr) and
# NAME.rc (exit status). Returns CMD's status so run.sh can stop early.
step() {
  _n=$1; shift
  cxxtap_check_name "$_n" || return 2
  echo "@@CXXTAP-START $_n@@" >&3
  "$@" >"/tmp/cxxtap/$_n.out" 2>"/tmp/cxxtap/$_n.err" </dev/null
  _rc=$?
  echo "$_rc" >"/tmp/cxxtap/$_n.rc"
  emit "$_n.out" "/tmp/cxxtap/$_n.out"
  emit "$_n.err" "/tmp/cxxtap/$_n.err"
  emit "$_n.rc" "/tmp/cxxtap/$_n.rc"
  return $_rc
}
