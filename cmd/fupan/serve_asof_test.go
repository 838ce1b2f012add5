package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// fupan serve --as-of dates its pages as fupan run --as-of dates a run: a
// team's open action due 2025-09-10 is 58 days late on a page served as of
// 2025-11-07, whatever day the test runs.
func TestServeAsOfDatesPages(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "out")
	hist := filepath.Join(root, "h.sqlite")
	if _, stderr, code := runCLI(t, "run", "../../samples", "-o", out, "--history", hist, "--as-of", "2025-10-08"); code != 0 {
		t.Fatalf("run: exit %d\n%s", code, stderr)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close()
	ctx, cancel := context.WithCancel(context.Background())
	var stderr bytes.Buffer
	done := make(chan int)
	go func() {
		done <- run(ctx, []string{"fupan", "serve", "--listen", addr, "--history", hist, "--as-of", "2025-11-07", out}, io.Discard, &stderr)
	}()
	defer func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("serve: exit %d\n%s", code, stderr.String())
		}
	}()
	get := func(path string) string {
		t.Helper()
		for i := 0; i < 100; i++ {
			resp, err := http.Get("http://" + addr + path)
			if err != nil {
				time.Sleep(50 * time.Millisecond)
				continue
			}
			b, _ := io.ReadAll(resp.Body)
			_ = resp.Body.Close()
			return string(b)
		}
		t.Fatalf("serve does not answer:\n%s", stderr.String())
		return ""
	}
	dash := get("/dashboard")
	m := regexp.MustCompile(`href="(/teams/[^"]+)">华东销售部<`).FindStringSubmatch(dash)
	if m == nil {
		t.Fatalf("the dashboard has no 华东销售部:\n%s", dash)
	}
	page := get(m[1])
	if !strings.Contains(page, "2025-09-10") || !strings.Contains(page, "逾期 58 天") {
		t.Errorf("the team page served as of 2025-11-07 does not say 2025-09-10 is 58 days late:\n%s", page)
	}
}
