#!/usr/bin/env python3
"""BD-rate of one codec against every other in an RD table, on the average curves (mean bpp and metric per
setting), with the anchors' own Bjontegaard function (rd_summary.bd_rate), so the figures agree with
rd_summary.py's column against JPEG.

    scripts/bd-rates.py ANCHORS_DIR docs/rd/combined.csv [--codec huvr] > docs/rd/bd-rates.md
"""
import argparse
import csv
import math
import sys
from collections import defaultdict

import numpy as np


def average_curve(rows, codec):
    images = len({r["image"] for r in rows if r["codec"] == codec})
    settings = defaultdict(list)
    for r in rows:
        if r["codec"] == codec:
            settings[r["setting"]].append(r)
    points = []
    for group in settings.values():
        if len(group) == images:   # a setting that failed on some image is left out, as rd_summary does
            points.append((np.mean([float(r["bpp"]) for r in group]),
                           np.mean([float(r["psnr_rgb"]) for r in group]),
                           -10 * math.log10(1 - np.mean([float(r["msssim_rgb"]) for r in group]))))
    return sorted(points)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("anchors", help="folder holding rd_summary.py")
    parser.add_argument("table", help="combined CSV in the anchors' column layout")
    parser.add_argument("--codec", default="huvr")
    args = parser.parse_args()
    sys.path.insert(0, args.anchors)
    from rd_summary import bd_rate

    with open(args.table) as table:
        rows = list(csv.DictReader(table))
    ours = average_curve(rows, args.codec)
    print(f"# BD-rate of {args.codec} against each codec\n")
    print("Average curves; positive = more bits for the same quality; MS-SSIM in dB (-10 log10(1 - MS-SSIM)).")
    print("Computed over the quality range both curves cover ('-': they do not overlap, or one has under 4 points).\n")
    print("| against | BD-rate PSNR | BD-rate MS-SSIM(dB) |\n|---|---|---|")
    for codec in dict.fromkeys(r["codec"] for r in rows):
        if codec == args.codec:
            continue
        theirs = average_curve(rows, codec)
        cells = []
        for k in (1, 2):
            v = bd_rate([p[0] for p in theirs], [p[k] for p in theirs], [p[0] for p in ours], [p[k] for p in ours])
            cells.append("-" if v is None else f"{v:+.1f}%")
        print(f"| {codec} | {cells[0]} | {cells[1]} |")


if __name__ == "__main__":
    main()
