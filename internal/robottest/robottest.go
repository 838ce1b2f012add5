// Package robottest runs local fakes of the WeCom, DingTalk and Feishu
// group-robot webhooks in the test process. Each checks what the platform
// checks and answers as the platform documents: the key or token, the
// signature and its time window, the byte limit, the rate limit, with the
// platform's error codes.
package robottest

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/fupan-review/fupan/robot"
)

// Clock is a fake time both the robots and the fakes read: Sleep moves it
// on at once.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock starts a clock at t.
func NewClock(t time.Time) *Clock { return &Clock{now: t} }

// Now is the fake time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Sleep moves the clock on by d.
func (c *Clock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.Advance(d)
	return nil
}

// Advance moves the clock on.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// Post is one request a fake took.
type Post struct {
	Kind   string
	At     time.Time
	Query  string
	Body   map[string]any
	Raw    []byte
	File   string // upload_media's file name
	Data   []byte // and its bytes
	Answer int    // the code answered
}

// Now tells a fake the time: a *Clock, or Wall for the real one (where
// the robots run on the real clock, in a whole command).
type Now interface{ Now() time.Time }

// Wall is the real time.
type Wall struct{}

// Now is time.Now.
func (Wall) Now() time.Time { return time.Now() }

// Server is the three fakes on one local HTTP server.
type Server struct {
	*httptest.Server
	clock Now

	// The credentials each fake accepts.
	WeComKey, DingTalkToken, DingTalkSecret, FeishuToken, FeishuSecret string

	mu     sync.Mutex
	hang   map[string]chan struct{} // kinds whose requests wait until released
	held   map[string]int           // requests that have waited, by kind
	posts  []Post
	forced map[string][]int // per kind, codes to answer next (a rate-limit reply…); HTTP statuses as -status
	canned map[string][]Canned
	media  map[string]bool
}

// Start runs the fakes on a clock.
func Start(clock Now) *Server {
	s := &Server{clock: clock, WeComKey: "wecom-key-0123456789", DingTalkToken: "dt-token-abcdef", DingTalkSecret: "SECdingtalk-secret",
		FeishuToken: "fs-token-ghijkl", FeishuSecret: "feishu-secret", forced: map[string][]int{}, media: map[string]bool{}}
	mux := http.NewServeMux()
	mux.HandleFunc("/cgi-bin/webhook/send", s.wecom)
	mux.HandleFunc("/cgi-bin/webhook/upload_media", s.wecomUpload)
	mux.HandleFunc("/robot/send", s.dingtalk)
	mux.HandleFunc("/open-apis/bot/v2/hook/", s.feishu)
	s.Server = httptest.NewServer(mux)
	return s
}

// Webhooks are the URLs of the three robots, as an operator would put them
// in the environment.
func (s *Server) WeComURL() string    { return s.URL + "/cgi-bin/webhook/send?key=" + s.WeComKey }
func (s *Server) DingTalkURL() string { return s.URL + "/robot/send?access_token=" + s.DingTalkToken }
func (s *Server) FeishuURL() string   { return s.URL + "/open-apis/bot/v2/hook/" + s.FeishuToken }

// Hang makes a kind's requests wait, unanswered, until release is called
// (or the server closes): a process killed meanwhile never hears back.
func (s *Server) Hang(kind string) (release func()) {
	ch := make(chan struct{})
	s.mu.Lock()
	if s.hang == nil {
		s.hang = map[string]chan struct{}{}
	}
	s.hang[kind] = ch
	s.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			s.mu.Lock()
			delete(s.hang, kind)
			s.mu.Unlock()
			close(ch)
		})
	}
}

func (s *Server) wait(kind string, r *http.Request) {
	s.mu.Lock()
	ch := s.hang[kind]
	if ch != nil {
		if s.held == nil {
			s.held = map[string]int{}
		}
		s.held[kind]++
	}
	s.mu.Unlock()
	if ch == nil {
		return
	}
	select {
	case <-ch:
	case <-r.Context().Done():
	}
}

// Held is how many requests of a kind have reached the fake while it hung.
func (s *Server) Held(kind string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.held[kind]
}

// Force makes a fake answer the codes given to its next requests, one each;
// a negative code is an HTTP status (-502: Bad Gateway).
func (s *Server) Force(kind string, codes ...int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.forced[kind] = append(s.forced[kind], codes...)
}

// Canned is a reply given instead of the fake's own, as a proxy or gateway
// in front of the platform may give it: an HTTP status and body, after the
// platform took the message (Taken) or without it reaching the platform.
type Canned struct {
	Status int
	Body   string
	Taken  bool
}

// Reply makes a fake give the canned replies to its next requests, one
// each, whatever they hold.
func (s *Server) Reply(kind string, c ...Canned) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.canned == nil {
		s.canned = map[string][]Canned{}
	}
	s.canned[kind] = append(s.canned[kind], c...)
}

