//go:build unix

package main

import (
	"fmt"
	"os"
	"syscall"
)

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
