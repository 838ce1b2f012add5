package xlsx

import (
	"context"
	"io"
	"time"

	"github.com/fupan-review/fupan"
)

// WriteReviewedExcelize writes the reviewed workbook through excelize, the
// writer for packages the direct writer does not handle, so that tests hold
// both to the same checks.
func WriteReviewedExcelize(ctx context.Context, w io.Writer, data []byte, rv *fupan.Review, now time.Time) error {
	src, err := openSource(data, Options{}.withDefaults(), false)
	if err != nil {
		return err
	}
	return writeReviewedExcelize(ctx, w, src, rv, rv.Meta.Lang, now)
}
