package robot

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Send posts the message, keeping the rate limit and retrying after a
// rate-limit reply, 429 or 5xx. A refusal is an *Error in the platform's
// words; a failure before the request went out wraps ErrNotSent; a request
// that went out with no clear answer wraps ErrUnknown. No error text holds
// the webhook's key or token or the secret.
func (r *Robot) Send(ctx context.Context, m Message) error {
	if n := len(m.Markdown); n > r.Kind.Room(m.Title) {
		return fmt.Errorf("%s robot: the message is %d bytes with a %d-byte title, over the platform's %d: %w", r.Kind, n, len(m.Title), r.Kind.MaxBytes(), ErrNotSent)
	}
	var err error
	switch r.Kind {
	case WeCom:
		err = r.sendWeCom(ctx, m)
	case DingTalk:
		err = r.postJSON(ctx, r.dingTalkURL(), dingTalkBody(m))
	case Feishu:
		err = r.postJSON(ctx, r.webhook, r.feishuBody(m))
	}
	if err == nil {
		return nil
	}
	return &hidden{text: r.hide.Redact(redact(err.Error())), err: err}
}

// hidden is an error whose text has the credentials taken out; errors.Is
// and errors.As still see what it wraps.
type hidden struct {
	text string
	err  error
}

func (h *hidden) Error() string { return h.text }
func (h *hidden) Unwrap() error { return h.err }

func (r *Robot) sendWeCom(ctx context.Context, m Message) error {
	var mobiles []string
	for _, p := range m.Mentions {
		if p.Mobile != "" {
			mobiles = append(mobiles, p.Mobile)
		}
	}
	var body any
	if len(mobiles) > 0 && m.Text != "" {
		// Only a text message @-mentions by mobile.
		body = map[string]any{"msgtype": "text", "text": map[string]any{"content": m.Text, "mentioned_mobile_list": mobiles}}
	} else {
		body = map[string]any{"msgtype": "markdown", "markdown": map[string]any{"content": m.Markdown}}
	}
	if err := r.postJSON(ctx, r.webhook, body); err != nil {
		return err
	}
	if m.File == nil {
		return nil
	}
	id, err := r.uploadWeCom(ctx, *m.File)
	if err == nil {
		err = r.postJSON(ctx, r.webhook, map[string]any{"msgtype": "file", "file": map[string]any{"media_id": id}})
	}
	if err != nil {
		return fmt.Errorf("%w: the summary went, the file %s did not: %w", ErrPartial, m.File.Name, err)
	}
	return nil
}

// uploadURL is WeCom's upload_media beside the webhook: the same host and
// key, so a private deployment needs nothing more.
func (r *Robot) uploadURL() (string, error) {
	u, err := url.Parse(r.webhook)
	if err != nil {
		return "", errors.New("the webhook URL does not parse")
	}
	u.Path = strings.TrimSuffix(u.Path, "/send") + "/upload_media"
	q := u.Query()
	q.Set("type", "file")
	u.RawQuery = q.Encode()
	return u.String(), nil
}

func (r *Robot) uploadWeCom(ctx context.Context, f File) (string, error) {
	target, err := r.uploadURL()
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	part, err := mw.CreateFormFile("media", f.Name)
	if err == nil {
		_, err = part.Write(f.Data)
	}
	if err == nil {
		err = mw.Close()
	}
	if err != nil {
		return "", err
	}
	var reply struct {
		MediaID string `json:"media_id"`
	}
	if err := r.post(ctx, target, mw.FormDataContentType(), buf.Bytes(), &reply); err != nil {
		return "", err
	}
	if reply.MediaID == "" {
		return "", &Error{Kind: r.Kind, Msg: "upload_media answered without a media_id"}
	}
	return reply.MediaID, nil
}

// dingTalkURL is the webhook with its signature, where the robot has a secret:
// timestamp in milliseconds, sign = base64(HMAC-SHA256(secret,
// timestamp+"\n"+secret)).
func (r *Robot) dingTalkURL() string {
	if r.secret == "" {
		return r.webhook
	}
	ts := strconv.FormatInt(r.clock.Now().UnixMilli(), 10)
	mac := hmac.New(sha256.New, []byte(r.secret))
	mac.Write([]byte(ts + "\n" + r.secret))
	sign := base64.StdEncoding.EncodeToString(mac.Sum(nil))
	u, err := url.Parse(r.webhook)
	if err != nil {
		return r.webhook
	}
	q := u.Query()
	q.Set("timestamp", ts)
	q.Set("sign", sign)
	u.RawQuery = q.Encode()
	return u.String()
}