// cannedReply gives a canned reply where one is due, recording the request
// as accepted where the canned reply says it was taken.
func (s *Server) cannedReply(kind string, w http.ResponseWriter, r *http.Request) bool {
	s.mu.Lock()
	if len(s.canned[kind]) == 0 {
		s.mu.Unlock()
		return false
	}
	c := s.canned[kind][0]
	s.canned[kind] = s.canned[kind][1:]
	s.mu.Unlock()
	body, raw, _ := readJSON(r)
	p := Post{Kind: kind, At: s.clock.Now(), Query: r.URL.RawQuery, Body: body, Raw: raw, Answer: -c.Status}
	if c.Taken {
		p.Answer = 0
	}
	s.record(p)
	w.WriteHeader(c.Status)
	_, _ = io.WriteString(w, c.Body)
	return true
}

// Posts are the requests taken, in order.
func (s *Server) Posts() []Post {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Post(nil), s.posts...)
}

// Accepted are the requests of a kind answered with code 0.
func (s *Server) Accepted(kind string) []Post {
	var out []Post
	for _, p := range s.Posts() {
		if p.Kind == kind && p.Answer == 0 {
			out = append(out, p)
		}
	}
	return out
}

func (s *Server) record(p Post) {
	s.mu.Lock()
	s.posts = append(s.posts, p)
	s.mu.Unlock()
}

// forcedCode pops a forced answer.
func (s *Server) forcedCode(kind string) (int, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.forced[kind]) == 0 {
		return 0, false
	}
	c := s.forced[kind][0]
	s.forced[kind] = s.forced[kind][1:]
	return c, true
}

// overRate reports whether a request now would pass n accepted in window.
func (s *Server) overRate(kind string, n int, window time.Duration) bool {
	now := s.clock.Now()
	count := 0
	for _, p := range s.Posts() {
		if p.Kind == kind && p.Answer == 0 && now.Sub(p.At) < window {
			count++
		}
	}
	return count >= n
}

func readJSON(r *http.Request) (map[string]any, []byte, error) {
	raw, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		return nil, nil, err
	}
	var m map[string]any
	err = json.Unmarshal(raw, &m)
	return m, raw, err
}

func answer(w http.ResponseWriter, codeKey, msgKey string, code int, msg string) {
	if code < 0 { // a forced HTTP status: a gateway's error page, not JSON
		w.WriteHeader(-code)
		_, _ = io.WriteString(w, "<html><body>"+http.StatusText(-code)+"</body></html>")
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{codeKey: code, msgKey: msg})
}

// wecom is WeCom's send: key, markdown ≤ 4,096 bytes, 20 a minute (45009).
func (s *Server) wecom(w http.ResponseWriter, r *http.Request) {
	s.wait("wecom", r)
	if s.cannedReply("wecom", w, r) {
		return
	}
	p := Post{Kind: "wecom", At: s.clock.Now(), Query: r.URL.RawQuery}
	code, msg := 0, "ok"
	body, raw, err := readJSON(r)
	p.Body, p.Raw = body, raw
	switch {
	case r.URL.Query().Get("key") != s.WeComKey:
		code, msg = 93000, "invalid webhook url"
	case err != nil:
		code, msg = 40016, "invalid json"
	default:
		if c, ok := s.forcedCode("wecom"); ok {
			code, msg = c, "forced"
		} else if s.overRate("wecom", 20, time.Minute) {
			code, msg = 45009, "api freq out of limit"
		} else if md, ok := body["markdown"].(map[string]any); ok && len(fmt.Sprint(md["content"])) > 4096 {
			code, msg = 40058, "markdown.content exceed max length 4096"
		} else if f, ok := body["file"].(map[string]any); ok && !s.knownMedia(fmt.Sprint(f["media_id"])) {
			code, msg = 40007, "invalid media_id"
		}
	}
	p.Answer = code
	s.record(p)
	answer(w, "errcode", "errmsg", code, msg)
}

func (s *Server) knownMedia(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.media[id]
}

// wecomUpload is WeCom's upload_media: the same key, type=file, a multipart
// field "media".
func (s *Server) wecomUpload(w http.ResponseWriter, r *http.Request) {
	p := Post{Kind: "wecom-upload", At: s.clock.Now(), Query: r.URL.RawQuery}
	if r.URL.Query().Get("key") != s.WeComKey || r.URL.Query().Get("type") != "file" {
		p.Answer = 93000
		s.record(p)
		answer(w, "errcode", "errmsg", 93000, "invalid webhook url")
		return
	}
	f, h, err := r.FormFile("media")
	if err != nil {
		p.Answer = 40004
		s.record(p)
		answer(w, "errcode", "errmsg", 40004, "invalid media")
		return
	}
	p.File = h.Filename
	p.Data, _ = io.ReadAll(f)
	id := fmt.Sprintf("media-%d", len(s.Posts()))
	s.mu.Lock()
	s.media[id] = true
	s.mu.Unlock()
	s.record(p)
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"errcode": 0, "errmsg": "ok", "type": "file", "media_id": id, "created_at": "1380000000"})
}

