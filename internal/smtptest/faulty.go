package smtptest

import (
	"bufio"
	"net"
	"strings"
	"sync"
	"testing"
)

// Fault is how a Faulty server misbehaves once it has a message's data.
type Fault int

const (
	// CloseAfterAccept answers 250 to the end of the message, then drops the
	// connection.
	CloseAfterAccept Fault = iota
	// RsetRefused answers 250, then 421 to RSET and to QUIT.
	RsetRefused
	// QuitHangs answers 250, then never answers QUIT.
	QuitHangs
	// NoReplyToDot never answers the end of the message.
	NoReplyToDot
	// FloodReply answers EHLO with a multi-line reply of FloodBytes (lines
	// of a MiB), then its last line: a peer that would fill the client's
	// memory. Flooded counts the bytes the client let it write.
	FloodReply
)

// FloodBytes is how long FloodReply's reply to EHLO is.
const FloodBytes = 64 << 20

// Faulty is a scripted SMTP server on loopback, without TLS or login, that
// takes messages and then fails as its Fault says. It counts the messages it
// accepted (answered 250 to their end) and tells Accepted of each.
type Faulty struct {
	Port     int
	Accepted chan string // the Message-ID of each accepted message
	fault    Fault

	mu       sync.Mutex
	accepted []string
	received int   // messages whose end arrived, answered or not
	flooded  int64 // bytes of FloodReply's reply written
}

// Flooded is how many bytes of its flood the server could write before the
// client stopped reading and closed the connection.
func (f *Faulty) Flooded() int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.flooded
}

// flood writes FloodReply's reply, counting what the client took.
func (f *Faulty) flood(c net.Conn) bool {
	line := []byte("250-" + strings.Repeat("x", 1<<20-6) + "\r\n")
	for sent := 0; sent < FloodBytes; sent += len(line) {
		n, err := c.Write(line)
		f.mu.Lock()
		f.flooded += int64(n)
		f.mu.Unlock()
		if err != nil {
			return false
		}
	}
	_, err := c.Write([]byte("250 SIZE 52428800\r\n"))
	return err == nil
}

// StartFaulty starts a Faulty server; it stops when the test ends.
func StartFaulty(t testing.TB, fault Fault) *Faulty {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f := &Faulty{Port: l.Addr().(*net.TCPAddr).Port, fault: fault, Accepted: make(chan string, 64)}
	var conns sync.WaitGroup
	done := make(chan struct{})
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			conns.Add(1)
			go func() {
				defer conns.Done()
				f.serve(c, done)
			}()
		}
	}()
	t.Cleanup(func() {
		close(done)
		_ = l.Close()
	})
	return f
}

// Messages are the Message-IDs of the messages the server accepted.
func (f *Faulty) Messages() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.accepted...)
}

// Received counts the messages whose end arrived, answered or not.
func (f *Faulty) Received() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.received
}

func (f *Faulty) serve(c net.Conn, done <-chan struct{}) {
	defer func() { _ = c.Close() }()
	go func() { <-done; _ = c.Close() }()
	r := bufio.NewReader(c)
	say := func(s string) bool { _, err := c.Write([]byte(s + "\r\n")); return err == nil }
	hang := func() { <-done }
	if !say("220 faulty.localhost ESMTP") {
		return
	}
	accepted := false
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.TrimSpace(line))
		switch {
		case strings.HasPrefix(cmd, "EHLO") && f.fault == FloodReply:
			if !f.flood(c) {
				return
			}
		case strings.HasPrefix(cmd, "EHLO"):
			say("250-faulty.localhost\r\n250-8BITMIME\r\n250 SIZE 52428800")
		case strings.HasPrefix(cmd, "HELO"), strings.HasPrefix(cmd, "MAIL"), strings.HasPrefix(cmd, "RCPT"), cmd == "NOOP":
			say("250 OK")
		case cmd == "RSET":
			if accepted && f.fault == RsetRefused {
				say("421 4.3.0 shutting down")
				continue
			}
			say("250 OK")
		case cmd == "QUIT":
			switch {
			case accepted && f.fault == QuitHangs:
				hang()
				return
			case accepted && f.fault == RsetRefused:
				say("421 4.3.0 shutting down")
				return
			}
			say("221 bye")
			return
		case cmd == "DATA":
			say("354 go ahead")
			id := ""
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" || l == ".\n" {
					break
				}
				if k, v, ok := strings.Cut(l, ":"); ok && strings.EqualFold(k, "Message-ID") && id == "" {
					id = strings.TrimSpace(v)
				}
			}
			f.mu.Lock()
			f.received++
			f.mu.Unlock()
			if f.fault == NoReplyToDot {
				hang()
				return
			}
			f.mu.Lock()
			f.accepted = append(f.accepted, id)
			f.mu.Unlock()
			accepted = true
			say("250 2.0.0 queued as " + id)
			f.Accepted <- id
			if f.fault == CloseAfterAccept {
				return
			}
		default:
			say("502 5.5.2 not implemented")
		}
	}
}
