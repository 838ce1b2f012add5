package batch

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// candidate is a file found in the input folder.
type candidate struct {
	rel, path string
	reason    string // why it is not read, "" for a workbook
	ignore    bool   // not even a workbook by its name: reported, not failed
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
		if err != nil {
			return fmt.Errorf("walking %s: %w", path, err)
		}
		name := d.Name()
		if path == root {
			return nil
		}
		if d.IsDir() {
			if !recursive || isTemporary(name) || skip(path) {
				return filepath.SkipDir
			}
			return nil
		}
		if isTemporary(name) || skip(path) {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		c := candidate{rel: rel, path: path}
		if d.Type()&fs.ModeSymlink != 0 {
			target, err := filepath.EvalSymlinks(path)
			if err != nil {
				c.reason = "a broken symbolic link"
				out = append(out, c)
				return nil
			}
			if r, err := filepath.Rel(root, target); err != nil || strings.HasPrefix(r, "..") {
				c.reason = "a symbolic link out of the input folder (not followed)"
				out = append(out, c)
				return nil
			}
			if fi, err := os.Stat(target); err != nil || !fi.Mode().IsRegular() {
				return nil
			}
		} else if !d.Type().IsRegular() {
			return nil
		}
		switch strings.ToLower(filepath.Ext(name)) {
		case ".xlsx", ".xlsm":
		case ".xls":
			c.reason = "a legacy .xls workbook: open it in Excel and save it as .xlsx"
		case ".csv":
			c.reason = "a CSV file: fill the review template (fupan template) and save it as .xlsx"
		case ".ods", ".numbers", ".et", ".wps":
			c.reason = "not an Excel workbook: save it as .xlsx"
		default:
			c.reason, c.ignore = "not a workbook (only .xlsx and .xlsm are read)", true
		}
		out = append(out, c)
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].rel < out[j].rel })
	return out, err
}

// outputBase is the name an input's outputs share: its relative path without
// the extension, made safe (no way out of the output folder, no control
// characters, no leading dash that a shell would read as an option).
func outputBase(rel string) string {
	rel = strings.TrimSuffix(rel, filepath.Ext(rel))
	parts := strings.Split(filepath.ToSlash(rel), "/")
	for i, p := range parts {
		p = strings.Map(func(r rune) rune {
			if r < 0x20 || r == 0x7F || strings.ContainsRune(`<>:"|?*\`, r) {
				return '_'
			}
			return r
		}, p)
		if p == "" || p == "." || p == ".." {
			p = "_"
		}
		if strings.HasPrefix(p, "-") {
			p = "_" + p
		}
		parts[i] = p
	}
	return filepath.Join(parts...)
}
