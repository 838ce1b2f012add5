package xlsx

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
	"github.com/xuri/excelize/v2"
)

// Status colours, Excel's own "good, neutral, bad" cell styles, as solid fills
// so that they survive in LibreOffice and in print.
var statusColours = map[string][2]string{
	string(fupan.StatusAchieved): {"C6EFCE", "006100"},
	string(fupan.StatusClose):    {"FFEB9C", "9C5700"},
	string(fupan.StatusMissed):   {"FFC7CE", "9C0006"},
	formulaDiffers:               {"E4DFEC", "5B2C6F"},
}

// formulaDiffers marks a team's formula kept whose value is not fupan's: the
// cell keeps the team's formula and value, in a colour of its own, and the
// note says what fupan computed.
const formulaDiffers = "formula-differs"

// ErrStrict is the error for a workbook saved as Strict Open XML, of which
// fupan writes no reviewed copy.
var ErrStrict = errors.New("the workbook is saved as Strict Open XML Spreadsheet, of which fupan cannot write a reviewed copy: save it as an Excel Workbook (.xlsx)")

// ReviewedOptions steer WriteReviewed.
type ReviewedOptions struct {
	Reader Options    // limits for opening the source again
	Now    time.Time  // the report date on the conclusion sheet
	Lang   fupan.Lang // zero: the review's language
}

// WriteReviewed writes the reviewed workbook for rv to w: the source workbook
// with the computed columns (达成率, 偏差率) filled and coloured, a note where the
// team's own value differs, and a conclusion sheet. Nothing else of the source
// changes, and the source file is only read.
//
// data is the source workbook's bytes, as it was read for rv. Where the
// workbook was read with Reader.ReadSource, Source.WriteReviewed does the
// same without opening it again.
func WriteReviewed(ctx context.Context, w io.Writer, data []byte, rv *fupan.Review, opts ReviewedOptions) error {
	src, err := openSource(data, opts.Reader.withDefaults(), false)
	if err != nil {
		return fmt.Errorf("%s: opening: %w", rv.File, err)
	}
	return src.WriteReviewed(ctx, w, rv, opts)
}

// WriteReviewed writes the reviewed workbook for rv, the review of s's
// workbook, to w, as the function WriteReviewed does. opts.Reader is not
// used: s was opened with its reader's options. A protected workbook's copy
// is protected with the same password.
func (s *Source) WriteReviewed(ctx context.Context, w io.Writer, rv *fupan.Review, opts ReviewedOptions) error {
	lang := fupan.LangOf(opts.Lang, rv.Meta.Lang)
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	if err := s.writable(); err != nil {
		return fmt.Errorf("%s: %w", rv.File, err)
	}
	out := w
	var buf bytes.Buffer
	if s.encrypted {
		out = &buf
	}
	// The source's package rewritten part by part; excelize where the package
	// is one the direct writer does not handle (prefixed XML, a sheet that
	// already has notes).
	b, err := openPackageBook(s.pkg, s.wbx, now)
	if err == nil {
		err = review(ctx, out, b, rv, lang, now)
	}
	if errors.Is(err, errUnsupported) {
		err = writeReviewedExcelize(ctx, out, s, rv, lang, now)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", rv.File, err)
	}
	if s.encrypted {
		sealed, err := excelize.Encrypt(buf.Bytes(), &excelize.Options{Password: s.opts.Password})
		if err != nil {
			return fmt.Errorf("%s: encrypting the reviewed workbook: %w", rv.File, err)
		}
		if _, err := w.Write(sealed); err != nil {
			return err
		}
	}
	return nil
}

// writable refuses a package of which no reviewed copy can be written whole.
func (s *Source) writable() error {
	if wb, _, err := s.pkg.readPart(s.wbx.Part); err == nil && bytes.Contains(wb, []byte("purl.oclc.org/ooxml/spreadsheetml/main")) {
		// Strict Open XML: parts fupan adds in the transitional namespaces
		// would make a mixed package that Excel may refuse, and excelize
		// writes one with unbound prefixes.
		return ErrStrict
	}
	return nil
}

