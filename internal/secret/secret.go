// Package secret reads passwords from the environment variables fupan's
// settings name, words a missing one so that nothing secret is echoed, and
// takes known secrets out of texts (Redactor).
package secret

import (
	"fmt"
)

// FromEnv returns the value of the environment variable name, which setting
// (such as "smtp.password_env") names. lookup is os.LookupEnv outside tests.
// Where the variable is empty, the error names it: it exists, so the setting
// holds a variable's name. Where it is not set at all, the setting's value is
// never printed: an operator who pasted the password or a signing secret
// itself into the setting (a DingTalk secret, "SEC" and 64 hex digits, looks
// like any variable's name) must not find it echoed in a log.
func FromEnv(lookup func(string) (string, bool), name, setting string) (string, error) {
	v, ok := lookup(name)
	if ok && v != "" {
		return v, nil
	}
	if ok {
		return "", fmt.Errorf("the environment variable %s named in %s is empty", name, setting)
	}
	return "", fmt.Errorf("the variable named in %s is not set (the setting's value is not shown, in case it holds the secret itself: it must name an environment variable, such as FUPAN_SMTP_PASSWORD, never hold the password or secret)", setting)
}
