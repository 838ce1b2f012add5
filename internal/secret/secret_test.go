package secret

import (
	"strings"
	"testing"
)

func TestFromEnv(t *testing.T) {
	env := map[string]string{"FUPAN_SMTP_PASSWORD": "pw", "EMPTY": ""}
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	for _, tc := range []struct {
		name, want, errHas, errHasNot string
	}{
		{name: "FUPAN_SMTP_PASSWORD", want: "pw"},
		{name: "MISSING_VAR", errHas: "MISSING_VAR named in smtp.password_env is not set"},
		{name: "EMPTY", errHas: "EMPTY named in"},
		// The operator wrote the password itself: it must not be echoed.
		{name: "Hunter2!密码", errHas: "the variable named in smtp.password_env is not set", errHasNot: "Hunter2"},
		{name: "correct horse battery", errHas: "the variable named in", errHasNot: "horse"},
	} {
		got, err := FromEnv(lookup, tc.name, "smtp.password_env")
		if got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.name, got, tc.want)
		}
		if tc.errHas == "" {
			if err != nil {
				t.Errorf("%q: %v", tc.name, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tc.errHas) {
			t.Errorf("%q: error %v, want it to say %q", tc.name, err, tc.errHas)
		}
		if tc.errHasNot != "" && err != nil && strings.Contains(err.Error(), tc.errHasNot) {
			t.Errorf("%q: the error echoes the secret: %v", tc.name, err)
		}
	}
}
