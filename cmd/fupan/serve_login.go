package main

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/fupan-review/fupan/internal/secret"
	"github.com/fupan-review/fupan/login"
	"github.com/fupan-review/fupan/web"
	"github.com/rs/zerolog"
)

// loginWays are serve.login's ways in, each with its secret from the
// environment variable it names.
func loginWays(lc loginConfig) ([]login.Way, error) {
	var ways []login.Way
	env := func(name, setting string) (string, error) {
		if name == "" {
			return "", fmt.Errorf("%s: name the environment variable that holds the secret", setting)
		}
		return secret.FromEnv(os.LookupEnv, name, setting)
	}
	if c := lc.WeCom; c != nil {
		sec, err := env(c.SecretEnv, "serve.login.wecom.secret_env")
		if err != nil {
			return nil, err
		}
		if c.CorpID == "" || c.AgentID == "" {
			return nil, fmt.Errorf("serve.login.wecom needs corp_id and agent_id (企业微信 admin console: 我的企业 and the self-built app)")
		}
		ways = append(ways, &login.WeCom{CorpID: c.CorpID, AgentID: c.AgentID, Secret: sec, APIBase: c.APIBase, QRBase: c.QRBase, OAuthBase: c.OAuthBase})
	}
	if c := lc.DingTalk; c != nil {
		sec, err := env(c.SecretEnv, "serve.login.dingtalk.secret_env")
		if err != nil {
			return nil, err
		}
		if c.ClientID == "" {
			return nil, fmt.Errorf("serve.login.dingtalk needs client_id (the app's Client ID, formerly AppKey)")
		}
		ways = append(ways, &login.DingTalk{ClientID: c.ClientID, Secret: sec, LoginBase: c.LoginBase, APIBase: c.APIBase, OAPIBase: c.OAPIBase})
	}
	if c := lc.Feishu; c != nil {
		sec, err := env(c.SecretEnv, "serve.login.feishu.secret_env")
		if err != nil {
			return nil, err
		}
		if c.AppID == "" || (c.ID != "" && c.ID != "open_id" && c.ID != "user_id") {
			return nil, fmt.Errorf("serve.login.feishu needs app_id (cli_…), and id open_id or user_id")
		}
		ways = append(ways, &login.Feishu{AppID: c.AppID, Secret: sec, IDField: c.ID, AccountsBase: c.AccountsBase, APIBase: c.APIBase})
	}
	if c := lc.OIDC; c != nil {
		sec, err := env(c.SecretEnv, "serve.login.oidc.secret_env")
		if err != nil {
			return nil, err
		}
		if c.Issuer == "" || c.ClientID == "" {
			return nil, fmt.Errorf("serve.login.oidc needs issuer and client_id")
		}
		ways = append(ways, &login.OIDC{Issuer: c.Issuer, ClientID: c.ClientID, Secret: sec, GroupsClaim: c.GroupsClaim, Scopes: c.Scopes})
	}
	return ways, nil
}

// grantsFrom is the one access list: serve.access's entries, and each
// person of people: with logins and a role (their robot mention and their
// login in one entry).
func grantsFrom(fc *fileConfig) ([]web.Grant, error) {
	grants := make([]web.Grant, 0, len(fc.Serve.Access))
	for _, a := range fc.Serve.Access {
		grants = append(grants, web.Grant{Identity: a.Identity, Role: a.Role, Teams: a.Teams})
	}
	names := make([]string, 0, len(fc.People))
	for n := range fc.People {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		p := fc.People[name]
		roles := p.Roles
		if p.Role != "" {
			roles = append([]string{p.Role}, roles...)
		}
		if len(p.Logins) > 0 && len(roles) == 0 {
			return nil, fmt.Errorf("people.%s: logins without a role (leadership, team or operator)", name)
		}
		if len(roles) > 0 && len(p.Logins) == 0 {
			return nil, fmt.Errorf("people.%s: a role without logins (the ids they log in with, such as wecom:USERID)", name)
		}
		for _, id := range p.Logins {
			for _, r := range roles {
				grants = append(grants, web.Grant{Identity: strings.TrimSpace(id), Role: r, Teams: p.Teams, Name: name})
			}
		}
	}
	return grants, nil
}

// auditLog writes one line per login, refusal, log-out, session ended and
// download: who, what, when. Nothing in a record logs anyone in.
func auditLog(log *zerolog.Logger) func(web.AuditRecord) {
	return func(r web.AuditRecord) {
		log.Info().Str("audit", r.Event).Str("who", r.Identity).Str("way", r.Way).Str("roles", r.Roles).
			Str("what", r.What).Str("remote", r.Remote).Time("at", r.At).Msg("audit")
	}
}

// sessionLife is serve.session_hours, default 12.
func sessionLife(h int) time.Duration {
	if h <= 0 {
		return web.DefaultSessionLife
	}
	return time.Duration(h) * time.Hour
}

// checkWays asks each way that can check itself (企业微信's token and
// trusted IP, the OIDC provider's discovery) at start, so the admin's trap
// shows in the log before anyone logs in. A platform down at start is not
// fatal: logins are refused with a page until it answers.
func checkWays(ctx context.Context, ways []login.Way, publicURL string) {
	if len(ways) > 0 && strings.HasPrefix(publicURL, "http://") {
		zerolog.Ctx(ctx).Warn().Str("public_url", publicURL).Msg("the session cookie travels unencrypted over http: put TLS in front of fupan serve and make public_url https")
	}
	for _, w := range ways {
		c, ok := w.(login.Checker)
		if !ok {
			continue
		}
		cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		err := c.Check(cctx)
		cancel()
		if err != nil {
			zerolog.Ctx(ctx).Warn().Str("way", w.Kind()).Err(err).Msg("login check failed: people cannot log in this way until it is fixed")
		}
	}
}
