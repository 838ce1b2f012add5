//go:build !unix

package batch_test

import (
	"errors"
	"os"
)

// peakKiB is not known where there is no getrusage: the test logs 0.
func peakKiB(*os.ProcessState) int64 { return 0 }

// mkfifo: there are no FIFOs to swap in where there is no mkfifo(2).
func mkfifo(string, uint32) error { return errors.New("no FIFOs on this system") }
