package logintest

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"net/http"
	"strings"
	"time"
)

type oidcKeys struct {
	key *rsa.PrivateKey
	// forged ID tokens: another audience, or expired.
	audience string
	expired  bool
	nonce    string
}

func s256(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// ForgeIDToken makes the next ID tokens wrong in one way: for another
// audience (aud non-empty), already expired, or with another nonce.
func (f *Fake) ForgeIDToken(aud string, expired bool, nonce string) {
	f.mu.Lock()
	f.oidc.audience, f.oidc.expired, f.oidc.nonce = aud, expired, nonce
	f.mu.Unlock()
}

// OIDC is a fake OpenID Connect provider: discovery, the authorize page
// (PKCE S256 and a nonce required), the token endpoint (client secret and
// verifier checked) answering an RS256-signed ID token, and its keys.
func OIDC(clientID, secret, redirect string) *Fake {
	f := newFake("oidc", clientID, secret, redirect)
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err) // the test machine has no randomness: nothing can run
	}
	f.oidc = &oidcKeys{key: key}
	m := http.NewServeMux()
	m.HandleFunc("GET /.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		answer(w, 200, map[string]any{
			"issuer": f.URL, "authorization_endpoint": f.URL + "/authorize", "token_endpoint": f.URL + "/token",
			"jwks_uri": f.URL + "/jwks", "response_types_supported": []string{"code"}, "subject_types_supported": []string{"public"},
			"id_token_signing_alg_values_supported": []string{"RS256"}, "code_challenge_methods_supported": []string{"S256"},
		})
	})
	m.HandleFunc("GET /jwks", func(w http.ResponseWriter, r *http.Request) {
		pub := key.PublicKey
		answer(w, 200, map[string]any{"keys": []map[string]any{{"kty": "RSA", "alg": "RS256", "use": "sig", "kid": "k1",
			"n": base64.RawURLEncoding.EncodeToString(pub.N.Bytes()),
			"e": base64.RawURLEncoding.EncodeToString(big.NewInt(int64(pub.E)).Bytes())}}})
	})
	m.HandleFunc("GET /authorize", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if q.Get("response_type") != "code" || !strings.Contains(q.Get("scope"), "openid") || q.Get("nonce") == "" ||
			q.Get("code_challenge_method") != "S256" || q.Get("code_challenge") == "" {
			http.Error(w, "response_type code, scope openid, a nonce and a PKCE S256 challenge, please", http.StatusBadRequest)
			return
		}
		f.authorize(w, r, "client_id", "code")
	})
	m.HandleFunc("POST /token", func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			answer(w, 400, map[string]any{"error": "invalid_request"})
			return
		}
		id, sec, ok := r.BasicAuth()
		if !ok {
			id, sec = r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
		}
		if id != clientID || sec != secret {
			answer(w, 401, map[string]any{"error": "invalid_client"})
			return
		}
		g, expired := f.redeem(r.PostForm.Get("code"))
		if g == nil || expired || r.PostForm.Get("grant_type") != "authorization_code" || r.PostForm.Get("redirect_uri") != g.redirect ||
			s256(r.PostForm.Get("code_verifier")) != g.challenge {
			answer(w, 400, map[string]any{"error": "invalid_grant"})
			return
		}
		f.mu.Lock()
		now, forged := f.now(), *f.oidc
		f.mu.Unlock()
		claims := map[string]any{"iss": f.URL, "sub": g.user.ID, "aud": clientID, "iat": now.Unix(),
			"exp": now.Add(time.Hour).Unix(), "nonce": g.nonce, "name": g.user.Name, "groups": g.user.Groups}
		if forged.audience != "" {
			claims["aud"] = forged.audience
		}
		if forged.expired {
			claims["iat"], claims["exp"] = now.Add(-2*time.Hour).Unix(), now.Add(-time.Hour).Unix()
		}
		if forged.nonce != "" {
			claims["nonce"] = forged.nonce
		}
		idt := sign(key, claims)
		f.mu.Lock()
		f.idTokens = append(f.idTokens, idt)
		f.mu.Unlock()
		answer(w, 200, map[string]any{"access_token": f.issueToken(g.user), "token_type": "Bearer", "expires_in": 3600, "id_token": idt})
	})
	f.start(m)
	return f
}

// sign is a compact JWS, RS256.
func sign(key *rsa.PrivateKey, claims map[string]any) string {
	h, _ := json.Marshal(map[string]string{"alg": "RS256", "typ": "JWT", "kid": "k1"})
	c, _ := json.Marshal(claims)
	in := base64.RawURLEncoding.EncodeToString(h) + "." + base64.RawURLEncoding.EncodeToString(c)
	sum := sha256.Sum256([]byte(in))
	sig, err := rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, sum[:])
	if err != nil {
		panic(err)
	}
	return in + "." + base64.RawURLEncoding.EncodeToString(sig)
}
