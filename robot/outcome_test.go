package robot_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/fupan-review/fupan/internal/robottest"
	"github.com/fupan-review/fupan/robot"
)

// A message that never went out is "not sent" (the next call posts it), not
// "unknown": a context cancelled before the request, a TLS handshake that
// failed (an untrusted certificate, https to a plain server).
func TestNotSentBeforeTheRequest(t *testing.T) {
	srv, clock := setup(t)
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for kind, r := range robots(t, srv, clock) {
		err := r.Send(cancelled, robot.Message{Title: "t", Markdown: "m"})
		if err == nil || errors.Is(err, robot.ErrUnknown) || !errors.Is(err, robot.ErrNotSent) {
			t.Errorf("%s with a cancelled context: %v, want not sent", kind, err)
		}
	}
	if n := len(srv.Posts()); n != 0 {
		t.Fatalf("the fakes got %d requests", n)
	}

	// A rate-limit wait interrupted: WeCom has taken its 20 of the minute.
	wecom := robots(t, srv, clock)[robot.WeCom]
	for i := 0; i < 20; i++ {
		if err := wecom.Send(context.Background(), robot.Message{Title: "t", Markdown: "m"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := wecom.Send(cancelled, robot.Message{Title: "t", Markdown: "m"}); errors.Is(err, robot.ErrUnknown) || !errors.Is(err, robot.ErrNotSent) {
		t.Errorf("an interrupted rate-limit wait: %v, want not sent", err)
	}
	if n := len(srv.Posts()); n != 20 {
		t.Fatalf("the fakes got %d requests, want the 20 before the wait", n)
	}

	tlsSrv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		t.Error("a request passed an untrusted certificate")
	}))
	defer tlsSrv.Close()
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		t.Error("an https request reached a plain server")
	}))
	defer plain.Close()
	for name, hook := range map[string]string{
		"untrusted certificate": tlsSrv.URL + "/cgi-bin/webhook/send?key=" + srv.WeComKey,
		"https to plain http":   strings.Replace(plain.URL, "http://", "https://", 1) + "/cgi-bin/webhook/send?key=" + srv.WeComKey,
	} {
		r, err := robot.New(robot.Options{Kind: robot.WeCom, Webhook: hook, Clock: clock, Retries: 1})
		if err != nil {
			t.Fatal(err)
		}
		err = r.Send(context.Background(), robot.Message{Title: "t", Markdown: "m"})
		if err == nil || errors.Is(err, robot.ErrUnknown) || !errors.Is(err, robot.ErrNotSent) {
			t.Errorf("%s: %v, want not sent", name, err)
		}
		if err != nil && strings.Contains(err.Error(), srv.WeComKey) {
			t.Errorf("%s: the error shows the key: %v", name, err)
		}
	}
}

