// A Go program for the seccomp supervisor's tests (built static, without
// cgo, by Debian's golang-go): Go makes its own system calls, so no
// library reaches it. One mode per run:
//
//	echo    a TCP connection over 127.0.0.1 to itself, "ping"/"pong"
//	http    an HTTP server and a client of it in one process
//	others  a UDP and a UNIX socket
//
// and, as seccomp_probe prints them, for the same checks:
//
//	errno    socket() calls that succeed or fail: made or failed, errno
//	emfile   a TCP socket once every descriptor is used: its errno
//	threads  64 OS threads make their first TCP socket at once
//	waitany  wait4(-1) with no child, then with one that exits 7
//	exit N   a TCP socket, then exit N
//	term     a TCP socket, then SIGTERM to itself
//
// and, for the guest checks, as hold_server.py and curl are used there:
//
//	serve ADDRESS FOLDER  an HTTP server of FOLDER's files on ADDRESS (port
//	                      0: it prints "port N"); GET /hold/NAME sends half
//	                      of NAME, prints "holding NAME", and the rest once
//	                      FOLDER/release exists
//	get URL FILE          fetches URL into FILE
package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

func echo() error {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	defer l.Close()
	c, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		return err
	}
	defer c.Close()
	p, err := l.Accept()
	if err != nil {
		return err
	}
	defer p.Close()
	buf := make([]byte, 4)
	if _, err := c.Write([]byte("ping")); err != nil {
		return err
	}
	if _, err := io.ReadFull(p, buf); err != nil || string(buf) != "ping" {
		return fmt.Errorf("server read %q: %v", buf, err)
	}
	if _, err := p.Write([]byte("pong")); err != nil {
		return err
	}
	if _, err := io.ReadFull(c, buf); err != nil || string(buf) != "pong" {
		return fmt.Errorf("client read %q: %v", buf, err)
	}
	fmt.Println("echo ok")
	return nil
}

func serveHTTP() error {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	body := make([]byte, 1<<20)
	for i := range body {
		body[i] = byte(i)
	}
	go http.Serve(l, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write(body)
	}))
	resp, err := http.Get("http://" + l.Addr().String() + "/")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	for i := range got {
		if got[i] != byte(i) {
			return fmt.Errorf("byte %d differs", i)
		}
	}
	fmt.Printf("http %d bytes\n", len(got))
	return nil
}

func others() error {
	u, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	defer u.Close()
	dir, err := os.MkdirTemp("", "go_probe")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	x, err := net.Listen("unix", filepath.Join(dir, "s"))
	if err != nil {
		return err
	}
	defer x.Close()
	fmt.Println("udp and unix ok")
	return nil
}

func hold(folder string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		held := strings.HasPrefix(r.URL.Path, "/hold/")
		name := filepath.Base(r.URL.Path)
		body, err := os.ReadFile(filepath.Join(folder, name))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Length", fmt.Sprint(len(body)))
		half := len(body)
		if held {
			half = len(body) / 2
		}
		w.Write(body[:half])
		if held {
			w.(http.Flusher).Flush()
			fmt.Println("holding", name)
			release := filepath.Join(folder, "release")
			for deadline := time.Now().Add(120 * time.Second); time.Now().Before(deadline); {
				if _, err := os.Stat(release); err == nil {
					break
				}
				time.Sleep(50 * time.Millisecond)
			}
		}
		w.Write(body[half:])
	}
}

func serve() error {
	if len(os.Args) != 4 {
		return fmt.Errorf("usage: go_probe serve ADDRESS FOLDER")
	}
	l, err := net.Listen("tcp", net.JoinHostPort(os.Args[2], "0"))
	if err != nil {
		return err
	}
	fmt.Println("port", l.Addr().(*net.TCPAddr).Port)
	return http.Serve(l, hold(os.Args[3]))
}

func get() error {
	if len(os.Args) != 4 {
		return fmt.Errorf("usage: go_probe get URL FILE")
	}
	resp, err := http.Get(os.Args[2])
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	out, err := os.Create(os.Args[3])
	if err != nil {
		return err
	}
	defer out.Close()
	_, err = io.Copy(out, resp.Body)
	return err
}

