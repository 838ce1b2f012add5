package login_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan/internal/logintest"
	"github.com/fupan-review/fupan/login"
)

type clock struct{ now time.Time }

func (c *clock) Now() time.Time { return c.now }

// 企业微信's app token is asked for once and kept until five minutes before
// its 7,200 s run out, then asked for again.
func TestWeComTokenCached(t *testing.T) {
	f := logintest.WeCom("ww1", "1000002", "secret-0123456789", "http://fupan.test/cb")
	defer f.Close()
	c := &clock{now: time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)}
	w := &login.WeCom{CorpID: "ww1", AgentID: "1000002", Secret: "secret-0123456789", APIBase: f.URL, Now: c.Now}
	ctx := context.Background()
	// 1 h 54 min: kept; 1 h 56 min: asked again.
	for _, step := range []struct {
		after time.Duration
		want  int
	}{{0, 1}, {time.Hour, 1}, {54 * time.Minute, 1}, {2 * time.Minute, 2}} {
		c.now = c.now.Add(step.after)
		if err := w.Check(ctx); err != nil {
			t.Fatal(err)
		}
		if n := f.Calls("/cgi-bin/gettoken"); n != step.want {
			t.Errorf("after %v: gettoken asked %d times, want %d", step.after, n, step.want)
		}
	}
}

// The start-up check finds the admin's trap: the server's address not a
// 企业可信IP (60020), and a wrong secret; neither says the secret.
func TestWeComCheck(t *testing.T) {
	f := logintest.WeCom("ww1", "1000002", "secret-0123456789", "http://fupan.test/cb")
	defer f.Close()
	ctx := context.Background()
	f.Untrusted(true)
	err := (&login.WeCom{CorpID: "ww1", AgentID: "1000002", Secret: "secret-0123456789", APIBase: f.URL}).Check(ctx)
	if !errors.Is(err, login.ErrUntrustedIP) || !strings.Contains(err.Error(), "60020") {
		t.Errorf("untrusted: %v", err)
	}
	f.Untrusted(false)
	err = (&login.WeCom{CorpID: "ww1", AgentID: "1000002", Secret: "wrong-0123456789", APIBase: f.URL}).Check(ctx)
	if !errors.Is(err, login.ErrCredentials) || strings.Contains(err.Error(), "wrong-0123456789") {
		t.Errorf("wrong secret: %v", err)
	}
	if err := (&login.WeCom{CorpID: "ww1", AgentID: "1000002", Secret: "secret-0123456789", APIBase: f.URL}).Check(ctx); err != nil {
		t.Errorf("good settings: %v", err)
	}
}

// The challenge is RFC 7636's S256 of the verifier (its appendix B).
func TestChallengeS256(t *testing.T) {
	r := login.Request{Verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"}
	if got := r.Challenge(); got != "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM" {
		t.Errorf("challenge %s", got)
	}
}
