// Package robot posts to the custom group robots (webhooks) of 企业微信
// (WeCom), 钉钉 (DingTalk) and 飞书 (Feishu), where Chinese management teams
// read: markdown or a card, @-mentions, WeCom's file upload, each platform's
// signing, byte and rate limits, and its error codes.
//
// A webhook URL holds a credential (WeCom's key, DingTalk's access_token,
// Feishu's hook token): it never appears in an error, a log line or a
// result of this package.
package robot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/fupan-review/fupan/internal/secret"
)

// Kind is a robot's platform.
type Kind string

// The platforms.
const (
	WeCom    Kind = "wecom"
	DingTalk Kind = "dingtalk"
	Feishu   Kind = "feishu"
)

// ParseKind reads a config's kind.
func ParseKind(s string) (Kind, error) {
	switch k := Kind(s); k {
	case WeCom, DingTalk, Feishu:
		return k, nil
	}
	return "", fmt.Errorf("robot kind %q: want wecom, dingtalk or feishu", s)
}

// MaxBytes is how long a message's markdown may be, in bytes of UTF-8 (a
// Chinese character is three): WeCom's markdown content 4,096, DingTalk's
// 20,000; Feishu counts its whole request body (20 KB), so the card's text
// keeps 2,000 bytes clear for the card and the signature around it.
func (k Kind) MaxBytes() int {
	switch k {
	case WeCom:
		return 4096
	case Feishu:
		return 18000
	}
	return 20000
}

// rateLimit is how many messages a robot takes in a window.
func (k Kind) rateLimit() (int, time.Duration) {
	if k == Feishu {
		return 5, time.Second
	}
	return 20, time.Minute
}

// Person is someone a message may @-mention.
type Person struct {
	Name     string
	Mobile   string // WeCom (text messages only) and DingTalk
	FeishuID string // Feishu's open_id, "ou_…"
}

// Message is what to post: a title, markdown lines (the platforms' markdown
// renders no tables), people to mention, and a file (WeCom only).
type Message struct {
	Title    string
	Markdown string
	// Text, where set, is sent to WeCom as a text message instead of the
	// markdown: only text messages honour mentioned_mobile_list.
	Text     string
	Mentions []Person
	File     *File
}

// File is a file posted after the message (WeCom: upload_media, then a file
// message).
type File struct {
	Name string
	Data []byte
}

// Robot posts to one webhook.
type Robot struct {
	Kind    Kind
	webhook string
	secret  string
	client  *http.Client
	clock   Clock
	retries int
	hide    secret.Redactor // the webhook's credentials and the secret, out of every error

	mu   sync.Mutex
	sent []time.Time // when the last messages went, for the rate limit
}

// Clock is the time a robot signs and waits by; tests give a fake one.
type Clock interface {
	Now() time.Time
	Sleep(ctx context.Context, d time.Duration) error
}

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }
func (realClock) Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Options make a Robot. Webhook and Secret come from the environment
// (webhook_env, secret_env); nothing else holds them.
type Options struct {
	Kind    Kind
	Webhook string
	Secret  string // DingTalk's and Feishu's signing secret; "" where the robot has none
	Client  *http.Client
	Clock   Clock
	Retries int // attempts after a rate-limit reply, 429 or 5xx; zero: 3
}

// New makes a robot for a webhook.
func New(o Options) (*Robot, error) {
	if _, err := ParseKind(string(o.Kind)); err != nil {
		return nil, err
	}
	if err := checkWebhook(o.Webhook); err != nil {
		return nil, err
	}
	r := &Robot{Kind: o.Kind, webhook: o.Webhook, secret: o.Secret, client: o.Client, clock: o.Clock, retries: o.Retries,
		hide: secret.NewRedactor(append(secret.WebhookSecrets(o.Webhook), o.Secret)...)}
	if r.client == nil {
		r.client = &http.Client{Timeout: 30 * time.Second}
	}
	if r.clock == nil {
		r.clock = realClock{}
	}
	if r.retries <= 0 {
		r.retries = 3
	}
	return r, nil
}

// ID names the robot without its credential: a hash of its kind and
// webhook, for records that must tell robots apart.
func (r *Robot) ID() string {
	h := sha256.Sum256([]byte(string(r.Kind) + "\x00" + r.webhook))
	return string(r.Kind) + "-" + hex.EncodeToString(h[:6])
}

// Error is a refusal by the platform, in its own words.
type Error struct {
	Kind Kind
	Code int // the platform's code; -1 where the reply had none
	Msg  string
	HTTP int // the HTTP status, where it was not 200
	// Unsure is set for a reply that does not say whether the platform took
	// the message: a 5xx without the platform's code, from a gateway that
	// may have forwarded it.
	Unsure bool
}

func (e *Error) Error() string {
	if e.HTTP != 0 && e.HTTP != http.StatusOK {
		return fmt.Sprintf("%s robot: HTTP %d: %s", e.Kind, e.HTTP, e.Msg)
	}
	return fmt.Sprintf("%s robot refused the message: code %d: %s", e.Kind, e.Code, e.Msg)
}

// ErrUnknown wraps failures after the request went out with no answer: the
// message may have been posted.
var ErrUnknown = errors.New("no answer came: the message may have been posted")

// ErrNotSent wraps failures before the request went out (a context
// cancelled, a TLS handshake that failed): the platform never saw the
// message, so it may be posted again.
var ErrNotSent = errors.New("the message did not go out")

// ErrPartial wraps a failure after part of a message was posted (WeCom's
// summary, but not its file).
var ErrPartial = errors.New("the message was posted in part")

// retryable reports a reply worth waiting for: the platform's rate-limit
// code; without a code of the platform, 429 and 5xx. Where the reply
// carries the platform's code, the code decides.
func (e *Error) retryable() bool {
	switch {
	case e.Kind == WeCom && e.Code == 45009, e.Kind == DingTalk && e.Code == 130101, e.Kind == Feishu && e.Code == 11232:
		return true
	case e.Code != -1:
		return false
	}
	return e.HTTP == http.StatusTooManyRequests || e.HTTP >= 500
}

// wait keeps the platform's rate limit: at most n messages in any window.
func (r *Robot) wait(ctx context.Context) error {
	n, window := r.Kind.rateLimit()
	r.mu.Lock()
	defer r.mu.Unlock()
	now := r.clock.Now()
	// Only the last n matter.
	if len(r.sent) >= n {
		r.sent = r.sent[len(r.sent)-n:]
		if d := r.sent[0].Add(window).Sub(now); d > 0 {
			if err := r.clock.Sleep(ctx, d); err != nil {
				return err
			}
			now = r.clock.Now()
		}
	}
	r.sent = append(r.sent, now)
	return nil
}
