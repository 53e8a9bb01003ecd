#!/usr/bin/env bash
# Browser tests: build the site into a temporary folder, then check it in
# headless Debian Chromium (see run.js). Called by .ci/run; runs on its own too:
#   bash tests/browser/run.sh
set -euo pipefail
# gongkai speaks English here: the script reads its output.
export GONGKAI_LANG=en

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

# Debian's Chromium, and CJK fonts so Chinese pages lay out as readers see them.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -d /usr/share/fonts/opentype/noto ] || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "browser tests: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "browser tests: ${missing[*]} missing and this is not root;" >&2
    echo "  install first: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "browser tests: node and npm are needed (Node 18 or later)" >&2
  exit 1
fi

(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

(cd "$repo" && cargo run --release -q -- build --root "$repo" --output "$tmp/public")

node "$here/run.js" "$tmp/public"
