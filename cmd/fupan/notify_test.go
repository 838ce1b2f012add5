package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fupan-review/fupan/internal/robottest"
)

// robotConfig writes a config with the three robots on local fakes, their
// webhooks and secrets in the environment only.
func robotConfig(t *testing.T, srv *robottest.Server, extra string) string {
	t.Helper()
	t.Setenv("FUPAN_TEST_WECOM", srv.WeComURL())
	t.Setenv("FUPAN_TEST_DINGTALK", srv.DingTalkURL())
	t.Setenv("FUPAN_TEST_DINGTALK_SECRET", srv.DingTalkSecret)
	t.Setenv("FUPAN_TEST_FEISHU", srv.FeishuURL())
	t.Setenv("FUPAN_TEST_FEISHU_SECRET", srv.FeishuSecret)
	cfg := filepath.Join(t.TempDir(), "fupan.yaml")
	body := `notify:
  - kind: wecom
    webhook_env: FUPAN_TEST_WECOM
  - kind: dingtalk
    webhook_env: FUPAN_TEST_DINGTALK
    secret_env: FUPAN_TEST_DINGTALK_SECRET
  - kind: feishu
    webhook_env: FUPAN_TEST_FEISHU
    secret_env: FUPAN_TEST_FEISHU_SECRET
people:
  王五: {mobile: "13800000001", feishu_id: ou_wangwu}
timezone: Asia/Shanghai
` + extra
	if err := os.WriteFile(cfg, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return cfg
}

// run --notify posts once per robot; a second run posts nothing; notify
// says the same; no credential in any output, log line or file; remind
// over the run's history mentions the owner and stays quiet the same day.
func TestNotifyAndRemindThroughTheCommand(t *testing.T) {
	srv := robottest.Start(robottest.Wall{})
	defer srv.Close()
	cfg := robotConfig(t, srv, "")
	root := t.TempDir()
	out := filepath.Join(root, "out")
	stdout, stderr, code := runCLI(t, "run", "../../samples", "-o", out, "--notify", "--config", cfg)
	if code != 0 {
		t.Fatalf("run --notify: exit %d\n%s", code, stderr)
	}
	logs := stdout + stderr
	for _, kind := range []string{"dingtalk", "feishu"} {
		if n := len(srv.Accepted(kind)); n != 1 {
			t.Errorf("%s took %d summaries", kind, n)
		}
	}
	if len(srv.Accepted("wecom-upload")) != 1 {
		t.Error("WeCom got no overview file")
	}
	posts := len(srv.Posts())
	for _, args := range [][]string{{"run", "../../samples", "-o", out, "--notify", "--config", cfg}, {"notify", out, "--config", cfg}} {
		so, se, code := runCLI(t, args...)
		logs += so + se
		if code != 0 || len(srv.Posts()) != posts {
			t.Fatalf("%s again: exit %d, %d more posts\n%s", args[0], code, len(srv.Posts())-posts, se)
		}
	}
	// A robot whose webhook variable is not set: said, without a value.
	t.Setenv("FUPAN_TEST_FEISHU", "")
	_, se, code := runCLI(t, "notify", out, "--config", cfg)
	logs += se
	if code != 2 || !strings.Contains(se, "FUPAN_TEST_FEISHU") {
		t.Errorf("notify without a webhook: exit %d\n%s", code, se)
	}
	t.Setenv("FUPAN_TEST_FEISHU", srv.FeishuURL())

	hist := filepath.Join(root, "fupan-history.sqlite")
	so, se, code := runCLI(t, "remind", "--history", hist, "--config", cfg, "--within-days", "3")
	logs += so + se
	if code != 0 {
		t.Fatalf("remind: exit %d\n%s", code, se)
	}
	found := false
	for _, p := range srv.Accepted("dingtalk") {
		raw := string(p.Raw)
		found = found || strings.Contains(raw, "行动提醒 · 华东销售部") && strings.Contains(raw, `"atMobiles":["13800000001"]`) && strings.Contains(raw, "@13800000001")
	}
	if !found {
		t.Error("no DingTalk reminder of 华东销售部 mentions 王五")
	}
	posts = len(srv.Posts())
	if _, se, code := runCLI(t, "remind", "--history", hist, "--config", cfg); code != 0 || len(srv.Posts()) != posts {
		t.Errorf("remind the same day: exit %d, %d posts\n%s", code, len(srv.Posts())-posts, se)
	}
	if _, _, code := runCLI(t, "remind", "--config", cfg); code != 2 {
		t.Errorf("remind without a history: exit %d, want 2", code)
	}
	for _, s := range srv.Secrets() {
		if strings.Contains(logs, s) {
			t.Errorf("a credential in the output or logs:\n%s", logs)
		}
	}
	_ = filepath.Walk(root, func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return nil
		}
		b, _ := os.ReadFile(p)
		for _, s := range srv.Secrets() {
			if strings.Contains(string(b), s) {
				t.Errorf("%s holds a credential", p)
			}
		}
		return nil
	})
}
