package xlsx

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/templates"
	"github.com/xuri/excelize/v2"
)

// Status colours, Excel's own "good, neutral, bad" cell styles, as solid fills
// so that they survive in LibreOffice and in print.
var statusColours = map[string][2]string{
	fupan.StatusAchieved: {"C6EFCE", "006100"},
	fupan.StatusClose:    {"FFEB9C", "9C5700"},
	fupan.StatusMissed:   {"FFC7CE", "9C0006"},
}

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
// data is the source workbook's bytes, as it was read for rv.
func WriteReviewed(ctx context.Context, w io.Writer, data []byte, rv *fupan.Review, opts ReviewedOptions) error {
	o := opts.Reader.withDefaults()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: o.MaxUnzipSize, UnzipXMLSizeLimit: o.MaxXMLSize, Password: o.Password,
	})
	if err != nil {
		return fmt.Errorf("opening %s: %w", rv.File, err)
	}
	defer func() { _ = f.Close() }()
	lang := opts.Lang
	if lang == "" {
		lang = rv.Meta.Lang
	}
	parts, err := sheetParts(data, o)
	if err != nil {
		return fmt.Errorf("opening %s: %w", rv.File, err)
	}
	rw := &reviewWriter{f: f, lang: lang, styles: map[string]int{}, parts: parts}
	if err := rw.fillComputed(rv); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	if err := rw.conclusionSheet(rv, now); err != nil {
		return fmt.Errorf("conclusion sheet: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("writing the reviewed workbook: %w", err)
	}
	return nil
}

type reviewWriter struct {
	f      *excelize.File
	lang   fupan.Lang
	styles map[string]int
	parts  map[string]string // sheet name → package part
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
				cells = append(cells, computedCell{row: o.Ref.Row, value: *o.Achievement, status: o.Status, stated: o.StatedAchievement})
			}
		}
		if err := rw.fillColumn(loc, fupan.ColAchievement, cells); err != nil {
			return err
		}
	}
	if loc, ok := rv.Loc(fupan.TrackingTable); ok {
		var cells []computedCell
		for _, t := range rv.Tracking {
			if t.Deviation == nil {
				continue
			}
			status := fupan.StatusMissed
			if *t.OnTrack {
				status = fupan.StatusAchieved
			}
			cells = append(cells, computedCell{row: t.Ref.Row, value: *t.Deviation, status: status, stated: t.StatedDeviation, signed: true})
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
	// The reader refused any part larger than excelize keeps in memory, so
	// every sheet is in its package map.
	raw, _ := rw.f.Pkg.Load(rw.parts[loc.Sheet])
	x, ok := raw.([]byte)
	if !ok {
		return fmt.Errorf("sheet %s: its part %q is not in the package", loc.Sheet, rw.parts[loc.Sheet])
	}
	return rw.patchColumn(loc, c, cells, x)
}

// patchColumn writes the computed column into the sheet's XML (see patch.go),
// then adds the notes where the team's value differed.
func (rw *reviewWriter) patchColumn(loc fupan.TableLoc, c fupan.Col, cells []computedCell, x []byte) error {
	col, has := loc.Columns[c]
	if !has {
		col = loc.LastCol + 1
	}
	rows := map[int]bool{loc.HeaderRow: true}
	for _, cc := range cells {
		rows[cc.row] = true
	}
	spans, rowSpans, err := scanSheet(x, rows)
	if err != nil {
		return fmt.Errorf("sheet %s: %w", loc.Sheet, err)
	}
	// The style of a cell is its own, or for an added column its left neighbour's.
	baseOf := func(row int) int {
		from := col
		if !has {
			from = loc.LastCol
		}
		return spans[[2]int{row, from}].style
	}
	var patches []cellPatch
	if !has {
		cd, _ := fupan.TableDefOf(loc.ID).Column(c)
		patches = append(patches, cellPatch{row: loc.HeaderRow, col: col, style: baseOf(loc.HeaderRow), inline: cd.Names.In(rw.lang)})
	}
	type note struct{ ref, text string }
	var notes []note
	for _, cc := range cells {
		style, err := rw.statusStyle(baseOf(cc.row), cc.status, cc.signed)
		if err != nil {
			return err
		}
		differs := cc.stated != nil && math.Abs(*cc.stated-cc.value) > fupan.StatedTolerance+1e-9
		span, exists := spans[[2]int{cc.row, col}]
		hasFormula := exists && span.hasFormula
		patches = append(patches, cellPatch{row: cc.row, col: col, style: style,
			value: strconv.FormatFloat(cc.value, 'f', -1, 64), keepBody: hasFormula && cc.stated != nil && !differs})
		if differs {
			ref, _ := excelize.CoordinatesToCellName(col, cc.row)
			stated := fupan.FormatPercent(*cc.stated, cc.signed)
			if hasFormula {
				if formula, _ := rw.formulaAt(x, span); formula != "" {
					stated = "=" + formula + " (" + stated + ")"
				}
			}
			notes = append(notes, note{ref, fmt.Sprintf(templates.L(rw.lang, "note.stated"), stated, fupan.FormatPercent(cc.value, cc.signed))})
		}
	}
	patched, err := patchCells(x, spans, rowSpans, patches)
	if err != nil {
		return fmt.Errorf("sheet %s: %w", loc.Sheet, err)
	}
	rw.f.Pkg.Store(rw.parts[loc.Sheet], patched)
	for _, n := range notes {
		if err := rw.f.AddComment(loc.Sheet, excelize.Comment{Cell: n.ref, Author: "fupan", Text: n.text}); err != nil {
			return fmt.Errorf("note on %s!%s: %w", loc.Sheet, n.ref, err)
		}
	}
	return nil
}

// formulaAt reads the formula text of a cell element.
func (rw *reviewWriter) formulaAt(x []byte, span cellSpan) (string, error) {
	var c struct {
		F string `xml:"f"`
	}
	err := xml.Unmarshal(x[span.start:span.end], &c)
	return c.F, err
}

// statusStyle is the cell's own style with a percent format and the status's
// fill and font colour.
func (rw *reviewWriter) statusStyle(base int, status string, signed bool) (int, error) {
	key := strconv.Itoa(base) + "/" + status + "/" + strconv.FormatBool(signed)
	if id, ok := rw.styles[key]; ok {
		return id, nil
	}
	st, err := rw.f.GetStyle(base)
	if err != nil || st == nil {
		st = &excelize.Style{}
	}
	pct := "0.0%"
	if signed {
		pct = "+0.0%;-0.0%;0.0%"
	}
	st.NumFmt, st.CustomNumFmt = 0, &pct
	if c, ok := statusColours[status]; ok {
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c[0]}}
		if st.Font == nil {
			st.Font = &excelize.Font{}
		}
		st.Font.Color = c[1]
	}
	id, err := rw.f.NewStyle(st)
	if err != nil {
		return 0, fmt.Errorf("status style: %w", err)
	}
	rw.styles[key] = id
	return id, nil
}
