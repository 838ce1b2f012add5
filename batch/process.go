package batch

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/pdf"
	"github.com/fupan-review/fupan/xlsx"
)

// Settings are what every workbook of a run is processed with.
type Settings struct {
	Reader  xlsx.Options
	Analyze fupan.Options // its Now is the run's one "now": --as-of, else the clock
	Font    pdf.Font
}

// Load reads and analyses one workbook held in memory. A file that cannot be
// read becomes a review with its one error finding. A panic inside is a bug in
// fupan: it becomes an error, so one workbook never takes the others down.
func Load(ctx context.Context, s Settings, name string, data []byte) (*fupan.Review, error) {
	rv, _, err := load(ctx, s, name, data, false)
	return rv, err
}

// LoadSource is Load for a workbook whose outputs will be written: it also
// returns what Report writes them from (nil where the file could not be read).
func LoadSource(ctx context.Context, s Settings, name string, data []byte) (*fupan.Review, *xlsx.Source, error) {
	return load(ctx, s, name, data, true)
}

func load(ctx context.Context, s Settings, name string, data []byte, keep bool) (rv *fupan.Review, src *xlsx.Source, err error) {
	defer func() {
		if r := recover(); r != nil {
			rv, src, err = nil, nil, fmt.Errorf("internal error in fupan reading %s: %v\n%s", filepath.Base(name), r, debug.Stack())
		}
	}()
	r := xlsx.NewReader(s.Reader)
	var wb *fupan.Workbook
	if keep {
		wb, src, err = r.ReadSource(ctx, name, data)
	} else {
		wb, err = r.ReadBytes(ctx, name, data)
	}
	if err != nil {
		var fe *xlsx.FileError
		if !errors.As(err, &fe) {
			return nil, nil, err
		}
		return unreadable(filepath.Base(name), fupan.LangOf(s.Analyze.Lang), err), nil, nil
	}
	// Stopped between reading and judging: the analysis of a big workbook
	// takes seconds, which a stopping run does not wait for.
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	return fupan.Analyze(wb, s.Analyze), src, nil
}

// Report writes a review's reviewed workbook and PDF as base+".reviewed"+ext
// (ext is the input's: a macro workbook stays .xlsm) and base+".pdf", each
// through a temporary file renamed into place. src is the reviewed
// workbook as LoadSource returned it.
func Report(ctx context.Context, s Settings, rv *fupan.Review, src *xlsx.Source, base, ext string) (Outputs, error) {
	return report(ctx, s, rv, src, base, ext, true)
}

// report writes the outputs, each synced to disk when sync is set.
func report(ctx context.Context, s Settings, rv *fupan.Review, src *xlsx.Source, base, ext string, sync bool) (Outputs, error) {
	if src == nil {
		return Outputs{}, fmt.Errorf("%s: the workbook could not be read: no outputs", rv.File)
	}
	if err := os.MkdirAll(filepath.Dir(base), 0o755); err != nil {
		return Outputs{}, err
	}
	if !strings.EqualFold(ext, ".xlsm") {
		ext = ".xlsx"
	}
	out := Outputs{Reviewed: base + ".reviewed" + strings.ToLower(ext), PDF: base + ".pdf"}
	err := writeAtomic(out.Reviewed, sync, func(f *os.File) error {
		return src.WriteReviewed(ctx, f, rv, xlsx.ReviewedOptions{Now: s.Analyze.Now, Lang: s.Analyze.Lang})
	})
	if err != nil {
		return Outputs{}, err
	}
	err = writeAtomic(out.PDF, sync, func(f *os.File) error {
		return pdf.WriteReport(f, rv, pdf.Options{Font: s.Font, Lang: s.Analyze.Lang, Now: s.Analyze.Now})
	})
	if err != nil {
		// A reviewed copy without its report would be taken for a finished one.
		_ = os.Remove(out.Reviewed)
		return Outputs{}, err
	}
	return out, nil
}

// failReason sums up a review's errors for summary.json and the overview,
// in the workbook's language.
func failReason(rv *fupan.Review) string { return failReasonIn(failErrors(rv), rv.Summary.Errors, "") }

// failErrors are the first three error findings of a review: what a reason
// names.
func failErrors(rv *fupan.Review) []fupan.Finding {
	var out []fupan.Finding
	for _, f := range rv.Findings {
		if f.Severity == fupan.SevError {
			out = append(out, f)
			if len(out) == 3 {
				break
			}
		}
	}
	return out
}

// failReasonIn words the errors in a language ("" for each finding's own),
// with how many more there are of all.
func failReasonIn(errs []fupan.Finding, all int, l fupan.Lang) string {
	var parts []string
	for _, f := range errs {
		if l != "" {
			f = f.In(l)
		}
		where := f.Ref.String()
		if where != "" {
			where += ": "
		}
		parts = append(parts, where+f.Message())
	}
	if n := all - len(parts); n > 0 {
		parts = append(parts, fmt.Sprintf("+%d", n))
	}
	return strings.Join(parts, "; ")
}
