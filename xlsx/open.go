package xlsx

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/fupan-review/fupan"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Opening a workbook's package: its entries within the limits, their names,
// the prolog of each XML part (a DOCTYPE refused, UTF-16 told), and reading a
// part whole, a damaged one named.

// nsBeta is the namespace of the Excel 2007 beta's workbooks.
const nsBeta = "http://schemas.microsoft.com/office/excel/2006/2"

// maxEntries is the most zip entries a workbook may have: Excel's own
// workbooks have a few dozen, a few thousand with many pictures.
const maxEntries = 10_000

func tooManyEntries(n uint64) error {
	return &FileError{Code: fupan.CodeFileTooLarge, Why: Reason{Key: "file.why.too-many-parts", Args: []any{maxEntries}},
		Err: fmt.Errorf("%d zip entries, the limit is %d", n, maxEntries)}
}

// declaredEntries is the number of entries a zip's end of central directory
// record declares (its Zip64 record's, where it has one); ok is false where
// no record is found.
func declaredEntries(data []byte) (n uint64, ok bool) {
	const eocdLen, zip64LocLen = 22, 20
	from := max(len(data)-eocdLen-0xFFFF, 0) // a comment of at most 65,535 bytes follows it
	i := bytes.LastIndex(data[from:], []byte("PK\x05\x06"))
	if i < 0 || from+i+eocdLen > len(data) {
		return 0, false
	}
	at := from + i
	n = uint64(binary.LittleEndian.Uint16(data[at+10:]))
	if n != 0xFFFF || at < zip64LocLen {
		return n, true
	}
	loc := data[at-zip64LocLen : at]
	if !bytes.HasPrefix(loc, []byte("PK\x06\x07")) {
		return n, true
	}
	off := binary.LittleEndian.Uint64(loc[8:])
	if len(data) < 56 || off > uint64(len(data)-56) || !bytes.HasPrefix(data[off:], []byte("PK\x06\x06")) {
		return n, true
	}
	return binary.LittleEndian.Uint64(data[off+32:]), true
}

const whyDamagedPart = "file.why.damaged-part"

// damagedPart is the error for a part that cannot be read: the file is
// damaged, and the team is told which part.
func damagedPart(name string, err error) error {
	return &FileError{Code: fupan.CodeFileUnreadable, Why: Reason{Key: whyDamagedPart, Args: []any{name}},
		Err: fmt.Errorf("%s: %w", name, err)}
}

func openPackage(data []byte, opts Options) (*pkg, error) {
	// The zip's last record says how many entries it holds: too many is
	// refused before archive/zip reads a header for each (300,000 cost
	// 170 MiB). Where the record lies, the count below still holds.
	if n, ok := declaredEntries(data); ok && n > maxEntries {
		return nil, tooManyEntries(n)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, &FileError{Code: fupan.CodeFileUnreadable, Why: whyDamaged, Err: fmt.Errorf("the zip is damaged: %w", err)}
	}
	// Each entry costs a header read and a map entry, and is copied into the
	// reviewed workbook: their number is bounded as the cells are.
	if n := len(zr.File); n > maxEntries {
		return nil, tooManyEntries(uint64(n))
	}
	p := &pkg{files: map[string]*zip.File{}, order: zr.File, opts: opts, utf16: map[string]bool{}, damaged: map[string]error{}}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		// The sizes the zip declares bound what is unpacked: archive/zip
		// refuses to read past them, so a lying entry fails as damaged.
		if total > uint64(opts.MaxUnzipSize) || f.UncompressedSize64 > uint64(opts.MaxXMLSize) {
			return nil, &FileError{Code: fupan.CodeFileTooLarge, Why: whyTooLarge,
				Err: fmt.Errorf("it unzips to more than %d bytes (%s alone is %d)", opts.MaxUnzipSize, f.Name, f.UncompressedSize64)}
		}
		if why := unsafeEntry(f.Name); why != "" {
			return nil, &FileError{Code: fupan.CodeFileUnreadable, Why: whyUnsafe, Err: fmt.Errorf("zip entry %q: %s", f.Name, why)}
		}
		key := partKey(f.Name)
		if other, dup := p.files[key]; dup {
			return nil, &FileError{Code: fupan.CodeFileUnreadable, Why: whyUnsafe, Err: fmt.Errorf("zip entries %q and %q name one part", other.Name, f.Name)}
		}
		p.files[key] = f
	}
	// A DOCTYPE (which Excel never writes) is refused in every XML part, also
	// in those only copied into the reviewed workbook: entity expansion and
	// external entities are how XML parsers are attacked.
	for _, f := range zr.File {
		if !isXMLPart(f.Name) {
			continue
		}
		enc, err := checkProlog(f)
		switch {
		case errors.Is(err, errDoctype):
			return nil, &FileError{Code: fupan.CodeFileUnreadable, Why: whyUnsafe, Err: fmt.Errorf("%s: %w", f.Name, err)}
		case err != nil:
			// Damaged, not unsafe: refused when the review needs the part
			// (readPart names it), skipped where it does not.
			p.damaged[partKey(f.Name)] = err
		case enc != nil:
			p.utf16[partKey(f.Name)] = true
		}
	}
	return p, nil
}

