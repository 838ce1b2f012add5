package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// unitEnv reads contrib/fupan.env as systemd's EnvironmentFile= does:
// KEY=value lines, # comments.
func unitEnv(t *testing.T) map[string]string {
	t.Helper()
	b, err := os.ReadFile("../../contrib/fupan.env")
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if k, v, ok := strings.Cut(line, "="); ok && !strings.HasPrefix(line, "#") {
			env[k] = v
		}
	}
	return env
}

// unitArgs is the command line fupan-serve.service's ExecStart= gives fupan,
// with env: through sh where the unit goes through sh, else expanded as
// systemd expands $VAR and ${VAR} (words split).
func unitArgs(t *testing.T, unit string, env map[string]string) []string {
	t.Helper()
	b, err := os.ReadFile(unit)
	if err != nil {
		t.Fatal(err)
	}
	var line string
	for _, l := range strings.Split(string(b), "\n") {
		if s, ok := strings.CutPrefix(l, "ExecStart="); ok {
			line = s
		}
	}
	if s, ok := strings.CutPrefix(line, "/bin/sh -c '"); ok {
		script := strings.TrimSuffix(s, "'")
		script = strings.ReplaceAll(strings.ReplaceAll(script, "$$", "$"), "%%", "%")
		script = strings.Replace(script, "exec /usr/bin/fupan", `printf '%s\n'`, 1)
		cmd := exec.Command("/bin/sh", "-c", script)
		for k, v := range env {
			cmd.Env = append(cmd.Env, k+"="+v)
		}
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s: %v", script, err)
		}
		return strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	}
	expanded := regexp.MustCompile(`\$\{?(\w+)\}?`).ReplaceAllStringFunc(line, func(m string) string {
		return env[strings.Trim(m, "${}")]
	})
	args := strings.Fields(expanded)
	if len(args) == 0 || args[0] != "/usr/bin/fupan" {
		t.Fatalf("ExecStart=%s", line)
	}
	return args[1:]
}

// The installed fupan-serve.service starts with the fupan.env the package
// installs: on a fresh install (OUT empty) and after the monthly run wrote
// OUT/<month>, whose reviews it then shows.
func TestServeUnitStarts(t *testing.T) {
	env := unitEnv(t)
	root := t.TempDir()
	env["FUPAN_OUTPUT"] = filepath.Join(root, "reports")
	if err := os.MkdirAll(env["FUPAN_OUTPUT"], 0o755); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(root, "fupan.yaml")
	if err := os.WriteFile(cfg, []byte("site: 上海\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	serve := func(want string) {
		t.Helper()
		args := unitArgs(t, "../../contrib/systemd/fupan-serve.service", env)
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := l.Addr().String()
		_ = l.Close()
		var withListen []string
		for _, a := range args {
			if a == "/etc/fupan/fupan.yaml" {
				a = cfg
			}
			withListen = append(withListen, a)
			if a == "serve" {
				withListen = append(withListen, "--listen", addr)
			}
		}
		ctx, cancel := context.WithCancel(context.Background())
		var stderr bytes.Buffer
		done := make(chan int, 1)
		go func() { done <- run(ctx, append([]string{"fupan"}, withListen...), io.Discard, &stderr) }()
		var body string
		for i := 0; i < 100 && body == ""; i++ {
			select {
			case code := <-done:
				cancel()
				t.Fatalf("serve %v: exit %d\n%s", withListen, code, stderr.String())
			default:
			}
			if resp, err := http.Get("http://" + addr + "/dashboard"); err == nil {
				b, _ := io.ReadAll(resp.Body)
				_ = resp.Body.Close()
				body = string(b)
			} else {
				time.Sleep(50 * time.Millisecond)
			}
		}
		cancel()
		if code := <-done; code != 0 || !strings.Contains(body, want) {
			t.Errorf("serve %v: exit %d, dashboard without %q:\n%s\n%s", withListen, code, want, body, stderr.String())
		}
	}
	serve("")
	// What fupan-run.service writes: OUT/<last month>.
	if _, stderr, code := runCLI(t, "run", "../../samples", "-o", filepath.Join(env["FUPAN_OUTPUT"], "2025-10"), "--as-of", "2025-10-08"); code != 0 {
		t.Fatalf("run: exit %d\n%s", code, stderr)
	}
	serve("华东销售部")
}
