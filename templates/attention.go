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
		switch {
		case a.From != "" && a.Kind == fupan.AttnFollowOverdue:
			// An action of the register, with its age.
			out = append(out, catalog.F(l, "attn.followup-aged", a.Subject, FollowAge(l, a.Due, a.From, asOf)))
			continue
		case a.From != "" && a.Kind == fupan.AttnFollowUnknown:
			out = append(out, catalog.F(l, "attn.followup-unknown-aged", a.Subject, a.From))
			continue
		}
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
