package batch_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/internal/robottest"
	"github.com/fupan-review/fupan/robot"
	"github.com/rs/zerolog"
)

// notifyRun is a finished run of n teams (the seed under n names) and the
// three robots on local fakes; logs go to the buffer.
func notifyRun(t *testing.T, n int) (string, *robottest.Server, []batch.RobotTarget, *bytes.Buffer, context.Context) {
	t.Helper()
	in, out := t.TempDir(), t.TempDir()
	for i := 0; i < n; i++ {
		copyFile(t, "../samples/华东销售部_2025Q3.xlsx", filepath.Join(in, fmt.Sprintf("华东销售%02d部_2025Q3.xlsx", i)))
	}
	run(t, batch.Options{Input: in, Output: out})
	clock := robottest.NewClock(time.Now())
	srv := robottest.Start(clock)
	t.Cleanup(srv.Close)
	var targets []batch.RobotTarget
	for _, o := range srv.Options(clock) {
		r, err := robot.New(o)
		if err != nil {
			t.Fatal(err)
		}
		targets = append(targets, batch.RobotTarget{Name: string(o.Kind), Robot: r, ReportURL: "https://intranet.example.com/复盘报告/2025Q3"})
	}
	var logs bytes.Buffer
	ctx := zerolog.New(&logs).WithContext(context.Background())
	return out, srv, targets, &logs, ctx
}

// One summary per robot and run, none on a re-run; WeCom gets the overview
// as a file; a robot that refused gets its message on the next call, the
// others nothing more.
func TestNotifyOncePerRobot(t *testing.T) {
	out, srv, targets, logs, ctx := notifyRun(t, 3)
	srv.Force("dingtalk", 310000) // refused once: a wrong signature, say
	res, err := batch.Notify(ctx, out, batch.NotifyOptions{Robots: targets})
	if err == nil || res.Sent != 2 || res.Failed != 1 || !strings.Contains(err.Error(), "310000") {
		t.Fatalf("first call: %+v, %v", res, err)
	}
	res, err = batch.Notify(ctx, out, batch.NotifyOptions{Robots: targets})
	if err != nil || res.Sent != 1 || res.Skipped != 2 {
		t.Fatalf("second call: %+v, %v", res, err)
	}
	res, err = batch.Notify(ctx, out, batch.NotifyOptions{Robots: targets})
	if err != nil || res.Sent != 0 || res.Skipped != 3 {
		t.Fatalf("third call: %+v, %v", res, err)
	}
	if n := len(srv.Accepted("wecom")); n != 2 { // the summary and the file message
		t.Errorf("WeCom took %d messages, want the summary and the file", n)
	}
	up := srv.Accepted("wecom-upload")
	if len(up) != 1 || !bytes.HasPrefix(up[0].Data, []byte("%PDF-")) {
		t.Fatalf("overview.pdf not uploaded: %d uploads", len(up))
	}
	for _, kind := range []string{"dingtalk", "feishu"} {
		if n := len(srv.Accepted(kind)); n != 1 {
			t.Errorf("%s took %d summaries, want 1", kind, n)
		}
	}
	text := string(srv.Accepted("dingtalk")[0].Raw)
	for _, want := range []string{"策略复盘 · 2025Q3", "华东销售00部", "指标达成 1 / 3", "需要决策", "https://intranet.example.com/%E5%A4%8D%E7%9B%98%E6%8A%A5%E5%91%8A/2025Q3/%E5%8D%8E%E4%B8%9C%E9%94%80%E5%94%AE00%E9%83%A8_2025Q3.pdf"} {
		if !strings.Contains(text, want) {
			t.Errorf("the DingTalk summary lacks %q:\n%s", want, text)
		}
	}
	assertNoCredential(t, srv, logs.String(), out)
}

// assertNoCredential looks for the webhooks' keys and the secrets in the
// logs and in every file of OUT.
func assertNoCredential(t *testing.T, srv *robottest.Server, logs, out string) {
	t.Helper()
	secrets := srv.Secrets()
	_ = filepath.Walk(out, func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return nil
		}
		b, _ := os.ReadFile(p)
		for _, s := range secrets {
			if bytes.Contains(b, []byte(s)) {
				t.Errorf("%s holds a credential", p)
			}
		}
		return nil
	})
	for _, s := range secrets {
		if strings.Contains(logs, s) {
			t.Errorf("the logs hold a credential:\n%s", logs)
		}
	}
}

