#!/usr/bin/env bash
# Debian packages the test suite needs: chromium for browser tests, CJK and emoji fonts so Chinese
# text and emoji render in screenshots (Noto, the fonts most Linux desktops and Android phones
# have: the phone layout tests must fit with them, not only with a narrow fallback font), gettext
# to extract UI strings. Installs only what is missing; needs root (or sudo) the first time.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -i "wenquanyi" >/dev/null || need+=(fonts-wqy-zenhei)
fc-list 2>/dev/null | grep -i "noto sans cjk" >/dev/null || need+=(fonts-noto-cjk)
fc-list 2>/dev/null | grep -i "noto color emoji" >/dev/null || need+=(fonts-noto-color-emoji)
command -v xgettext >/dev/null || need+=(gettext)  # the test that every UI string has zh-Hans
command -v docker-compose >/dev/null || need+=(docker-compose)  # validates deploy/docker-compose.yml
# `--bench` (make bench-deps): the HTTP load generator of bench/feeds_load.py as well.
if [ "${1:-}" = "--bench" ]; then
  command -v wrk >/dev/null || need+=(wrk)
fi
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing Debian packages: ${need[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
