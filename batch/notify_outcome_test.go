package batch_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/internal/robottest"
)

// A notify interrupted (SIGTERM: the context cancelled) while DingTalk's
// request is out: DingTalk's message may be in the group, so it is
// "unknown"; Feishu's, never sent, is not recorded and goes on the next call.
func TestNotifyInterruptedLeavesTheRestNotSent(t *testing.T) {
	out, srv, targets, logs, base := notifyRun(t, 2)
	ctx, cancel := context.WithCancel(base)
	defer cancel()
	release := srv.Hang("dingtalk")
	defer release()
	done := make(chan error, 1)
	go func() {
		_, err := batch.Notify(ctx, out, batch.NotifyOptions{Robots: targets})
		done <- err
	}()
	deadline := time.Now().Add(20 * time.Second)
	for srv.Held("dingtalk") == 0 {
		if time.Now().After(deadline) {
			t.Fatal("DingTalk's request never came")
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	if err := <-done; err == nil {
		t.Fatal("an interrupted notify reported no error")
	}
	release()
	rec, _ := os.ReadFile(filepath.Join(out, ".fupan", "notify.json"))
	if strings.Contains(string(rec), `"robot": "feishu"`) {
		t.Fatalf("Feishu, never contacted, is in the record:\n%s", rec)
	}
	res, err := batch.Notify(base, out, batch.NotifyOptions{Robots: targets})
	if err != nil || res.Sent != 1 || res.Unknown != 1 {
		t.Fatalf("the next call: %+v, %v; want Feishu posted, DingTalk left unknown", res, err)
	}
	if f, d := len(srv.Accepted("feishu")), len(srv.Accepted("dingtalk")); f != 1 || d > 1 {
		t.Errorf("Feishu took %d, DingTalk %d; want 1 and at most 1", f, d)
	}
	assertNoCredential(t, srv, logs.String(), out)
}

// Replies that may mean "taken" are never posted again by a later call: a
// proxy's page with HTTP 200, a gateway's 5xx on every attempt. Three calls
// give one copy of the first, and no more of the second than its attempts.
func TestNotifyUnclearRepliesNotPostedAgain(t *testing.T) {
	out, srv, targets, _, ctx := notifyRun(t, 2)
	srv.Reply("feishu", robottest.Canned{Status: 200, Body: "<html>forwarded</html>", Taken: true})
	gateway := robottest.Canned{Status: 500, Body: "<html>Internal Server Error</html>", Taken: true}
	srv.Reply("dingtalk", gateway, gateway, gateway, gateway)
	for i := 0; i < 3; i++ {
		res, _ := batch.Notify(ctx, out, batch.NotifyOptions{Robots: targets})
		if res.Unknown != 2 || res.Failed != 0 {
			t.Errorf("call %d: %+v, want Feishu and DingTalk unknown", i+1, res)
		}
	}
	if n := len(srv.Accepted("feishu")); n != 1 {
		t.Errorf("Feishu took %d copies over three calls, want 1", n)
	}
	if n := len(srv.Accepted("dingtalk")); n != 4 {
		t.Errorf("DingTalk took %d copies over three calls, want the first call's 4 attempts only", n)
	}
}
