package xlsx

import (
	"fmt"
	"io"
	"os"
	"syscall"

	"github.com/fupan-review/fupan"
)

// ReadInput reads a workbook file's bytes, within limit, from a folder anyone
// may write to, where the file may have been swapped since it was listed. It
// is opened without blocking (a FIFO put in its place would hang the read
// forever), and inside root, where root is given, never through a link out of
// it (to /dev/zero, or a file elsewhere); what was opened must be a regular
// file within the limit, and is read through a limited reader, since it may
// grow while being read. Failures are *FileError.
func ReadInput(root *os.Root, name string, limit int64) ([]byte, error) {
	if limit <= 0 {
		limit = DefaultMaxFileSize
	}
	const flags = os.O_RDONLY | syscall.O_NONBLOCK
	var f *os.File
	var err error
	if root != nil {
		f, err = root.OpenFile(name, flags, 0)
	} else {
		f, err = os.OpenFile(name, flags, 0)
	}
	if err != nil {
		return nil, &FileError{Path: name, Code: fupan.CodeFileUnreadable, Why: whyMissing, Err: err}
	}
	defer func() { _ = f.Close() }()
	fi, err := f.Stat()
	if err != nil {
		return nil, &FileError{Path: name, Code: fupan.CodeFileUnreadable, Why: whyMissing, Err: err}
	}
	if !fi.Mode().IsRegular() {
		return nil, &FileError{Path: name, Code: fupan.CodeFileNotXLSX, Why: whyNotFile, Err: fmt.Errorf("not a regular file (%s)", fi.Mode().Type())}
	}
	if fi.Size() > limit {
		return nil, TooLarge(name, fi.Size(), limit)
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, &FileError{Path: name, Code: fupan.CodeFileUnreadable, Why: whyMissing, Err: err}
	}
	if int64(len(data)) > limit {
		return nil, TooLarge(name, int64(len(data)), limit)
	}
	if len(data) == 0 {
		return nil, &FileError{Path: name, Code: fupan.CodeFileNotXLSX, Why: whyEmpty, Err: ErrEmpty}
	}
	return data, nil
}
