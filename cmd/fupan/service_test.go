package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestParseServiceArgs(t *testing.T) {
	for _, c := range []struct {
		action string
		args   []string
		name   string
		cmd    string // the command's line, joined; "" none
		err    string
	}{
		{"install", []string{"watch", `D:\复盘`, "-o", `D:\报告`}, "fupan", `watch D:\复盘 -o D:\报告`, ""},
		{"install", []string{"--name", "fupan-serve", "serve", "--config", "c.yaml"}, "fupan-serve", "serve --config c.yaml", ""},
		{"run", []string{"--name=fupan-w", "--", "watch", "in", "-o", "out"}, "fupan-w", "watch in -o out", ""},
		{"stop", nil, "fupan", "", ""},
		{"stop", []string{"--name", "fupan-serve"}, "fupan-serve", "", ""},
		{"install", nil, "", "", "name the command to run"},
		{"install", []string{"run", "in", "-o", "out"}, "", "", "a service runs watch or serve"},
		{"install", []string{"--name"}, "", "", "--name needs a NAME"},
		{"install", []string{"--name", "a b", "watch"}, "", "", "no spaces"},
		{"start", []string{"watch"}, "", "", "takes only --name"},
	} {
		sa, err := parseServiceArgs(c.action, c.args)
		switch {
		case c.err != "":
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%s %q: %v; want %q", c.action, c.args, err, c.err)
			}
		case err != nil:
			t.Errorf("%s %q: %v", c.action, c.args, err)
		case sa.Name != c.name || strings.Join(sa.Command, " ") != c.cmd:
			t.Errorf("%s %q: %+v; want %s %q", c.action, c.args, sa, c.name, c.cmd)
		}
	}
}

// The service manager's Stop cancels the context the command runs under, as
// SIGTERM does: a real fupan watch, run in this process as the service runs
// it, ends at once with exit 0.
func TestServiceStopEndsWatch(t *testing.T) {
	in, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
	copyTestFile(t, "../../samples/华东销售部_2025Q3.xlsx", filepath.Join(in, "华东销售部_2025Q3.xlsx"))
	var logs bytes.Buffer
	stop := make(chan struct{})
	started := time.Now()
	go func() {
		// Stop once watch has processed the folder once.
		for time.Since(started) < 60*time.Second {
			if _, err := os.Stat(filepath.Join(out, "华东销售部_2025Q3.pdf")); err == nil {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		close(stop)
	}()
	code := runUntilStopped(context.Background(), stop, 30*time.Second, func(ctx context.Context) int {
		return run(ctx, []string{"fupan", "--log-format", "json", "watch", in, "-o", out, "--no-history", "--settle", "10ms", "--poll", "50ms"}, &logs, &logs)
	})
	if code != exitOK {
		t.Fatalf("watch after Stop: exit %d\n%s", code, logs.String())
	}
	if _, err := os.Stat(filepath.Join(out, "华东销售部_2025Q3.pdf")); err != nil {
		t.Errorf("watch wrote no report before the stop: %v\n%s", err, logs.String())
	}
}

// A command that ends by itself gives its exit code; one that ignores the
// stop is given up on after the wait, as failed.
func TestRunUntilStopped(t *testing.T) {
	if code := runUntilStopped(context.Background(), make(chan struct{}), time.Second, func(context.Context) int { return 2 }); code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	stop := make(chan struct{})
	close(stop)
	code := runUntilStopped(context.Background(), stop, 50*time.Millisecond, func(context.Context) int { time.Sleep(2 * time.Second); return 0 })
	if code != exitFailed {
		t.Errorf("a command that ignored the stop: exit %d, want %d", code, exitFailed)
	}
}

// Elsewhere than Windows the command says to use systemd, and its bad usage
// is still told as such; its line is not reordered as other commands' are.
func TestServiceCommandOffWindows(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("on Windows the service manager answers")
	}
	var out, errs bytes.Buffer
	code := run(context.Background(), []string{"fupan", "service", "install", "watch", "in", "-o", "out"}, &out, &errs)
	if code != exitBadUsage || !strings.Contains(errs.String(), "systemd") {
		t.Errorf("service install on %s: exit %d, %q", runtime.GOOS, code, errs.String())
	}
	out.Reset()
	if code := run(context.Background(), []string{"fupan", "service", "install", "--help"}, &out, &errs); code != exitOK || !strings.Contains(out.String(), "[--name NAME] COMMAND") {
		t.Errorf("service install --help: exit %d, %q", code, out.String())
	}
	errs.Reset()
	code = run(context.Background(), []string{"fupan", "service", "install", "run", "in", "-o", "out"}, &out, &errs)
	if code != exitBadUsage || !strings.Contains(errs.String(), "a service runs watch or serve") {
		t.Errorf("service install run: exit %d, %q", code, errs.String())
	}
}
