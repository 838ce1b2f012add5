#!/bin/sh
# On removal (not on upgrade) the services and timers stop.
set -e
case "$1" in
  remove|purge|0) ;;
  *) exit 0 ;;
esac
if [ -d /run/systemd/system ]; then
  for u in fupan-watch.service fupan-serve.service fupan-run.timer fupan-remind.timer fupan-backup.timer; do
    systemctl disable --now "$u" >/dev/null 2>&1 || true
  done
fi