// Replies that may mean "taken": HTTP 200 whose body is not the platform's
// JSON (a proxy's page after forwarding) is unknown and not retried; a 5xx
// without the platform's code is retried, as PRODUCT.md §13 asks, but when
// no attempt got a clear answer the message may have been posted: unknown.
// Where a reply carries the platform's code, the code decides.
func TestRepliesThatMayMeanTaken(t *testing.T) {
	srv, clock := setup(t)
	ctx := context.Background()
	rs := robots(t, srv, clock)
	page := "<html><body>forwarded</body></html>"
	for kind, r := range rs {
		k := string(kind)
		before := len(srv.Accepted(k))
		srv.Reply(k, robottest.Canned{Status: 200, Body: page, Taken: true})
		err := r.Send(ctx, robot.Message{Title: "t", Markdown: "m"})
		if !errors.Is(err, robot.ErrUnknown) {
			t.Errorf("%s: 200 with a page: %v, want unknown", kind, err)
		}
		if n := len(srv.Accepted(k)) - before; n != 1 {
			t.Errorf("%s: 200 with a page: %d copies, want 1 (no retry)", kind, n)
		}

		// A gateway's 500 each time, after the platform took the message.
		srv.Reply(k, robottest.Canned{Status: 500, Body: "<html>Internal Server Error</html>", Taken: true},
			robottest.Canned{Status: 502, Body: "bad gateway", Taken: true},
			robottest.Canned{Status: 504, Body: "gateway timeout", Taken: true},
			robottest.Canned{Status: 500, Body: "again", Taken: true})
		err = r.Send(ctx, robot.Message{Title: "t", Markdown: "m"})
		if !errors.Is(err, robot.ErrUnknown) {
			t.Errorf("%s: 5xx on every attempt: %v, want unknown", kind, err)
		}
		// A 500, then a refusal by the platform: the first may have posted.
		srv.Reply(k, robottest.Canned{Status: 500, Body: "oops", Taken: true})
		srv.Force(k, 40035)
		if err := r.Send(ctx, robot.Message{Title: "t", Markdown: "m"}); !errors.Is(err, robot.ErrUnknown) {
			t.Errorf("%s: 500 then a refusal: %v, want unknown", kind, err)
		}
		// A 500 carrying the platform's own refusal: refused, not retried.
		codeKey, msgKey := "errcode", "errmsg"
		if kind == robot.Feishu {
			codeKey, msgKey = "code", "msg"
		}
		posts := len(srv.Posts())
		srv.Reply(k, robottest.Canned{Status: 500, Body: `{"` + codeKey + `": 40035, "` + msgKey + `": "bad request"}`})
		err = r.Send(ctx, robot.Message{Title: "t", Markdown: "m"})
		var re *robot.Error
		if errors.Is(err, robot.ErrUnknown) || !errors.As(err, &re) || re.Code != 40035 {
			t.Errorf("%s: 500 with the platform's code 40035: %v, want refused", kind, err)
		}
		if n := len(srv.Posts()) - posts; n != 1 {
			t.Errorf("%s: a refusal in a 500 was tried %d times", kind, n)
		}
		// 503, then taken: sent.
		srv.Reply(k, robottest.Canned{Status: 503, Body: "busy"})
		if err := r.Send(ctx, robot.Message{Title: "t", Markdown: "m"}); err != nil {
			t.Errorf("%s: 503 then taken: %v", kind, err)
		}
	}
}

// Every error text is free of the webhook's key or token and the secret,
// wherever the platform or a proxy repeats them: Feishu's token is in the
// URL's path, an errmsg may echo the URL or the secret.
func TestCredentialsRedactedEverywhere(t *testing.T) {
	srv, clock := setup(t)
	ctx := context.Background()
	rs := robots(t, srv, clock)
	for kind, r := range rs {
		k := string(kind)
		codeKey, msgKey := "errcode", "errmsg"
		if kind == robot.Feishu {
			codeKey, msgKey = "code", "msg"
		}
		hook := map[robot.Kind]string{robot.WeCom: srv.WeComURL(), robot.DingTalk: srv.DingTalkURL(), robot.Feishu: srv.FeishuURL()}[kind]
		// The robot's own credentials: it cannot know another's.
		own := map[robot.Kind][]string{robot.WeCom: {srv.WeComKey}, robot.DingTalk: {srv.DingTalkToken, srv.DingTalkSecret},
			robot.Feishu: {srv.FeishuToken, srv.FeishuSecret}}[kind]
		path := strings.TrimPrefix(hook, srv.URL)
		srv.Reply(k,
			robottest.Canned{Status: 404, Body: "404 page not found: " + path},
			// The credential where an excerpt of 200 bytes would cut it.
			robottest.Canned{Status: 404, Body: strings.Repeat("x", 190) + " " + strings.Join(own, " ")},
			robottest.Canned{Status: 200, Body: `{"` + codeKey + `": 310000, "` + msgKey + `": "refused ` + hook + `"}`},
			robottest.Canned{Status: 200, Body: `{"` + codeKey + `": 310000, "` + msgKey + `": "credentials: ` + strings.Join(own, " / ") + `"}`},
		)
		for i := 0; i < 4; i++ {
			err := r.Send(ctx, robot.Message{Title: "t", Markdown: "m"})
			if err == nil {
				t.Fatalf("%s: a canned refusal gave no error", kind)
			}
			var re *robot.Error
			texts := []string{err.Error()}
			if errors.As(err, &re) {
				texts = append(texts, re.Msg, re.Error())
			}
			for _, text := range texts {
				for _, s := range own {
					if strings.Contains(text, s[:8]) { // not even in part
						t.Errorf("%s reply %d: the error shows %q: %s", kind, i, s, text)
					}
				}
			}
		}
	}
}
