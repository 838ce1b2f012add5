package xlsx

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/fupan-review/fupan"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// The reader goes through the package's parts itself, one pass of fupan's
// XML scanner (xmlscan.go) over each sheet: asking excelize cell by cell for
// types, styles and formulas cost seconds and most of a gigabyte on a
// 100,000-row sheet. excelize decrypts protected workbooks, writes the
// template, and writes the reviewed workbook where the direct writer
// (package.go) leaves it.

// keepMax is the largest part a Source keeps unpacked for the reviewed copy.
const keepMax = 4 << 20

// pkg is an opened workbook package within the limits.
type pkg struct {
	files map[string]*zip.File
	order []*zip.File // as the zip lists them
	opts  Options
	// kept holds the parts read, unpacked, where the reviewed copy will be
	// written from the same package (nil otherwise): unpacking and scanning
	// them again was a third of writing it. Parts over keepMax are unpacked
	// again instead, so that a huge sheet is not held through the analysis.
	kept map[string][]byte
	// utf16 names the parts written in UTF-16 (by Excel Mobile): they are
	// read, and written into the reviewed copy, as UTF-8, which every reader
	// of the copy takes.
	utf16 map[string]bool
	// damaged holds the parts whose entry could not even be opened.
	damaged map[string]error
}

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

