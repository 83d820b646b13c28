#!/usr/bin/env bash
# Collects the training photos listed in training/training-sources.tsv (Debian packages)
# into OUT_DIR, one file per photo, with OUT_DIR/MANIFEST.tsv naming each file's package,
# source path and licence. No evaluation photo is listed there, and none may be added.
#
# Usage: scripts/prepare-training-data.sh OUT_DIR [--install]
#   --install  apt-get installs the packages first (needs root and a prior apt-get update)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sources="$here/training/training-sources.tsv"
[ $# -ge 1 ] || { sed -n '2,9p' "$0"; exit 2; }
out="$1"; shift
mkdir -p "$out"

if [ "${1:-}" = "--install" ]; then
  packages=$(tail -n +2 "$sources" | cut -f1 | sort -u | tr '\n' ' ')
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $packages libedje-bin
fi

manifest="$out/MANIFEST.tsv"
printf 'file\tpackage\tsource\tlicense\n' > "$manifest"
count=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
while IFS=$'\t' read -r package pattern license; do
  [ "$package" = "package" ] && continue
  glob="${pattern%% (*}"                       # drop the "(photo inside: ...)" remark
  for src in $(eval "echo $glob"); do          # eval expands {a,b} alternatives and globs
    [ -f "$src" ] || { echo "missing: $src (package $package not installed?)" >&2; continue; }
    name="${package}__$(basename "$src")"
    if [[ "$src" == *.edj ]]; then
      ( cd "$tmp" && edje_decc "$src" >/dev/null 2>&1 ) || { echo "edje_decc failed: $src" >&2; continue; }
      photo=$(find "$tmp/$(basename "$src" .edj)" -name 'img.*' | head -n 1)
      [ -n "$photo" ] || { echo "no photo inside $src" >&2; continue; }
      name="${name%.edj}.${photo##*.}"
      cp "$photo" "$out/$name"
    else
      cp "$src" "$out/$name"
    fi
    printf '%s\t%s\t%s\t%s\n' "$name" "$package" "$src" "$license" >> "$manifest"
    count=$((count + 1))
  done
done < "$sources"
echo "$count training photos in $out (manifest: $manifest)"
