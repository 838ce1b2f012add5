// Package xlsx reads review workbooks into the domain's cells and writes the
// template and the reviewed workbook. It is the only package that knows
// excelize.
package xlsx

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
)

// Limits for untrusted files. excelize's own unzip limit is about 16 GB; these
// are what a review workbook can reasonably need.
const (
	DefaultMaxFileSize  = 50 << 20  // bytes on disk
	DefaultMaxUnzipSize = 512 << 20 // bytes once unzipped, all parts together
	DefaultMaxXMLSize   = 64 << 20  // bytes of one unzipped part held in memory (a 100,000-row sheet has 36 MB)
	DefaultMaxCells     = 1_000_000 // cells of all sheets together (a 100,000-row table has 440,000)
	DefaultMaxCellText  = 32_767    // characters in one cell: Excel's own limit
	DefaultMaxText      = 16 << 20  // bytes of text in all cells together (a 100,000-row table has 5 MB)
)

// Options limit what a Reader accepts. Zero values take the defaults.
type Options struct {
	MaxFileSize  int64
	MaxUnzipSize int64
	MaxXMLSize   int64
	MaxCells     int
	MaxCellText  int    // characters
	MaxText      int64  // bytes of UTF-8, every cell counted (a shared string once per cell)
	Password     string // for password-protected workbooks
}

func (o Options) withDefaults() Options {
	if o.MaxFileSize <= 0 {
		o.MaxFileSize = DefaultMaxFileSize
	}
	if o.MaxUnzipSize <= 0 {
		o.MaxUnzipSize = DefaultMaxUnzipSize
	}
	if o.MaxXMLSize <= 0 {
		o.MaxXMLSize = DefaultMaxXMLSize
	}
	if o.MaxXMLSize > o.MaxUnzipSize {
		o.MaxXMLSize = o.MaxUnzipSize
	}
	if o.MaxCells <= 0 {
		o.MaxCells = DefaultMaxCells
	}
	if o.MaxCellText <= 0 {
		o.MaxCellText = DefaultMaxCellText
	}
	if o.MaxText <= 0 {
		o.MaxText = DefaultMaxText
	}
	return o
}

// FileError says why a file could not be read at all. Code is the finding code
// that tells the team.
type FileError struct {
	Path string
	Code fupan.Code
	Err  error  // in English, for logs
	Why  Reason // the reason in the team's language, for the finding
}

func (e *FileError) Error() string { return fmt.Sprintf("%s: %v", e.Path, e.Err) }
func (e *FileError) Unwrap() error { return e.Err }

// Finding turns the error into the finding the team reads.
func (e *FileError) Finding(lang fupan.Lang) fupan.Finding {
	why := e.Why.In(lang)
	if why == "" {
		why = e.Err.Error()
	}
	return fupan.FileFinding(lang, filepath.Base(e.Path), e.Code, why)
}

// TooLarge is the error for a file over the size limit, for callers that check
// the size before reading (see ReadInput).
func TooLarge(path string, size, limit int64) *FileError {
	return &FileError{Path: path, Code: fupan.CodeFileTooLarge, Why: whyTooLarge, Err: fmt.Errorf("%d bytes, the limit is %d", size, limit)}
}

// Reader reads workbooks within its limits.
type Reader struct {
	opts Options
}

// NewReader returns a Reader with the options.
func NewReader(opts Options) *Reader { return &Reader{opts: opts.withDefaults()} }

// Reason is why a file cannot be read, as the finding tells the team: a
// catalogue key and the arguments of its text.
type Reason struct {
	Key  string
	Args []any
}

// In is the reason in the language; the zero Reason is "".
func (r Reason) In(l fupan.Lang) string {
	if r.Key == "" {
		return ""
	}
	return catalog.F(l, r.Key, r.Args...)
}

