package robot_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan/internal/robottest"
	"github.com/fupan-review/fupan/robot"
)

func setup(t *testing.T) (*robottest.Server, *robottest.Clock) {
	t.Helper()
	clock := robottest.NewClock(time.Date(2025, 10, 8, 9, 0, 0, 0, time.UTC))
	srv := robottest.Start(clock)
	t.Cleanup(srv.Close)
	return srv, clock
}

func robots(t *testing.T, srv *robottest.Server, clock *robottest.Clock) map[robot.Kind]*robot.Robot {
	t.Helper()
	out := map[robot.Kind]*robot.Robot{}
	for _, o := range srv.Options(clock) {
		r, err := robot.New(o)
		if err != nil {
			t.Fatal(err)
		}
		out[o.Kind] = r
	}
	return out
}

// Each platform takes a signed message and shows it as sent; WeCom's file
// goes by upload_media and then a file message.
func TestSendToEachPlatform(t *testing.T) {
	srv, clock := setup(t)
	ctx := context.Background()
	for kind, r := range robots(t, srv, clock) {
		m := robot.Message{Title: "策略复盘 · 2025Q3", Markdown: "### 策略复盘 · 2025Q3\n- **华东销售部**：指标达成 1/3"}
		if kind == robot.WeCom {
			m.File = &robot.File{Name: "overview.pdf", Data: []byte("%PDF-1.3 …")}
		}
		if err := r.Send(ctx, m); err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
	}
	for _, kind := range []string{"wecom", "dingtalk", "feishu"} {
		if n := len(srv.Accepted(kind)); n != map[string]int{"wecom": 2, "dingtalk": 1, "feishu": 1}[kind] {
			t.Errorf("%s took %d messages", kind, n)
		}
	}
	up := srv.Accepted("wecom-upload")
	if len(up) != 1 || up[0].File != "overview.pdf" || string(up[0].Data) != "%PDF-1.3 …" {
		t.Fatalf("upload_media: %+v", up)
	}
	file := srv.Accepted("wecom")[1].Body
	if file["msgtype"] != "file" {
		t.Errorf("after the upload, WeCom got %v", file)
	}
	card := srv.Accepted("feishu")[0].Body
	if card["msg_type"] != "interactive" || !strings.Contains(string(srv.Accepted("feishu")[0].Raw), "华东销售部") {
		t.Errorf("Feishu card: %s", srv.Accepted("feishu")[0].Raw)
	}
}

// A wrong secret, or a signature out of the platform's time window, is
// refused with the platform's code and words.
func TestSignatureRefused(t *testing.T) {
	srv, clock := setup(t)
	ctx := context.Background()
	for _, tc := range []struct {
		kind robot.Kind
		url  string
		code int
	}{{robot.DingTalk, srv.DingTalkURL(), 310000}, {robot.Feishu, srv.FeishuURL(), 19021}} {
		r, _ := robot.New(robot.Options{Kind: tc.kind, Webhook: tc.url, Secret: "not-the-secret", Clock: clock})
		err := r.Send(ctx, robot.Message{Title: "t", Markdown: "m"})
		var re *robot.Error
		if !errors.As(err, &re) || re.Code != tc.code || re.Msg == "" {
			t.Errorf("%s with a wrong secret: %v, want code %d", tc.kind, err, tc.code)
		}
		// The right secret, but a clock two hours off: out of the window.
		skewed := robottest.NewClock(clock.Now().Add(-2 * time.Hour))
		secret := map[robot.Kind]string{robot.DingTalk: srv.DingTalkSecret, robot.Feishu: srv.FeishuSecret}[tc.kind]
		r, _ = robot.New(robot.Options{Kind: tc.kind, Webhook: tc.url, Secret: secret, Clock: skewed})
		if err := r.Send(ctx, robot.Message{Title: "t", Markdown: "m"}); !errors.As(err, &re) || re.Code != tc.code {
			t.Errorf("%s signed two hours ago: %v, want code %d", tc.kind, err, tc.code)
		}
	}
}

// A rate-limit reply is waited out and the message sent; a refusal of
// another kind is reported with the platform's code, not retried.
func TestRetryAfterRateLimit(t *testing.T) {
	srv, clock := setup(t)
	ctx := context.Background()
	rs := robots(t, srv, clock)
	for kind, code := range map[robot.Kind]int{robot.WeCom: 45009, robot.DingTalk: 130101, robot.Feishu: 11232} {
		srv.Force(string(kind), code)
		start := clock.Now()
		if err := rs[kind].Send(ctx, robot.Message{Title: "t", Markdown: "m"}); err != nil {
			t.Fatalf("%s after a rate-limit reply: %v", kind, err)
		}
		if clock.Now().Sub(start) <= 0 {
			t.Errorf("%s: sent again without a wait", kind)
		}
		srv.Force(string(kind), 40035)
		err := rs[kind].Send(ctx, robot.Message{Title: "t", Markdown: "m"})
		var re *robot.Error
		if !errors.As(err, &re) || re.Code != 40035 || !strings.Contains(err.Error(), "forced") {
			t.Errorf("%s refused: %v, want code 40035 in the platform's words", kind, err)
		}
	}
	// HTTP 429 and 5xx are retried too.
	for kind, r := range rs {
		srv.Force(string(kind), -502, -429)
		if err := r.Send(ctx, robot.Message{Title: "t", Markdown: "m"}); err != nil {
			t.Errorf("%s after 502 and 429: %v", kind, err)
		}
		srv.Force(string(kind), -503, -503, -503, -503)
		err := r.Send(ctx, robot.Message{Title: "t", Markdown: "m"})
		var re *robot.Error
		if !errors.As(err, &re) || re.HTTP != 503 {
			t.Errorf("%s after four 503s: %v", kind, err)
		}
	}
}

