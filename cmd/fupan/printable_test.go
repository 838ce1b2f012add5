package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"华东销售部_2025Q3.xlsx":   "华东销售部_2025Q3.xlsx",
		"a\nb.xlsx":           `a\nb.xlsx`,
		"\x1b[31mred\x1b[0m":  `\x1b[31mred\x1b[0m`,
		"csi\u009b2J":         `csi\u009b2J`,
		"gbk\xb6\xab.xlsx":    `gbk\xb6\xab.xlsx`,
		"tab\there 「引号」 café": `tab\there 「引号」 café`,
		"报告\u202exslx.exe":    `报告\u202exslx.exe`,
		"a\u2066b\u200fc":     `a\u2066b\u200fc`,
	} {
		if got := printable(in); got != want {
			t.Errorf("printable(%q) = %q, want %q", in, got, want)
		}
	}
}

// printableWriter keeps line breaks, escapes the rest, and waits for a
// character cut between two writes.
func TestPrintableWriter(t *testing.T) {
	var b strings.Builder
	w := &printableWriter{w: &b}
	text := "== 华南\x1b]0;x\x07 · 行动\n- \u202e到期\n\xff"
	for i := 0; i < len(text); i += 2 { // every character cut somewhere
		if _, err := w.Write([]byte(text[i:min(i+2, len(text))])); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if want := "== 华南\\x1b]0;x\\a · 行动\n- \\u202e到期\n\\xff"; b.String() != want {
		t.Errorf("wrote %q, want %q", b.String(), want)
	}
}

// A file name with an escape sequence is printed escaped, not acted on.
func TestValidatePrintsNamesEscaped(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "\x1b]0;pwned\x07\x1b[2J华东_2025Q3.xlsx")
	b, err := os.ReadFile("../../samples/华东销售部_2025Q3.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, _ := runCLI(t, "validate", name)
	if strings.ContainsAny(out, "\x1b\x07") || !strings.Contains(out, `\x1b]0;pwned\a\x1b[2J华东_2025Q3.xlsx`) {
		t.Errorf("output %q", out)
	}
}
