package logintest

import (
	"encoding/json"
	"mime"
	"net/http"
	"strings"
)

func answer(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// jsonBody reads a JSON body; a request that is not JSON is refused as the
// v1.0 and v2 APIs refuse it.
func jsonBody(w http.ResponseWriter, r *http.Request, v any) bool {
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
		answer(w, http.StatusBadRequest, map[string]any{"code": "MissingBody", "message": "body is mandatory for this action (JSON)"})
		return false
	}
	if err := json.NewDecoder(r.Body).Decode(v); err != nil {
		answer(w, http.StatusBadRequest, map[string]any{"code": "InvalidParameter", "message": err.Error()})
		return false
	}
	return true
}

// WeCom is a fake 企业微信: the QR page, the in-client authorize page,
// gettoken and auth/getuserinfo.
func WeCom(corpID, agentID, secret, redirect string) *Fake {
	f := newFake("wecom", corpID, secret, redirect)
	f.AgentID = agentID
	appTokens := map[string]bool{}
	m := http.NewServeMux()
	m.HandleFunc("GET /wwlogin/sso/login", func(w http.ResponseWriter, r *http.Request) {
		if q := r.URL.Query(); q.Get("login_type") != "CorpApp" || q.Get("agentid") != agentID {
			http.Error(w, "login_type CorpApp and the app's agentid, please", http.StatusBadRequest)
			return
		}
		f.authorize(w, r, "appid", "code")
	})
	m.HandleFunc("GET /connect/oauth2/authorize", func(w http.ResponseWriter, r *http.Request) {
		if q := r.URL.Query(); q.Get("scope") != "snsapi_base" || q.Get("response_type") != "code" {
			http.Error(w, "scope snsapi_base, response_type code", http.StatusBadRequest)
			return
		}
		f.authorize(w, r, "appid", "code")
	})
	m.HandleFunc("GET /cgi-bin/gettoken", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		f.mu.Lock()
		untrusted := f.untrusted
		f.mu.Unlock()
		switch {
		case untrusted:
			answer(w, 200, map[string]any{"errcode": 60020, "errmsg": "not allow to access from your ip"})
		case q.Get("corpid") != corpID:
			answer(w, 200, map[string]any{"errcode": 40013, "errmsg": "invalid corpid"})
		case q.Get("corpsecret") != secret:
			answer(w, 200, map[string]any{"errcode": 40001, "errmsg": "invalid credential"})
		default:
			t := "app-" + random()
			f.mu.Lock()
			appTokens[t] = true
			f.mu.Unlock()
			answer(w, 200, map[string]any{"errcode": 0, "errmsg": "ok", "access_token": t, "expires_in": 7200})
		}
	})
	m.HandleFunc("GET /cgi-bin/agent/get", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		f.mu.Lock()
		untrusted, known := f.untrusted, appTokens[q.Get("access_token")]
		f.mu.Unlock()
		switch {
		case untrusted:
			answer(w, 200, map[string]any{"errcode": 60020, "errmsg": "not allow to access from your ip"})
		case !known:
			answer(w, 200, map[string]any{"errcode": 40014, "errmsg": "invalid access_token"})
		case q.Get("agentid") != agentID:
			answer(w, 200, map[string]any{"errcode": 40056, "errmsg": "invalid agentid"})
		default:
			answer(w, 200, map[string]any{"errcode": 0, "errmsg": "ok", "agentid": agentID, "name": "复盘"})
		}
	})
	m.HandleFunc("GET /cgi-bin/auth/getuserinfo", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		f.mu.Lock()
		untrusted, known := f.untrusted, appTokens[q.Get("access_token")]
		f.mu.Unlock()
		if untrusted {
			answer(w, 200, map[string]any{"errcode": 60020, "errmsg": "not allow to access from your ip"})
			return
		}
		if !known {
			answer(w, 200, map[string]any{"errcode": 40014, "errmsg": "invalid access_token"})
			return
		}
		g, _ := f.redeem(q.Get("code"))
		if g == nil {
			answer(w, 200, map[string]any{"errcode": 40029, "errmsg": "invalid code"})
			return
		}
		answer(w, 200, map[string]any{"errcode": 0, "errmsg": "ok", "userid": g.user.ID, "user_ticket": random()})
	})
	f.start(m)
	return f
}