func dingTalkBody(m Message) any {
	text := m.Markdown
	var mobiles []string
	for _, p := range m.Mentions {
		if p.Mobile != "" {
			mobiles = append(mobiles, p.Mobile)
			// DingTalk shows a mention only where the text names it.
			if !strings.Contains(text, "@"+p.Mobile) {
				text += " @" + p.Mobile
			}
		}
	}
	return map[string]any{
		"msgtype":  "markdown",
		"markdown": map[string]any{"title": m.Title, "text": text},
		"at":       map[string]any{"atMobiles": nonNil(mobiles), "isAtAll": false},
	}
}

// feishuBody is an interactive card, signed where the robot has a secret:
// timestamp in seconds, sign = base64(HMAC-SHA256(timestamp+"\n"+secret, "")).
func (r *Robot) feishuBody(m Message) any {
	text := m.Markdown
	for _, p := range m.Mentions {
		if p.FeishuID != "" {
			text += " <at id=" + p.FeishuID + "></at>"
		}
	}
	body := map[string]any{
		"msg_type": "interactive",
		"card": map[string]any{
			"config": map[string]any{"wide_screen_mode": true},
			"header": map[string]any{"title": map[string]any{"tag": "plain_text", "content": m.Title}, "template": "blue"},
			"elements": []any{
				map[string]any{"tag": "div", "text": map[string]any{"tag": "lark_md", "content": text}},
			},
		},
	}
	if r.secret != "" {
		ts := strconv.FormatInt(r.clock.Now().Unix(), 10)
		mac := hmac.New(sha256.New, []byte(ts+"\n"+r.secret))
		body["timestamp"] = ts
		body["sign"] = base64.StdEncoding.EncodeToString(mac.Sum(nil))
	}
	return body
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// postJSON posts a JSON body to the platform and reads its answer.
func (r *Robot) postJSON(ctx context.Context, target string, body any) error {
	// Without HTML escaping: Feishu's <at> and the links stay as written,
	// and a Chinese text is not made longer.
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(body); err != nil {
		return err
	}
	return r.post(ctx, target, "application/json; charset=utf-8", bytes.TrimSpace(buf.Bytes()), nil)
}

// reply is the platforms' answer: errcode/errmsg (WeCom, DingTalk) or
// code/msg (Feishu; older hooks answer StatusCode/StatusMessage).
type reply struct {
	ErrCode    *int   `json:"errcode"`
	ErrMsg     string `json:"errmsg"`
	Code       *int   `json:"code"`
	Msg        string `json:"msg"`
	StatusCode *int   `json:"StatusCode"`
	StatusMsg  string `json:"StatusMessage"`
}

func (p reply) result() (int, string) {
	switch {
	case p.ErrCode != nil:
		return *p.ErrCode, p.ErrMsg
	case p.Code != nil:
		return *p.Code, p.Msg
	case p.StatusCode != nil:
		return *p.StatusCode, p.StatusMsg
	}
	return -1, "an answer without a code"
}

// post sends one request, again after a wait where the platform asks for it.
// extra, where given, also receives the answer (upload_media's media_id).
// Once an attempt went out without a clear answer (a 5xx), the message may
// have been posted: a later failure is then unknown too, not a refusal.
func (r *Robot) post(ctx context.Context, target, contentType string, body []byte, extra any) error {
	unsure := false
	fail := func(err error) error {
		if unsure && !errors.Is(err, ErrUnknown) {
			return fmt.Errorf("%w; after a reply that did not say whether it was taken: %w", err, ErrUnknown)
		}
		return err
	}
	for attempt := 0; ; attempt++ {
		if err := r.wait(ctx); err != nil {
			return fail(fmt.Errorf("%s robot: waiting for the rate limit: %w: %w", r.Kind, err, ErrNotSent))
		}
		err := r.once(ctx, target, contentType, body, extra)
		var pe *Error
		if err == nil {
			return nil
		}
		if errors.As(err, &pe) && pe.Unsure {
			unsure = true
		}
		if pe == nil || !pe.retryable() || attempt >= r.retries {
			return fail(err)
		}
		// A rate-limit reply: the window passes; a server error: a short wait.
		wait := time.Duration(1<<attempt) * time.Second
		if pe.HTTP == 0 || pe.HTTP == http.StatusTooManyRequests {
			_, window := r.Kind.rateLimit()
			wait = max(wait, window)
		}
		if err := r.clock.Sleep(ctx, wait); err != nil {
			return fail(fmt.Errorf("%s robot: waiting to try again: %w: %w", r.Kind, err, ErrNotSent))
		}
	}
}

func (r *Robot) once(ctx context.Context, target, contentType string, body []byte, extra any) error {
	// Whether the request may have reached the platform: not before a
	// connection was had (a dial, a TLS handshake refused, a context
	// cancelled first), nor when writing it failed (a request cut short is
	// not taken); after, only the answer tells.
	var gotConn, writeFailed atomic.Bool
	ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		GotConn: func(httptrace.GotConnInfo) { gotConn.Store(true) },
		WroteRequest: func(i httptrace.WroteRequestInfo) {
			if i.Err != nil {
				writeFailed.Store(true)
			}
		},
	})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("%s robot: the webhook URL is not usable: %w", r.Kind, ErrNotSent)
	}
	req.Header.Set("Content-Type", contentType)
	resp, err := r.client.Do(req)
	if err != nil {
		return r.transportError(err, gotConn.Load() && !writeFailed.Load())
	}
	defer func() { _ = resp.Body.Close() }()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return fmt.Errorf("%s robot: reading the answer: %w", r.Kind, ErrUnknown)
	}
	var p reply
	jsonErr := json.Unmarshal(raw, &p)
	code, msg := p.result()
	if resp.StatusCode != http.StatusOK {
		if jsonErr == nil && code != -1 { // the platform's own answer: its code decides
			if code == 0 {
				return r.taken(raw, extra)
			}
			return &Error{Kind: r.Kind, HTTP: resp.StatusCode, Code: code, Msg: r.words(msg)}
		}
		return &Error{Kind: r.Kind, HTTP: resp.StatusCode, Code: -1, Msg: r.excerpt(raw), Unsure: resp.StatusCode >= 500}
	}
	// 200 without the platform's answer: a proxy's page after forwarding,
	// perhaps; the message may have been posted.
	if jsonErr != nil {
		return fmt.Errorf("%s robot: an answer that is not the platform's JSON (%s): %w", r.Kind, r.excerpt(raw), ErrUnknown)
	}
	if code == -1 {
		return fmt.Errorf("%s robot: an answer without the platform's code (%s): %w", r.Kind, r.excerpt(raw), ErrUnknown)
	}
	if code != 0 {
		return &Error{Kind: r.Kind, Code: code, Msg: r.words(msg)}
	}
	return r.taken(raw, extra)
}

