#!/usr/bin/env bash
# Rate-distortion of huvr beside anchor codecs, in one table and one plot.
#
# Usage: scripts/rd-compare.sh IMAGE_DIR ANCHORS_DIR OUT_DIR [huvr eval options...]
#   IMAGE_DIR    photos to evaluate (never training photos)
#   ANCHORS_DIR  a folder with rd_anchors.csv and rd_summary.py measured on the same photos
#   OUT_DIR      receives huvr.csv, combined.csv, summary.md and rd.png
# Needs a built checkout (mvn -DskipTests install) and python3 with numpy for rd_summary.py.
set -euo pipefail
[ $# -ge 3 ] || { sed -n '2,9p' "$0"; exit 2; }
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
images="$1"; anchors="$2"; out="$3"; shift 3
mkdir -p "$out"
"$root/codec/bin/huvr" eval "$images" -o "$out/huvr.csv" --anchors "$anchors/rd_anchors.csv" --plot "$out/rd.png" "$@"
{ cat "$anchors/rd_anchors.csv"; tail -n +2 "$out/huvr.csv"; } > "$out/combined.csv"
python=/usr/bin/python3; [ -x "$python" ] || python=python3
"$python" "$anchors/rd_summary.py" "$out/combined.csv" "huvr beside the anchors" > "$out/summary.md"
echo "wrote $out/summary.md and $out/rd.png"
