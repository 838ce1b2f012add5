// Package opencc wraps github.com/longbridgeapp/opencc: Traditional Chinese
// turned into Simplified with OpenCC's own dictionaries (phrases first, then
// characters), which the history needs to know 華東銷售部 and 华东销售部 as
// one team.
package opencc

import (
	"fmt"

	"github.com/longbridgeapp/opencc"
)

// T2S returns a converter from Traditional to Simplified Chinese. Loading
// the dictionaries takes a few milliseconds: call it once per process. The
// converter only reads them, so workers may share it.
func T2S() (func(string) string, error) {
	cc, err := opencc.New("t2s")
	if err != nil {
		return nil, fmt.Errorf("loading the OpenCC t2s dictionaries: %w", err)
	}
	return func(s string) string {
		out, err := cc.Convert(s)
		if err != nil {
			// The dictionaries are embedded and were read at load: a failure
			// here would be a bug of the library. The text stays as written.
			return s
		}
		return out
	}, nil
}