// The errno of a system call's error, 0 for none.
func errnoOf(err error) int {
	if e, ok := err.(syscall.Errno); ok {
		return int(e)
	}
	return 0
}

func made(fd int) string {
	if fd >= 0 {
		syscall.Close(fd)
		return "made"
	}
	return "failed"
}

func errnos() error {
	calls := []struct {
		name                   string
		domain, kind, protocol int
	}{
		{"tcp4", syscall.AF_INET, syscall.SOCK_STREAM, 0},
		{"tcp6", syscall.AF_INET6, syscall.SOCK_STREAM | syscall.SOCK_CLOEXEC, syscall.IPPROTO_TCP},
		{"udp4", syscall.AF_INET, syscall.SOCK_DGRAM, 0},
		{"protocol-99", syscall.AF_INET, syscall.SOCK_STREAM, 99},
		{"bad-flags", syscall.AF_INET, syscall.SOCK_STREAM | 0x100, 0},
		{"bad-family", 4242, syscall.SOCK_STREAM, 0},
	}
	for _, c := range calls {
		fd, err := syscall.Socket(c.domain, c.kind, c.protocol)
		fmt.Printf("%s %s errno=%d\n", c.name, made(fd), errnoOf(err))
	}
	return nil
}

func emfile() error {
	limit := syscall.Rlimit{Cur: 16, Max: 16}
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &limit); err != nil {
		return err
	}
	for {
		if _, err := syscall.Dup(0); err != nil {
			break
		}
	}
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)
	fmt.Printf("%s errno=%d\n", made(fd), errnoOf(err))
	return nil
}

// Each goroutine is locked to its own OS thread, so 64 threads wait at
// the start line and make their first socket at once.
func threads() error {
	const n = 64
	var ready, done sync.WaitGroup
	start := make(chan struct{})
	fds := make([]int, n)
	ready.Add(n)
	done.Add(n)
	for i := 0; i < n; i++ {
		go func(i int) {
			defer done.Done()
			runtime.LockOSThread()
			ready.Done()
			<-start
			fds[i], _ = syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)
		}(i)
	}
	ready.Wait()
	close(start)
	done.Wait()
	count := 0
	for _, fd := range fds {
		if fd >= 0 {
			count++
		}
	}
	fmt.Printf("%d of %d sockets\n", count, n)
	return nil
}

func waitany() error {
	var status syscall.WaitStatus
	got, err := syscall.Wait4(-1, &status, 0, nil)
	fmt.Printf("no child: %d errno=%d\n", got, errnoOf(err))
	child, err := syscall.ForkExec("/bin/sh", []string{"sh", "-c", "exit 7"}, nil)
	if err != nil {
		return err
	}
	got, _ = syscall.Wait4(-1, &status, 0, nil)
	who := "another"
	if got == child {
		who = "itself"
	}
	fmt.Printf("one child: %s status=%d\n", who, status.ExitStatus())
	got, err = syscall.Wait4(-1, &status, 0, nil)
	fmt.Printf("then: %d errno=%d\n", got, errnoOf(err))
	return nil
}

func exitWith() error {
	if len(os.Args) != 3 {
		return fmt.Errorf("usage: go_probe exit N")
	}
	code, err := strconv.Atoi(os.Args[2])
	if err != nil {
		return err
	}
	syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)
	os.Exit(code)
	return nil
}

// Go's runtime ends the program by SIGTERM itself when nobody asked for
// the signal, so the wait status says SIGTERM.
func term() error {
	syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)
	syscall.Kill(os.Getpid(), syscall.SIGTERM)
	select {}
}

func main() {
	modes := map[string]func() error{
		"echo": echo, "http": serveHTTP, "others": others, "serve": serve, "get": get,
		"errno": errnos, "emfile": emfile, "threads": threads, "waitany": waitany,
		"exit": exitWith, "term": term,
	}
	mode := ""
	if len(os.Args) > 1 {
		mode = os.Args[1]
	}
	run, ok := modes[mode]
	if !ok {
		fmt.Fprintln(os.Stderr, "usage: go_probe echo|http|others|errno|emfile|threads|waitany|exit N|term|"+
			"serve ADDRESS FOLDER|get URL FILE")
		os.Exit(2)
	}
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "go_probe:", err)
		os.Exit(1)
	}
}
