#!/usr/bin/env bash
# Two builds at the same time, one thread each, each on a core of its own (they change cores
# every round), on tmpfs: `bash benches/side_by_side.sh "NAME BINARY SITE" "NAME BINARY SITE"`
# (ROUNDS, default 10; even). Prints each run (name, round, core, wall s, user s, system s,
# peak KB), then the mean difference of the two, with its standard error.
#
# Why: on this project's shared virtual machine a build's time moved by a tenth from one minute
# to the next, so two builds run one after the other (benches/rounds.sh) differ by more than a
# feature costs. Two builds run side by side meet the same machine at the same time, and their
# difference within a round is much steadier. What it measures is the work of each build on one
# thread; a two-thread build spreads the same work over both cores (it keeps them about 97%
# busy), so the difference as a share of the baseline's time is the share of its wall time too.
# Both sites are in /dev/shm at once: 13 GB at 100% national scale.
set -u
[ $# -eq 2 ] || { echo "usage: $0 \"NAME BINARY SITE\" \"NAME BINARY SITE\"" >&2; exit 2; }
cfgs=("$1" "$2"); rounds=${ROUNDS:-10}
log=$(mktemp); t=$(mktemp -d)
run() { # core, config, round
  read -r name bin root <<< "$2"
  if ! /usr/bin/time -f "$name $3 $1 %e %U %S %M" -o "$t/$1" taskset -c "$1" \
      env RAYON_NUM_THREADS=1 GONGKAI_LANG=en "$bin" --root "$root" build --output "/dev/shm/out-$1" \
      > /dev/null 2>&1; then
    echo "$name failed" >&2
  fi
}
for r in $(seq 1 "$rounds"); do
  rm -rf /dev/shm/out-0 /dev/shm/out-1
  first=$(( r % 2 ))
  run 0 "${cfgs[$first]}" "$r" & run 1 "${cfgs[$((1 - first))]}" "$r" & wait
  cat "$t/0" "$t/1" | tee -a "$log"
done
rm -rf /dev/shm/out-0 /dev/shm/out-1 "$t"
read -r x _ <<< "$1"; read -r y _ <<< "$2"
# The two cores are not alike (one ran builds about 2 s slower in 58 s): each pair of rounds,
# one with each build on each core, is averaged, and the standard error taken over the pairs.
awk -v x="$x" -v y="$y" '
  { w[$2, $1] = $4; sum[$1] += $4; n[$1]++; if ($2 > r) r = $2 }
  END {
    for (i = 1; i + 1 <= r; i += 2) { d = (w[i, x] - w[i, y] + w[i + 1, x] - w[i + 1, y]) / 2; m += d; q += d * d; k++ }
    if (k < 2) { print "fewer than two pairs of rounds"; exit }
    m /= k; se = sqrt((q / k - m * m) * k / (k - 1) / k); b = sum[y] / n[y]
    printf "%s mean wall %.2f s, %s %.2f s; %s - %s: %+.2f s ± %.2f (%+.2f%% ± %.2f%% of %s), %d pairs of rounds\n",
      x, sum[x] / n[x], y, b, x, y, m, se, 100 * m / b, 100 * se / b, y, k
  }' "$log"
rm -f "$log"
