#!/usr/bin/env bash
# Load and attack test of `gongkai serve`, bounded and on loopback only:
#   1,000 concurrent connections for 30 s (wrk) on existing pages while content files change
#   underneath; then path traversal, very long URLs and malformed requests.
# Passes when: the server never dies, no existing page answers with an error, its memory at the
# end is within 50% of its memory after warm-up, and every attack gets a 4xx with nothing from
# outside the site. Usage: bash tests/load/run.sh   (needs wrk and curl: apt-get install wrk curl)
set -euo pipefail
# gongkai speaks English here: the script reads its output.
export GONGKAI_LANG=en
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
duration="${DURATION:-30}"
connections="${CONNECTIONS:-1000}"
ulimit -n 65536 2>/dev/null || ulimit -n 8192 || true

if ! command -v wrk >/dev/null || ! command -v curl >/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk curl >/dev/null
  else
    echo "wrk and curl are needed: apt-get install -y wrk curl" >&2; exit 1
  fi
fi
(cd "$repo" && cargo build --release -q)
site="$(mktemp -d)"
trap 'kill $server 2>/dev/null || true; kill $editor 2>/dev/null || true; rm -rf "$site"' EXIT
cp -r "$repo/content" "$site/"
port=$((20000 + RANDOM % 20000))
"$repo/target/release/gongkai" serve --root "$site" --port "$port" > "$site/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done
url="http://127.0.0.1:$port"
rss() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }

# Files change underneath: a commentary edit and a data edit, alternately, every 0.5 s.
(
  n=0
  while true; do
    n=$((n + 1))
    printf '\n负载测试修改 %s\n' "$n" >> "$site/content/regions/yuncheng/index.zh.md"
    if [ $((n % 2)) -eq 0 ]; then
      sed -i "s/2024: \([0-9.]*\)}/2024: \1}/" "$site/content/regions/yaan/data.yaml"
      touch "$site/content/regions/yaan/data.yaml"
    fi
    sleep 0.5
  done
) &
editor=$!

# Warm up under the same load and edits (connection buffers, allocator arenas and the rebuild
# threads reach their working size), then note the memory and run the measured period.
wrk -t2 -c"$connections" -d10s --timeout 10s -s "$here/paths.lua" "$url" >/dev/null
rss_start=$(rss)
: > "$site/rss_samples"
( while kill -0 $server 2>/dev/null; do rss >> "$site/rss_samples"; sleep 1; done ) &
sampler=$!
report="$(wrk -t2 -c"$connections" -d"${duration}s" --timeout 10s -s "$here/paths.lua" "$url")"
kill $sampler 2>/dev/null || true
kill $editor 2>/dev/null || true
echo "$report"
sleep 1
kill -0 $server || { echo "FAIL: the server died"; tail -20 "$site/serve.log"; exit 1; }
rss_end=$(rss)
rebuilds=$(grep -c "re-rendered\|built" "$site/serve.log" || true)
rss_peak=$(sort -n "$site/rss_samples" | tail -1)
echo "memory: ${rss_start} kB after warm-up, peak ${rss_peak} kB, ${rss_end} kB at the end; rebuilds while serving: ${rebuilds}"

fail=0
if echo "$report" | grep -q "Non-2xx or 3xx responses"; then echo "FAIL: error responses for existing pages"; fail=1; fi
errors=$(echo "$report" | awk '/Socket errors/ {print}')
if [ -n "$errors" ]; then echo "note: $errors (client-side connect/read/timeout counts)"; fi
if [ "$rss_end" -gt $((rss_start * 3 / 2)) ]; then echo "FAIL: memory grew more than 50%"; fail=1; fi

# Attacks: each must get a 4xx, and nothing from outside the site.
attack() {
  local path="$1" code body
  body="$(curl -s --path-as-is -o - -w '\n%{http_code}' "$url$path" || true)"
  code="${body##*$'\n'}"
  if [ "${code:0:1}" != "4" ] || echo "$body" | grep -q "root:\|\[package\]\|title:"; then
    echo "FAIL: ${path:0:60} -> $code"; fail=1
  else
    echo "ok: ${path:0:60} -> $code"
  fi
}
attack "/../Cargo.toml"
attack "/../../../../etc/passwd"
attack "/%2e%2e/%2e%2e/etc/passwd"
attack "/static/%2e%2e%2f%2e%2e%2fcontent%2fsite.yaml"
attack "/static/..%5c..%5ccontent%5csite.yaml"
attack "/a%00b"
attack "/content/site.yaml"
attack "/$(head -c 20000 /dev/zero | tr '\0' 'a')"
# Malformed requests straight on the socket.
for raw in 'GARBAGE\r\n\r\n' 'GET /\r\n\r\n' 'GET / HTTP/9.9\r\nHost: x\r\n\r\n' 'GET /%%%% HTTP/1.1\r\nHost: x\r\n\r\n'; do
  line="$(printf "$raw" | timeout 5 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port; cat >&3; head -1 <&3" 2>/dev/null | tr -d '\r' || true)"
  code="$(echo "$line" | awk '{print $2}')"
  if [ -n "$code" ] && [ "${code:0:1}" != "4" ] && [ "${code:0:1}" != "5" ]; then echo "FAIL: malformed request got: $line"; fail=1; else echo "ok: malformed request -> ${line:-connection closed}"; fi
done
kill -0 $server || { echo "FAIL: the server died"; exit 1; }
[ $fail -eq 0 ] && echo "load test passed" || { echo "load test FAILED"; exit 1; }