// partKey is how a part is looked up by name: part names compare without
// regard to case (ECMA-376 Part 2, 6.2.2.3), and some Windows tools write zip
// entries with backslashes, which Excel opens.
func partKey(name string) string {
	return strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(name, "\\", "/"), "/"))
}

// unsafeEntry says what is wrong with a zip entry's name: a way out of the
// package (.. segments, an absolute or drive-letter name) or a NUL. "" when
// nothing is.
func unsafeEntry(name string) string {
	n := strings.ReplaceAll(name, "\\", "/")
	switch {
	case strings.ContainsRune(n, 0):
		return "a NUL in the name"
	case strings.HasPrefix(n, "/"):
		return "an absolute name"
	case len(n) >= 2 && n[1] == ':':
		return "a drive letter"
	}
	for _, seg := range strings.Split(n, "/") {
		if seg == ".." {
			return "a .. segment"
		}
	}
	return ""
}

// isXMLPart reports the parts that hold XML by their name.
func isXMLPart(name string) bool {
	n := strings.ToLower(name)
	return strings.HasSuffix(n, ".xml") || strings.HasSuffix(n, ".rels") || strings.HasSuffix(n, ".vml")
}

// checkProlog reads an XML part up to its root element and refuses a
// DOCTYPE before it (the only place one may stand). Only the prolog is
// unpacked; comments and processing instructions are skipped, however long.
// enc is the decoding of a part in UTF-16, nil for UTF-8.
func checkProlog(f *zip.File) (enc encoding.Encoding, err error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer func() { _ = rc.Close() }()
	head := make([]byte, 4)
	n, err := io.ReadFull(rc, head)
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		err = nil // a part of under four bytes holds no DOCTYPE
	}
	if err != nil {
		return nil, err
	}
	head = head[:n]
	var r io.Reader = io.MultiReader(bytes.NewReader(head), rc)
	if enc = utf16Of(head); enc != nil {
		r = transform.NewReader(r, enc.NewDecoder())
	}
	return enc, doctypeIn(r)
}

// utf16Of is the decoding of a part that starts with these bytes, where it
// is UTF-16: with a byte order mark, or without one but starting with "<"
// (XML 1.0, Appendix F: 00 3C 00 3F is "<?" in UTF-16BE). nil otherwise.
func utf16Of(head []byte) encoding.Encoding {
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)
	case bytes.HasPrefix(head, []byte{0x00, '<', 0x00}):
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	case bytes.HasPrefix(head, []byte{'<', 0x00}):
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	}
	return nil
}

// errDoctype is a DOCTYPE in a part: what makes a package unsafe.
var errDoctype = errors.New("a DOCTYPE declaration, which Excel never writes")