// writeReviewedExcelize writes the reviewed workbook through excelize.
func writeReviewedExcelize(ctx context.Context, w io.Writer, s *Source, rv *fupan.Review, lang fupan.Lang, now time.Time) (err error) {
	// excelize panics on some packages it cannot parse (a styles part whose
	// elements carry a namespace prefix): that is a workbook it cannot
	// write, not a crash.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: excelize could not write this package (%v)", errUnsupported, r)
		}
	}()
	if err := s.writable(); err != nil {
		return err
	}
	b, err := openExcelizeBook(s)
	if err != nil {
		return fmt.Errorf("opening: %w", err)
	}
	defer func() { _ = b.f.Close() }()
	return review(ctx, w, b, rv, lang, now)
}

// book is the reviewed workbook being assembled.
type book interface {
	sheetXML(sheet string) ([]byte, error)
	setSheetXML(sheet string, x []byte)
	// statusStyle is cell format base with a percent format and the status's
	// fill and font colour.
	statusStyle(base int, status string, signed bool) (int, error)
	addNotes(sheet string, notes []note) error
	addConclusion(rows []cRow, lang fupan.Lang) error
	writeTo(w io.Writer) error
}

// note is a cell note fupan adds.
type note struct{ ref, text string }

func review(ctx context.Context, w io.Writer, b book, rv *fupan.Review, lang fupan.Lang, now time.Time) error {
	rw := &reviewWriter{b: b, lang: lang}
	if err := rw.fillComputed(rv); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := b.addConclusion(conclusionRows(rv, lang, now), lang); err != nil {
		return fmt.Errorf("conclusion sheet: %w", err)
	}
	if err := b.writeTo(w); err != nil {
		return fmt.Errorf("writing the reviewed workbook: %w", err)
	}
	return nil
}

type reviewWriter struct {
	b    book
	lang fupan.Lang
}

// computedCell is one value fupan fills in: where, what, its status colour and
// the team's own value.
type computedCell struct {
	row    int
	value  float64
	status string
	stated *float64
	signed bool
}

func (rw *reviewWriter) fillComputed(rv *fupan.Review) error {
	if loc, ok := rv.Loc(fupan.OutcomeTable); ok {
		var cells []computedCell
		for _, o := range rv.Outcomes {
			if o.Achievement != nil {
				cells = append(cells, computedCell{row: o.Ref.Row, value: *o.Achievement, status: string(o.Status), stated: o.StatedAchievement})
			}
		}
		if err := rw.fillColumn(loc, fupan.ColAchievement, cells); err != nil {
			return err
		}
	}
	if loc, ok := rv.Loc(fupan.TrackingTable); ok {
		var cells []computedCell
		for _, t := range rv.Tracking {
			if t.Deviation == nil || t.Overdue && t.StatedDeviation != nil {
				// A milestone not done keeps the deviation the team stated
				// on its day: fupan's grows by the day, and is compared
				// with none.
				continue
			}
			status := fupan.StatusMissed
			if *t.OnTrack {
				status = fupan.StatusAchieved
			}
			cells = append(cells, computedCell{row: t.Ref.Row, value: *t.Deviation, status: string(status), stated: t.StatedDeviation, signed: true})
		}
		if err := rw.fillColumn(loc, fupan.ColDeviation, cells); err != nil {
			return err
		}
	}
	return nil
}

// fillColumn writes computed values into a table's column, adding the column
// after the table's last one where the team's table has none.
func (rw *reviewWriter) fillColumn(loc fupan.TableLoc, c fupan.Col, cells []computedCell) error {
	x, err := rw.b.sheetXML(loc.Sheet)
	if err != nil {
		return err
	}
	return rw.patchColumn(loc, c, cells, x)
}

// patchColumn writes the computed column into the sheet's XML (see patch.go),
// then adds the notes where the team's value differed.
func (rw *reviewWriter) patchColumn(loc fupan.TableLoc, c fupan.Col, cells []computedCell, x []byte) error {
	col, has := loc.Columns[c]
	rows := map[int]bool{loc.HeaderRow: true}
	for _, cc := range cells {
		rows[cc.row] = true
	}
	if !has {
		// The added column looks at every row of the table, to go where
		// none of them holds anything.
		for r := loc.HeaderRow; r <= max(loc.LastRow, loc.HeaderRow); r++ {
			rows[r] = true
		}
	}
	spans, rowSpans, err := scanSheet(x, rows)
	if err != nil {
		return fmt.Errorf("sheet %s: %w", loc.Sheet, err)
	}
	if !has {
		col = freeColumn(spans, loc)
	}
	cp := columnPatch{loc: loc, col: col, added: !has, spans: spans, x: x}
	var patches []cellPatch
	if cp.added {
		cd, _ := fupan.TableDefOf(loc.ID).Column(c)
		patches = append(patches, cellPatch{row: loc.HeaderRow, col: col, style: cp.baseStyle(loc.HeaderRow), inline: cd.Names.In(rw.lang)})
	}
	var notes []note
	for _, cc := range cells {
		p, n, err := rw.patchComputed(cp, cc)
		if err != nil {
			return err
		}
		patches = append(patches, p)
		if n != nil {
			notes = append(notes, *n)
		}
	}
	patched, err := patchCells(x, spans, rowSpans, patches)
	if err != nil {
		return fmt.Errorf("sheet %s: %w", loc.Sheet, err)
	}
	rw.b.setSheetXML(loc.Sheet, patched)
	if len(notes) == 0 {
		return nil
	}
	return rw.b.addNotes(loc.Sheet, notes)
}

