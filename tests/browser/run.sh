#!/usr/bin/env bash
# Browser tests: build the site into a temporary folder, then check it in
# headless Debian Chromium (see run.js). Called by .ci/run; runs on its own too:
#   bash tests/browser/run.sh
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "browser tests: installing Debian's chromium"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "browser tests: /usr/bin/chromium is missing and this is not root;" >&2
    echo "  install it first: sudo apt-get update && sudo apt-get install -y chromium" >&2
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
