package main

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"github.com/fupan-review/fupan/internal/robottest"
)

// One run --notify asks for the config from several places (the reader's
// limits, the history, the site, the teams, the robots): the file is read
// once, and every one of them sees that reading.
func TestConfigReadOnce(t *testing.T) {
	srv := robottest.Start(robottest.Wall{})
	defer srv.Close()
	cfg := robotConfig(t, srv, "")
	out := filepath.Join(t.TempDir(), "out")
	var stdout, stderr bytes.Buffer
	app := newApp(&stdout, &stderr)
	args := []string{"fupan", "--log-format", "json", "run", "../../samples", "-o", out, "--notify", "--config", cfg}
	if code := exitStatus(app.RunContext(context.Background(), interspersed(app, args)), &stderr); code != 0 {
		t.Fatalf("run --notify: exit %d\n%s", code, stderr.String())
	}
	cs, ok := app.Metadata[configsKey].(*configs)
	if !ok {
		t.Fatal("the app keeps no configs")
	}
	if cs.asked < 3 {
		t.Errorf("the config was asked for %d times: the test no longer shows a command asking often", cs.asked)
	}
	if cs.reads != 1 {
		t.Errorf("the config file was read %d times in one run (asked %d times), want once", cs.reads, cs.asked)
	}
	if n := len(srv.Accepted("dingtalk")); n != 1 {
		t.Errorf("dingtalk took %d summaries: the robots were not read from the config", n)
	}
}