// eachStart calls fn with every start element of a small part (the
// relationships, the workbook, the styles) and the name of its parent. It
// reads raw tokens: unmarshalling these parts by reflection was a tenth of
// fupan's time on a team-sized workbook.
func (p *pkg) eachStart(name string, fn func(parent string, s *scanner)) (bool, error) {
	x, found, err := p.readPart(name)
	if err != nil || !found {
		return found, err
	}
	sc := newScanner(x)
	var stack []string
	for {
		if err := sc.next(); err != nil {
			return true, fmt.Errorf("%s: %w", name, err)
		}
		switch sc.kind {
		case tokEOF:
			return true, nil
		case tokStart:
			parent := ""
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			fn(parent, sc)
			if !sc.selfClosing {
				stack = append(stack, string(sc.name))
			}
		case tokEnd:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
}

type relationships struct {
	Rels []relationship `xml:"Relationship"`
}

type relationship struct {
	ID     string `xml:"Id,attr"`
	Type   string `xml:"Type,attr"`
	Target string `xml:"Target,attr"`
}

// relsOf reads the relationships of a part, targets resolved to part names.
func (p *pkg) relsOf(part string) (map[string]string, map[string]string, error) {
	dir, base := path.Split(part)
	var r relationships
	_, err := p.eachStart(dir+"_rels/"+base+".rels", func(_ string, t *scanner) {
		if t.is("Relationship") {
			r.Rels = append(r.Rels, relationship{ID: t.attr("Id"), Type: t.attr("Type"), Target: t.attr("Target")})
		}
	})
	if err != nil {
		return nil, nil, err
	}
	byID, byType := map[string]string{}, map[string]string{}
	for _, rel := range r.Rels {
		target := rel.Target
		if strings.HasPrefix(target, "/") {
			target = strings.TrimPrefix(target, "/")
		} else {
			target = path.Clean(dir + target)
		}
		byID[rel.ID] = target
		byType[path.Base(rel.Type)] = target
	}
	return byID, byType, nil
}

type workbookXML struct {
	Part     string // the workbook part's name
	Date1904 string
	Sheets   []workbookSheet
	// The workbook's relationships, targets resolved to part names.
	ByID, ByType map[string]string
}

// sheetParts is the part of each sheet that has one, by sheet name.
func (w workbookXML) sheetParts() map[string]string {
	out := make(map[string]string, len(w.Sheets))
	for _, s := range w.Sheets {
		if t, ok := w.ByID[s.RID]; ok {
			out[s.Name] = t
		}
	}
	return out
}

type workbookSheet struct {
	Name, State, RID string
	ID               int // sheetId
}

// workbook reads the workbook part and its relationships: the sheets, and the
// parts they and the shared strings and styles are in.
func (p *pkg) workbook() (wbx workbookXML, err error) {
	_, top, err := p.relsOf("")
	if err != nil {
		return wbx, err
	}
	main := top["officeDocument"]
	if main == "" {
		main = "xl/workbook.xml"
	}
	wbx.Part = main
	beta := false
	found, err := p.eachStart(main, func(parent string, t *scanner) {
		switch {
		case parent == "":
			for _, a := range t.attrs { // the root's namespaces
				beta = beta || string(a.value) == nsBeta
			}
		case t.is("workbookPr"):
			wbx.Date1904 = t.attr("date1904")
		case t.is("sheet") && parent == "sheets":
			// The relationship id is the sheet's one attribute named id (r:id).
			id, _ := t.attrInt("sheetId")
			wbx.Sheets = append(wbx.Sheets, workbookSheet{Name: t.attr("name"), State: t.attr("state"), RID: t.attr("id"), ID: id})
		}
	})
	if err != nil {
		return wbx, err
	}
	if !found {
		return wbx, &FileError{Code: fupan.CodeFileNotXLSX, Why: whyNotZip, Err: errors.New("a zip without a workbook part")}
	}
	if beta {
		// Its parts differ from the released format's in more than the
		// namespace (shared strings are <sstItem>): refused whole rather
		// than read in part.
		return wbx, &FileError{Code: fupan.CodeFileUnreadable, Why: Reason{Key: "file.why.beta"},
			Err: errors.New("the Excel 2007 beta format (namespace " + nsBeta + ")")}
	}
	wbx.ByID, wbx.ByType, err = p.relsOf(main)
	return wbx, err
}

// readCells reads every sheet's cells.
func (p *pkg) readCells(ctx context.Context, wbx workbookXML, name string) (*fupan.Workbook, error) {
	var spent budget
	shared, err := p.sharedStrings(wbx.ByType["sharedStrings"], &spent)
	if err != nil {
		return nil, err
	}
	kinds, err := p.styleKinds(wbx.ByType["styles"])
	if err != nil {
		return nil, err
	}
	date1904 := wbx.Date1904 == "1" || wbx.Date1904 == "true"
	wb := &fupan.Workbook{File: name}
	for _, s := range wbx.Sheets {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		target, ok := wbx.ByID[s.RID]
		if !ok || p.files[partKey(target)] == nil {
			continue // a chart sheet or a broken link: nothing to read
		}
		sh := &fupan.Sheet{Name: s.Name, Hidden: s.State == "hidden" || s.State == "veryHidden"}
		if err := p.readSheet(target, sh, shared, kinds, date1904, &spent); err != nil {
			var fe *FileError
			if errors.As(err, &fe) && fe.Why.Key == whyDamagedPart {
				// Its zip entry is damaged (a bad checksum): the other sheets
				// may hold the review, and the review says this one was left
				// out, as LibreOffice reads the rest.
				wb.Damaged = append(wb.Damaged, fupan.DamagedSheet{Sheet: s.Name, Part: target})
				continue
			}
			if errors.As(err, &fe) {
				return nil, err
			}
			return nil, fmt.Errorf("sheet %q: %w", s.Name, err)
		}
		wb.Sheets = append(wb.Sheets, sh)
	}
	return wb, nil
}

// budget is what a workbook's cells have taken of the limits so far.
type budget struct {
	cells int // cells held: every row as wide as its last cell, merged ranges and what they fill
	small int // rows and shared strings held: a slice or string header, a quarter of a cell each
	text  int64
}

// charge adds cells and small items to what is held and refuses the
// workbook once that is over limit cells, naming where (a cell, a part).
func (b *budget) charge(cells, small, limit int, where func() string) error {
	b.cells += cells
	b.small += small
	if b.cells+b.small/4 <= limit {
		return nil
	}
	at := where()
	return &FileError{Code: fupan.CodeFileTooLarge, Why: Reason{Key: "file.why.too-many-cells", Args: []any{limit, at}},
		Err: fmt.Errorf("more than %d cells (reached at %s), counting the empty cells before each cell in its row and a quarter cell for each row and shared string", limit, at)}
}

// overLong stands in the shared string table for a string over the cell text
// limit: a cell that uses it is refused, naming its sheet and cell. NUL
// cannot occur in XML text, so no real string is taken for it.
const overLong = "\x00over-long"

// sharedStrings reads the shared string table: each item's text runs joined,
// phonetic guides left out. A string over the cell text limit is not kept
// (a 100 MB string would be copied over and over): it is marked overLong.
func (p *pkg) sharedStrings(part string, spent *budget) ([]string, error) {
	if part == "" {
		return nil, nil
	}
	x, found, err := p.readPart(part)
	if err != nil || !found {
		return nil, err
	}
	sc := newScanner(x)
	var out []string
	var b []byte
	inSI, inT, inPhonetic, over := false, false, false, false
	limit := p.opts.MaxCellText
	for {
		if err := sc.next(); err != nil {
			return nil, fmt.Errorf("%s: %w", part, err)
		}
		switch sc.kind {
		case tokEOF:
			return out, nil
		case tokStart:
			switch string(sc.name) {
			case "si":
				// Held whether a cell uses it or not: counted as it is read
				// (two million unused ones are 5 MB on disk).
				if err := spent.charge(0, 1, p.opts.MaxCells, func() string { return part }); err != nil {
					return nil, err
				}
				inSI = !sc.selfClosing
				b, over = b[:0], false
				if sc.selfClosing {
					out = append(out, "")
				}
			case "t":
				inT = inSI && !sc.selfClosing
			case "rPh":
				inPhonetic = !sc.selfClosing
			}
		case tokEnd:
			switch string(sc.name) {
			case "si":
				if over || len(b) > limit && utf8.RuneCount(b) > limit {
					out = append(out, overLong)
				} else {
					out = append(out, unescapeExcel(string(b)))
				}
				inSI = false
			case "t":
				inT = false
			case "rPh":
				inPhonetic = false
			}
		case tokText:
			if inT && !inPhonetic && !over {
				if b, err = sc.appendText(b); err != nil {
					return nil, fmt.Errorf("%s: %w", part, err)
				}
				if len(b) > 4*limit { // more characters than the limit, whatever they are
					b, over = b[:0], true
				}
			}
		}
	}
}

// styleKinds tells, per cell style, whether numbers show as dates or percents.
func (p *pkg) styleKinds(part string) ([]numFmtKind, error) {
	if part == "" {
		return nil, nil
	}
	custom := map[int]string{}
	var xfs []int // each cell format's number format
	_, err := p.eachStart(part, func(parent string, t *scanner) {
		switch {
		case t.is("numFmt") && parent == "numFmts":
			id, _ := t.attrInt("numFmtId")
			custom[id] = t.attr("formatCode")
		case t.is("xf") && parent == "cellXfs":
			id, _ := t.attrInt("numFmtId")
			xfs = append(xfs, id)
		}
	})
	if err != nil {
		return nil, err
	}
	kinds := make([]numFmtKind, len(xfs))
	for i, id := range xfs {
		if code, ok := custom[id]; ok {
			kinds[i] = classifyNumFmt(id, &code)
		} else {
			kinds[i] = classifyNumFmt(id, nil)
		}
	}
	return kinds, nil
}
