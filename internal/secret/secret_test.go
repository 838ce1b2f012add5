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
		{name: "MISSING_VAR", errHas: "the variable named in smtp.password_env is not set", errHasNot: "MISSING_VAR"},
		{name: "EMPTY", errHas: "EMPTY named in smtp.password_env is empty"},
		// A DingTalk signing secret pasted into the setting: it looks like a
		// variable's name, and must not be echoed either.
		{name: "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", errHas: "the variable named in", errHasNot: "SEC0123"},
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

// A redactor hides each secret as written, URL-escaped and JSON-escaped,
// and a webhook's key or token wherever it is in the URL.
func TestRedactor(t *testing.T) {
	feishu := "https://open.feishu.cn/open-apis/bot/v2/hook/0f1e2d3c-aaaa-bbbb-cccc-0123456789ab"
	wecom := "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"
	ding := "https://oapi.dingtalk.com/robot/send?access_token=abc+def/ghi"
	r := NewRedactor(append(append(append(WebhookSecrets(feishu), WebhookSecrets(wecom)...), WebhookSecrets(ding)...), "SEC0123456789abcdef")...)
	for _, tc := range []struct{ in, gone, kept string }{
		{"404 page not found: /open-apis/bot/v2/hook/0f1e2d3c-aaaa-bbbb-cccc-0123456789ab", "0f1e2d3c", "/open-apis/bot/v2/hook/"},
		{`{"errmsg":"invalid url https:\/\/qyapi.weixin.qq.com\/cgi-bin\/webhook\/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"}`, "693a91f6", "errmsg"},
		{"token abc%2Bdef%2Fghi refused", "def", "refused"},
		{"secret SEC0123456789abcdef echoed", "SEC0123", "echoed"},
		{"Post " + ding + ": EOF", "abc+def", "EOF"},
	} {
		got := r.Redact(tc.in)
		if strings.Contains(got, tc.gone) || !strings.Contains(got, tc.kept) {
			t.Errorf("Redact(%q) = %q", tc.in, got)
		}
	}
	if got := (Redactor{}).Redact("plain"); got != "plain" {
		t.Errorf("the empty redactor changed a text: %q", got)
	}
}
