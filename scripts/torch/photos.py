"""Training photos as CropSampler.java reads them: every PNG/JPEG/BMP/GIF under a folder in path
order, each kept with its longer side at 768 and 1152 pixels (never enlarged), every 12th held out."""
import os

import numpy as np
from PIL import Image

SCALES = (768, 1152)
HOLDOUT_EVERY = 12
EXTENSIONS = (".png", ".jpg", ".jpeg", ".bmp", ".gif")


def photo_files(folder):
    found = [os.path.join(root, f) for root, _, files in os.walk(folder) for f in files
             if f.lower().endswith(EXTENSIONS)]
    if not found:
        raise SystemExit(f"no images under {folder}")
    return sorted(found)


def load(folder, crop):
    """(training, held-out) lists of uint8 [height, width, 3] arrays, one per photo and scale."""
    train, holdout = [], []
    files = photo_files(folder)
    for i, path in enumerate(files):
        with Image.open(path) as opened:
            photo = opened.convert("RGB")
        for longer in SCALES:
            f = longer / max(photo.size)
            scaled = photo.resize((round(photo.width * f), round(photo.height * f)), Image.BICUBIC) if f < 1 else photo
            if scaled.width < crop or scaled.height < crop:
                continue
            (holdout if i % HOLDOUT_EVERY == HOLDOUT_EVERY - 1 else train).append(np.asarray(scaled))
        print(f"\rloading photos {i + 1}/{len(files)}", end="", flush=True)
    print(f"\n{len(train)} training and {len(holdout)} held-out images (photos x scales)")
    if not train or not holdout:
        raise SystemExit(f"need at least {HOLDOUT_EVERY} photos larger than the crop size under {folder}")
    return train, holdout