// Thirty messages in a row keep every platform's rate: the fakes refuse
// any message over it, and none is refused.
func TestRateLimitKept(t *testing.T) {
	srv, clock := setup(t)
	ctx := context.Background()
	for kind, r := range robots(t, srv, clock) {
		for i := 0; i < 30; i++ {
			if err := r.Send(ctx, robot.Message{Title: "t", Markdown: fmt.Sprintf("第 %d 条", i)}); err != nil {
				t.Fatalf("%s message %d: %v", kind, i, err)
			}
		}
	}
	for _, p := range srv.Posts() {
		if p.Answer != 0 {
			t.Errorf("%s refused a message: %d", p.Kind, p.Answer)
		}
	}
	if n := len(srv.Accepted("wecom")); n != 30 {
		t.Errorf("wecom took %d of 30", n)
	}
}

// Over the byte limit is refused before sending; Fit keeps whole lines and
// says how many it left out, counting bytes of UTF-8, not characters.
func TestByteLimits(t *testing.T) {
	srv, clock := setup(t)
	r := robots(t, srv, clock)[robot.WeCom]
	long := strings.Repeat("华", 1366) // 4,098 bytes, 1,366 characters
	if err := r.Send(context.Background(), robot.Message{Title: "t", Markdown: long}); err == nil {
		t.Fatal("a 4,098-byte markdown went to WeCom")
	}
	if len(srv.Posts()) != 0 {
		t.Fatal("the fake was called")
	}
	var lines []string
	for i := 0; i < 100; i++ {
		lines = append(lines, fmt.Sprintf("- **团队%02d**：指标达成 1/3 · 行动“降低新客户获取成本”已过完成时间", i))
	}
	got := robot.Fit("### 策略复盘", lines, func(n int) string { return fmt.Sprintf("另有 %d 个团队", n) }, robot.WeCom.MaxBytes())
	if len(got) > 4096 || !strings.HasSuffix(got, "个团队") || !strings.Contains(got, "团队00") {
		t.Fatalf("Fit: %d bytes, ends %q", len(got), got[len(got)-40:])
	}
	shown := strings.Count(got, "\n- ")
	if !strings.Contains(got, fmt.Sprintf("另有 %d 个团队", 100-shown)) {
		t.Errorf("Fit shows %d lines but does not say %d more", shown, 100-shown)
	}
	if err := r.Send(context.Background(), robot.Message{Title: "t", Markdown: got}); err != nil {
		t.Fatalf("the fitted message: %v", err)
	}
}

// The webhook's key, token and the secrets are in no error message.
func TestCredentialsNeverShown(t *testing.T) {
	srv, clock := setup(t)
	ctx := context.Background()
	secrets := srv.Secrets()
	var errs []error
	// A server that is gone: the transport's error names the URL.
	gone := robottest.Start(clock)
	gone.Close()
	for _, o := range []robot.Options{
		{Kind: robot.WeCom, Webhook: gone.WeComURL()},
		{Kind: robot.DingTalk, Webhook: gone.DingTalkURL(), Secret: srv.DingTalkSecret},
		{Kind: robot.Feishu, Webhook: gone.FeishuURL(), Secret: srv.FeishuSecret},
		{Kind: robot.WeCom, Webhook: srv.URL + "/cgi-bin/webhook/send?key=wrong-" + srv.WeComKey},
		{Kind: robot.Feishu, Webhook: srv.FeishuURL(), Secret: "x"},
	} {
		o.Clock, o.Retries = clock, 1
		r, err := robot.New(o)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		errs = append(errs, r.Send(ctx, robot.Message{Title: "t", Markdown: "m"}))
	}
	_, err := robot.New(robot.Options{Kind: robot.WeCom, Webhook: "ftp://x/?key=" + srv.WeComKey})
	errs = append(errs, err)
	for _, err := range errs {
		if err == nil {
			t.Error("a failure gave no error")
			continue
		}
		for _, s := range secrets {
			if strings.Contains(err.Error(), s) {
				t.Errorf("error shows a credential: %v", err)
			}
		}
	}
}
