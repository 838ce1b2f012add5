//go:build fupanimage

// Command image writes fupan's OCI image from scratch as a tarball that
// docker load and podman load read, without a container engine:
//
//	go run -modfile=packaging/tools.mod -tags fupanimage ./packaging/image \
//	  -bin dist/build/…/fupan -version 1.4.0 -arch amd64 -o dist/1.4.0/fupan_1.4.0_linux_amd64.image.tar
//
// The image holds the static binary (its CJK font and time zones inside),
// /etc/passwd and /etc/group with a non-root user, a /tmp and the CA
// certificates of the build machine; entrypoint fupan, user 65532.
// The build tag keeps it, and go-containerregistry, out of fupan's go.mod.
package main

import (
	"archive/tar"
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

func main() {
	bin := flag.String("bin", "", "the linux fupan binary")
	version := flag.String("version", "dev", "the image's tag")
	arch := flag.String("arch", "amd64", "amd64 or arm64")
	out := flag.String("o", "", "the tarball to write")
	flag.Parse()
	if err := write(*bin, *version, *arch, *out); err != nil {
		fmt.Fprintln(os.Stderr, "image:", err)
		os.Exit(1)
	}
}

func write(bin, version, arch, out string) error {
	exe, err := os.ReadFile(bin)
	if err != nil {
		return err
	}
	// The commit's time where the release gives it: the same commit, the same image.
	when := time.Unix(0, 0).UTC()
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		var sec int64
		if _, err := fmt.Sscan(s, &sec); err == nil {
			when = time.Unix(sec, 0).UTC()
		}
	}
	files := []entry{
		{name: "etc/", mode: 0o755, dir: true},
		{name: "etc/passwd", mode: 0o644, data: []byte("fupan:x:65532:65532:fupan:/nonexistent:/sbin/nologin\n")},
		{name: "etc/group", mode: 0o644, data: []byte("fupan:x:65532:\n")},
		{name: "tmp/", mode: 0o1777, dir: true},
		{name: "usr/", mode: 0o755, dir: true},
		{name: "usr/bin/", mode: 0o755, dir: true},
		{name: "usr/bin/fupan", mode: 0o755, data: exe},
	}
	// SMTP over TLS and the robots' HTTPS need the roots.
	if ca, err := os.ReadFile("/etc/ssl/certs/ca-certificates.crt"); err == nil {
		files = append(files, entry{name: "etc/ssl/", mode: 0o755, dir: true}, entry{name: "etc/ssl/certs/", mode: 0o755, dir: true},
			entry{name: "etc/ssl/certs/ca-certificates.crt", mode: 0o644, data: ca})
	}
	layerTar, err := tarOf(files, when)
	if err != nil {
		return err
	}
	layer, err := tarball.LayerFromOpener(func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(layerTar)), nil })
	if err != nil {
		return err
	}
	img, err := mutate.AppendLayers(empty.Image, layer)
	if err != nil {
		return err
	}
	cf, err := img.ConfigFile()
	if err != nil {
		return err
	}
	cf = cf.DeepCopy()
	cf.OS, cf.Architecture, cf.Created = "linux", arch, v1.Time{Time: when}
	cf.Config.Entrypoint = []string{"/usr/bin/fupan"}
	cf.Config.Cmd = []string{"--help"}
	cf.Config.User = "65532:65532"
	cf.Config.WorkingDir = "/tmp"
	cf.Config.Labels = map[string]string{"org.opencontainers.image.title": "fupan", "org.opencontainers.image.version": version}
	if img, err = mutate.ConfigFile(img, cf); err != nil {
		return err
	}
	// A tag has no ~ or + (0.0.0~ci, 1.4.0+deb).
	tag, err := name.NewTag("fupan:" + strings.NewReplacer("~", "-", "+", "-").Replace(version))
	if err != nil {
		return err
	}
	return tarball.WriteToFile(out, tag, img)
}

type entry struct {
	name string
	mode int64
	dir  bool
	data []byte
}

func tarOf(files []entry, when time.Time) ([]byte, error) {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, f := range files {
		h := &tar.Header{Name: f.name, Mode: f.mode, ModTime: when, Typeflag: tar.TypeReg, Size: int64(len(f.data)), Format: tar.FormatPAX}
		if f.dir {
			h.Typeflag, h.Size = tar.TypeDir, 0
		}
		if err := tw.WriteHeader(h); err != nil {
			return nil, err
		}
		if _, err := tw.Write(f.data); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
