#!/usr/bin/env bash
# Builds the release twice, the second time from an empty build cache, and fails unless the two
# SHA256SUMS are identical: the release is reproducible.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${VERSION:?set VERSION (make release-check does)}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The second build with an empty cache of its own, so it compiles everything
# again rather than reusing the first's objects.
OUT="$tmp/dist1" ./scripts/release.sh >/dev/null
GOCACHE="$tmp/cache" OUT="$tmp/dist2" ./scripts/release.sh >/dev/null
if ! diff "$tmp/dist1/SHA256SUMS" "$tmp/dist2/SHA256SUMS"; then
  echo "release-check: the two builds differ" >&2
  exit 1
fi
echo "release-check: two builds, the second from an empty cache, identical:"
cat "$tmp/dist1/SHA256SUMS"
