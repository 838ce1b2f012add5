#!/usr/bin/env bash
# Builds a release of fupan from this checkout into dist/VERSION/:
#   fupan_VERSION_linux_amd64.tar.gz, …_linux_arm64.tar.gz, …_darwin_arm64.tar.gz,
#   …_windows_amd64.zip (fupan, README, docs/install.md, contrib/),
#   fupan_VERSION_amd64.deb / _arm64.deb and fupan-VERSION.x86_64.rpm / .aarch64.rpm (nfpm),
#   fupan_VERSION_linux_amd64.image.tar / _arm64 (an OCI image from scratch, for
#   docker load or podman load), fupan_VERSION_x64.msi (wixl, where installed), SHA256SUMS.
# Static binaries (CGO_ENABLED=0), -trimpath, the version, commit and date set
# for `fupan version`. FUPAN_TARGETS="linux/amd64" builds fewer (CI's check).
#
#   scripts/release.sh 1.4.0
set -euo pipefail
cd "$(dirname "$0")/.."

version=${1:?usage: scripts/release.sh VERSION (e.g. 1.4.0)}
version=${version#v}
case "$version" in
  *[!0-9A-Za-z.+~-]*|"") echo "release: version $version: want digits, letters, . + ~ -" >&2; exit 2 ;;
esac
targets=${FUPAN_TARGETS:-linux/amd64 linux/arm64 windows/amd64 darwin/arm64}
commit=$(git rev-parse HEAD 2>/dev/null || echo unknown)
# The commit's date, not the clock's: the same commit builds the same files.
date=$(git log -1 --format=%cI 2>/dev/null || date -u +%Y-%m-%dT%H:%M:%SZ)
export SOURCE_DATE_EPOCH=$(git log -1 --format=%ct 2>/dev/null || date +%s)
dist=dist/$version
rm -rf "$dist"
mkdir -p "$dist/build"

ldflags="-s -w -X main.version=$version -X main.commit=$commit -X main.buildDate=$date"
nfpm() { go tool -modfile=packaging/tools.mod nfpm "$@"; }

for t in $targets; do
  os=${t%/*} arch=${t#*/}
  exe=fupan; [ "$os" = windows ] && exe=fupan.exe
  name=fupan_${version}_${os}_${arch}
  dir=$dist/build/$name
  echo "== $t"
  mkdir -p "$dir/docs"
  CGO_ENABLED=0 GOOS=$os GOARCH=$arch go build -trimpath -ldflags "$ldflags" -o "$dir/$exe" ./cmd/fupan
  cp README.md "$dir/"
  cp docs/install.md "$dir/docs/"
  [ -f LICENSE ] && cp LICENSE "$dir/"
  cp -r contrib "$dir/"
  if [ "$os" = windows ]; then
    (cd "$dist/build" && zip -qr -X "../$name.zip" "$name")
  else
    tar -C "$dist/build" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" -czf "$dist/$name.tar.gz" "$name"
  fi
  if [ "$os" = linux ]; then
    # nfpm expands no variable in a file's src: the description is filled here.
    sed -e "s|\${FUPAN_ARCH}|$arch|; s|\${FUPAN_VERSION}|$version|; s|\${FUPAN_BIN}|$dir/fupan|" packaging/nfpm.yaml > "$dist/build/nfpm-$arch.yaml"
    for fmt in deb rpm; do
      nfpm package -f "$dist/build/nfpm-$arch.yaml" -p "$fmt" -t "$dist/" >/dev/null
    done
    # The OCI image from scratch, as a tarball for docker load / podman load.
    go run -modfile=packaging/tools.mod -tags fupanimage ./packaging/image \
      -bin "$dir/fupan" -version "$version" -arch "$arch" -o "$dist/fupan_${version}_linux_${arch}.image.tar"
  fi
  if [ "$os" = windows ] && command -v wixl >/dev/null; then
    wixl -a x64 -D Version="$version" -D SourceDir="$dir" -o "$dist/fupan_${version}_x64.msi" packaging/fupan.wxs
  fi
done

rm -rf "$dist/build"
(cd "$dist" && sha256sum -- * > SHA256SUMS)
echo "== $dist"
ls -l "$dist"
