#!/bin/sh
# The units are installed, not enabled: the folders in /etc/fupan/fupan.env
# and the settings come first. `fupan doctor` says what is missing.
set -e
if [ -d /run/systemd/system ]; then
  systemctl daemon-reload >/dev/null 2>&1 || true
  # An upgrade restarts what was running.
  if systemctl is-active --quiet fupan-watch.service; then systemctl try-restart fupan-watch.service || true; fi
  if systemctl is-active --quiet fupan-serve.service; then systemctl try-restart fupan-serve.service || true; fi
fi
cat <<'MSG'
fupan is installed. Next:
  1. edit /etc/fupan/fupan.env (the folders, the secrets) and /etc/fupan/fupan.yaml
  2. sudo -u fupan sh -c 'set -a; . /etc/fupan/fupan.env; fupan doctor "$FUPAN_INPUT" -o "$FUPAN_OUTPUT"'
  3. systemctl enable --now fupan-run.timer   (or fupan-watch.service; fupan-remind.timer, fupan-backup.timer)
See /usr/share/doc/fupan/install.md.
MSG