// dingtalk is DingTalk's send: token, signature within an hour (310000),
// content ≤ 20,000 bytes (460101), 20 a minute (130101).
func (s *Server) dingtalk(w http.ResponseWriter, r *http.Request) {
	s.wait("dingtalk", r)
	if s.cannedReply("dingtalk", w, r) {
		return
	}
	q := r.URL.Query()
	p := Post{Kind: "dingtalk", At: s.clock.Now(), Query: r.URL.RawQuery}
	code, msg := 0, "ok"
	body, raw, err := readJSON(r)
	p.Body, p.Raw = body, raw
	ts, _ := strconv.ParseInt(q.Get("timestamp"), 10, 64)
	mac := hmac.New(sha256.New, []byte(s.DingTalkSecret))
	mac.Write([]byte(q.Get("timestamp") + "\n" + s.DingTalkSecret))
	want := base64.StdEncoding.EncodeToString(mac.Sum(nil))
	age := s.clock.Now().Sub(time.UnixMilli(ts))
	switch {
	case q.Get("access_token") != s.DingTalkToken:
		code, msg = 300001, "token is not exist"
	case q.Get("sign") != want || age > time.Hour || age < -time.Hour:
		code, msg = 310000, "sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]"
	case err != nil:
		code, msg = 40035, "缺少参数 json"
	default:
		if c, ok := s.forcedCode("dingtalk"); ok {
			code, msg = c, "forced"
		} else if s.overRate("dingtalk", 20, time.Minute) {
			code, msg = 130101, "send too fast, exceed 20 times per minute"
		} else if md, ok := body["markdown"].(map[string]any); ok && len(fmt.Sprint(md["text"])) > 20000 {
			code, msg = 460101, "message too long, exceed 20000 bytes"
		}
	}
	p.Answer = code
	s.record(p)
	answer(w, "errcode", "errmsg", code, msg)
}

// feishu is Feishu's hook: token, signature in the body within an hour
// (19021), the request body ≤ 20,000 bytes (9499), 5 a second (11232).
func (s *Server) feishu(w http.ResponseWriter, r *http.Request) {
	s.wait("feishu", r)
	if s.cannedReply("feishu", w, r) {
		return
	}
	p := Post{Kind: "feishu", At: s.clock.Now()}
	code, msg := 0, "success"
	body, raw, err := readJSON(r)
	p.Body, p.Raw = body, raw
	token := strings.TrimPrefix(r.URL.Path, "/open-apis/bot/v2/hook/")
	tsText := fmt.Sprint(body["timestamp"])
	ts, _ := strconv.ParseInt(tsText, 10, 64)
	mac := hmac.New(sha256.New, []byte(tsText+"\n"+s.FeishuSecret))
	want := base64.StdEncoding.EncodeToString(mac.Sum(nil))
	age := s.clock.Now().Sub(time.Unix(ts, 0))
	switch {
	case token != s.FeishuToken:
		code, msg = 19001, "param invalid: incoming webhook access token invalid"
	case err != nil:
		code, msg = 9499, "Bad Request"
	case fmt.Sprint(body["sign"]) != want || age > time.Hour || age < -time.Hour:
		code, msg = 19021, "sign match fail or timestamp is not within one hour from current time"
	default:
		if c, ok := s.forcedCode("feishu"); ok {
			code, msg = c, "forced"
		} else if s.overRate("feishu", 5, time.Second) {
			code, msg = 11232, "frequency limited"
		} else if len(raw) > 20000 {
			code, msg = 9499, "Bad Request: the request body is over 20 KB"
		}
	}
	p.Answer = code
	s.record(p)
	answer(w, "code", "msg", code, msg)
}

// Options are the three robots of this server's fakes, signed with its
// secrets, on a clock (nil: the real one).
func (s *Server) Options(clock *Clock) []robot.Options {
	opts := []robot.Options{
		{Kind: robot.WeCom, Webhook: s.WeComURL()},
		{Kind: robot.DingTalk, Webhook: s.DingTalkURL(), Secret: s.DingTalkSecret},
		{Kind: robot.Feishu, Webhook: s.FeishuURL(), Secret: s.FeishuSecret},
	}
	for i := range opts {
		if clock != nil {
			opts[i].Clock = clock
		}
	}
	return opts
}

// Secrets are the credentials no output may show.
func (s *Server) Secrets() []string {
	return []string{s.WeComKey, s.DingTalkToken, s.DingTalkSecret, s.FeishuToken, s.FeishuSecret}
}
