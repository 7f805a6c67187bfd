#!/usr/bin/env bash
# Renders the realistic alert and digest (tests/Snapshots.Tests/Notifications/RealisticEmails.cs) with the real templates
# and screenshots them with headless Chromium into docs/alert.png and docs/digest.png.
# Needs Debian's chromium (apt-get install -y chromium); it is only for these docs, never for the tests.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
browser="$(command -v chromium || command -v chromium-browser || true)"
[ -n "$browser" ] || { echo "chromium not found: apt-get install -y chromium" >&2; exit 1; }

SNAPSHOTS_EMAIL_SAMPLES="$out" dotnet test "$root/tests/Snapshots.Tests" --filter "FullyQualifiedName~RealisticEmails" --nologo -v q >/dev/null

shoot() { # name width height
  "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --hide-scrollbars --user-data-dir="$(mktemp -d)" \
    --screenshot="$root/docs/$1.png" --window-size="$2,$3" "file://$out/$1.html" 2>/dev/null
  echo "docs/$1.png"
}
shoot alert "${ALERT_WIDTH:-800}" "${ALERT_HEIGHT:-1620}"
shoot digest "${DIGEST_WIDTH:-800}" "${DIGEST_HEIGHT:-1300}"
