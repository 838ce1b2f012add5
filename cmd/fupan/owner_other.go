//go:build !unix && !windows

package main

import "os"

// systemConfig is the operator's configuration when --config is not given.
const systemConfig = "fupan.yaml"

// onlyOperatorWrites: where there are neither Unix owners nor Windows ACLs
// (plan9, wasm), nothing can be read of who may write.
func onlyOperatorWrites(string, os.FileInfo) error { return nil }
