package xlsx

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/fupan-review/fupan"
	"github.com/xuri/excelize/v2"
)

// The reader goes through the package's parts itself, one pass over each
// sheet's XML: asking excelize cell by cell for types, styles and formulas
// cost seconds and most of a gigabyte on a 100,000-row sheet. excelize still
// decrypts protected workbooks and writes every workbook.

// pkg is an opened workbook package within the limits.
type pkg struct {
	files map[string]*zip.File
	order []*zip.File // as the zip lists them
	opts  Options
}

func openPackage(data []byte, opts Options) (*pkg, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, &FileError{Code: fupan.CodeFileUnreadable, Why: whyDamaged, Err: fmt.Errorf("the zip is damaged: %w", err)}
	}
	p := &pkg{files: map[string]*zip.File{}, order: zr.File, opts: opts}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		// The sizes the zip declares bound what is unpacked: archive/zip
		// refuses to read past them, so a lying entry fails as damaged.
		if total > uint64(opts.MaxUnzipSize) || f.UncompressedSize64 > uint64(opts.MaxXMLSize) {
			return nil, &FileError{Code: fupan.CodeFileTooLarge, Why: whyTooLarge,
				Err: fmt.Errorf("it unzips to more than %d bytes (%s alone is %d)", opts.MaxUnzipSize, f.Name, f.UncompressedSize64)}
		}
		p.files[strings.TrimPrefix(f.Name, "/")] = f
	}
	return p, nil
}

// open opens a part; found is false where the package has none.
func (p *pkg) open(name string) (io.ReadCloser, bool, error) {
	f, ok := p.files[strings.TrimPrefix(name, "/")]
	if !ok {
		return nil, false, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, true, fmt.Errorf("%s: %w", name, err)
	}
	return rc, true, nil
}

