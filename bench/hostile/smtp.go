//go:build unix

package main

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"
)

// floodBytes is how long the flooding server's reply to EHLO would be: far
// more than any client should hold.
const floodBytes = 256 << 20

// measureSMTPFlood runs `fupan mail` on a finished run of the samples against
// a server on loopback that answers EHLO with an endless multi-line reply, and
// prints the time, the peak memory and how much of the flood fupan read.
func measureSMTPFlood(bin, dir string) error {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	defer func() { _ = l.Close() }()
	var taken atomic.Int64
	go serveFlood(l, &taken)

	out := filepath.Join(dir, "smtp-out")
	if b, err := exec.Command(bin, "--log-level", "error", "run", "samples", "-o", out, "--no-history").CombinedOutput(); err != nil {
		return fmt.Errorf("fupan run samples: %v\n%s", err, b)
	}
	cfg := filepath.Join(dir, "smtp-fupan.yaml")
	port := l.Addr().(*net.TCPAddr).Port
	yaml := fmt.Sprintf("mail:\n  smtp: {host: 127.0.0.1, port: %d, security: none, retries: 0, timeout: 60s}\n  from: fupan <fupan@example.com>\n  to: [leader@example.com]\n", port)
	if err := os.WriteFile(cfg, []byte(yaml), 0o600); err != nil {
		return err
	}
	took, rss := measure(bin, []string{"mail", out, "--config", cfg})
	mark := ""
	if took > 5*time.Second || rss > 300 {
		mark = "!"
	}
	fmt.Printf("%-36s %10s %8.2fs %8d%s  (fupan read %d MiB of a %d MiB reply)\n", "smtp-flood (fupan mail)", "-",
		took.Seconds(), rss, mark, taken.Load()>>20, floodBytes>>20)
	if mark != "" {
		return fmt.Errorf("the SMTP flood took over 5 s or 300 MiB")
	}
	return nil
}

// serveFlood greets each client, then answers its EHLO with lines of a MiB
// until floodBytes or the client closes, counting the bytes written.
func serveFlood(l net.Listener, taken *atomic.Int64) {
	line := []byte("250-" + strings.Repeat("x", 1<<20-6) + "\r\n")
	for {
		c, err := l.Accept()
		if err != nil {
			return
		}
		go func(c net.Conn) {
			defer func() { _ = c.Close() }()
			_ = c.SetDeadline(time.Now().Add(time.Minute))
			if _, err := c.Write([]byte("220 flood ESMTP\r\n")); err != nil {
				return
			}
			r := bufio.NewReader(c)
			if _, err := r.ReadString('\n'); err != nil { // EHLO
				return
			}
			for sent := 0; sent < floodBytes; sent += len(line) {
				n, err := c.Write(line)
				taken.Add(int64(n))
				if err != nil {
					return
				}
			}
			_, _ = c.Write([]byte("250 OK\r\n"))
		}(c)
	}
}
