package mail

import (
	"html"
	"strings"

	"github.com/fupan-review/fupan/catalog"
)

// The default mail's layout; its words are the catalogue's, each put in
// where its key stands between « and » (html-escaped in the HTML part). The sentences that carry the
// figures are templates themselves: word order differs by language.
const (
	defaultBody = `«mail.greeting»

«mail.attached»
«mail.counts»
{{range .Teams}}
  «mail.team»{{end}}
{{range .Failures}}
«mail.failure»{{end}}{{range .NotHandedIn}}
«mail.not-handed-in»{{end}}
{{if .Missing}}
«mail.missing»{{range .Missing}}
  {{.}}{{end}}
{{end}}
—— fupan
`
	defaultHTML = `<!DOCTYPE html>
<html lang="«lang»"><head><meta charset="utf-8"></head>
<body style="font-family: «font»; color:#212529">
<p>«mail.greeting»</p>
<p>«mail.summary»</p>
<table cellpadding="6" cellspacing="0" style="border-collapse:collapse; border:1px solid #ced4da">
<tr style="background:#2f5597; color:#fff"><th align="left">«team»</th><th>«metrics.met»</th><th>«mean.achievement»</th><th align="left">«attention»</th></tr>
{{range .Teams}}<tr style="border-top:1px solid #ced4da"><td>{{.Team}}</td><td align="center">{{.MetricsMet}}</td><td align="center">{{.MeanAchievementCapped}}</td><td>{{range .Attention}}• {{.}}<br>{{else}}—{{end}}</td></tr>
{{end}}</table>
{{if .Failures}}<p><b>«overview.failed»</b></p><ul>{{range .Failures}}<li>«mail.failure»</li>{{end}}</ul>{{end}}
{{if .NotHandedIn}}<ul>{{range .NotHandedIn}}<li>«mail.not-handed-in»</li>{{end}}</ul>{{end}}
{{if .Missing}}<p>«mail.missing»{{range .Missing}}<br>{{.}}{{end}}</p>{{end}}
<p style="color:#6c757d">—— fupan</p>
</body></html>`
)

// htmlFonts are the fonts the HTML part asks for, by script.
var htmlFonts = map[catalog.Lang]string{
	catalog.Simplified:  "'PingFang SC','Microsoft YaHei',sans-serif",
	catalog.Traditional: "'PingFang TC','Microsoft JhengHei',sans-serif",
	catalog.English:     "'Helvetica Neue',Arial,sans-serif",
}

// defaults are the default subject, body and HTML body in the language.
func defaults(l catalog.Lang) (subject, body, htmlBody string) {
	fill := func(layout string, escape func(string) string) string {
		var b strings.Builder
		for {
			i := strings.Index(layout, "«")
			if i < 0 {
				break
			}
			j := strings.Index(layout[i:], "»")
			key := layout[i+len("«") : i+j]
			var word string
			switch key {
			case "lang":
				word = string(l)
			case "font":
				word = htmlFonts[l]
			default:
				word = escape(catalog.T(l, key))
			}
			b.WriteString(layout[:i])
			b.WriteString(word)
			layout = layout[i+j+len("»"):]
		}
		b.WriteString(layout)
		return b.String()
	}
	keep := func(s string) string { return s }
	// The sentences hold template actions and <b>: only the labels are escaped.
	escapeLabel := func(s string) string {
		if strings.Contains(s, "{{") {
			return s
		}
		return html.EscapeString(s)
	}
	return catalog.T(l, "mail.subject"), fill(defaultBody, keep), fill(defaultHTML, escapeLabel)
}
