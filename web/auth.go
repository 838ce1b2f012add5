package web

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"time"

	"github.com/fupan-review/fupan/login"
)

// Roles a person may hold (fupan.yaml's serve.access).
const (
	RoleLeadership = "leadership" // every team
	RoleTeam       = "team"       // the teams named
	RoleOperator   = "operator"   // the runs and the history
)

// Auth says who a request comes from.
type Auth struct {
	// Proxy is set for `auth: proxy`: the company's authenticating reverse
	// proxy puts the person's name in Header, which is believed only from
	// the Trusted networks. Unset: the server listens on loopback only and
	// the one person at the machine sees everything.
	Proxy   bool
	Header  string
	Trusted []netip.Prefix
	// Ways are the logins of fupan's own (企业微信, 钉钉, 飞书, OIDC): a
	// person logs in and holds a session. Not with Proxy.
	Ways []login.Way
	// PublicURL is the server's address as browsers and the platforms
	// know it (https://fupan.example.com): the callbacks registered with
	// the platforms are under it, and its https makes cookies Secure.
	PublicURL string
	// SessionLife is how long a login lasts (default 12 h).
	SessionLife time.Duration
}

// LoginMode says whether people log in with fupan's own ways.
func (a Auth) LoginMode() bool { return !a.Proxy && len(a.Ways) > 0 }

// Grant gives an identity (proxy:NAME, wecom:USERID, dingtalk:USERID,
// feishu:ID, oidc:SUB, oidc:group:NAME) a role; a team role names its teams.
// Name is the person's name in fupan.yaml's people, where the grant comes
// from there.
type Grant struct {
	Identity string
	Role     string
	Teams    []string
	Name     string
}

// identityKinds are the prefixes of the identities the access list may
// name: the login's own stable ids, never an e-mail or a mobile.
var identityKinds = []string{"proxy:", "wecom:", "dingtalk:", "feishu:", "oidc:group:", "oidc:"}

// localIdentity is the one person of a loopback server without login.
const localIdentity = "local"

// CheckListen refuses to serve figures on an address others can reach
// without a login: loopback only, or `auth: proxy`.
func CheckListen(addr string, a Auth) error {
	if a.Proxy && len(a.Ways) > 0 {
		return errors.New("serve: auth: proxy and serve.login are two ways of knowing people: keep one")
	}
	if a.LoginMode() {
		u, err := url.Parse(a.PublicURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || (u.Path != "" && u.Path != "/") {
			return fmt.Errorf("serve.public_url %q: want the address browsers reach fupan at, such as https://fupan.example.com (the platforms send people back to PUBLIC_URL/login/WAY/callback)", a.PublicURL)
		}
		return nil
	}
	if a.Proxy {
		if a.Header == "" {
			return errors.New("serve: auth: proxy needs proxy_header (the header the proxy sets, such as X-Remote-User)")
		}
		if len(a.Trusted) == 0 {
			return errors.New("serve: auth: proxy needs trusted_proxies (the proxy's addresses as CIDRs): the header is believed only from them")
		}
		return nil
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("--listen %s: %w", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	ip, err := netip.ParseAddr(host)
	if err != nil || !ip.IsLoopback() {
		return fmt.Errorf("--listen %s: without a login fupan serve listens on loopback only (127.0.0.1:8080); configure a login (serve.login: 企业微信, 钉钉, 飞书 or oidc) or put it behind the company's login proxy with serve: {auth: proxy, proxy_header: …, trusted_proxies: […]} to serve others", addr)
	}
	return nil
}

// ParsePrefixes reads trusted_proxies: CIDRs, or single addresses.
func ParsePrefixes(list []string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, s := range list {
		s = strings.TrimSpace(s)
		if p, err := netip.ParsePrefix(s); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(s)
		if err != nil {
			return nil, fmt.Errorf("trusted_proxies: %q is neither a CIDR (10.0.0.0/8) nor an address", s)
		}
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}

// Person is who a request comes from, with what they may see.
type Person struct {
	Identity   string
	Name       string          // what the login calls them
	Groups     []string        // the login's further identities (oidc:group:NAME)
	Way        string          // the way they logged in; "" for proxy and loopback
	Session    bool            // logged in here: they may log out
	Everything bool            // loopback without login, or leadership
	Teams      map[string]bool // team keys a team role names
	Operator   bool
	Leadership bool
}

// Known says whether the person has any role at all.
func (p *Person) Known() bool {
	return p.Everything || p.Operator || p.Leadership || len(p.Teams) > 0
}

// Sees says whether the person may see a team's things.
func (p *Person) Sees(teamKey string) bool {
	return p.Everything || p.Leadership || p.Teams[teamKey]
}

// person identifies a request; nil where a login is required and the
// request has none (no live session, or not through a trusted proxy with
// the header).
func (s *Server) person(r *http.Request) *Person {
	if s.cfg.Auth.LoginMode() {
		c, err := r.Cookie(sessionCookie)
		if err != nil {
			return nil
		}
		if se := s.sessions.get(c.Value, s.cfg.Now()); se != nil {
			return se.Person
		}
		return nil
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return nil
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return nil
	}
	ip = ip.Unmap()
	if !s.cfg.Auth.Proxy {
		// Listening on loopback is checked at start; a request from
		// elsewhere all the same (a port forwarded) is nobody.
		if !ip.IsLoopback() {
			return nil
		}
		return &Person{Identity: localIdentity, Everything: true, Operator: true, Leadership: true}
	}
	trusted := false
	for _, p := range s.cfg.Auth.Trusted {
		trusted = trusted || p.Contains(ip)
	}
	name := strings.TrimSpace(r.Header.Get(s.cfg.Auth.Header))
	if !trusted || name == "" {
		return nil
	}
	p := s.resolve("proxy:"+name, name, nil)
	p.Way = "proxy"
	return p
}

// resolve is a person's roles and teams from the access list: every grant
// that names their identity or one of their groups. The one identity inside
// fupan, whatever the way in.
func (s *Server) resolve(id, name string, groups []string) *Person {
	p := &Person{Identity: id, Name: name, Groups: groups, Teams: map[string]bool{}}
	mine := map[string]bool{id: true}
	for _, g := range groups {
		mine[g] = true
	}
	for _, g := range s.cfg.Access {
		if !mine[g.Identity] {
			continue
		}
		if g.Name != "" && g.Identity == id {
			p.Name = g.Name
		}
		switch g.Role {
		case RoleLeadership:
			p.Leadership = true
		case RoleOperator:
			p.Operator = true
		case RoleTeam:
			for _, t := range g.Teams {
				p.Teams[s.cfg.Identity.TeamKey(t)] = true
			}
		}
	}
	return p
}

// CheckGrants refuses roles fupan does not know and team roles without teams.
func CheckGrants(gs []Grant) error {
	for _, g := range gs {
		kind := ""
		for _, k := range identityKinds {
			if strings.HasPrefix(g.Identity, k) && len(g.Identity) > len(k) {
				kind = k
				break
			}
		}
		if kind == "" {
			return fmt.Errorf("serve.access: identity %q: want proxy:NAME, wecom:USERID, dingtalk:USERID, feishu:ID, oidc:SUB or oidc:group:NAME (the login's stable id; the page a person sees before they are added shows it)", g.Identity)
		}
		switch g.Role {
		case RoleLeadership, RoleOperator:
		case RoleTeam:
			if len(g.Teams) == 0 {
				return fmt.Errorf("serve.access: %s has role team and no teams", g.Identity)
			}
		default:
			return fmt.Errorf("serve.access: %s: role %q: want leadership, team or operator", g.Identity, g.Role)
		}
	}
	return nil
}
