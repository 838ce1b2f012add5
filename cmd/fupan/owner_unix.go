//go:build unix

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// systemConfig is the operator's configuration when --config is not given.
const systemConfig = "/etc/fupan/fupan.yaml"

// onlyOperatorWrites refuses a settings file that group or others can write,
// that is owned by anyone but root or the user running fupan (its owner could
// change it), or that sits in a folder anyone can write (it can be replaced).
func onlyOperatorWrites(path string, fi os.FileInfo) error {
	if fi.Mode().Perm()&0o022 != 0 {
		return fmt.Errorf("others can write it (mode %04o); chmod go-w it", fi.Mode().Perm())
	}
	if err := ownedByOperator(fi); err != nil {
		return err
	}
	if di, err := os.Stat(filepath.Dir(path)); err == nil && di.Mode().Perm()&0o002 != 0 && di.Mode()&os.ModeSticky == 0 {
		return fmt.Errorf("its folder %s can be written by anyone, so the file can be replaced", filepath.Dir(path))
	}
	return nil
}

// ownedByOperator refuses a settings file owned by anyone but root or the
// user running fupan: its owner could change it.
func ownedByOperator(fi os.FileInfo) error {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	if st.Uid != 0 && int(st.Uid) != os.Geteuid() {
		return fmt.Errorf("owned by user %d, not by root or the user running fupan (%d)", st.Uid, os.Geteuid())
	}
	return nil
}
