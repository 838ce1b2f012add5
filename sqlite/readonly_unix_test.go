//go:build unix

package sqlite_test

import (
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/fupan-review/fupan/sqlite"
)

// A history once read-only (mode 444, and a reader then left its -wal and
// -shm at 444 too), whose mode is then restored, records again: fupan gives
// SQLite's side files back the history's mode, or names the one refusing.
// Root ignores file modes, so as root the scenario runs in a copy of this
// test binary as the user nobody.
func TestReadOnlyOnceThenFixed(t *testing.T) {
	if dir := os.Getenv("FUPAN_READONLY_SCENARIO"); dir != "" {
		if os.Getenv("FUPAN_READONLY_FOREIGN") != "" {
			foreignSideFile(t, dir)
		} else {
			readOnlyOnceThenFixed(t, dir)
		}
		return
	}
	if os.Getuid() != 0 {
		readOnlyOnceThenFixed(t, t.TempDir())
		return
	}
	const nobody = 65534
	dir := t.TempDir()
	for _, d := range []string{filepath.Dir(dir), dir} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "sqlite.test")
	copyExecutable(t, exe, bin)
	work := filepath.Join(dir, "work")
	err = os.Mkdir(work, 0o755)
	if err == nil {
		err = os.Chown(work, nobody, nobody)
	}
	if err != nil {
		t.Fatal(err)
	}
	asNobody := func(env ...string) {
		cmd := exec.Command(bin, "-test.run=^TestReadOnlyOnceThenFixed$", "-test.v")
		cmd.Dir = work
		cmd.Env = append(append(os.Environ(), "FUPAN_READONLY_SCENARIO="+work), env...)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
		out, err := cmd.CombinedOutput()
		var ee *exec.ExitError
		switch {
		case err != nil && !errors.As(err, &ee):
			t.Skipf("cannot run as the user nobody, which file modes hold for (%v)", err)
		case err != nil || !strings.Contains(string(out), "--- PASS: TestReadOnlyOnceThenFixed"):
			t.Fatalf("as nobody: %v\n%s", err, out)
		}
	}
	asNobody()
	// A -shm another user owns, left read-only: nobody cannot give it the
	// history's mode, and the error names it, not the history.
	shm := filepath.Join(work, "h.sqlite-shm")
	err = os.WriteFile(shm, nil, 0o444)
	if err == nil {
		err = os.Chmod(shm, 0o444) // past the umask
	}
	if err != nil {
		t.Fatal(err)
	}
	asNobody("FUPAN_READONLY_FOREIGN=1")
}

func foreignSideFile(t *testing.T, dir string) {
	path := filepath.Join(dir, "h.sqlite")
	_, err := sqlite.Open(context.Background(), path, sqlite.Options{})
	if !errors.Is(err, sqlite.ErrReadOnly) || !strings.Contains(err.Error(), path+"-shm") || !strings.Contains(err.Error(), "chmod 644") {
		t.Fatalf("a -shm of another user, read-only: %v; want it named", err)
	}
}

func readOnlyOnceThenFixed(t *testing.T, dir string) {
	ctx := context.Background()
	path := filepath.Join(dir, "h.sqlite")
	db := open(t, path)
	record(t, db, review("华东销售部", "2025Q2", "a.xlsx", 0.8))
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	// Made read-only; a reader (fupan history) then leaves its side files
	// with the file's mode.
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	ro, err := sqlite.Open(ctx, path, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if list, err := ro.Reviews(ctx, ""); err != nil || len(list) != 1 {
		t.Fatalf("read-only listing: %d reviews (%v)", len(list), err)
	}
	_ = ro.Close()
	fi, err := os.Stat(path + "-shm")
	if err != nil || fi.Mode().Perm() != 0o444 {
		t.Fatalf("the reader left no read-only -shm (%v, %v): the scenario does not hold", fi, err)
	}
	// Fixed: the history's own mode restored, the -shm forgotten.
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	db, err = sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		t.Fatalf("the history, its mode restored: %v", err)
	}
	defer func() { _ = db.Close() }()
	record(t, db, review("华东销售部", "2025Q3", "b.xlsx", 0.9))
	if list, err := db.Reviews(ctx, ""); err != nil || len(list) != 2 {
		t.Fatalf("after recording: %d reviews (%v)", len(list), err)
	}
}

func copyExecutable(t *testing.T, src, dst string) {
	t.Helper()
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = in.Close() }()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}
