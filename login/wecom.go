package login

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"time"
)

// WeCom is 企业微信: the QR login of a self-built app (wwlogin/sso/login) in
// a desktop browser, the silent snsapi_base login inside the WeCom client,
// then the app's token (gettoken, cached) and the user id from the code.
type WeCom struct {
	CorpID  string
	AgentID string
	Secret  string
	// Base URLs, for the fakes and private deployments; empty: 企业微信's.
	APIBase   string // https://qyapi.weixin.qq.com
	QRBase    string // https://login.work.weixin.qq.com
	OAuthBase string // https://open.weixin.qq.com
	Client    *http.Client
	Now       func() time.Time

	mu      sync.Mutex
	token   string
	expires time.Time
}

// Kind is wecom.
func (w *WeCom) Kind() string { return "wecom" }

// InApp is the WeCom client's browser ("wxwork" in its user agent).
func (w *WeCom) InApp(ua string) bool { return userAgentHas(ua, "wxwork") }

// AuthURL is the QR page, or inside the client the silent authorize.
func (w *WeCom) AuthURL(_ context.Context, r Request) (string, error) {
	if r.InApp {
		q := url.Values{"appid": {w.CorpID}, "redirect_uri": {r.Redirect}, "response_type": {"code"},
			"scope": {"snsapi_base"}, "state": {r.State}, "agentid": {w.AgentID}}
		return base(w.OAuthBase, "https://open.weixin.qq.com") + "/connect/oauth2/authorize?" + q.Encode() + "#wechat_redirect", nil
	}
	q := url.Values{"login_type": {"CorpApp"}, "appid": {w.CorpID}, "agentid": {w.AgentID},
		"redirect_uri": {r.Redirect}, "state": {r.State}}
	return base(w.QRBase, "https://login.work.weixin.qq.com") + "/wwlogin/sso/login?" + q.Encode(), nil
}

type wecomAnswer struct {
	ErrCode     int    `json:"errcode"`
	ErrMsg      string `json:"errmsg"`
	AccessToken string `json:"access_token"`
	ExpiresIn   int    `json:"expires_in"`
	UserID      string `json:"userid"`
	OpenID      string `json:"openid"`
}

// wecomErr is an errcode as one of the refusals.
func wecomErr(call string, a wecomAnswer) error {
	var kind error
	switch a.ErrCode {
	case 60020:
		kind = ErrUntrustedIP
	case 40013, 40001, 40056, 40091, 41004:
		kind = ErrCredentials // wrong corpid, secret or agent
	case 40029, 40163, 50001:
		kind = ErrCode // invalid or used code, redirect not the app's
	default:
		kind = ErrUnavailable
	}
	return fmt.Errorf("企业微信 %s: errcode %d: %w", call, a.ErrCode, kind)
}

func (w *WeCom) now() time.Time {
	if w.Now != nil {
		return w.Now()
	}
	return time.Now()
}

// appToken is the app's access token, asked for again five minutes before
// its expires_in (7,200 s) runs out: gettoken is rate limited.
func (w *WeCom) appToken(ctx context.Context, fresh bool) (string, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !fresh && w.token != "" && w.now().Before(w.expires) {
		return w.token, nil
	}
	q := url.Values{"corpid": {w.CorpID}, "corpsecret": {w.Secret}}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base(w.APIBase, "https://qyapi.weixin.qq.com")+"/cgi-bin/gettoken?"+q.Encode(), nil)
	if err != nil {
		return "", err
	}
	var a wecomAnswer
	if _, err := call(client(w.Client), req, &a); err != nil {
		return "", err
	}
	if a.ErrCode != 0 || a.AccessToken == "" {
		return "", wecomErr("gettoken", a)
	}
	ttl := time.Duration(a.ExpiresIn)*time.Second - 5*time.Minute
	w.token, w.expires = a.AccessToken, w.now().Add(ttl)
	return w.token, nil
}

// Exchange asks who the code belongs to: a member's userid; someone
// outside the company (an openid only) is not a member.
func (w *WeCom) Exchange(ctx context.Context, code string, _ Request) (Identity, error) {
	for attempt := 0; ; attempt++ {
		tok, err := w.appToken(ctx, attempt > 0)
		if err != nil {
			return Identity{}, err
		}
		q := url.Values{"access_token": {tok}, "code": {code}}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, base(w.APIBase, "https://qyapi.weixin.qq.com")+"/cgi-bin/auth/getuserinfo?"+q.Encode(), nil)
		if err != nil {
			return Identity{}, err
		}
		var a wecomAnswer
		if _, err := call(client(w.Client), req, &a); err != nil {
			return Identity{}, err
		}
		// A token revoked early (another server asked for a new one):
		// once more with a fresh one.
		if (a.ErrCode == 40014 || a.ErrCode == 42001) && attempt == 0 {
			continue
		}
		if a.ErrCode != 0 {
			return Identity{}, wecomErr("getuserinfo", a)
		}
		if a.UserID == "" {
			return Identity{}, fmt.Errorf("企业微信: an openid, no userid: %w", ErrNotMember)
		}
		return Identity{ID: "wecom:" + a.UserID, Name: a.UserID}, nil
	}
}

// Check asks for the app's token and the app itself (agent/get): a wrong
// secret, or a server whose public address is not among the app's
// 企业可信IP (errcode 60020), shows at start rather than at the first login.
func (w *WeCom) Check(ctx context.Context) error {
	tok, err := w.appToken(ctx, false)
	if err != nil {
		return err
	}
	q := url.Values{"access_token": {tok}, "agentid": {w.AgentID}}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base(w.APIBase, "https://qyapi.weixin.qq.com")+"/cgi-bin/agent/get?"+q.Encode(), nil)
	if err != nil {
		return err
	}
	var a wecomAnswer
	if _, err := call(client(w.Client), req, &a); err != nil {
		return err
	}
	if a.ErrCode != 0 {
		return wecomErr("agent/get", a)
	}
	return nil
}
