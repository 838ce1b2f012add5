#!/bin/sh
# The fupan system user, before the files that belong to it are unpacked.
set -e
if ! getent group fupan >/dev/null; then
  groupadd --system fupan
fi
if ! getent passwd fupan >/dev/null; then
  useradd --system --gid fupan --home-dir /var/lib/fupan --no-create-home \
    --shell /usr/sbin/nologin --comment "fupan strategy review batch" fupan
fi
