package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// splitFace separates a face number from a font path: "fonts.ttc:2" is face 2
// of fonts.ttc; a path without one is face 0.
func splitFace(path string) (string, int) {
	i := strings.LastIndexByte(path, ':')
	if i < 0 || !strings.HasSuffix(strings.ToLower(path[:i]), ".ttc") {
		return path, 0
	}
	n, err := strconv.Atoi(path[i+1:])
	if err != nil || n < 0 {
		return path, 0
	}
	return path[:i], n
}

// ttcFace takes face i out of a TrueType collection as a TrueType font of its
// own: its tables, which a collection's faces may share, copied into a file
// with a table directory of its own.
func ttcFace(data []byte, i int) ([]byte, error) {
	if len(data) < 12 || string(data[:4]) != "ttcf" {
		return nil, errors.New("not a TrueType collection")
	}
	n := int(be32(data, 8))
	if i >= n {
		return nil, fmt.Errorf("the collection has %d faces (0 to %d); there is no face %d", n, n-1, i)
	}
	if len(data) < 12+4*n {
		return nil, errors.New("the collection is cut short")
	}
	off := int(be32(data, 12+4*i))
	if off+12 > len(data) {
		return nil, errors.New("the collection is cut short")
	}
	switch string(data[off : off+4]) {
	case "\x00\x01\x00\x00", "true":
	case "OTTO":
		return nil, fmt.Errorf("face %d has CFF outlines (OpenType), which fupan cannot embed: use a TrueType face", i)
	default:
		return nil, fmt.Errorf("face %d is not a TrueType font", i)
	}
	tables := fontTables{}
	num := int(be16(data, off+4))
	for k := 0; k < num; k++ {
		rec := off + 12 + 16*k
		if rec+16 > len(data) {
			return nil, errors.New("the collection is cut short")
		}
		tag := string(data[rec : rec+4])
		start, length := int(be32(data, rec+8)), int(be32(data, rec+12))
		if start < 0 || length < 0 || start+length > len(data) {
			return nil, fmt.Errorf("table %q lies outside the file", tag)
		}
		tables[tag] = [][]byte{data[start : start+length]}
	}
	var b bytes.Buffer
	b.Grow(tables.size())
	tables.writeTo(&b)
	return b.Bytes(), nil
}
