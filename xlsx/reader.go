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
	Err  error       // in English, for logs
	Why  fupan.Names // the reason in the team's language, for the finding
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

// Reasons a file cannot be read, as the finding tells them.
var (
	whyEmpty      = fupan.Names{Hans: "文件是空的", Hant: "檔案是空的", En: "the file is empty"}
	whyNotZip     = fupan.Names{Hans: "内容不是 .xlsx 格式,可能是改了扩展名的其他文件", Hant: "內容不是 .xlsx 格式,可能是改了副檔名的其他檔案", En: "its content is not .xlsx: perhaps another file renamed"}
	whyLegacy     = fupan.Names{Hans: "Excel 97-2003 格式", Hant: "Excel 97-2003 格式", En: "Excel 97-2003 format"}
	whyNoPassword = fupan.Names{Hans: "未提供密码", Hant: "未提供密碼", En: "no password was given"}
	whyBadPass    = fupan.Names{Hans: "密码不正确", Hant: "密碼不正確", En: "the password is not correct"}
	whyTooLarge   = fupan.Names{Hans: "超过大小上限", Hant: "超過大小上限", En: "over the size limit"}
	whyDamaged    = fupan.Names{Hans: "文件已损坏或不完整", Hant: "檔案已損毀或不完整", En: "the file is damaged or incomplete"}
	whyNotFile    = fupan.Names{Hans: "不是普通文件", Hant: "不是一般檔案", En: "not a regular file"}
	whyMissing    = fupan.Names{Hans: "无法打开文件", Hant: "無法開啟檔案", En: "the file cannot be opened"}
	whyUnsafe     = fupan.Names{Hans: "文件内部结构不安全(路径越界、重复的部件或 DOCTYPE 声明),可能被篡改;请在 Excel 中另存后重试", Hant: "檔案內部結構不安全(路徑越界、重複的部件或 DOCTYPE 宣告),可能被竄改;請在 Excel 中另存後重試", En: "its package is unsafe (an entry outside it, a duplicate part or a DOCTYPE): it may have been tampered with; save it again from Excel"}
)

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
	fail := func(code fupan.Code, why fupan.Names, err error) (*fupan.Workbook, *Source, error) {
		return nil, nil, &FileError{Path: path, Code: code, Err: err, Why: why}
	}
	if int64(len(data)) > r.opts.MaxFileSize {
		return fail(fupan.CodeFileTooLarge, whyTooLarge, fmt.Errorf("%d bytes, the limit is %d", len(data), r.opts.MaxFileSize))
	}
	if len(data) == 0 {
		return fail(fupan.CodeFileNotXLSX, whyEmpty, errors.New("the file is empty"))
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

// numFmtKind is what a number format makes of a number.
type numFmtKind int

const (
	fmtNumber numFmtKind = iota
	fmtDate
	fmtPercent
)

// classifyNumFmt tells dates and percentages from a number format: a built-in
// id, or a custom format string read outside its quoted text and [brackets].
func classifyNumFmt(id int, custom *string) numFmtKind {
	if custom != nil && *custom != "" {
		var b strings.Builder
		inQuote, inBracket, escaped := false, false, false
		for _, r := range *custom {
			switch {
			case escaped:
				escaped = false
			case r == '\\':
				escaped = true
			case r == '"':
				inQuote = !inQuote
			case inQuote:
			case r == '[':
				inBracket = true
			case r == ']':
				inBracket = false
			case inBracket:
			default:
				b.WriteRune(r)
			}
		}
		s := strings.ToLower(b.String())
		switch {
		case strings.ContainsAny(s, "ymd年月日"):
			return fmtDate
		case strings.Contains(s, "%"):
			return fmtPercent
		}
		return fmtNumber
	}
	switch {
	case id == 9 || id == 10:
		return fmtPercent
	case id >= 14 && id <= 17, id == 22, id >= 27 && id <= 36, id >= 50 && id <= 58, id >= 71 && id <= 81:
		return fmtDate
	}
	return fmtNumber
}

// ReadFile is a convenience for one file with the default limits.
func ReadFile(ctx context.Context, path string) (*fupan.Workbook, error) {
	return NewReader(Options{}).Read(ctx, path)
}
