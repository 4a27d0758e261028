#!/usr/bin/env bash
# Installs the amd64 .deb of dist/ (make release) with dpkg -i, checks that
# pidtop -V runs and man finds its page, and removes the package again. It
# needs root, and refuses to run over a pidtop package already installed.
set -euo pipefail
cd "$(dirname "$0")/.."
arch=$(dpkg --print-architecture)
debs=(dist/pidtop_*_"$arch".deb)
[[ -f ${debs[0]} ]] || { echo "deb-check: no dist/pidtop_*_$arch.deb: run make release" >&2; exit 1; }
[[ $(id -u) == 0 ]] || { echo "deb-check: dpkg -i needs root" >&2; exit 1; }
if dpkg -s pidtop >/dev/null 2>&1; then
  echo "deb-check: a pidtop package is installed already; not touching it" >&2
  exit 1
fi
trap 'dpkg -r pidtop >/dev/null' EXIT
dpkg -i "${debs[0]}" >/dev/null
/usr/bin/pidtop -V
man -w pidtop
/usr/bin/pidtop --csv -n 1 -p 1 -o pid,name
echo "deb-check: ${debs[0]} installs and runs"
