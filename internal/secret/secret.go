// Package secret reads passwords from the environment variables fupan's
// settings name, and words a missing one so that nothing secret is echoed.
package secret

import (
	"fmt"
	"regexp"
)

// envName is what an environment variable's name looks like.
var envName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,127}$`)

// FromEnv returns the value of the environment variable name, which setting
// (such as "smtp.password_env") names. lookup is os.LookupEnv outside tests.
// Where the variable is not set or empty, the error names it only if it looks
// like a variable's name: an operator who wrote the password itself into the
// setting must not find it echoed in a log.
func FromEnv(lookup func(string) (string, bool), name, setting string) (string, error) {
	if v, ok := lookup(name); ok && v != "" {
		return v, nil
	}
	if envName.MatchString(name) {
		return "", fmt.Errorf("the environment variable %s named in %s is not set", name, setting)
	}
	return "", fmt.Errorf("the variable named in %s is not set (the setting must name an environment variable, such as FUPAN_SMTP_PASSWORD, never hold the password itself)", setting)
}
