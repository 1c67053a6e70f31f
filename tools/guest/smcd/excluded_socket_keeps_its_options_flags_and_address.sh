# A python3 client sets options and flags on its AF_SMC socket (and on an
# IPPROTO_SMC socket it makes itself), binds it, then connects to an
# excluded address: the descriptor number stays, the socket is a new TCP
# one (another inode, AF_INET, IPPROTO_TCP) with the same option values,
# O_NONBLOCK, no FD_CLOEXEC and the same local address, which the kernel
# shows as a plain TCP connection on that descriptor, and the data arrives
# over it.
source "$GUEST_DIR/lib.sh"
start_server 127.0.0.1
probe='
import fcntl, os, select, socket, struct, sys, time
port = int(sys.argv[1])
S, T = socket.SOL_SOCKET, socket.IPPROTO_TCP
OPTIONS = [(S, socket.SO_KEEPALIVE, 1), (S, socket.SO_RCVBUF, 100000),
           (S, socket.SO_SNDBUF, 300000), (S, socket.SO_PRIORITY, 4),
           (T, socket.TCP_NODELAY, 1), (T, socket.TCP_KEEPIDLE, 77),
           (T, socket.TCP_KEEPCNT, 3), (T, socket.TCP_USER_TIMEOUT, 4321)]
def read(s):
    values = [s.getsockopt(level, name) for level, name, _ in OPTIONS]
    values.append(s.getsockopt(S, socket.SO_LINGER, 8))
    values.append(s.getsockopt(T, socket.TCP_CONGESTION, 16).rstrip(b"\0"))
    return values
def kind(s):
    return "%d/%d" % (s.getsockopt(S, socket.SO_DOMAIN), s.getsockopt(S, socket.SO_PROTOCOL))
for name, s in (("converted", socket.socket()),
                ("IPPROTO_SMC", socket.socket(socket.AF_INET, socket.SOCK_STREAM, 256))):
    fd = s.fileno()
    for level, opt, value in OPTIONS:
        s.setsockopt(level, opt, value)
    s.setsockopt(S, socket.SO_LINGER, struct.pack("ii", 1, 5))
    s.setsockopt(T, socket.TCP_CONGESTION, b"reno")
    s.bind(("127.0.0.1", 0))
    local = s.getsockname()
    s.setblocking(False)
    os.set_inheritable(fd, True)
    before, kind_before, inode = read(s), kind(s), os.fstat(fd).st_ino
    s.connect_ex(("127.0.0.1", port))
    select.select([], [fd], [], 10)
    err = s.getsockopt(S, socket.SO_ERROR)
    after = read(s)
    # Held until the check has asked the kernel about this descriptor.
    print(name, "connected", fd, local[1], flush=True)
    deadline = time.monotonic() + 30
    while not os.path.exists(name + ".looked") and time.monotonic() < deadline:
        time.sleep(0.05)
    print(name, kind_before, "->", kind(s),
          "same fd" if s.fileno() == fd else "other fd",
          "new inode" if os.fstat(fd).st_ino != inode else "same inode",
          "options kept" if after == before else "options differ: %r %r" % (before, after),
          "nonblocking" if fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_NONBLOCK else "blocking",
          "inheritable" if os.get_inheritable(fd) else "cloexec",
          "same address" if s.getsockname() == local else "other address",
          "error %d" % err)
    s.setblocking(True)
    s.sendall(b"GET /data HTTP/1.0\r\n\r\n")
    got = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        got += chunk
    print(name, "body", len(got.split(b"\r\n\r\n", 1)[1]))
'
# -f smc: the converted socket is an AF_SMC one; the program makes the
# IPPROTO_SMC one itself, so both kinds are replaced.
# smc_run execs python3 (the library reaches it), so the pid is the probe's.
"$SMC_RUN" -d -f smc --exclude 127.0.0.1 python3 -c "$probe" "$PORT" >probe.out 2>probe.err &
probe_pid=$!
BACKGROUND_PIDS+=("$probe_pid")
declare -A kernel=()
for name in converted IPPROTO_SMC; do
  wait_for probe.out "^$name connected [0-9]+ [0-9]+$"
  read -r _ _ fd local_port < <(grep "^$name connected " probe.out)
  kernel[$name]="$(kernel_socket_of "$probe_pid" "$fd")"
  touch "$name.looked"
  expect_match "${kernel[$name]}" "^$probe_pid [0-9]+ tcp ESTABLISHED 127\.0\.0\.1:$local_port 127\.0\.0\.1:$PORT$" \
    "the kernel's word on the $name socket's descriptor after connect"
done
wait "$probe_pid" || fail "probe failed: $(cat probe.err)"
out="$(grep -v ' connected ' probe.out)"
echo "$out"
cat probe.err
printf '%s\n' "${kernel[@]}"
for name in converted IPPROTO_SMC; do
  expect_match "$out" "^$name (43/0|2/256) -> 2/6 same fd new inode options kept nonblocking inheritable same address error 0$" \
    "$name socket after connect"
  expect_match "$out" "^$name body 1048576$" "$name socket's data"
done
expect_match "$out" "^converted 43/0 " "converted socket was AF_SMC before"
expect_match "$out" "^IPPROTO_SMC 2/256 " "IPPROTO_SMC socket was one before"
expect_eq "$(grep -c 'excluded by SMC_EXCLUDE 127.0.0.1 -> TCP (replaced the SMC socket)$' probe.err)" 2 \
  "filter lines, nothing left behind"
