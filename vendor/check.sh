#!/usr/bin/env bash
# Checks that each patched crate under vendor/ is exactly its crates.io release plus the
# `.patch` files beside it, nothing more and nothing less.
#
# Why: gongkai uses these copies through `[patch.crates-io]`, so Cargo.lock records no source
# and no checksum for them; without this check an edit to a vendored file that is not in the
# patch (or a patch that no longer matches the copy) would go unnoticed. CI runs it.
#
# For every `vendor/<dir>/Cargo.toml` (crate name and version read from its [package]):
#   1. `cargo fetch` in a throw-away project in a temp dir downloads `<name> = "=<version>"`
#      from crates.io (the only network use), and the published `.crate` archive is taken
#      from cargo's download cache, after checking that its SHA-256 is the checksum cargo
#      locked for it. The archive is the release itself; `cargo vendor` is not used because
#      it leaves out `.gitignore` and `.gitattributes` and adds `.cargo-checksum.json`.
#   2. The release files named in the section "Release files not vendored" of
#      `vendor/<dir>/PATCHES.md` (one `- \`path\`` bullet each; the only list of them) are
#      removed; a listed file that is not in the release is an error, so the list stays true.
#   3. `vendor/<dir>/*.patch` are applied with `git apply -p1` (exact context, no fuzz).
#   4. gongkai's own files in the folder, PATCHES.md and the `.patch` files, are added, and
#      `diff -r` compares the result with `vendor/<dir>` as it is in the work tree.
# Prints one line per crate; exits non-zero if any crate differs, naming the files.
set -euo pipefail
cd "$(dirname "$0")/.."

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# git apply outside a repository works like patch(1); keep git from finding one above $tmp.
GIT_CEILING_DIRECTORIES="$(dirname "$tmp")"
export GIT_CEILING_DIRECTORIES

# The value of `key = "value"` in the [package] table of a Cargo.toml.
package_field() {
    sed -n '/^\[package\]/,/^\[/ s/^'"$2"' = "\(.*\)"$/\1/p' "$1" | head -n 1
}

# The `- `path`` bullets of the "Release files not vendored" section of a PATCHES.md.
not_vendored_list() {
    awk '/^## /{in_section = ($0 == "## Release files not vendored"); next}
         in_section && /^- `[^`]+`/ {split($0, part, "`"); print part[2]}' "$1"
}