// taken reads what else the answer of a message taken holds.
func (r *Robot) taken(raw []byte, extra any) error {
	if extra != nil {
		_ = json.Unmarshal(raw, extra)
	}
	return nil
}

// words are the platform's (or a proxy's) words without the credentials,
// which an errmsg or a 404 page may repeat.
func (r *Robot) words(s string) string {
	return r.hide.Redact(redact(s))
}

// transportError says what went wrong without the URL (and its key): a
// request that never went out (no connection, a TLS handshake refused, a
// context cancelled) is not sent, and a connection never made is worth
// another try; anything later may have posted.
func (r *Robot) transportError(err error, mayHaveGone bool) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	text := r.words(err.Error())
	if mayHaveGone {
		return fmt.Errorf("%s robot: %s: %w", r.Kind, text, ErrUnknown)
	}
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Op == "dial" {
		return &Error{Kind: r.Kind, HTTP: http.StatusServiceUnavailable, Code: -1, Msg: "cannot connect: " + text}
	}
	return fmt.Errorf("%s robot: %s: %w", r.Kind, text, ErrNotSent)
}

// excerpt is the start of an answer, for an error message: the credentials
// taken out before it is cut, so that none is left in part.
func (r *Robot) excerpt(b []byte) string {
	s := r.words(strings.TrimSpace(string(b)))
	if len(s) > 200 {
		s = cutBytes(s, 200) + "…"
	}
	return s
}

// redact removes anything that looks like a credential in a query string.
func redact(s string) string {
	for _, k := range []string{"key=", "access_token=", "sign=", "token="} {
		for i := strings.Index(s, k); i >= 0; {
			end := i + len(k)
			for end < len(s) && !strings.ContainsRune("&\" \n)", rune(s[end])) {
				end++
			}
			s = s[:i+len(k)] + "…" + s[end:]
			next := strings.Index(s[i+len(k)+len("…"):], k)
			if next < 0 {
				break
			}
			i += len(k) + len("…") + next
		}
	}
	return s
}

// checkWebhook refuses what is not an http(s) URL with a host, without
// echoing it.
func checkWebhook(s string) error {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return errors.New("the webhook is not an http(s) URL (its value is not shown: it holds a credential)")
	}
	return nil
}
