package pdf

import (
	"bytes"
	"testing"
)

func TestWriteNum(t *testing.T) {
	for _, tc := range []struct {
		in   float64
		want string
	}{
		{0, "0"}, {1, "1"}, {1.5, "1.5"}, {-2.25, "-2.25"}, {841.89, "841.89"},
		{0.0004, "0"}, {-0.0004, "0"}, {0.1235, "0.124"}, {-0.001, "-0.001"},
		{12345.6789, "12345.679"}, {0.05, "0.05"}, {2.834645669, "2.835"},
	} {
		var b bytes.Buffer
		writeNum(&b, tc.in)
		if b.String() != tc.want {
			t.Errorf("writeNum(%v) = %q, want %q", tc.in, b.String(), tc.want)
		}
	}
}

func TestPDFText(t *testing.T) {
	for in, want := range map[string]string{
		"":      "<FEFF>",
		"A":     "<FEFF0041>",
		"復盤":    "<FEFF5FA976E4>",
		"😀":     "<FEFFD83DDE00>",
		"a · b": "<FEFF0061002000B700200062>",
	} {
		if got := pdfText(in); got != want {
			t.Errorf("pdfText(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestChecksum(t *testing.T) {
	for _, tc := range []struct {
		in   []byte
		want uint32
	}{
		{nil, 0},
		{[]byte{0, 0, 0, 1}, 1},
		{[]byte{0, 0, 0, 1, 0x80}, 0x80000001},
		{[]byte{0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 2}, 1}, // wraps around
	} {
		if got := checksum(tc.in); got != tc.want {
			t.Errorf("checksum(% x) = %#x, want %#x", tc.in, got, tc.want)
		}
	}
}
