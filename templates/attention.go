package templates

import (
	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
)

// AttentionTexts are what needs a decision in a review as of a day, worded
// in the language, for the report's page 1 and the mail.
func AttentionTexts(rv *fupan.Review, l fupan.Lang, asOf fupan.Date) []string {
	var out []string
	for _, a := range fupan.NeedsAttention(rv, asOf) {
		switch a.Kind {
		case fupan.AttnBlamesPerson:
			out = append(out, a.Subject) // the finding's own message
		case fupan.AttnActionOverdue, fupan.AttnFollowOverdue:
			out = append(out, catalog.F(l, "attn."+a.Kind, a.Subject, a.Due))
		default:
			out = append(out, catalog.F(l, "attn."+a.Kind, a.Subject))
		}
	}
	return out
}

// FollowStatus is a follow-up's status for a reader: fupan's word, and the
// team's own where fupan does not know it or it carries a part (看情况,
// 完成80%), so that a report never shows a word the team did not mean.
func FollowStatus(f fupan.FollowUp, l fupan.Lang) string {
	label := catalog.T(l, "follow."+f.Status)
	switch f.StatusRead.State {
	case fupan.ProgressUnknown, fupan.ProgressPartly:
		if f.StatusRead.Words != label {
			label += catalog.T(l, "paren.open") + f.StatusRead.Words + catalog.T(l, "paren.close")
		}
	}
	return label
}
