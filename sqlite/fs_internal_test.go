//go:build linux

package sqlite

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A history on a network file system is refused, naming --history, and no
// file is made there; a local folder is not taken for one.
func TestNetworkFSRefused(t *testing.T) {
	dir := t.TempDir()
	if remote, fs := networkFS(dir); remote {
		t.Fatalf("the test's temporary folder is taken for %s", fs)
	}
	path := filepath.Join(dir, "h.sqlite")
	cifs := func(string) (bool, string) { return true, networkMagic[0xFF534D42] }
	_, err := Open(context.Background(), path, Options{fsProbe: cifs})
	if !errors.Is(err, ErrNetworkFS) || !strings.Contains(err.Error(), "--history") || !strings.Contains(err.Error(), "cifs") {
		t.Fatalf("Open on cifs: %v", err)
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("a history was created on the network file system")
	}
	// The magic numbers are statfs(2)'s, as the kernel reports them.
	for magic, name := range map[int64]string{0x6969: "nfs", 0xFF534D42: "cifs", 0xFE534D42: "smb2"} {
		if networkMagic[magic] != name {
			t.Errorf("magic %#x: %q, want %q", magic, networkMagic[magic], name)
		}
	}
	// A folder not made yet is judged by the nearest one that is.
	if remote, _ := networkFS(filepath.Join(dir, "not", "yet")); remote {
		t.Error("a missing folder under a local one is taken for a network one")
	}
}
