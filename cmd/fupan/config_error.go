package main

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// unknownField is yaml's word for a key fileConfig does not have.
var unknownField = regexp.MustCompile(`^line (\d+): field (.+) not found in type (\S+)$`)

// readableConfigError tells a config's unknown keys in the operator's terms
// — the line, the key, the keys there are — where yaml names Go's types
// (main.fileConfig) on lines of their own.
func readableConfigError(err error) error {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return err
	}
	keys := configKeys()
	parts := make([]string, 0, len(te.Errors))
	for _, e := range te.Errors {
		m := unknownField.FindStringSubmatch(e)
		if m == nil {
			parts = append(parts, e)
			continue
		}
		s := fmt.Sprintf("line %s: unknown key %q", m[1], m[2])
		if k := keys[m[3]]; len(k) > 0 {
			s += " (the keys there are " + strings.Join(k, ", ") + ")"
		}
		parts = append(parts, s)
	}
	return fmt.Errorf("%s: %w", strings.Join(parts, "; "), errConfigUnreadable)
}

// errConfigUnreadable is what readableConfigError's errors are.
var errConfigUnreadable = errors.New("correct the config (the settings are in the README and fupan help)")

// configKeys is, for fileConfig and each struct within it, named as yaml
// names them, the keys it takes.
func configKeys() map[string][]string {
	out := map[string][]string{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || out[t.String()] != nil {
			return
		}
		out[t.String()] = []string{}
		var keys []string
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			switch {
			case name == "-":
				continue
			case strings.Contains(opts, "inline"):
				walk(f.Type)
				keys = append(keys, out[f.Type.String()]...)
				continue
			case name == "":
				name = strings.ToLower(f.Name)
			}
			keys = append(keys, name)
			walk(f.Type)
		}
		sort.Strings(keys)
		out[t.String()] = keys
	}
	walk(reflect.TypeOf(fileConfig{}))
	return out
}
