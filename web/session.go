package web

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"sort"
	"sync"
	"time"

	"github.com/fupan-review/fupan/login"
)

// Sessions live in this process's memory, not in the history: a restart
// logs everyone out, which a login of a second costs nothing, and the
// history keeps no secret. The cookie holds a random token; the map is
// keyed by its SHA-256, so the session list (and a revocation) names a
// session without holding anything that logs in.
const (
	sessionCookie = "fupan_session"
	loginCookie   = "fupan_login" // binds a login's state to the browser that started it
	// DefaultSessionLife is how long a login lasts.
	DefaultSessionLife = 12 * time.Hour
	// pendingLife is how long a person has at the platform's page.
	pendingLife = 10 * time.Minute
	// maxPending bounds logins under way: a flood of starts cannot fill
	// the memory.
	maxPending = 10000
)

type session struct {
	Key      string // hex SHA-256 of the token
	Person   *Person
	Way      string
	Remote   string
	Created  time.Time
	Expires  time.Time
	LastSeen time.Time
}

// pending is a login under way, keyed by its state; taken once.
type pending struct {
	Way     string
	Request login.Request
	Created time.Time
}

type sessionStore struct {
	mu       sync.Mutex
	sessions map[string]*session
	pending  map[string]*pending
}

func newSessionStore() *sessionStore {
	return &sessionStore{sessions: map[string]*session{}, pending: map[string]*pending{}}
}

// token is 32 random bytes, URL-safe.
func token() string {
	var b [32]byte
	_, _ = rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

func keyOf(tok string) string {
	sum := sha256.Sum256([]byte(tok))
	return hex.EncodeToString(sum[:])
}

// start keeps a login under way; false when too many are.
func (st *sessionStore) start(state string, p *pending, now time.Time) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	for k, v := range st.pending {
		if now.Sub(v.Created) > pendingLife {
			delete(st.pending, k)
		}
	}
	if len(st.pending) >= maxPending {
		return false
	}
	st.pending[state] = p
	return true
}

// take removes and returns the login under way with this state, if it is
// there and young enough: a state is good once.
func (st *sessionStore) take(state string, now time.Time) *pending {
	st.mu.Lock()
	defer st.mu.Unlock()
	p := st.pending[state]
	delete(st.pending, state)
	if p == nil || now.Sub(p.Created) > pendingLife {
		return nil
	}
	return p
}

// create makes a new session and returns its token; the old session the
// browser held, if any, ends (a session is never carried across a login).
func (st *sessionStore) create(old string, s *session, life time.Duration, now time.Time) string {
	tok := token()
	st.mu.Lock()
	defer st.mu.Unlock()
	if old != "" {
		delete(st.sessions, keyOf(old))
	}
	for k, v := range st.sessions {
		if !now.Before(v.Expires) {
			delete(st.sessions, k)
		}
	}
	s.Key, s.Created, s.LastSeen, s.Expires = keyOf(tok), now, now, now.Add(life)
	st.sessions[s.Key] = s
	return tok
}

// get is the live session of a token.
func (st *sessionStore) get(tok string, now time.Time) *session {
	if tok == "" {
		return nil
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	s := st.sessions[keyOf(tok)]
	if s == nil {
		return nil
	}
	if !now.Before(s.Expires) {
		delete(st.sessions, s.Key)
		return nil
	}
	s.LastSeen = now
	return s
}

// end removes a session by its key; false when there was none.
func (st *sessionStore) end(key string) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	_, ok := st.sessions[key]
	delete(st.sessions, key)
	return ok
}

// list is the live sessions, the newest first.
func (st *sessionStore) list(now time.Time) []session {
	st.mu.Lock()
	defer st.mu.Unlock()
	var out []session
	for _, s := range st.sessions {
		if now.Before(s.Expires) {
			out = append(out, *s)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Created.After(out[j].Created) })
	return out
}
