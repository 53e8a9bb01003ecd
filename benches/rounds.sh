#!/usr/bin/env bash
# Builds compared in rounds, on tmpfs: `bash benches/rounds.sh "NAME BINARY SITE" ...`
# (ROUNDS, default the number of builds). Each round starts one build later than the one
# before (a Latin square): in plain alternation the first build of a round, run just after the
# previous output was deleted, paid up to 4 s more system CPU on this project's test machine,
# and the last paid least. Prints each run (name, round, place, wall s, user s, system s,
# peak KB), then the means. Output goes to /dev/shm/out, deleted after each run.
set -u
cfgs=("$@"); n=${#cfgs[@]}; rounds=${ROUNDS:-$n}
log=$(mktemp); t=$(mktemp)
# One build before the first round, not recorded: on this project's virtual machine the first
# builds after an idle spell paid 15-20 s of system CPU (memory the guest had freed was handed
# back to the host, `/sys/module/page_reporting`, and had to be faulted in again), against
# 5-10 s later on. WARMUP=0 skips it.
if [ "${WARMUP:-1}" != 0 ]; then
  read -r _ bin root <<< "${cfgs[0]}"
  rm -rf /dev/shm/out
  env GONGKAI_LANG=en "$bin" --root "$root" build --output /dev/shm/out > /dev/null 2>&1 || true
fi
for r in $(seq 0 $((rounds - 1))); do
  for i in $(seq 0 $((n - 1))); do
    read -r name bin root <<< "${cfgs[$(( (i + r) % n ))]}"
    rm -rf /dev/shm/out
    if ! /usr/bin/time -f "$name $((r + 1)) $((i + 1)) %e %U %S %M" -o "$t" \
        env GONGKAI_LANG=en "$bin" --root "$root" build --output /dev/shm/out > /dev/null 2>&1; then
      echo "$name failed" >&2
    fi
    cat "$t" | tee -a "$log"
  done
done
rm -rf /dev/shm/out
sort "$log" | awk '{w[$1]+=$4; u[$1]+=$5; s[$1]+=$6; if ($7>m[$1]) m[$1]=$7; n[$1]++}
  END {for (k in w) printf "%s mean wall %.2f user %.2f sys %.2f peak %d KB\n", k, w[k]/n[k], u[k]/n[k], s[k]/n[k], m[k]}'
rm -f "$log" "$t"