// Thirty teams: every message within its platform's bytes and rate; where
// WeCom's 4,096 bytes cannot hold them all, it says how many it left out.
func TestNotifyThirtyTeams(t *testing.T) {
	out, srv, targets, _, ctx := notifyRun(t, 30)
	if _, err := batch.Notify(ctx, out, batch.NotifyOptions{Robots: targets}); err != nil {
		t.Fatal(err)
	}
	for _, p := range srv.Posts() {
		if p.Answer != 0 {
			t.Errorf("%s refused a message: %d", p.Kind, p.Answer)
		}
	}
	wecom := srv.Accepted("wecom")[0].Body["markdown"].(map[string]any)["content"].(string)
	shown := strings.Count(wecom, "\n- ")
	if len(wecom) > 4096 || shown == 30 || !strings.Contains(wecom, fmt.Sprintf("另有 %d 个团队", 30-shown)) {
		t.Errorf("WeCom: %d bytes, %d teams shown:\n%s", len(wecom), shown, wecom)
	}
	ding := srv.Accepted("dingtalk")[0].Body["markdown"].(map[string]any)["text"].(string)
	if strings.Count(ding, "\n- ") != 30 || len(ding) > 20000 {
		t.Errorf("DingTalk: %d bytes, %d teams", len(ding), strings.Count(ding, "\n- "))
	}
	if raw := srv.Accepted("feishu")[0].Raw; len(raw) > 20000 {
		t.Errorf("Feishu: a %d-byte request", len(raw))
	}
}

// --dry-run writes the messages into OUT/notify and posts nothing.
func TestNotifyDryRun(t *testing.T) {
	out, srv, targets, _, ctx := notifyRun(t, 2)
	res, err := batch.Notify(ctx, out, batch.NotifyOptions{Robots: targets, DryRun: true})
	if err != nil || res.Written != 3 || len(srv.Posts()) != 0 {
		t.Fatalf("dry run: %+v %v, %d posts", res, err, len(srv.Posts()))
	}
	b, err := os.ReadFile(filepath.Join(out, "notify", "01-wecom.md"))
	if err != nil || !strings.Contains(string(b), "华东销售01部") {
		t.Fatalf("dry run's WeCom message: %v\n%s", err, b)
	}
}

// A notify killed (SIGKILL) while a platform has not answered: on the next
// call the message that went out unanswered is not posted again (it is, or
// may be, in the group), the one posted before is not either, and the rest go.
func TestNotifyKilledSendsTheRest(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills fupan")
	}
	bin := buildFupan(t)
	out, _, _, _, _ := notifyRun(t, 3)
	srv := robottest.Start(robottest.Wall{})
	defer srv.Close()
	cfg := filepath.Join(t.TempDir(), "fupan.yaml")
	body := "notify:\n  - {kind: wecom, webhook_env: T_WECOM}\n  - {kind: dingtalk, webhook_env: T_DING, secret_env: T_DING_SECRET}\n  - {kind: feishu, webhook_env: T_FEISHU, secret_env: T_FEISHU_SECRET}\n"
	if err := os.WriteFile(cfg, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "T_WECOM="+srv.WeComURL(), "T_DING="+srv.DingTalkURL(), "T_DING_SECRET="+srv.DingTalkSecret,
		"T_FEISHU="+srv.FeishuURL(), "T_FEISHU_SECRET="+srv.FeishuSecret)
	release := srv.Hang("dingtalk")
	cmd := exec.Command(bin, "--log-format", "json", "notify", out, "--config", cfg)
	cmd.Env = env
	var logs bytes.Buffer
	cmd.Stderr = &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// DingTalk's message is recorded "unknown" just before it goes; the
	// process then waits for an answer that does not come.
	deadline := time.Now().Add(30 * time.Second)
	for srv.Held("dingtalk") == 0 {
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			t.Fatalf("DingTalk's message never went:\n%s", logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if b, _ := os.ReadFile(filepath.Join(out, ".fupan", "notify.json")); !bytes.Contains(b, []byte(`"robot": "dingtalk-1"`)) {
		t.Fatalf("DingTalk's message went out unrecorded:\n%s", b)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	release()
	if n := len(srv.Accepted("feishu")); n != 0 {
		t.Fatalf("Feishu got %d messages before the kill; the test wants it after", n)
	}
	again := exec.Command(bin, "--log-format", "json", "notify", out, "--config", cfg)
	again.Env = env
	if b, err := again.CombinedOutput(); err != nil {
		t.Fatalf("notify again: %v\n%s", err, b)
	} else if !bytes.Contains(b, []byte("may have been posted")) {
		t.Errorf("the second call does not say DingTalk's message may be in the group:\n%s", b)
	}
	// DingTalk took the killed process's request (the platform would have
	// posted it): once in all, never twice.
	if w, d, f := len(srv.Accepted("wecom")), len(srv.Accepted("dingtalk")), len(srv.Accepted("feishu")); w != 2 || d != 1 || f != 1 {
		t.Errorf("after the re-run: WeCom %d (summary and file), DingTalk %d, Feishu %d; want 2, 1, 1", w, d, f)
	}
	assertNoCredential(t, srv, logs.String(), out)
}