// columnPatch is a computed column on its way into a sheet's XML.
type columnPatch struct {
	loc   fupan.TableLoc
	col   int
	added bool // the team's table has no such column: fupan adds it
	spans map[[2]int]cellSpan
	x     []byte
}

// baseStyle is the style a row's computed cell starts from: the cell's own,
// or for an added column its left neighbour's.
func (cp columnPatch) baseStyle(row int) int {
	from := cp.col
	if cp.added {
		from = cp.loc.LastCol
	}
	return cp.spans[[2]int{row, from}].style
}

// patchComputed is the patch of one computed cell, and the note where the
// team's stated value differs from it.
func (rw *reviewWriter) patchComputed(cp columnPatch, cc computedCell) (cellPatch, *note, error) {
	style, err := rw.b.statusStyle(cp.baseStyle(cc.row), cc.status, cc.signed)
	if err != nil {
		return cellPatch{}, nil, err
	}
	differs := cc.stated != nil && math.Abs(*cc.stated-cc.value) > fupan.StatedTolerance+1e-9
	span, exists := cp.spans[[2]int{cc.row, cp.col}]
	// A team's formula is never replaced: the master of a shared formula
	// gone leaves the cells that share it pointing at nothing, and
	// calcChain.xml naming a formula that is not there (Excel repairs
	// the file, LibreOffice shows blanks). It keeps its body; only its
	// style changes.
	hasFormula := exists && span.hasFormula
	if hasFormula && differs {
		if style, err = rw.b.statusStyle(cp.baseStyle(cc.row), formulaDiffers, cc.signed); err != nil {
			return cellPatch{}, nil, err
		}
	}
	p := cellPatch{row: cc.row, col: cp.col, style: style, value: strconv.FormatFloat(fupan.Shown(cc.value), 'f', -1, 64), keepBody: hasFormula}
	if hasFormula {
		// t="str" (which some writers put on every formula) goes where the
		// cached value is a number, so that the percent format shows it.
		if _, v, err := rw.formulaAt(cp.x, span); err == nil {
			_, perr := strconv.ParseFloat(strings.TrimSpace(v), 64)
			p.numericValue = perr == nil
		}
	}
	if !differs {
		return p, nil, nil
	}
	ref, _ := excelize.CoordinatesToCellName(cp.col, cc.row)
	stated := fupan.FormatPercent(*cc.stated, cc.signed)
	if hasFormula {
		if formula, _, _ := rw.formulaAt(cp.x, span); formula != "" {
			stated = "=" + formula + " (" + stated + ")"
		}
	}
	return p, &note{ref, catalog.F(rw.lang, "note.stated", stated, fupan.FormatPercent(cc.value, cc.signed))}, nil
}

// freeColumn is the first column right of a table where none of its rows
// holds a cell with content: a team's note beside the table is never written
// over (an empty styled cell may be).
func freeColumn(spans map[[2]int]cellSpan, loc fupan.TableLoc) int {
	for col := loc.LastCol + 1; ; col++ {
		free := true
		for r := loc.HeaderRow; r <= max(loc.LastRow, loc.HeaderRow); r++ {
			if sp, ok := spans[[2]int{r, col}]; ok && !sp.selfClosing {
				free = false
				break
			}
		}
		if free || col >= 16384 {
			return col
		}
	}
}

// formulaAt reads the formula text and the cached value of a cell element.
func (rw *reviewWriter) formulaAt(x []byte, span cellSpan) (formula, value string, err error) {
	var c struct {
		F string `xml:"f"`
		V string `xml:"v"`
	}
	err = xml.Unmarshal(x[span.start:span.end], &c)
	return c.F, c.V, err
}