// doctypeIn reads a prolog and refuses a DOCTYPE in it.
func doctypeIn(r io.Reader) error {
	br := bufio.NewReader(r)
	for {
		b, err := br.ReadByte()
		if err != nil {
			return nil
		}
		switch {
		case b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == 0xEF || b == 0xBB || b == 0xBF:
			continue // white space, a UTF-8 byte order mark
		case b != '<':
			return nil // not XML: the parser that reads it says so
		}
		next, _ := br.Peek(8) // fewer at the end of the part
		if len(next) == 0 {
			return nil
		}
		switch {
		case next[0] == '?':
			err = skipPast(br, "?>")
		case bytes.HasPrefix(next, []byte("!--")):
			err = skipPast(br, "-->")
		case len(next) >= 8 && strings.EqualFold(string(next[:8]), "!DOCTYPE"):
			return errDoctype
		default:
			return nil // the root element: the prolog is over
		}
		if err != nil {
			return nil
		}
	}
}

// skipPast reads until just after end.
func skipPast(br *bufio.Reader, end string) error {
	matched := 0
	for {
		b, err := br.ReadByte()
		if err != nil {
			return err
		}
		switch {
		case b == end[matched]:
			matched++
			if matched == len(end) {
				return nil
			}
		case b == end[0]:
			matched = 1
		default:
			matched = 0
		}
	}
}

// readPart reads a whole part; found is false where the package has none.
// The zip's declared size (within the limits openPackage checked) sizes the
// buffer, and archive/zip refuses to read past it.
func (p *pkg) readPart(name string) ([]byte, bool, error) {
	name = partKey(name)
	if x, ok := p.kept[name]; ok {
		return x, true, nil
	}
	f, ok := p.files[name]
	if !ok {
		return nil, false, nil
	}
	if err := p.damaged[name]; err != nil {
		return nil, true, damagedPart(f.Name, err)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, true, damagedPart(f.Name, err)
	}
	defer func() { _ = rc.Close() }()
	// Sized by the declared size, but never beyond what the compressed bytes
	// can give (deflate packs at most about 1,032 to 1), so that a small file
	// declaring huge parts gets no huge buffer.
	size := min(f.UncompressedSize64, f.CompressedSize64*1032+4096, 64<<20)
	buf := bytes.NewBuffer(make([]byte, 0, int(size)+bytes.MinRead))
	if _, err := buf.ReadFrom(rc); err != nil {
		return nil, true, damagedPart(f.Name, err)
	}
	x, err := toUTF8(buf.Bytes())
	if err != nil {
		return nil, true, damagedPart(f.Name, err)
	}
	if p.kept != nil && len(x) <= keepMax {
		p.kept[name] = x
	}
	return x, true, nil
}

// inUTF8 is the package data with its UTF-16 parts in UTF-8, for excelize,
// which reads only UTF-8; data itself where there are none.
func (p *pkg) inUTF8(data []byte) ([]byte, error) {
	if len(p.utf16) == 0 {
		return data, nil
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range p.order {
		var x []byte
		var err error
		if p.utf16[partKey(f.Name)] {
			x, _, err = p.readPart(f.Name)
		} else {
			var rc io.ReadCloser
			if rc, err = f.Open(); err == nil {
				x, err = io.ReadAll(rc)
				_ = rc.Close()
			}
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(x); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// toUTF8 turns a UTF-16 part (as Excel Mobile writes them, with a byte order
// mark, or as PHP tools may, without) into UTF-8 with its declaration saying so; other parts are returned
// as they are.
func toUTF8(x []byte) ([]byte, error) {
	enc := utf16Of(x[:min(len(x), 4)])
	if enc == nil {
		return x, nil
	}
	u, err := enc.NewDecoder().Bytes(x)
	if err != nil {
		return nil, fmt.Errorf("UTF-16: %w", err)
	}
	if end := bytes.Index(u, []byte("?>")); bytes.HasPrefix(u, []byte("<?xml")) && end > 0 {
		decl := utf16Decl.ReplaceAll(u[:end], []byte(`encoding="UTF-8"`))
		u = append(decl, u[end:]...)
	}
	return u, nil
}

// utf16Decl is the encoding of an XML declaration that names UTF-16.
var utf16Decl = regexp.MustCompile(`encoding\s*=\s*["'](?i:utf-16(le|be)?)["']`)
