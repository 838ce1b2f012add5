package pdf

import "testing"

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
