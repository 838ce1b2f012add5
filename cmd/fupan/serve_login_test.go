package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fupan-review/fupan/internal/logintest"
)

// serve.login: a login makes an address others reach allowed; its settings
// are checked at start, a secret never echoed.
func TestServeLoginRefusals(t *testing.T) {
	out := t.TempDir()
	const pasted = "wecomSECRETpasted0123456789abcdef"
	cfg := func(body string) string {
		p := filepath.Join(t.TempDir(), "fupan.yaml")
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	t.Setenv("FUPAN_TEST_WECOM_SECRET", "s3cr3t-value")
	wecom := "serve:\n  login:\n    wecom: {corp_id: ww1, agent_id: '1000002', secret_env: FUPAN_TEST_WECOM_SECRET}\n"
	for _, tc := range []struct {
		body, want string
	}{
		{wecom, "serve.public_url"},
		{"serve:\n  public_url: https://fupan.example.com\n  login:\n    wecom: {corp_id: ww1, agent_id: '1000002', secret_env: " + pasted + "}\n", "is not set"},
		{"serve:\n  public_url: https://fupan.example.com\n  login:\n    oidc: {issuer: https://sso.example.com, secret_env: FUPAN_TEST_WECOM_SECRET}\n", "client_id"},
		{wecom + "  public_url: https://fupan.example.com\n  auth: proxy\n  proxy_header: X-User\n  trusted_proxies: [10.0.0.5]\n", "keep one"},
		{wecom + "  public_url: https://fupan.example.com\npeople:\n  王五: {mobile: '13800000000', logins: [wecom:wangwu]}\n", "without a role"},
		{wecom + "  public_url: https://fupan.example.com\npeople:\n  王五: {logins: [wangwu@example.com], role: leadership}\n", "the login's stable id"},
	} {
		_, stderr, code := runCLI(t, "serve", "--config", cfg(tc.body), "--listen", "0.0.0.0:8080", out)
		if code != exitBadUsage || !strings.Contains(stderr, tc.want) || strings.Contains(stderr, pasted[:12]) || strings.Contains(stderr, "s3cr3t") {
			t.Errorf("%s: exit %d, want %d saying %q:\n%s", tc.body, code, exitBadUsage, tc.want, stderr)
		}
	}
}

// fupan serve with 企业微信's login (a fake) on an open address: a person
// of people: logs in, sees their team, the audit log names them, and the
// log holds no secret, code or token.
func TestServeLoginWeCom(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "out")
	if _, stderr, code := runCLI(t, "run", "../../samples", "-o", out, "--as-of", "2025-10-08"); code != 0 {
		t.Fatalf("run: exit %d\n%s", code, stderr)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close()
	public := "http://" + addr
	fake := logintest.WeCom("ww-corp", "1000002", "wecom-secret-0123456789", public+"/login/wecom/callback")
	defer fake.Close()
	fake.LogIn(logintest.User{ID: "li.east"})
	t.Setenv("FUPAN_TEST_WECOM_SECRET", fake.Secret)
	cfg := filepath.Join(root, "fupan.yaml")
	body := "serve:\n  public_url: " + public + "\n  login:\n    wecom: {corp_id: ww-corp, agent_id: '1000002', secret_env: FUPAN_TEST_WECOM_SECRET, api_base: " + fake.URL +
		", qr_base: " + fake.URL + ", oauth_base: " + fake.URL + "}\npeople:\n  李东:\n    mobile: '13800000001'\n    logins: [wecom:li.east]\n    role: team\n    teams: [华东销售部]\n"
	if err := os.WriteFile(cfg, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var stderr bytes.Buffer
	done := make(chan int)
	go func() {
		done <- run(ctx, []string{"fupan", "--log-format", "json", "serve", "--config", cfg, "--listen", addr, out}, io.Discard, &stderr)
	}()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 10 * time.Second}
	var page string
	for i := 0; i < 100; i++ {
		resp, err := c.Get(public + "/dashboard") // → /login → the way in (one way: its page lists it)
		if err == nil {
			_ = resp.Body.Close()
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	resp, err := c.Get(public + "/login/wecom")
	if err == nil {
		b, _ := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		page = string(b)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Fatalf("serve: exit %d\n%s", code, stderr.String())
	}
	if err != nil || !strings.Contains(page, "华东销售部") || strings.Contains(page, "华南销售部") || !strings.Contains(page, "wecom:li.east") {
		t.Errorf("after logging in: %v\n%s", err, page)
	}
	log := stderr.String()
	if !strings.Contains(log, "travels unencrypted") {
		t.Errorf("no warning of an http public_url:\n%s", log)
	}
	if strings.Contains(log, "login check failed") {
		t.Errorf("the start-up check failed on good settings:\n%s", log)
	}
	if !strings.Contains(log, `"audit":"login"`) || !strings.Contains(log, `"who":"wecom:li.east"`) {
		t.Errorf("no audit line of the login:\n%s", log)
	}
	for _, s := range append(append([]string{fake.Secret}, fake.IssuedCodes()...), fake.Tokens()...) {
		if strings.Contains(log, s) {
			t.Errorf("the log holds %q", s)
		}
	}
	for _, ck := range jar.Cookies(resp.Request.URL) {
		if strings.Contains(log, ck.Value) {
			t.Errorf("the log holds the cookie %s", ck.Name)
		}
	}
}

// The admin's trap shows at start: 企业微信 answers 60020 where the
// server's public address is not a 企业可信IP, and the log says so (and
// how to fix it) before anyone tries to log in.
func TestServeLoginChecksWeComAtStart(t *testing.T) {
	out := t.TempDir()
	fake := logintest.WeCom("ww-corp", "1000002", "wecom-secret-0123456789", "https://fupan.example.com/login/wecom/callback")
	defer fake.Close()
	fake.Untrusted(true)
	t.Setenv("FUPAN_TEST_WECOM_SECRET", fake.Secret)
	cfg := filepath.Join(t.TempDir(), "fupan.yaml")
	body := "serve:\n  public_url: https://fupan.example.com\n  login:\n    wecom: {corp_id: ww-corp, agent_id: '1000002', secret_env: FUPAN_TEST_WECOM_SECRET, api_base: " + fake.URL + "}\n"
	if err := os.WriteFile(cfg, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close()
	ctx, cancel := context.WithCancel(context.Background())
	var stderr syncBuffer
	done := make(chan int)
	go func() {
		done <- run(ctx, []string{"fupan", "--log-format", "json", "serve", "--config", cfg, "--listen", addr, out}, io.Discard, &stderr)
	}()
	for i := 0; i < 100 && !strings.Contains(stderr.String(), `"serving"`); i++ {
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Fatalf("serve: exit %d\n%s", code, stderr.String())
	}
	log := stderr.String()
	if !strings.Contains(log, "login check failed") || !strings.Contains(log, "60020") || !strings.Contains(log, "企业可信IP") {
		t.Errorf("no warning of 60020 at start:\n%s", log)
	}
	if strings.Contains(log, fake.Secret) {
		t.Error("the log holds the secret")
	}
}

// syncBuffer is a buffer the server's goroutine writes while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
