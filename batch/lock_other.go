//go:build !unix && !windows

package batch

import (
	"fmt"
	"os"
)

// lockFile creates path exclusively; where the system has no flock, a lock
// left by a killed run must be removed by hand, and the message says so.
func lockFile(path string) (func() error, error) {
	f, err := os.OpenFile(path+".pid", os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, fmt.Errorf("%w (remove %s.pid if no run is going on)", ErrLocked, path)
	}
	_, _ = f.Write(pidText())
	_ = f.Close()
	return func() error { return os.Remove(path + ".pid") }, nil
}
