package secret

import (
	"net/url"
	"sort"
	"strings"
)

// Redactor removes known secret strings from a text wherever they stand: as
// written, URL-escaped (in a query or a path), or JSON-escaped, as a
// platform's error message or a proxy's page may repeat them.
type Redactor struct {
	r *strings.Replacer
}

// Hidden is what stands where a secret was.
const Hidden = "[hidden]"

// minSecret is the shortest string hidden: a shorter one would cut up every
// text, and no key, token or password is that short.
const minSecret = 4

// NewRedactor hides each of the secrets given.
func NewRedactor(secrets ...string) Redactor {
	seen := map[string]bool{}
	var forms []string
	for _, s := range secrets {
		for _, f := range []string{s, url.QueryEscape(s), url.PathEscape(s), strings.ReplaceAll(s, "/", `\/`), strings.TrimSpace(s)} {
			if len(f) >= minSecret && !seen[f] {
				seen[f] = true
				forms = append(forms, f)
			}
		}
	}
	if len(forms) == 0 {
		return Redactor{}
	}
	// The longest first: a webhook is hidden whole, not only its key.
	sort.Slice(forms, func(i, j int) bool { return len(forms[i]) > len(forms[j]) })
	pairs := make([]string, 0, 2*len(forms))
	for _, f := range forms {
		pairs = append(pairs, f, Hidden)
	}
	return Redactor{r: strings.NewReplacer(pairs...)}
}

// Redact is s without the secrets.
func (r Redactor) Redact(s string) string {
	if r.r == nil {
		return s
	}
	return r.r.Replace(s)
}

// WebhookSecrets are the parts of a webhook URL that are credentials: the
// URL itself, its query's values (WeCom's key, DingTalk's access_token) and
// the path's segments that are not plain words (Feishu's /hook/TOKEN).
func WebhookSecrets(webhook string) []string {
	out := []string{webhook}
	u, err := url.Parse(strings.TrimSpace(webhook))
	if err != nil {
		return out
	}
	for _, kv := range strings.Split(u.RawQuery, "&") {
		_, v, _ := strings.Cut(kv, "=")
		out = append(out, v)
		if un, err := url.QueryUnescape(v); err == nil {
			out = append(out, un)
		}
		if un, err := url.PathUnescape(v); err == nil { // a '+' kept as written
			out = append(out, un)
		}
	}
	segs := strings.Split(u.Path, "/")
	for i, seg := range segs {
		if seg == "" {
			continue
		}
		if (i > 0 && segs[i-1] == "hook") || !plainWord(seg) {
			out = append(out, seg)
			if un, err := url.PathUnescape(seg); err == nil {
				out = append(out, un)
			}
		}
	}
	return out
}

// plainWord is a path segment such as "cgi-bin", "webhook", "send", "v2":
// short, lower-case letters, digits and dashes, with at most two digits.
func plainWord(s string) bool {
	if len(s) > 16 {
		return false
	}
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r >= 'a' && r <= 'z', r == '-', r == '_':
		default:
			return false
		}
	}
	return digits <= 2
}
