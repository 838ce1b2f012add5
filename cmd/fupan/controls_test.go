package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fupan-review/fupan/internal/robottest"
)

// hostileTeam is a team cell that would retitle a terminal (an OSC
// sequence ended by BEL), end a C string (NUL) and turn the text after it
// right to left (U+202E).
const hostileTeam = "华南_x001B_]0;pwned_x0007_销售部_x0000_\u202e\u2066xslx.exe"

// controlIn names the first control character in s that a terminal or a
// viewer would act on, or "".
func controlIn(s string) string {
	for _, r := range s {
		switch {
		case r < 0x20 && r != '\n' && r != '\t', r == 0x7f, r >= 0x80 && r < 0xa0,
			r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f:
			return fmt.Sprintf("%U", r)
		}
	}
	return ""
}

// A team cell with an ESC sequence, a NUL and bidi overrides reaches no PDF
// metadata (Title, Subject, Keywords, outline), no file name of next, and no
// line remind --dry-run prints.
func TestControlCharactersStripped(t *testing.T) {
	root := t.TempDir()
	writePeriod(t, root, period{dir: "2025Q3", file: "华南销售部_2025Q3.xlsx", team: hostileTeam, actuals: [3]string{"1200万", "520家", "14%"}})
	runQuarter(t, root, "2025Q3")
	out := filepath.Join(root, "out", "2025Q3")

	pdfs, _ := filepath.Glob(filepath.Join(out, "*.pdf"))
	if len(pdfs) < 2 {
		t.Fatalf("the run wrote %v", pdfs)
	}
	for _, pdf := range pdfs {
		// The raw Info dictionary and outline, decoded by qpdf.
		if _, err := exec.LookPath("qpdf"); err == nil {
			b, err := exec.Command("qpdf", "--json=1", "--json-key=objects", "--json-key=outlines", pdf).Output()
			if err != nil {
				t.Fatalf("qpdf %s: %v", pdf, err)
			}
			var v struct {
				Objects  map[string]any
				Outlines []outline
			}
			if err := json.Unmarshal(b, &v); err != nil {
				t.Fatal(err)
			}
			if len(v.Outlines) == 0 {
				t.Errorf("%s: no outline", filepath.Base(pdf))
			}
			for _, title := range titles(v.Outlines) {
				if c := controlIn(title); c != "" {
					t.Errorf("%s: outline %q holds %s", filepath.Base(pdf), title, c)
				}
			}
			info := infoDict(t, v.Objects)
			if !strings.Contains(info["/Subject"]+info["/Title"], "销售部") && strings.Contains(filepath.Base(pdf), "华南") {
				t.Errorf("%s: the team is not in the metadata: %q", filepath.Base(pdf), info)
			}
			for k, s := range info {
				if c := controlIn(s); c != "" {
					t.Errorf("%s: %s %q holds %s", filepath.Base(pdf), k, s, c)
				}
			}
		}
		if _, err := exec.LookPath("pdfinfo"); err == nil {
			b, err := exec.Command("pdfinfo", pdf).Output()
			if err != nil {
				t.Fatalf("pdfinfo %s: %v", pdf, err)
			}
			if c := controlIn(string(b)); c != "" {
				t.Errorf("pdfinfo %s shows %s:\n%q", filepath.Base(pdf), c, b)
			}
		}
	}

	next := filepath.Join(root, "next")
	stdout, stderr, code := runCLI(t, "next", out, "-o", next)
	if code != 0 {
		t.Fatalf("next: exit %d\n%s", code, stderr)
	}
	if c := controlIn(stdout); c != "" {
		t.Errorf("next prints %s: %q", c, stdout)
	}
	names, _ := os.ReadDir(next)
	if len(names) != 1 {
		t.Errorf("next wrote %d files", len(names))
	}
	for _, e := range names {
		if c := controlIn(e.Name()); c != "" || !strings.HasSuffix(e.Name(), "_2025Q4.xlsx") {
			t.Errorf("next wrote %q, holding %s", e.Name(), c)
		}
	}

	srv := robottest.Start(robottest.Wall{})
	defer srv.Close()
	cfg := robotConfig(t, srv, "")
	stdout, stderr, code = runCLI(t, "remind", "--dry-run", "--history", filepath.Join(root, "out", "fupan-history.sqlite"), "--config", cfg, "--within-days", "3")
	if code != 0 {
		t.Fatalf("remind --dry-run: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "销售部") {
		t.Errorf("remind --dry-run names no team:\n%s", stdout)
	}
	if c := controlIn(stdout); c != "" {
		t.Errorf("remind --dry-run prints %s:\n%q", c, stdout)
	}
}

// infoDict is the document information dictionary of qpdf's JSON: the
// trailer's /Info, its strings decoded (JSON version 1).
func infoDict(t *testing.T, objects map[string]any) map[string]string {
	t.Helper()
	trailer, _ := objects["trailer"].(map[string]any)
	ref, _ := trailer["/Info"].(string)
	if ref == "" {
		t.Fatalf("no /Info in the trailer: %v", trailer)
	}
	dict, _ := objects[ref].(map[string]any)
	info := map[string]string{}
	for k, v := range dict {
		if s, ok := v.(string); ok {
			info[k] = s
		}
	}
	if len(info) == 0 {
		t.Fatalf("/Info %s is empty: %v", ref, dict)
	}
	return info
}

// outline is an entry of qpdf's JSON outlines.
type outline struct {
	Title string
	Kids  []outline
}

// titles are the titles of the outline entries and all under them.
func titles(os []outline) []string {
	var all []string
	for _, o := range os {
		all = append(all, o.Title)
		all = append(all, titles(o.Kids)...)
	}
	return all
}
