package xlsx

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/fupan-review/fupan"
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

// styleKinds tells, per cell style, whether numbers show as dates or
// percents, or with a unit.
func (p *pkg) styleKinds(part string) ([]numFmt, error) {
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
	kinds := make([]numFmt, len(xfs))
	for i, id := range xfs {
		if code, ok := custom[id]; ok {
			kinds[i] = readNumFmt(id, &code)
		} else {
			kinds[i] = readNumFmt(id, nil)
		}
	}
	return kinds, nil
}
