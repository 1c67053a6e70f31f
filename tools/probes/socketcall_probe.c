/* A 32-bit (i386) static client that makes its sockets through
 * socketcall(2), the one system call 32-bit x86 programs had for sockets
 * before Linux 4.3, with no libc at all (the build host has no 32-bit
 * libc): no library reaches it and the seccomp filter, written for the
 * native ABI, lets its calls pass unseen; only the kernel's
 * update_socket_protocol hook, which socketcall's SYS_SOCKET reaches
 * (net/socket.c, __sys_socket), can make it SMC.
 *   socketcall_probe PORT FILE
 * an HTTP/1.0 GET of /hold/data from 127.0.0.1:PORT (the held server of
 * tools/guest/held.sh), its body into FILE; exits 0 when it got one. */

/* i386 system call numbers (arch/x86/entry/syscalls/syscall_32.tbl) and
 * socketcall's calls (include/uapi/linux/net.h). */
enum { kExit = 1, kRead = 3, kWrite = 4, kOpen = 5, kSocketcall = 102 };
enum { kSysSocket = 1, kSysConnect = 3 };
enum { kAfInet = 2, kSockStream = 1 };
enum { kCreateTruncWrite = 01 | 0100 | 01000 }; /* O_WRONLY|O_CREAT|O_TRUNC */

static long sys(long n, long a, long b, long c) {
  long r;
  __asm__ volatile("int $0x80" : "=a"(r) : "a"(n), "b"(a), "c"(b), "d"(c) : "memory");
  return r;
}

static void fail(const char* what, long len) {
  sys(kWrite, 2, (long)what, len);
  sys(kExit, 1, 0, 0);
}

static int run(int argc, char** argv) {
  if (argc != 3) fail("usage: socketcall_probe PORT FILE\n", 34);
  unsigned port = 0;
  for (const char* p = argv[1]; *p; ++p) port = port * 10 + (unsigned)(*p - '0');
  long args[3] = {kAfInet, kSockStream, 0};
  const long fd = sys(kSocketcall, kSysSocket, (long)args, 0);
  if (fd < 0) fail("socket failed\n", 14);
  /* struct sockaddr_in: family, port and address in network order. */
  unsigned char addr[16] = {kAfInet, 0, (unsigned char)(port >> 8), (unsigned char)port, 127, 0, 0, 1};
  long connect_args[3] = {fd, (long)addr, sizeof addr};
  if (sys(kSocketcall, kSysConnect, (long)connect_args, 0) != 0) fail("connect failed\n", 15);
  static const char request[] = "GET /hold/data HTTP/1.0\r\n\r\n";
  if (sys(kWrite, fd, (long)request, sizeof request - 1) != sizeof request - 1) fail("write failed\n", 13);
  const long out = sys(kOpen, (long)argv[2], kCreateTruncWrite, 0644);
  if (out < 0) fail("open failed\n", 12);
  static char buf[65536];
  int state = 0; /* how much of the blank line after the headers was seen */
  long n;
  while ((n = sys(kRead, fd, (long)buf, sizeof buf)) > 0) {
    long i = 0;
    for (; state < 4 && i < n; ++i) {
      const char want = (state % 2 == 0) ? '\r' : '\n';
      state = buf[i] == want ? state + 1 : (buf[i] == '\r' ? 1 : 0);
    }
    if (n > i && sys(kWrite, out, (long)(buf + i), n - i) != n - i) fail("write failed\n", 13);
  }
  return n < 0 || state < 4;
}

/* The kernel starts the program with argc, then argv, on the stack. */
__attribute__((used)) static void start(long* stack) {
  sys(kExit, run((int)stack[0], (char**)(stack + 1)), 0, 0);
}
__asm__(".globl _start\n_start:\n  mov %esp, %eax\n  and $-16, %esp\n  sub $12, %esp\n  push %eax\n  call start\n");
