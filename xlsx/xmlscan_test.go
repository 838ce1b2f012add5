package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
)

// tokens lists a document's elements, attributes and text as encoding/xml
// reads them with RawToken, names by their local part; ok is false where
// encoding/xml refuses the document.
func stdTokens(data []byte) (out []string, ok bool) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var text strings.Builder
	flush := func() {
		if text.Len() > 0 {
			out = append(out, "text "+text.String())
			text.Reset()
		}
	}
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			flush()
			return out, true
		}
		if err != nil {
			return nil, false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			flush()
			s := "start " + t.Name.Local
			for _, a := range t.Attr {
				s += fmt.Sprintf(" %s=%q", a.Name.Local, a.Value)
			}
			out = append(out, s)
		case xml.EndElement:
			flush()
			out = append(out, "end "+t.Name.Local)
		case xml.CharData:
			text.Write(t)
		case xml.Directive:
			return nil, false // fupan's scanner refuses them: no workbook has one
		}
	}
}

// scanTokens is the same list by fupan's scanner.
func scanTokens(data []byte) (out []string, err error) {
	s := newScanner(data)
	var text []byte
	flush := func() {
		if len(text) > 0 {
			out = append(out, "text "+string(text))
			text = text[:0]
		}
	}
	for {
		if err := s.next(); err != nil {
			return nil, err
		}
		switch s.kind {
		case tokEOF:
			flush()
			return out, nil
		case tokStart:
			flush()
			line := "start " + string(s.name)
			for _, a := range s.attrs {
				line += fmt.Sprintf(" %s=%q", a.name, a.text())
			}
			out = append(out, line)
			if s.selfClosing {
				out = append(out, "end "+string(s.name))
			}
		case tokEnd:
			flush()
			out = append(out, "end "+string(s.name))
		case tokText:
			if text, err = s.appendText(text); err != nil {
				return nil, err
			}
		}
	}
}

var scannerCases = []string{
	`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<worksheet xmlns="m"><sheetData><row r="1"><c r="A1" s="3" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t xml:space="preserve"> a &amp; b </t></is></c></row></sheetData></worksheet>`,
	`<x:c x:r='A1'   s = "2" ><x:v>1.5</x:v></x:c>`,
	"<t>line\r\nnext\rlast &#x4E2D;&#25991; &lt;&gt;&quot;&apos;</t>",
	`<a><![CDATA[<not a tag> & ]]>after</a>`,
	`<a><!-- a comment <b> --><b/></a>`,
	`<a attr="&lt;&#65;"/>`,
	`<a>`,
	`</a>`,
	`text only`,
	``,
}

// The scanner reads what encoding/xml reads, token for token, for the real
// parts of the samples and hand-written cases.
func TestScannerMatchesEncodingXML(t *testing.T) {
	cases := append([]string{}, scannerCases...)
	for _, p := range []string{"../samples/華東銷售部_2025Q3.xlsx", "testdata/libreoffice/華東銷售部_2025Q3.xlsx"} {
		zr, err := zip.OpenReader(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			_ = rc.Close()
			cases = append(cases, string(b))
		}
		_ = zr.Close()
	}
	for i, c := range cases {
		want, ok := stdTokens([]byte(c))
		if !ok {
			t.Fatalf("case %d: encoding/xml refuses it", i)
		}
		got, err := scanTokens([]byte(c))
		if err != nil {
			t.Errorf("case %d: %v", i, err)
			continue
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("case %d:\n got %q\nwant %q", i, got, want)
		}
	}
	for _, bad := range []string{`<a b="1>`, `<!DOCTYPE x><a/>`, `<a>&bogus;</a>`, `<a>&#x110000;</a>`, `<?xml version="1.0" encoding="UTF-16"?><a/>`, `<a b=1/>`, `<`} {
		if _, err := scanTokens([]byte(bad)); err == nil {
			t.Errorf("%q read without an error", bad)
		}
	}
}

// FuzzScanner: wherever encoding/xml reads a document, the scanner reads the
// same tokens; elsewhere it may refuse, but never panics.
func FuzzScanner(f *testing.F) {
	for _, c := range scannerCases {
		f.Add([]byte(c))
	}
	if b, err := os.ReadFile("../samples/华东销售部_2025Q3.xlsx"); err == nil {
		f.Add(b[:min(len(b), 2000)])
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := scanTokens(data)
		want, ok := stdTokens(data)
		if !ok {
			return
		}
		if err != nil {
			t.Fatalf("encoding/xml reads %q, the scanner says %v", data, err)
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("%q:\n got %q\nwant %q", data, got, want)
		}
	})
}
