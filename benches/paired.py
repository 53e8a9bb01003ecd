#!/usr/bin/env python3
"""Paired differences from a `benches/rounds.sh` log, as a share of a baseline's wall time.

    python3 benches/paired.py LOG NEW OLD [BASE | --base-wall SECONDS]

For each round that has both NEW and OLD, NEW - OLD in wall, user and system time; the mean
with its standard error, and the Hodges-Lehmann estimate (the median of the pairwise means of
the differences, which a few rounds caught in a slow minute move less) with a bootstrap 90%
interval. Shares are of BASE's mean wall time when BASE is in the log, else of SECONDS.
"""
import random
import statistics as st
import sys


def load(path):
    runs = {}
    for line in open(path):
        p = line.split()
        if len(p) == 7 and p[1].isdigit():
            runs.setdefault(int(p[1]), {})[p[0]] = tuple(map(float, p[3:6]))
    return runs


def hodges_lehmann(d):
    return st.median((d[i] + d[j]) / 2 for i in range(len(d)) for j in range(i, len(d)))


def main():
    args = sys.argv[1:]
    if len(args) < 3:
        sys.exit(__doc__)
    log, new, old = args[:3]
    runs = load(log)
    rounds = [r for r in runs.values() if new in r and old in r]
    if len(rounds) < 2:
        sys.exit(f"{log}: fewer than two rounds with both {new} and {old}")
    if len(args) >= 5 and args[3] == "--base-wall":
        base_name, base = f"{args[4]} s", float(args[4])
    else:
        base_name = args[3] if len(args) >= 4 else old
        walls = [r[base_name][0] for r in rounds if base_name in r]
        if not walls:
            sys.exit(f"{log}: no runs of {base_name}")
        base = st.mean(walls)
    print(f"{len(rounds)} rounds; shares of {base_name}'s wall, {base:.3f} s")
    for name in sorted({k for r in rounds for k in r}):
        xs = [r[name] for r in rounds if name in r]
        print(f"  {name}: wall {st.mean(x[0] for x in xs):.3f} s ({min(x[0] for x in xs):.2f}-"
              f"{max(x[0] for x in xs):.2f}), user {st.mean(x[1] for x in xs):.3f} s, "
              f"system {st.mean(x[2] for x in xs):.3f} s")
    random.seed(1)
    for i, what in enumerate(["wall", "user", "system"]):
        d = [r[new][i] - r[old][i] for r in rounds]
        mean, se = st.mean(d), st.stdev(d) / len(d) ** 0.5
        hl = hodges_lehmann(d)
        boot = sorted(hodges_lehmann([random.choice(d) for _ in d]) for _ in range(300))
        print(f"{new} - {old} {what}: {mean:+.3f} ± {se:.3f} s = {100 * mean / base:+.2f}% ± "
              f"{100 * se / base:.2f}%; Hodges-Lehmann {100 * hl / base:+.2f}% "
              f"(90%: {100 * boot[15] / base:+.2f}% to {100 * boot[284] / base:+.2f}%)")


main()
