package batch

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// The record of what runs did lives in OUT/.fupan: state.json as of the last
// run that finished, and journal.jsonl with one line per workbook finished
// since, so that a killed run's work is not done again.
const stateDir = ".fupan"

// ErrLocked is returned when another run holds the output folder.
var ErrLocked = errors.New("another fupan run is using this output folder")

// state is the record, held open (and locked) for one run.
type state struct {
	dir      string
	settings string
	mu       sync.Mutex
	prev     map[string]Entry // by input, as recorded
	journal  *os.File
	unlock   func() error
}

type stateFile struct {
	Settings string           `json:"settings"`
	Entries  map[string]Entry `json:"entries"`
}

type journalLine struct {
	Settings string `json:"settings"`
	Key      string `json:"key"` // recordKey(Entry.File)
	Entry    Entry  `json:"entry"`
}

// recordKey is how the record names an input. JSON holds only valid UTF-8,
// and a file name with other bytes would come back changed and never match:
// such a name is recorded as NUL (which no file name holds) and its bytes in
// hex.
func recordKey(rel string) string {
	if utf8.ValidString(rel) {
		return rel
	}
	return "\x00" + hex.EncodeToString([]byte(rel))
}

// openState locks the output folder and reads the record. settings names what
// changes every output (language, version): a record made with other settings
// is not used.
func openState(out, settings string) (*state, error) {
	dir := filepath.Join(out, stateDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("creating %s: %w", dir, err)
	}
	unlock, err := lockFile(filepath.Join(dir, "lock"))
	if err != nil {
		return nil, err
	}
	s := &state{dir: dir, settings: settings, prev: map[string]Entry{}, unlock: unlock}
	if b, err := os.ReadFile(filepath.Join(dir, "state.json")); err == nil {
		var sf stateFile
		if json.Unmarshal(b, &sf) == nil && sf.Settings == settings {
			s.prev = sf.Entries
		}
	}
	if b, err := os.ReadFile(filepath.Join(dir, "journal.jsonl")); err == nil {
		sc := bufio.NewScanner(bytes.NewReader(b))
		sc.Buffer(make([]byte, 1<<20), 64<<20)
		for sc.Scan() {
			var jl journalLine
			// A line cut short by a kill is not complete: its workbook is redone.
			if json.Unmarshal(sc.Bytes(), &jl) == nil && jl.Settings == settings {
				if jl.Key == "" {
					jl.Key = jl.Entry.File
				}
				s.prev[jl.Key] = jl.Entry
			}
		}
	}
	s.journal, err = os.OpenFile(filepath.Join(dir, "journal.jsonl"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		_ = unlock()
		return nil, fmt.Errorf("opening the journal: %w", err)
	}
	return s, nil
}

// previous returns what an earlier run recorded for an input.
func (s *state) previous(rel string) (Entry, bool) {
	e, ok := s.prev[recordKey(rel)]
	if ok {
		e.File = rel // as the input is named, not as JSON could hold it
	}
	return e, ok
}

// done records a finished workbook at once, so a kill loses nothing finished.
func (s *state) done(e Entry) error {
	b, err := json.Marshal(journalLine{Settings: s.settings, Key: recordKey(e.File), Entry: e})
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	// Not synced: a killed process's writes survive it, and after a power
	// cut a lost line only means its workbook is done again (see flushFS).
	if _, err := s.journal.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("recording %s: %w", e.File, err)
	}
	return nil
}

// save writes the record of a finished run and empties the journal.
func (s *state) save(entries []Entry) error {
	sf := stateFile{Settings: s.settings, Entries: map[string]Entry{}}
	for _, e := range entries {
		if e.Status != StatusIgnored {
			sf.Entries[recordKey(e.File)] = e
		}
	}
	b, err := json.MarshalIndent(sf, "", " ")
	if err != nil {
		return err
	}
	if err := writeFileAtomic(filepath.Join(s.dir, "state.json"), b); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.journal.Truncate(0)
}

func (s *state) close() error {
	err := s.journal.Close()
	if uerr := s.unlock(); err == nil {
		err = uerr
	}
	return err
}

// writeFileAtomic writes data to a temporary file beside path, syncs it and
// renames it into place: a reader sees the old file or the new one, never half.
func writeFileAtomic(path string, data []byte) error {
	return WriteAtomic(path, func(f *os.File) error {
		_, err := f.Write(data)
		return err
	})
}

// tmpPrefix marks fupan's temporary files; a run removes those a killed run left.
const tmpPrefix = ".fupan-tmp-"

// WriteAtomic lets write fill a temporary file beside path, syncs it and
// renames it into place, readable by others: no reader ever sees half a file.
func WriteAtomic(path string, write func(f *os.File) error) error {
	return writeAtomic(path, true, write)
}

// writeAtomic is WriteAtomic, syncing the file only when sync is set: a run
// writes its many outputs unsynced and flushes the file system once at the
// end (flushFS), which cost a third of the system time per workbook less.
func writeAtomic(path string, sync bool, write func(f *os.File) error) error {
	// The temporary name does not carry the final one: a name that fits the
	// file system's 255 bytes must not fail for the prefix added to it.
	f, err := os.CreateTemp(filepath.Dir(path), tmpPrefix+"*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	// CreateTemp makes the file private; outputs are for the team and leadership.
	err = f.Chmod(0o644)
	if err == nil {
		err = write(f)
	}
	if err == nil && sync {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// removeTemporaries deletes the temporary files a killed run left in out.
func removeTemporaries(out string) {
	_ = filepath.WalkDir(out, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasPrefix(d.Name(), tmpPrefix) {
			_ = os.Remove(path)
		}
		return nil
	})
}

func pidText() []byte { return []byte(strconv.Itoa(os.Getpid()) + "\n") }
