package batch

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
)

// candidate is a file found in the input folder.
type candidate struct {
	rel, path string
	reason    string // why it is not read: a label key of templates, "" for a workbook
	args      []any  // the reason's arguments
	base      string // its outputs' name (OutputBase), claimed for it before the run
	ignore    bool   // not even a workbook by its name: reported, not failed
}

// why is the reason a candidate is not read, in the language.
func (c candidate) why(l fupan.Lang) string {
	return catalog.F(l, c.reason, c.args...)
}

// isTemporary reports files that are not a team's work: Excel's lock files
// (~$name.xlsx), hidden files, and editors' and fupan's temporary files.
func isTemporary(name string) bool {
	return strings.HasPrefix(name, "~$") || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~") ||
		strings.HasSuffix(name, ".tmp") || strings.HasSuffix(name, "~") || strings.EqualFold(name, "Thumbs.db") || name == "desktop.ini"
}

// discover lists the folder's files in a stable order. Symbolic links are not
// followed out of the folder; subfolders only with recursive.
func discover(dir string, recursive bool, skip func(path string) bool) ([]candidate, error) {
	root, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil, fmt.Errorf("input folder: %w", err)
	}
	root, err = filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	var out []candidate
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil && path == root {
			return fmt.Errorf("reading %s: %w", path, err)
		}
		if err != nil {
			// A subfolder (or file) that cannot be read is told as such; the
			// rest of the folder is read.
			rel, _ := filepath.Rel(root, path)
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			out = append(out, candidate{rel: rel, path: path, reason: "skip.unreadable", args: []any{err}})
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		name := d.Name()
		switch {
		case path == root:
			return nil
		case d.IsDir():
			if !recursive || isTemporary(name) || skip(path) {
				return filepath.SkipDir
			}
			return nil
		case isTemporary(name) || skip(path):
			return nil
		}
		if c, ok := candidateOf(root, path, d); ok {
			out = append(out, c)
		}
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].rel < out[j].rel })
	return out, err
}

// candidateOf is a file of the folder as a run sees it: a workbook, or the
// reason it is passed over; ok is false for what is not listed at all (a
// link to something other than a file, a device, a FIFO).
func candidateOf(root, path string, d fs.DirEntry) (candidate, bool) {
	rel, _ := filepath.Rel(root, path)
	c := candidate{rel: rel, path: path}
	if d.Type()&fs.ModeSymlink != 0 {
		target, err := filepath.EvalSymlinks(path)
		if err != nil {
			c.reason = "skip.broken-link"
			return c, true
		}
		if r, err := filepath.Rel(root, target); err != nil || strings.HasPrefix(r, "..") {
			c.reason = "skip.link-out"
			return c, true
		}
		if fi, err := os.Stat(target); err != nil || !fi.Mode().IsRegular() {
			return c, false
		}
	} else if !d.Type().IsRegular() {
		return c, false
	}
	switch strings.ToLower(filepath.Ext(d.Name())) {
	case ".xlsx", ".xlsm":
	case ".xls":
		c.reason = "skip.xls"
	case ".csv":
		c.reason = "skip.csv"
	case ".ods", ".numbers", ".et", ".wps":
		c.reason = "skip.other-sheet"
	default:
		c.reason, c.ignore = "skip.not-workbook", true
	}
	return c, true
}

// OutputBase is the name an input's outputs share (rel is the input's path
// relative to the input folder): the path without its extension, made safe.
// It depends on the input's own name alone, so it never changes when other
// files come or go, and two inputs never share it: a name that had to be
// changed to be safe (control characters, characters Windows refuses, invalid
// UTF-8, a leading dash, too long), a name ending otherwise than ".xlsx"
// (x.XLSX; x.xlsm, beside x.xlsx, becomes x~xlsm), a name holding the marker '~', and the names
// of the run's own files (overview, summary) get '~' and a hash of the exact
// original name. A name without '~' never turns into one with it, so a hashed
// name cannot be taken by another input.
func OutputBase(rel string) string {
	parts := strings.Split(filepath.ToSlash(rel), "/")
	last := len(parts) - 1
	for i, p := range parts {
		if i == last {
			parts[i] = outputStem(p, last == 0)
		} else {
			parts[i] = safeComponent(p, p, false)
		}
	}
	return filepath.Join(parts...)
}

// outputStem is an input file's name without its extension, made safe.
func outputStem(name string, top bool) string {
	ext := filepath.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	switch {
	case ext == ".xlsx":
		return safeComponent(stem, name, top)
	case ext == ".xlsm": // a macro workbook beside its .xlsx twin, readably
		if s := safeComponent(stem, name, false); !strings.ContainsRune(s, '~') {
			return s + "~xlsm"
		}
	}
	return hashed(safeName(stem), name)
}

// safeComponent is one component of an output path: as it is where that is
// safe, else made safe and hashed.
func safeComponent(s, original string, top bool) string {
	safe := safeName(s)
	if safe != s || strings.ContainsRune(s, '~') || len(s) > maxStemBytes || top && reservedStem(s) {
		return hashed(safe, original)
	}
	return s
}

// maxStemBytes keeps the longest output name (stem, "~", the hash and
// ".reviewed.xlsm") within the 255 bytes file systems allow.
const maxStemBytes = 200

// reservedStem reports the names of the run's own outputs (overview.pdf,
// summary.json), in any case, for file systems that ignore it.
func reservedStem(s string) bool {
	return strings.EqualFold(s, "overview") || strings.EqualFold(s, "summary")
}

// hashed is a safe name with '~' and a hash of the original name.
func hashed(safe, original string) string {
	for len(safe) > maxStemBytes {
		_, size := utf8.DecodeLastRuneInString(safe)
		safe = safe[:len(safe)-size]
	}
	h := sha256.Sum256([]byte(original))
	return safe + "~" + hex.EncodeToString(h[:6])
}

// safeName replaces what must not be in an output name: no way out of the
// output folder, no control or bidi characters (U+202E would show
// 报告\u202exslx as 报告xlsx) or invalid UTF-8, nothing Windows
// refuses, no leading dash that a shell would read as an option, and no '~'
// (the marker of hashed names).
func safeName(p string) string {
	p = strings.ToValidUTF8(p, "_")
	p = strings.Map(func(r rune) rune {
		if fupan.IsControl(r) || r == '~' || strings.ContainsRune(`<>:"|?*\/`, r) {
			return '_'
		}
		return r
	}, p)
	if p == "" || p == "." || p == ".." {
		p = "_"
	}
	if strings.HasPrefix(p, "-") || strings.HasPrefix(p, ".") {
		p = "_" + p[1:]
	}
	return p
}

// CheckFolders refuses an output folder that is the input folder or inside it,
// also where a symbolic link hides it: the outputs would be read back as
// inputs (x.reviewed.reviewed.xlsx), and teams could write into them.
func CheckFolders(in, out string) error {
	rin, err := realPath(in)
	if err != nil {
		return fmt.Errorf("input folder: %w", err)
	}
	rout, err := realPath(out)
	if err != nil {
		return fmt.Errorf("output folder: %w", err)
	}
	if rout == rin || strings.HasPrefix(rout, rin+string(filepath.Separator)) {
		return fmt.Errorf("the output folder %s is inside the input folder %s: choose one outside it", out, in)
	}
	return nil
}

// realPath is path with every symbolic link resolved, for a path that may not
// exist yet: its nearest existing parent is resolved and the rest appended.
func realPath(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	rest := ""
	for p := abs; ; p = filepath.Dir(p) {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(r, rest), nil
		}
		if filepath.Dir(p) == p {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(p), rest)
	}
}
