package login

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"time"
)

// DingTalk is 钉钉: login.dingtalk.com's OAuth 2 page, the JSON token
// exchange (not RFC 6749's form), the person's union id from
// contact/users/me, and the union id mapped to the organisation's user id
// with the app's own token.
type DingTalk struct {
	ClientID string // the app's AppKey (Client ID)
	Secret   string
	// Base URLs, for the fakes; empty: 钉钉's.
	LoginBase string // https://login.dingtalk.com
	APIBase   string // https://api.dingtalk.com
	OAPIBase  string // https://oapi.dingtalk.com
	Client    *http.Client
	Now       func() time.Time

	mu      sync.Mutex
	token   string
	expires time.Time
}

// Kind is dingtalk.
func (d *DingTalk) Kind() string { return "dingtalk" }

// InApp is DingTalk's own browser.
func (d *DingTalk) InApp(ua string) bool { return userAgentHas(ua, "dingtalk") }

// AuthURL is the authorize page; inside DingTalk it confirms at once.
func (d *DingTalk) AuthURL(_ context.Context, r Request) (string, error) {
	q := url.Values{"redirect_uri": {r.Redirect}, "response_type": {"code"}, "client_id": {d.ClientID},
		"scope": {"openid"}, "state": {r.State}, "prompt": {"consent"}}
	return base(d.LoginBase, "https://login.dingtalk.com") + "/oauth2/auth?" + q.Encode(), nil
}

type dingAnswer struct {
	Code        string `json:"code"`    // the v1.0 API's error code
	Message     string `json:"message"` // and its message
	AccessToken string `json:"accessToken"`
	Nick        string `json:"nick"`
	UnionID     string `json:"unionId"`
}

type dingOAPI struct {
	ErrCode     int    `json:"errcode"`
	ErrMsg      string `json:"errmsg"`
	AccessToken string `json:"access_token"`
	ExpiresIn   int    `json:"expires_in"`
	Result      struct {
		UserID string `json:"userid"`
	} `json:"result"`
}

func (d *DingTalk) now() time.Time {
	if d.Now != nil {
		return d.Now()
	}
	return time.Now()
}

func jsonRequest(ctx context.Context, u string, body any) (*http.Request, error) {
	b, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	return req, nil
}

// Exchange: the user's token, their union id, their user id.
func (d *DingTalk) Exchange(ctx context.Context, code string, _ Request) (Identity, error) {
	api := base(d.APIBase, "https://api.dingtalk.com")
	req, err := jsonRequest(ctx, api+"/v1.0/oauth2/userAccessToken", map[string]string{
		"clientId": d.ClientID, "clientSecret": d.Secret, "code": code, "grantType": "authorization_code"})
	if err != nil {
		return Identity{}, err
	}
	var tok dingAnswer
	status, err := call(client(d.Client), req, &tok)
	if err != nil {
		return Identity{}, err
	}
	if status != http.StatusOK || tok.AccessToken == "" {
		kind := ErrCode
		if tok.Code == "InvalidAuthentication" || tok.Code == "Forbidden.AccessDenied.AccessTokenPermissionDenied" || status == http.StatusUnauthorized {
			kind = ErrCredentials
		}
		return Identity{}, fmt.Errorf("钉钉 userAccessToken: %d %s: %w", status, tok.Code, kind)
	}
	req, err = http.NewRequestWithContext(ctx, http.MethodGet, api+"/v1.0/contact/users/me", nil)
	if err != nil {
		return Identity{}, err
	}
	req.Header.Set("x-acs-dingtalk-access-token", tok.AccessToken)
	var me dingAnswer
	status, err = call(client(d.Client), req, &me)
	if err != nil {
		return Identity{}, err
	}
	if status != http.StatusOK || me.UnionID == "" {
		return Identity{}, fmt.Errorf("钉钉 contact/users/me: %d %s: %w", status, me.Code, ErrUnavailable)
	}
	uid, err := d.userID(ctx, me.UnionID)
	if err != nil {
		return Identity{}, err
	}
	name := me.Nick
	if name == "" {
		name = uid
	}
	return Identity{ID: "dingtalk:" + uid, Name: name}, nil
}

// userID maps a union id to the organisation's user id (topapi
// user/getbyunionid), with the app's token cached until five minutes
// before its expires_in.
func (d *DingTalk) userID(ctx context.Context, unionID string) (string, error) {
	oapi := base(d.OAPIBase, "https://oapi.dingtalk.com")
	d.mu.Lock()
	tok := d.token
	if tok == "" || !d.now().Before(d.expires) {
		q := url.Values{"appkey": {d.ClientID}, "appsecret": {d.Secret}}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, oapi+"/gettoken?"+q.Encode(), nil)
		if err != nil {
			d.mu.Unlock()
			return "", err
		}
		var a dingOAPI
		if _, err := call(client(d.Client), req, &a); err != nil {
			d.mu.Unlock()
			return "", err
		}
		if a.ErrCode != 0 || a.AccessToken == "" {
			d.mu.Unlock()
			return "", fmt.Errorf("钉钉 gettoken: errcode %d: %w", a.ErrCode, ErrCredentials)
		}
		d.token, d.expires = a.AccessToken, d.now().Add(time.Duration(a.ExpiresIn)*time.Second-5*time.Minute)
		tok = d.token
	}
	d.mu.Unlock()
	req, err := jsonRequest(ctx, oapi+"/topapi/user/getbyunionid?"+url.Values{"access_token": {tok}}.Encode(), map[string]string{"unionid": unionID})
	if err != nil {
		return "", err
	}
	var a dingOAPI
	if _, err := call(client(d.Client), req, &a); err != nil {
		return "", err
	}
	switch {
	case a.ErrCode == 60121:
		return "", fmt.Errorf("钉钉 getbyunionid: errcode 60121: %w", ErrNotMember)
	case a.ErrCode != 0 || a.Result.UserID == "":
		return "", fmt.Errorf("钉钉 getbyunionid: errcode %d: %w", a.ErrCode, ErrUnavailable)
	}
	return a.Result.UserID, nil
}