// Reasons a file cannot be read.
var (
	whyEmpty      = Reason{Key: "file.why.empty"}
	whyNotZip     = Reason{Key: "file.why.not-zip"}
	whyLegacy     = Reason{Key: "file.why.legacy"}
	whyNoPassword = Reason{Key: "file.why.no-password"}
	whyBadPass    = Reason{Key: "file.why.bad-pass"}
	whyTooLarge   = Reason{Key: "file.why.too-large"}
	whyDamaged    = Reason{Key: "file.why.damaged"}
	whyNotFile    = Reason{Key: "file.why.not-file"}
	whyMissing    = Reason{Key: "file.why.missing"}
	whyUnsafe     = Reason{Key: "file.why.unsafe"}
)

// ErrEmpty is the error under a *FileError for a file of no bytes: content
// judged once, unlike a file that could not be opened, which is tried again.
var ErrEmpty = errors.New("the file is empty")

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	// An encrypted .xlsx is an OLE2 file with this stream (its name in UTF-16).
	encryptionInfo = []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o")
)

// Read opens a workbook and returns its sheets and cells. A file it cannot read
// is a *FileError.
func (r *Reader) Read(ctx context.Context, path string) (*fupan.Workbook, error) {
	data, err := ReadInput(nil, path, r.opts.MaxFileSize)
	if err != nil {
		return nil, err
	}
	return r.ReadBytes(ctx, path, data)
}

// ReadBytes reads a workbook already in memory; name is its path, for
// messages. The limits apply as to Read.
func (r *Reader) ReadBytes(ctx context.Context, name string, data []byte) (*fupan.Workbook, error) {
	wb, _, err := r.read(ctx, name, data, false)
	return wb, err
}

// ReadSource reads a workbook already in memory as ReadBytes does, and also
// returns what it unpacked, for the reviewed copy (Source.WriteReviewed). The
// two are apart so that the cells can be let go once analysed.
func (r *Reader) ReadSource(ctx context.Context, name string, data []byte) (*fupan.Workbook, *Source, error) {
	return r.read(ctx, name, data, true)
}

func (r *Reader) read(ctx context.Context, path string, data []byte, keep bool) (*fupan.Workbook, *Source, error) {
	fail := func(code fupan.Code, why Reason, err error) (*fupan.Workbook, *Source, error) {
		return nil, nil, &FileError{Path: path, Code: code, Err: err, Why: why}
	}
	if int64(len(data)) > r.opts.MaxFileSize {
		return fail(fupan.CodeFileTooLarge, whyTooLarge, fmt.Errorf("%d bytes, the limit is %d", len(data), r.opts.MaxFileSize))
	}
	if len(data) == 0 {
		return fail(fupan.CodeFileNotXLSX, whyEmpty, ErrEmpty)
	}
	switch {
	case bytes.HasPrefix(data, zipMagic):
	case bytes.HasPrefix(data, oleMagic):
		if !bytes.Contains(data, encryptionInfo) {
			return fail(fupan.CodeFileLegacyXLS, whyLegacy, errors.New("an OLE2 compound file, not Office Open XML"))
		}
		if r.opts.Password == "" {
			return fail(fupan.CodeFileEncrypted, whyNoPassword, errors.New("no password was given"))
		}
	default:
		return fail(fupan.CodeFileNotXLSX, whyNotZip, fmt.Errorf("it starts with %q, not a zip archive", printable(data[:min(8, len(data))])))
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	src, err := openSource(data, r.opts, keep)
	if errors.Is(err, errPassword) {
		return fail(fupan.CodeFileEncrypted, whyBadPass, err)
	}
	var wb *fupan.Workbook
	if err == nil {
		wb, err = src.pkg.readCells(ctx, src.wbx, filepath.Base(path))
	}
	if err != nil {
		var fe *FileError
		if errors.As(err, &fe) {
			fe.Path = path
			return nil, nil, fe
		}
		if ctx.Err() != nil {
			return nil, nil, err
		}
		return fail(fupan.CodeFileUnreadable, whyDamaged, err)
	}
	if !keep {
		src = nil
	}
	return wb, src, nil
}

func printable(b []byte) string {
	return strings.Map(func(r rune) rune {
		if r < 32 || r > 126 {
			return '.'
		}
		return r
	}, string(b))
}

// ReadFile is a convenience for one file with the default limits.
func ReadFile(ctx context.Context, path string) (*fupan.Workbook, error) {
	return NewReader(Options{}).Read(ctx, path)
}
