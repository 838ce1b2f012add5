//go:build !windows

package main

import (
	"github.com/urfave/cli/v2"
)

// serviceAction: services are Windows'; elsewhere systemd's units are.
func serviceAction(_ *cli.Context, action string, args []string) error {
	if _, err := parseServiceArgs(action, args); err != nil {
		return usageError(err.Error())
	}
	return usageError("fupan service is for Windows; on Linux use the systemd units in contrib/systemd (docs/install.md)")
}
