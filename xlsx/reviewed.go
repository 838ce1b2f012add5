package xlsx

import (
	"bytes"
	"context"
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
	rw := &reviewWriter{f: f, lang: lang, styles: map[string]int{}}
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
	f := rw.f
	col, has := loc.Columns[c]
	if !has {
		col = loc.LastCol + 1
		def := fupan.TableDefOf(loc.ID)
		cd, _ := def.Column(c)
		head, _ := excelize.CoordinatesToCellName(col, loc.HeaderRow)
		if err := f.SetCellStr(loc.Sheet, head, cd.Names.In(rw.lang)); err != nil {
			return err
		}
		// The new header looks like its neighbour.
		prev, _ := excelize.CoordinatesToCellName(loc.LastCol, loc.HeaderRow)
		if id, err := f.GetCellStyle(loc.Sheet, prev); err == nil {
			if err := f.SetCellStyle(loc.Sheet, head, head, id); err != nil {
				return err
			}
		}
		name, _ := excelize.ColumnNumberToName(col)
		if err := f.SetColWidth(loc.Sheet, name, name, 12); err != nil {
			return err
		}
	}
	// Styles are set per run of consecutive rows that share one: a call per
	// cell was most of the time on a 100,000-row table.
	type styled struct{ first, last, style int }
	var runs []styled
	for _, cc := range cells {
		ref, _ := excelize.CoordinatesToCellName(col, cc.row)
		base := 0
		styleFrom := ref
		if !has {
			styleFrom, _ = excelize.CoordinatesToCellName(loc.LastCol, cc.row)
		}
		if id, err := f.GetCellStyle(loc.Sheet, styleFrom); err == nil {
			base = id
		}
		style, err := rw.statusStyle(base, cc.status, cc.signed)
		if err != nil {
			return err
		}
		differs := cc.stated != nil && math.Abs(*cc.stated-cc.value) > fupan.StatedTolerance+1e-9
		formula := ""
		if cc.stated != nil {
			formula, _ = f.GetCellFormula(loc.Sheet, ref)
		}
		// A team's formula that gives the right value stays; anything else is
		// replaced by the computed number.
		if formula == "" || differs {
			if err := f.SetCellFloat(loc.Sheet, ref, cc.value, -1, 64); err != nil {
				return err
			}
		}
		if n := len(runs); n > 0 && runs[n-1].style == style && runs[n-1].last == cc.row-1 {
			runs[n-1].last = cc.row
		} else {
			runs = append(runs, styled{cc.row, cc.row, style})
		}
		if differs {
			stated := fupan.FormatPercent(*cc.stated, cc.signed)
			if formula != "" {
				stated = "=" + formula + " (" + stated + ")"
			}
			note := fmt.Sprintf(templates.L(rw.lang, "note.stated"), stated, fupan.FormatPercent(cc.value, cc.signed))
			if err := f.AddComment(loc.Sheet, excelize.Comment{Cell: ref, Author: "fupan", Text: note}); err != nil {
				return fmt.Errorf("note on %s!%s: %w", loc.Sheet, ref, err)
			}
		}
	}
	for _, r := range runs {
		from, _ := excelize.CoordinatesToCellName(col, r.first)
		to, _ := excelize.CoordinatesToCellName(col, r.last)
		if err := f.SetCellStyle(loc.Sheet, from, to, r.style); err != nil {
			return err
		}
	}
	return nil
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
