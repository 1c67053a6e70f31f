// A Go program for the seccomp supervisor's tests (built static, without
// cgo, by Debian's golang-go): Go makes its own system calls, so no
// library reaches it. One mode per run:
//   echo    a TCP connection over 127.0.0.1 to itself, "ping"/"pong"
//   http    an HTTP server and a client of it in one process
//   others  a UDP and a UNIX socket
// and, for the guest checks, as hold_server.py and curl are used there:
//   serve ADDRESS FOLDER  an HTTP server of FOLDER's files on ADDRESS (port
//                         0: it prints "port N"); GET /hold/NAME sends half
//                         of NAME, prints "holding NAME", and the rest once
//                         FOLDER/release exists
//   get URL FILE          fetches URL into FILE
package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
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

func main() {
	modes := map[string]func() error{
		"echo": echo, "http": serveHTTP, "others": others, "serve": serve, "get": get,
	}
	mode := ""
	if len(os.Args) > 1 {
		mode = os.Args[1]
	}
	run, ok := modes[mode]
	if !ok {
		fmt.Fprintln(os.Stderr, "usage: go_probe echo|http|others|serve ADDRESS FOLDER|get URL FILE")
		os.Exit(2)
	}
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "go_probe:", err)
		os.Exit(1)
	}
}