# The checksum Cargo.lock records for package $2 at version $3.
locked_checksum() {
    awk -v name="$2" -v version="$3" '
        /^\[\[package\]\]/ {n = ""; v = ""}
        /^name = /     {n = $3; gsub(/"/, "", n)}
        /^version = /  {v = $3; gsub(/"/, "", v)}
        /^checksum = / {c = $3; gsub(/"/, "", c); if (n == name && v == version) print c}' "$1"
}

crates=()
for manifest in vendor/*/Cargo.toml; do
    dir="$(dirname "$manifest")"
    name="$(package_field "$manifest" name)"
    version="$(package_field "$manifest" version)"
    if [[ -z "$name" || -z "$version" ]]; then
        echo "$dir: FAILED: no [package] name and version in $manifest" >&2
        exit 1
    fi
    if ! grep -qx '## Release files not vendored' "$dir/PATCHES.md" 2>/dev/null; then
        echo "$dir: FAILED: $dir/PATCHES.md has no section \"## Release files not vendored\"" >&2
        exit 1
    fi
    crates+=("$dir $name $version")
done

# 1. One throw-away project that depends on every vendored crate at its exact version.
mkdir -p "$tmp/fetch/src"
: >"$tmp/fetch/src/lib.rs"
{
    printf '[package]\nname = "vendor-check"\nversion = "0.0.0"\nedition = "2021"\n'
    printf 'publish = false\n\n[dependencies]\n'
    for crate in "${crates[@]}"; do
        read -r _ name version <<<"$crate"
        printf '%s = { version = "=%s", default-features = false }\n' "$name" "$version"
    done
} >"$tmp/fetch/Cargo.toml"
host="$(rustc -vV | sed -n 's/^host: //p')"
cargo fetch --quiet --manifest-path "$tmp/fetch/Cargo.toml" --target "$host"
cache="${CARGO_HOME:-$HOME/.cargo}/registry/cache"

failed=0
for crate in "${crates[@]}"; do
    read -r dir name version <<<"$crate"
    checksum="$(locked_checksum "$tmp/fetch/Cargo.lock" "$name" "$version")"
    archive=""
    for candidate in "$cache"/*/"$name-$version.crate"; do
        if [[ -f "$candidate" ]] &&
            [[ "$(sha256sum "$candidate" | cut -d ' ' -f 1)" == "$checksum" ]]; then
            archive="$candidate"
        fi
    done
    if [[ -z "$checksum" || -z "$archive" ]]; then
        echo "$dir: FAILED: no downloaded $name-$version.crate with the locked checksum under $cache"
        failed=1
        continue
    fi
    release="$tmp/release/$name-$version"
    mkdir -p "$tmp/release"
    tar -xzf "$archive" -C "$tmp/release"

    # 2. Release files deliberately not vendored.
    listed=0
    missing=()
    while IFS= read -r path; do
        listed=$((listed + 1))
        if [[ -e "$release/$path" ]]; then
            rm -rf "${release:?}/$path"
        else
            missing+=("$path")
        fi
    done < <(not_vendored_list "$dir/PATCHES.md")
    # Folders the removal left empty (git keeps no empty folder, so the copy cannot have one).
    find "$release" -mindepth 1 -depth -type d -empty -delete
    if ((${#missing[@]})); then
        echo "$dir: FAILED: PATCHES.md lists as not vendored what $name $version does not have: ${missing[*]}"
        failed=1
        continue
    fi

    # 3. The patches, in name order.
    patches=()
    for patch_file in "$dir"/*.patch; do
        [[ -f "$patch_file" ]] && patches+=("$patch_file")
    done
    for patch_file in "${patches[@]}"; do
        if ! git -C "$release" apply -p1 --whitespace=nowarn "$PWD/$patch_file" 2>"$tmp/apply.err"; then
            echo "$dir: FAILED: $(basename "$patch_file") does not apply to $name $version:"
            sed 's/^/    /' "$tmp/apply.err"
            failed=1
            continue 2
        fi
    done

    # 4. gongkai's own files, then the comparison.
    cp "$dir/PATCHES.md" "$release/"
    for patch_file in "${patches[@]}"; do cp "$patch_file" "$release/"; done
    patch_names="$(for p in "${patches[@]}"; do basename "$p"; done | paste -sd ' ' -)"
    if diff -rq "$release" "$dir" >"$tmp/differences" 2>&1; then
        echo "$dir: OK: $name $version from crates.io + ${patch_names:-no patch}" \
            "($listed release files not vendored, as PATCHES.md lists)"
    else
        files="$(sed -e "s#^Files $release/\(.*\) and $dir/.* differ\$#\1 (differs)#" \
            -e "s#^Only in $release\(/\(.*\)\)\{0,1\}: \(.*\)\$#\2/\3 (in release + patch, missing here)#" \
            -e "s#^Only in $dir\(/\(.*\)\)\{0,1\}: \(.*\)\$#\2/\3 (here only)#" \
            -e 's#^/##' "$tmp/differences" | paste -sd ';' - | sed 's/;/; /g')"
        echo "$dir: DIFFERS from $name $version + ${patch_names:-no patch}: $files"
        diff -ru "$release" "$dir" >"$tmp/diff" 2>&1 || true
        head -n 60 "$tmp/diff" |
            sed -e "s#$release/##g" -e "s#$release:#$name $version + patch:#" -e 's/^/    /'
        lines="$(wc -l <"$tmp/diff")"
        ((lines <= 60)) || echo "    ... (the first 60 of $lines lines of diff -ru)"
        failed=1
    fi
done
exit "$failed"
