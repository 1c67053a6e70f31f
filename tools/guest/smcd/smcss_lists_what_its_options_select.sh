# smcss shows connections by default, listening sockets with -a or -l only,
# SMC-D ones with -D, and none with -R (no SMC-R here); -d adds buffers.
source "$GUEST_DIR/lib.sh"
# AF_SMC sockets: for IPPROTO_SMC ones, Linux 6.12's SMC_DIAG fills in the
# ports but not the addresses this check looks for.
export SMC_SOCK_FAMILY=smc
start_server 127.0.0.1 "$SMC_RUN"
start_fetch "http://127.0.0.1:$PORT/hold/data" "$SMC_RUN"
smcss() { "$SMC_RUN" --role smcss "$@"; }
default="$(smcss)"; all="$(smcss -a)"; listening="$(smcss -l)"
smcd="$(smcss -D)"; smcr="$(smcss -R)"; debug="$(smcss -d)"
release_fetch
echo "$all"
count() { grep -c "$2" <<<"$1" || true; }
expect_eq "$(count "$default" '^ACTIVE ')" 2 "connections listed by default"
expect_eq "$(count "$default" '^LISTEN ')" 0 "listening sockets listed by default"
expect_eq "$(count "$all" '^LISTEN ')" 1 "listening sockets with -a"
expect_eq "$(count "$listening" '^ACTIVE ')" 0 "connections with -l"
expect_eq "$(count "$listening" "127.0.0.1:$PORT ")" 1 "the server with -l"
expect_eq "$(count "$smcd" ' SMCD$')" 2 "SMC-D connections with -D"
expect_eq "$(wc -l <<<"$smcr")" 1 "lines with -R (header only)"
expect_match "$debug" '^State +UID +Inode +Local Address +Peer Address +Intf +Mode +ShutD +Token +Sndbuf +Rcvbuf +Peerbuf$' \
  "-d header"
expect_match "$debug" ' SMCD +<-> +[0-9a-f]{8} +[0-9]+ +[0-9]+ +[0-9]+$' "-d connection line"
