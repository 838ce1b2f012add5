package batch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/xlsx"
)

// Pipeline is the one path of a workbook, taken by every command (run,
// watch, report, inspect, validate, next) and serve's check: read →
// analyse → compare → outputs → record. Its fields say which steps are
// taken, so that no command reads, judges or compares a workbook its own
// way, and an unreadable file is told of in one place (Read).
type Pipeline struct {
	Settings Settings
	// Compare: the team's previous periods to set the review against (a
	// fupan.History or a run's snapshot); nil: not compared.
	Compare  Pasts
	Identity fupan.Identity
	// Outputs: keep what the reviewed workbook is written from
	// (Workbook.Source), for Write.
	Outputs bool
	// Record: the history a single workbook's review is kept in
	// (RecordStep); nil: not recorded. A run records through its own
	// claims (runHistory.record), which settle two inputs of one team and
	// period.
	Record fupan.History
}

// Workbook is one workbook along the pipeline.
type Workbook struct {
	Name   string // as the review and its findings name it
	Data   []byte
	SHA256 string
	// Unreadable is why the file could not be read at all (missing, not a
	// file, over the limit, empty); Review is then its one finding.
	Unreadable error
	Review     *fupan.Review
	Source     *xlsx.Source // nil where the file could not be read or outputs are not kept
}

// Read reads a workbook file (inside root where it is given) under the
// run's limit. A file that cannot be read is no error: it is a Workbook
// whose Review is its one error finding, in the language asked for, else
// lang (serve's check: the person's), else Simplified.
func (p Pipeline) Read(root *os.Root, path, name string, lang fupan.Lang) *Workbook {
	wb := &Workbook{Name: name}
	data, err := xlsx.ReadInput(root, path, p.Settings.Reader.MaxFileSize)
	if err != nil {
		wb.Unreadable = err
		wb.Review = unreadable(name, fupan.LangOf(p.Settings.Analyze.Lang, lang), err)
		return wb
	}
	return p.Bytes(name, data)
}

// Bytes is Read for a workbook already in memory.
func (p Pipeline) Bytes(name string, data []byte) *Workbook {
	sum := sha256.Sum256(data)
	return &Workbook{Name: name, Data: data, SHA256: hex.EncodeToString(sum[:])}
}

// unreadable is the review of a file that could not be read: its finding
// is the file error's, else file-unreadable with the error's text.
func unreadable(name string, lang fupan.Lang, err error) *fupan.Review {
	var fe *xlsx.FileError
	if errors.As(err, &fe) {
		return fupan.Unreadable(name, lang, fe.Finding(lang))
	}
	return fupan.Unreadable(name, lang, fupan.FileFinding(lang, name, fupan.CodeFileUnreadable, err.Error()))
}

// Analyse reads the workbook's tables and judges them (a workbook read
// already unreadable is left as it is). The error is fupan's own (a panic)
// or ctx's, never the workbook's.
func (p Pipeline) Analyse(ctx context.Context, wb *Workbook) error {
	if wb.Review != nil {
		return nil
	}
	rv, src, err := load(ctx, p.Settings, wb.Name, wb.Data, p.Outputs)
	if err != nil {
		return err
	}
	wb.Review, wb.Source = rv, src
	return nil
}

// CompareStep sets the review against its team's history where the
// pipeline has one. run and report compare a review without errors only
// (one with errors gets no report); validate and inspect show every review
// as compared: all is true.
func (p Pipeline) CompareStep(ctx context.Context, wb *Workbook, all bool) error {
	if p.Compare == nil || wb.Review == nil {
		return nil
	}
	if !all && wb.Review.HasErrors() {
		return nil
	}
	return CompareWithHistory(ctx, p.Compare, p.Identity, wb.Review)
}

// Review is read, analyse and compare of one file, for the commands that
// show a review rather than write it: inspect, validate, next and serve's
// check.
func (p Pipeline) Review(ctx context.Context, path, name string) (*fupan.Review, error) {
	wb := p.Read(nil, path, name, "")
	if err := p.Analyse(ctx, wb); err != nil {
		return nil, err
	}
	if err := p.CompareStep(ctx, wb, true); err != nil {
		return nil, err
	}
	return wb.Review, nil
}

// Write writes the reviewed workbook and the PDF as base+".reviewed"+ext
// and base+".pdf" (see Report), synced each where sync is set.
func (p Pipeline) Write(ctx context.Context, wb *Workbook, base, ext string, sync bool) (Outputs, error) {
	return report(ctx, p.Settings, wb.Review, wb.Source, base, ext, sync)
}

// RecordStep keeps a single workbook's review in the pipeline's Record
// history, where it has one (report). rec says whose review it is and
// when; RecordedAt is the real clock's: --as-of judges, the record is true.
func (p Pipeline) RecordStep(ctx context.Context, wb *Workbook, rec fupan.Recording) error {
	if p.Record == nil {
		return nil
	}
	rec.Review, rec.TeamKey, rec.SHA256, rec.MetricKey = wb.Review, p.Identity.TeamKey(wb.Review.Meta.Team), wb.SHA256, p.Identity.MetricKey
	if rec.Output != "" {
		rec.Output, _ = filepath.Abs(rec.Output)
	}
	if rec.Input != "" {
		rec.Input, _ = filepath.Abs(rec.Input)
	}
	return p.Record.Record(ctx, rec)
}
