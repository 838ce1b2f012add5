package login

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
)

// Feishu is 飞书 (and Lark, with Lark's base URLs): the authorize page, the
// RFC 6749 token endpoint authen/v2/oauth/token (with PKCE), user_info.
type Feishu struct {
	AppID  string
	Secret string
	// IDField is which id is the person's: open_id (default; the app's own
	// id for them) or user_id (the tenant's, needs the app's permission
	// to read it).
	IDField string
	// Base URLs: empty, 飞书's; Lark's are https://accounts.larksuite.com
	// and https://open.larksuite.com.
	AccountsBase string // https://accounts.feishu.cn
	APIBase      string // https://open.feishu.cn
	Client       *http.Client
}

// Kind is feishu.
func (f *Feishu) Kind() string { return "feishu" }

// InApp is Feishu's or Lark's own browser.
func (f *Feishu) InApp(ua string) bool { return userAgentHas(ua, "feishu", "lark") }

// AuthURL is the authorize page; inside Feishu it passes at once.
func (f *Feishu) AuthURL(_ context.Context, r Request) (string, error) {
	q := url.Values{"client_id": {f.AppID}, "redirect_uri": {r.Redirect}, "response_type": {"code"}, "state": {r.State},
		"code_challenge": {r.Challenge()}, "code_challenge_method": {"S256"}}
	return base(f.AccountsBase, "https://accounts.feishu.cn") + "/open-apis/authen/v1/authorize?" + q.Encode(), nil
}

type feishuAnswer struct {
	Code        int    `json:"code"`
	Error       string `json:"error"`
	AccessToken string `json:"access_token"`
	Data        struct {
		Name   string `json:"name"`
		OpenID string `json:"open_id"`
		UserID string `json:"user_id"`
	} `json:"data"`
}

// Exchange: the user's token, then user_info.
func (f *Feishu) Exchange(ctx context.Context, code string, r Request) (Identity, error) {
	api := base(f.APIBase, "https://open.feishu.cn")
	req, err := jsonRequest(ctx, api+"/open-apis/authen/v2/oauth/token", map[string]string{
		"grant_type": "authorization_code", "client_id": f.AppID, "client_secret": f.Secret,
		"code": code, "redirect_uri": r.Redirect, "code_verifier": r.Verifier})
	if err != nil {
		return Identity{}, err
	}
	var tok feishuAnswer
	if _, err := call(client(f.Client), req, &tok); err != nil {
		return Identity{}, err
	}
	if tok.Code != 0 || tok.AccessToken == "" {
		kind := ErrCode
		if tok.Code == 20002 || tok.Error == "invalid_client" {
			kind = ErrCredentials
		}
		return Identity{}, fmt.Errorf("飞书 oauth/token: code %d %s: %w", tok.Code, tok.Error, kind)
	}
	req, err = http.NewRequestWithContext(ctx, http.MethodGet, api+"/open-apis/authen/v1/user_info", nil)
	if err != nil {
		return Identity{}, err
	}
	req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
	var me feishuAnswer
	if _, err := call(client(f.Client), req, &me); err != nil {
		return Identity{}, err
	}
	id := me.Data.OpenID
	if f.IDField == "user_id" {
		id = me.Data.UserID
	}
	if me.Code != 0 || id == "" {
		return Identity{}, fmt.Errorf("飞书 user_info: code %d (no %s: does the app have the permission to read it?): %w", me.Code, f.idField(), ErrUnavailable)
	}
	name := me.Data.Name
	if name == "" {
		name = id
	}
	return Identity{ID: "feishu:" + id, Name: name}, nil
}

func (f *Feishu) idField() string {
	if f.IDField == "" {
		return "open_id"
	}
	return f.IDField
}
