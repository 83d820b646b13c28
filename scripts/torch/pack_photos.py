"""Copies a training folder into a compact one for a GPU machine: photos whose longer side exceeds
--max-side are reduced to it (Lanczos) and stored as JPEG at --quality; smaller ones are copied as
they are. Relative paths keep their order (a reduced PNG becomes a JPEG of the same name), so the
held-out split (every 12th photo) is the same.

    python3 scripts/torch/pack_photos.py TRAINING_DIR OUT_DIR [--max-side 1152] [--quality 95]
"""
import argparse
import os
import shutil

from PIL import Image

from photos import photo_files


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source")
    parser.add_argument("target")
    parser.add_argument("--max-side", type=int, default=1152, help="the largest scale the crop sampler uses")
    parser.add_argument("--quality", type=int, default=95)
    args = parser.parse_args()
    os.makedirs(args.target, exist_ok=True)
    total = 0
    files = photo_files(args.source)
    for i, path in enumerate(files):
        name = os.path.relpath(path, args.source)
        with Image.open(path) as photo:
            small = max(photo.size) <= args.max_side
            out = os.path.join(args.target, name if small else os.path.splitext(name)[0] + ".jpg")
            if os.path.exists(out):
                raise SystemExit(f"{out} exists: two photos would share a name")
            os.makedirs(os.path.dirname(out), exist_ok=True)
            if small:
                shutil.copyfile(path, out)
            else:
                f = args.max_side / max(photo.size)
                size = (round(photo.width * f), round(photo.height * f))
                photo.convert("RGB").resize(size, Image.LANCZOS).save(out, quality=args.quality, subsampling=0)
        total += os.path.getsize(out)
        print(f"\rpacked {i + 1}/{len(files)} photos, {total / 2**20:.1f} MiB", end="", flush=True)
    print()


if __name__ == "__main__":
    main()
