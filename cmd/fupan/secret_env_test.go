package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A DingTalk signing secret pasted into secret_env (or the SMTP password
// into password_env): it looks like a variable's name, and is never echoed.
func TestPastedSecretNeverEchoed(t *testing.T) {
	const pasted = "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	t.Setenv("FUPAN_TEST_PASTED_HOOK", "https://oapi.dingtalk.com/robot/send?access_token=t0k3n")
	cfg := filepath.Join(t.TempDir(), "fupan.yaml")
	body := "notify:\n  - {kind: dingtalk, webhook_env: FUPAN_TEST_PASTED_HOOK, secret_env: " + pasted + "}\n" +
		"mail:\n  smtp: {host: 127.0.0.1, port: 2525, user: u@example.com, password_env: " + pasted + "}\n  from: a@example.com\n  to: [b@example.com]\n"
	if err := os.WriteFile(cfg, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	if _, stderr, code := runCLI(t, "run", "../../samples", "-o", out); code != 0 {
		t.Fatalf("run: exit %d\n%s", code, stderr)
	}
	// And serve's login secrets.
	serveCfg := filepath.Join(t.TempDir(), "fupan.yaml")
	serveBody := "serve:\n  public_url: https://fupan.example.com\n  login:\n    feishu: {app_id: cli_a1, secret_env: " + pasted + "}\n"
	if err := os.WriteFile(serveCfg, []byte(serveBody), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"notify", out, "--config", cfg}, {"mail", out, "--config", cfg}, {"remind", "--config", cfg, "--dry-run"},
		{"serve", "--config", serveCfg, "--listen", "0.0.0.0:8080", out}} {
		stdout, stderr, code := runCLI(t, args...)
		// A dry run posts nothing and needs no secret: remind --dry-run
		// warns and goes on (here to the missing history).
		if code == 0 {
			t.Errorf("%s with a pasted secret: exit 0", args[0])
		}
		if strings.Contains(stdout+stderr, pasted[:12]) {
			t.Errorf("%s echoes the pasted secret:\n%s%s", args[0], stdout, stderr)
		}
		if !strings.Contains(stderr, "is not set") {
			t.Errorf("%s does not say the variable is not set:\n%s", args[0], stderr)
		}
	}
}