// eachStart calls fn with every start element of a small part (the
// relationships, the workbook, the styles) and the name of its parent. It
// reads raw tokens: unmarshalling these parts by reflection was a tenth of
// fupan's time on a team-sized workbook.
func (p *pkg) eachStart(name string, fn func(parent string, t xml.StartElement)) (bool, error) {
	rc, found, err := p.open(name)
	if err != nil || !found {
		return found, err
	}
	defer func() { _ = rc.Close() }()
	dec := xml.NewDecoder(rc)
	var stack []string
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			return true, nil
		}
		if err != nil {
			return true, fmt.Errorf("%s: %w", name, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			parent := ""
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			fn(parent, t)
			stack = append(stack, t.Name.Local)
		case xml.EndElement:
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
	_, err := p.eachStart(dir+"_rels/"+base+".rels", func(_ string, t xml.StartElement) {
		if t.Name.Local == "Relationship" {
			r.Rels = append(r.Rels, relationship{ID: attr(t, "Id"), Type: attr(t, "Type"), Target: attr(t, "Target")})
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
}

type workbookSheet struct {
	Name, State, RID string
	ID               int // sheetId
}

// workbook reads the workbook part and its relationships: the sheets, and the
// parts they and the shared strings and styles are in.
func (p *pkg) workbook() (wbx workbookXML, byID, byType map[string]string, err error) {
	_, top, err := p.relsOf("")
	if err != nil {
		return wbx, nil, nil, err
	}
	main := top["officeDocument"]
	if main == "" {
		main = "xl/workbook.xml"
	}
	wbx.Part = main
	found, err := p.eachStart(main, func(parent string, t xml.StartElement) {
		switch {
		case t.Name.Local == "workbookPr":
			wbx.Date1904 = attr(t, "date1904")
		case t.Name.Local == "sheet" && parent == "sheets":
			// The relationship id is the one attribute named id with a prefix.
			var rid string
			for _, a := range t.Attr {
				if a.Name.Local == "id" && a.Name.Space != "" && a.Name.Space != "xmlns" {
					rid = a.Value
				}
			}
			id, _ := strconv.Atoi(attr(t, "sheetId"))
			wbx.Sheets = append(wbx.Sheets, workbookSheet{Name: attr(t, "name"), State: attr(t, "state"), RID: rid, ID: id})
		}
	})
	if err != nil {
		return wbx, nil, nil, err
	}
	if !found {
		return wbx, nil, nil, &FileError{Code: fupan.CodeFileNotXLSX, Why: whyNotZip, Err: errors.New("a zip without a workbook part")}
	}
	byID, byType, err = p.relsOf(main)
	return wbx, byID, byType, err
}

// readPackage reads every sheet's cells.
func readPackage(ctx context.Context, data []byte, name string, opts Options) (*fupan.Workbook, error) {
	p, err := openPackage(data, opts)
	if err != nil {
		return nil, err
	}
	wbx, byID, byType, err := p.workbook()
	if err != nil {
		return nil, err
	}
	shared, err := p.sharedStrings(byType["sharedStrings"])
	if err != nil {
		return nil, err
	}
	kinds, err := p.styleKinds(byType["styles"])
	if err != nil {
		return nil, err
	}
	date1904 := wbx.Date1904 == "1" || wbx.Date1904 == "true"
	wb := &fupan.Workbook{File: name}
	cells := 0
	for _, s := range wbx.Sheets {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		target, ok := byID[s.RID]
		if !ok || p.files[target] == nil {
			continue // a chart sheet or a broken link: nothing to read
		}
		sh := &fupan.Sheet{Name: s.Name, Hidden: s.State == "hidden" || s.State == "veryHidden"}
		if err := p.readSheet(target, sh, shared, kinds, date1904, &cells); err != nil {
			var fe *FileError
			if errors.As(err, &fe) {
				return nil, err
			}
			return nil, fmt.Errorf("sheet %q: %w", s.Name, err)
		}
		wb.Sheets = append(wb.Sheets, sh)
	}
	return wb, nil
}

// sharedStrings reads the shared string table: each item's text runs joined,
// phonetic guides left out.
func (p *pkg) sharedStrings(part string) ([]string, error) {
	if part == "" {
		return nil, nil
	}
	rc, found, err := p.open(part)
	if err != nil || !found {
		return nil, err
	}
	defer func() { _ = rc.Close() }()
	dec := xml.NewDecoder(rc)
	var out []string
	var b strings.Builder
	inSI, inT, inPhonetic := false, false, false
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", part, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				inSI = true
				b.Reset()
			case "t":
				inT = inSI
			case "rPh":
				inPhonetic = true
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				out = append(out, b.String())
				inSI = false
			case "t":
				inT = false
			case "rPh":
				inPhonetic = false
			}
		case xml.CharData:
			if inT && !inPhonetic {
				b.Write(t)
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
	_, err := p.eachStart(part, func(parent string, t xml.StartElement) {
		switch {
		case t.Name.Local == "numFmt" && parent == "numFmts":
			id, _ := strconv.Atoi(attr(t, "numFmtId"))
			custom[id] = attr(t, "formatCode")
		case t.Name.Local == "xf" && parent == "cellXfs":
			id, _ := strconv.Atoi(attr(t, "numFmtId"))
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

// rawCell is a cell as the sheet XML has it.
type rawCell struct {
	ref, typ, value, inline string
	style                   int
	formula, hasValue       bool
}

// readSheet reads one sheet's cells and merged ranges in one pass.
func (p *pkg) readSheet(part string, sh *fupan.Sheet, shared []string, kinds []numFmtKind, date1904 bool, cells *int) error {
	rc, _, err := p.open(part)
	if err != nil {
		return err
	}
	defer func() { _ = rc.Close() }()
	dec := xml.NewDecoder(rc)
	row, col := 0, 0
	var c rawCell
	inCell, inV, inIs, inT := false, false, false, false
	var text strings.Builder
	var merges []string
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("%s: %w", part, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				r := attr(t, "r")
				if n, err := strconv.Atoi(r); err == nil && n > 0 {
					row = n
				} else {
					row++
				}
				col = 0
			case "c":
				c = rawCell{ref: attr(t, "r"), typ: attr(t, "t")}
				if s, err := strconv.Atoi(attr(t, "s")); err == nil {
					c.style = s
				}
				inCell = true
			case "v":
				inV = inCell
				text.Reset()
			case "f":
				c.formula = inCell
			case "is":
				inIs = inCell
				text.Reset()
			case "t":
				inT = inIs
			case "mergeCell":
				merges = append(merges, attr(t, "ref"))
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "v":
				if inV {
					c.value, c.hasValue = text.String(), true
				}
				inV = false
			case "t":
				inT = false
			case "is":
				if inIs {
					c.inline, c.hasValue = text.String(), true
				}
				inIs = false
			case "c":
				inCell = false
				if c.ref != "" {
					if cc, r, err := excelize.CellNameToCoordinates(c.ref); err == nil {
						col, row = cc, r
					} else {
						col++
					}
				} else {
					col++
				}
				cell := convertCell(c, shared, kinds, date1904)
				if cell.Kind == fupan.CellBlank {
					continue
				}
				*cells++
				if *cells > p.opts.MaxCells {
					return &FileError{Code: fupan.CodeFileTooLarge, Why: whyTooLarge, Err: fmt.Errorf("more than %d cells", p.opts.MaxCells)}
				}
				if row < 1 || col < 1 || col > 16384 || row > 1048576 {
					continue
				}
				if gap := row - len(sh.Rows); gap > 0 {
					// Empty rows up to a far cell cost memory too: a cell in row
					// 1,048,576 of many sheets must not make a small file huge.
					if *cells += gap; *cells > p.opts.MaxCells {
						return &FileError{Code: fupan.CodeFileTooLarge, Why: whyTooLarge, Err: fmt.Errorf("more than %d cells and rows", p.opts.MaxCells)}
					}
					sh.Rows = append(sh.Rows, make([][]fupan.Cell, gap)...)
				}
				r := sh.Rows[row-1]
				for len(r) < col {
					r = append(r, fupan.Cell{})
				}
				r[col-1] = cell
				sh.Rows[row-1] = r
			}
		case xml.CharData:
			if inV || inT {
				text.Write(t)
			}
		}
	}
	width := 0
	for _, r := range sh.Rows {
		width = max(width, len(r))
	}
	for _, m := range merges {
		if err := applyMerge(sh, m, width, cells, p.opts.MaxCells); err != nil {
			return err
		}
	}
	return nil
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// formulaErrors are the error values a formula can give.
var formulaErrors = map[string]bool{"#DIV/0!": true, "#REF!": true, "#VALUE!": true, "#N/A": true, "#NAME?": true, "#NUM!": true, "#NULL!": true, "#SPILL!": true, "#CALC!": true}

// convertCell gives a sheet XML cell its meaning: text, number, date,
// percent, error, or a formula never calculated.
func convertCell(c rawCell, shared []string, kinds []numFmtKind, date1904 bool) fupan.Cell {
	if !c.hasValue || c.value == "" && c.inline == "" {
		if c.formula {
			return fupan.Cell{Kind: fupan.CellNoValue, Formula: true}
		}
		if c.typ != "inlineStr" {
			return fupan.Cell{}
		}
	}
	cell := fupan.Cell{Kind: fupan.CellText, Formula: c.formula}
	switch c.typ {
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(c.value))
		if err != nil || i < 0 || i >= len(shared) {
			cell.Text = c.value
			return cell
		}
		cell.Text = shared[i]
		return cell
	case "inlineStr":
		cell.Text = c.inline
		return cell
	case "b":
		cell.Kind, cell.Text = fupan.CellBool, c.value
		return cell
	case "e":
		cell.Kind, cell.Text = fupan.CellError, c.value
		return cell
	case "d":
		cell.Text = c.value
		if d, err := fupan.ParseDate(c.value, 0); err == nil {
			cell.Kind, cell.Date = fupan.CellDate, d
		}
		return cell
	case "str":
		cell.Text = c.value
		if formulaErrors[c.value] {
			cell.Kind = fupan.CellError
			return cell
		}
		// Some writers mark every formula result as text, numbers too.
		if _, err := strconv.ParseFloat(c.value, 64); err != nil {
			return cell
		}
	}
	cell.Text = c.value
	n, err := strconv.ParseFloat(c.value, 64)
	if err != nil {
		return cell
	}
	cell.Kind, cell.Num = fupan.CellNumber, n
	kind := fmtNumber
	if c.style >= 0 && c.style < len(kinds) {
		kind = kinds[c.style]
	}
	switch kind {
	case fmtDate:
		if t, err := excelize.ExcelDateToTime(n, date1904); err == nil && n >= 1 {
			cell.Kind, cell.Date = fupan.CellDate, fupan.DateOf(t)
		}
	case fmtPercent:
		cell.Kind = fupan.CellPercent
	}
	return cell
}

// applyMerge gives every cell of a merged range its first cell's value. It
// fills only the sheet's used area (rows with data, columns up to the widest
// row) and counts what it fills against the cell limit, so that a range such
// as A1:XFD1048576 cannot make a small sheet huge.
func applyMerge(sh *fupan.Sheet, ref string, width int, cells *int, limit int) error {
	a, z, ok := strings.Cut(ref, ":")
	if !ok {
		return nil
	}
	c1, r1, err1 := excelize.CellNameToCoordinates(a)
	c2, r2, err2 := excelize.CellNameToCoordinates(z)
	if err1 != nil || err2 != nil || r2 < r1 || c2 < c1 {
		return nil
	}
	first := sh.Cell(r1, c1)
	if first.IsBlank() {
		return nil
	}
	r2, c2 = min(r2, len(sh.Rows)), min(c2, width)
	for r := r1; r <= r2; r++ {
		row := sh.Rows[r-1]
		if len(row) == 0 {
			continue // a blank row stays blank: a merged value alone is no data
		}
		for c := c1; c <= c2; c++ {
			if r == r1 && c == c1 {
				continue
			}
			for len(row) < c {
				row = append(row, fupan.Cell{})
			}
			cell := first
			cell.Merged = true
			row[c-1] = cell
			if *cells++; *cells > limit {
				return &FileError{Code: fupan.CodeFileTooLarge, Why: whyTooLarge, Err: fmt.Errorf("more than %d cells", limit)}
			}
		}
		sh.Rows[r-1] = row
	}
	return nil
}