// DingTalk is a fake 钉钉: the authorize page, the JSON token exchange,
// users/me, gettoken and user/getbyunionid.
func DingTalk(clientID, secret, redirect string) *Fake {
	f := newFake("dingtalk", clientID, secret, redirect)
	appTokens := map[string]bool{}
	members := map[string]string{} // union id → user id
	m := http.NewServeMux()
	m.HandleFunc("GET /oauth2/auth", func(w http.ResponseWriter, r *http.Request) {
		if q := r.URL.Query(); q.Get("response_type") != "code" || !strings.Contains(q.Get("scope"), "openid") {
			http.Error(w, "response_type code, scope openid", http.StatusBadRequest)
			return
		}
		f.authorize(w, r, "client_id", "authCode", "code")
	})
	m.HandleFunc("POST /v1.0/oauth2/userAccessToken", func(w http.ResponseWriter, r *http.Request) {
		var b struct{ ClientID, ClientSecret, Code, GrantType string }
		if !jsonBody(w, r, &b) {
			return
		}
		if b.ClientID != clientID || b.ClientSecret != secret {
			answer(w, 400, map[string]any{"code": "InvalidAuthentication", "message": "不合法的clientId或clientSecret"})
			return
		}
		g, _ := f.redeem(b.Code)
		if g == nil || b.GrantType != "authorization_code" {
			answer(w, 400, map[string]any{"code": "InvalidAuthCode", "message": "不合法的临时授权码"})
			return
		}
		f.mu.Lock()
		members["union-"+g.user.ID] = g.user.ID
		f.mu.Unlock()
		answer(w, 200, map[string]any{"accessToken": f.issueToken(g.user), "refreshToken": random(), "expireIn": 7200})
	})
	m.HandleFunc("GET /v1.0/contact/users/me", func(w http.ResponseWriter, r *http.Request) {
		u, ok := f.tokenUser(r.Header.Get("x-acs-dingtalk-access-token"))
		if !ok {
			answer(w, 401, map[string]any{"code": "InvalidAuthentication", "message": "不合法的access_token"})
			return
		}
		answer(w, 200, map[string]any{"nick": u.Name, "unionId": "union-" + u.ID, "openId": "open-" + u.ID})
	})
	m.HandleFunc("GET /gettoken", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if q.Get("appkey") != clientID || q.Get("appsecret") != secret {
			answer(w, 200, map[string]any{"errcode": 40089, "errmsg": "不合法的corpid或corpsecret"})
			return
		}
		t := "app-" + random()
		f.mu.Lock()
		appTokens[t] = true
		f.mu.Unlock()
		answer(w, 200, map[string]any{"errcode": 0, "errmsg": "ok", "access_token": t, "expires_in": 7200})
	})
	m.HandleFunc("POST /topapi/user/getbyunionid", func(w http.ResponseWriter, r *http.Request) {
		var b struct{ Unionid string }
		if !jsonBody(w, r, &b) {
			return
		}
		f.mu.Lock()
		known, uid := appTokens[r.URL.Query().Get("access_token")], members[b.Unionid]
		f.mu.Unlock()
		switch {
		case !known:
			answer(w, 200, map[string]any{"errcode": 40014, "errmsg": "不合法的access_token"})
		case uid == "" || strings.HasPrefix(uid, "outsider"):
			answer(w, 200, map[string]any{"errcode": 60121, "errmsg": "找不到该用户"})
		default:
			answer(w, 200, map[string]any{"errcode": 0, "errmsg": "ok", "result": map[string]any{"contact_type": 0, "userid": uid}})
		}
	})
	f.start(m)
	return f
}

// Feishu is a fake 飞书: the authorize page, the v2 token endpoint (PKCE
// checked) and user_info.
func Feishu(appID, secret, redirect string) *Fake {
	f := newFake("feishu", appID, secret, redirect)
	m := http.NewServeMux()
	m.HandleFunc("GET /open-apis/authen/v1/authorize", func(w http.ResponseWriter, r *http.Request) {
		f.authorize(w, r, "client_id", "code")
	})
	m.HandleFunc("POST /open-apis/authen/v2/oauth/token", func(w http.ResponseWriter, r *http.Request) {
		var b struct {
			GrantType    string `json:"grant_type"`
			ClientID     string `json:"client_id"`
			ClientSecret string `json:"client_secret"`
			Code         string `json:"code"`
			RedirectURI  string `json:"redirect_uri"`
			CodeVerifier string `json:"code_verifier"`
		}
		if !jsonBody(w, r, &b) {
			return
		}
		if b.ClientID != appID || b.ClientSecret != secret {
			answer(w, 400, map[string]any{"code": 20002, "error": "invalid_client", "error_description": "The client secret is invalid."})
			return
		}
		g, expired := f.redeem(b.Code)
		switch {
		case expired:
			answer(w, 400, map[string]any{"code": 20004, "error": "invalid_grant", "error_description": "The authorization code has expired."})
			return
		case g == nil || b.GrantType != "authorization_code" || b.RedirectURI != g.redirect:
			answer(w, 400, map[string]any{"code": 20003, "error": "invalid_grant", "error_description": "The authorization code is not found."})
			return
		case g.challenge != "" && s256(b.CodeVerifier) != g.challenge:
			answer(w, 400, map[string]any{"code": 20003, "error": "invalid_grant", "error_description": "code_verifier does not match."})
			return
		}
		answer(w, 200, map[string]any{"code": 0, "access_token": f.issueToken(g.user), "expires_in": 7200, "token_type": "Bearer"})
	})
	m.HandleFunc("GET /open-apis/authen/v1/user_info", func(w http.ResponseWriter, r *http.Request) {
		u, ok := f.tokenUser(strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer "))
		if !ok {
			answer(w, 401, map[string]any{"code": 99991668, "msg": "Invalid access token for authorization."})
			return
		}
		answer(w, 200, map[string]any{"code": 0, "msg": "success", "data": map[string]any{"name": u.Name, "open_id": u.ID, "union_id": "on_" + u.ID, "user_id": "u" + u.ID}})
	})
	f.start(m)
	return f
}
