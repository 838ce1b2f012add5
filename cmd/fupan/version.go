package main

import (
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	"github.com/urfave/cli/v2"
)

// commit and buildDate are set by the release build (scripts/release.sh) with
// -ldflags "-X main.commit=… -X main.buildDate=…", beside main.version.
var (
	commit    = ""
	buildDate = ""
)

// buildInfo is what `fupan version` says of the binary.
type buildInfo struct {
	Version   string `json:"version"`
	Commit    string `json:"commit"`
	BuildDate string `json:"build_date"`
	Go        string `json:"go"`
	Platform  string `json:"platform"`
}

// currentBuild reads the values the release build set; a binary built with
// go build in a clone falls back on what Go recorded of the checkout.
func currentBuild() buildInfo {
	b := buildInfo{Version: version, Commit: commit, BuildDate: buildDate, Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			switch {
			case s.Key == "vcs.revision" && b.Commit == "":
				b.Commit = s.Value
			case s.Key == "vcs.time" && b.BuildDate == "":
				b.BuildDate = s.Value
			case s.Key == "vcs.modified" && s.Value == "true" && b.Version == "dev":
				b.Version = "dev (modified)"
			}
		}
	}
	if b.Commit == "" {
		b.Commit = "unknown"
	}
	if b.BuildDate == "" {
		b.BuildDate = "unknown"
	}
	return b
}

// versionLine is the one line --version prints after "fupan version".
func (b buildInfo) versionLine() string {
	c := b.Commit
	if len(c) > 12 {
		c = c[:12]
	}
	return fmt.Sprintf("%s (commit %s, built %s, %s, %s)", b.Version, c, b.BuildDate, b.Go, b.Platform)
}

func versionCommand() *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "print fupan's version, commit, build date and Go version",
		Description: `Says which fupan this is: the version and commit the release was built from,
when, with which Go, for which system. fupan --version prints the same on one line.

Examples:
  fupan version
  fupan version --json

Exit status: 0.`,
		Flags:        []cli.Flag{&cli.BoolFlag{Name: "json", Usage: "print a JSON object"}},
		OnUsageError: onUsageError,
		Action: func(c *cli.Context) error {
			return printVersion(c.App.Writer, currentBuild(), c.Bool("json"))
		},
	}
}

func printVersion(w io.Writer, b buildInfo, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(b)
	}
	_, err := fmt.Fprintf(w, "fupan %s\ncommit     %s\nbuilt      %s\ngo         %s\nplatform   %s\n", b.Version, b.Commit, b.BuildDate, b.Go, b.Platform)
	return err
}
