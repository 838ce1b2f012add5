package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"testing"
	"time"
)

// server is a fupan serve the test runs on a free loopback port.
type server struct {
	t      *testing.T
	addr   string
	log    bytes.Buffer
	cancel context.CancelFunc
	done   chan int
	code   int
	ended  bool
}

// serve runs fupan serve args (--listen given) until the test stops it or
// ends; its exit status must be 0.
func serve(t *testing.T, args ...string) *server {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &server{t: t, addr: l.Addr().String(), done: make(chan int)}
	_ = l.Close()
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	go func() {
		s.done <- run(ctx, append([]string{"fupan", "--log-format", "json", "serve", "--listen", s.addr}, args...), io.Discard, &s.log)
	}()
	t.Cleanup(func() {
		if s.stop() != 0 {
			t.Errorf("serve: exit %d\n%s", s.code, s.log.String())
		}
	})
	return s
}

// stop ends the server and gives its exit status; its log is whole then.
func (s *server) stop() int {
	if !s.ended {
		s.cancel()
		s.code, s.ended = <-s.done, true
	}
	return s.code
}

// do sends the request made by req until the server answers (it may still
// be starting), and gives the answer's status and body.
func (s *server) do(req func(url string) (*http.Response, error)) (int, string) {
	s.t.Helper()
	for range 200 {
		select {
		case code := <-s.done:
			s.code, s.ended = code, true
			s.t.Fatalf("serve ended: exit %d\n%s", code, s.log.String())
		default:
		}
		resp, err := req("http://" + s.addr)
		if err != nil {
			time.Sleep(50 * time.Millisecond)
			continue
		}
		b, _ := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		return resp.StatusCode, string(b)
	}
	s.stop()
	s.t.Fatalf("serve does not answer:\n%s", s.log.String())
	return 0, ""
}

// get is do for a GET of path.
func (s *server) get(path string) (int, string) {
	s.t.Helper()
	return s.do(func(base string) (*http.Response, error) { return http.Get(base + path) })
}
