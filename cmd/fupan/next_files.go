package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
	"github.com/rs/zerolog"
)

// errExists is a next workbook's name taken by a file next did not write.
var errExists = errors.New("exists")

// writeNew writes name inside root whole or not at all: through a
// temporary file, synced, then put in place without ever replacing a file
// that is there (a hard link fails where the name is taken), unless force.
// A file there with the same bytes is no conflict: next run twice writes
// the same workbook. All of it inside root: never through a link out of
// the folder, nor into another folder.
func writeNew(root *os.Root, name string, force bool, write func(io.Writer) error) (err error) {
	tmp, err := tempName()
	if err != nil {
		return err
	}
	f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = root.Remove(tmp)
		}
	}()
	var buf bytes.Buffer
	err = write(io.MultiWriter(f, &buf))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if force {
		return root.Rename(tmp, name)
	}
	lerr := root.Link(tmp, name)
	if lerr == nil {
		return root.Remove(tmp)
	}
	if !errors.Is(lerr, fs.ErrExist) {
		// A file system without hard links (some shares): look, then rename.
		if _, serr := root.Lstat(name); errors.Is(serr, fs.ErrNotExist) {
			return root.Rename(tmp, name)
		}
	}
	err = errExists
	if fi, serr := root.Lstat(name); serr == nil && fi.Mode().IsRegular() && fi.Size() == int64(buf.Len()) {
		if old, rerr := root.ReadFile(name); rerr == nil && bytes.Equal(old, buf.Bytes()) {
			err = nil
			_ = root.Remove(tmp)
		}
	}
	return err
}

// tempName is a hidden name in the output folder no one else picks.
func tempName() (string, error) {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("a temporary name: %w", err)
	}
	return ".fupan-next-" + hex.EncodeToString(b) + ".tmp", nil
}

// keptEntries are the run's reviewed workbooks, one per team and period:
// of two or more, the one the history keeps (recorded; the others
// superseded), else, in a run without a history, the one modified later as
// the history would (then the later name).
func keptEntries(ctx context.Context, sum *batch.Summary, id fupan.Identity) []batch.Entry {
	var kept []batch.Entry
	at := map[string]int{} // by team key and period: the index in kept
	for _, e := range sum.Entries {
		if e.Status != batch.StatusOK || e.Outputs.Reviewed == "" {
			continue
		}
		key := id.TeamKey(e.Team) + "\x00" + e.Period
		i, ok := at[key]
		if !ok {
			at[key] = len(kept)
			kept = append(kept, e)
			continue
		}
		if keptOver(sum.Input, e, kept[i]) {
			kept[i], e = e, kept[i]
		}
		zerolog.Ctx(ctx).Warn().Str("file", e.File).Str("kept", kept[i].File).
			Msg("another workbook of the run is of the same team and period: no next workbook from this one")
	}
	return kept
}

// keptOver reports whether a rather than b is the review of a team and
// period that a next workbook follows.
func keptOver(input string, a, b batch.Entry) bool {
	ra, rb := a.History == batch.HistoryRecorded, b.History == batch.HistoryRecorded
	if ra != rb {
		return ra
	}
	fa, errA := os.Stat(filepath.Join(input, a.File))
	fb, errB := os.Stat(filepath.Join(input, b.File))
	if errA == nil && errB == nil && !fa.ModTime().Equal(fb.ModTime()) {
		return fa.ModTime().After(fb.ModTime())
	}
	return a.File > b.File
}
