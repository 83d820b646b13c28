#!/usr/bin/python3
"""Writes the metric test pairs and their reference scores (see README.md).

Usage: make_reference.py RD_ANCHORS_PY SKIMAGE_DATA_DIR OUT_DIR
"""
import importlib.util
import io
import os
import sys

import numpy as np
from PIL import Image, ImageFilter


def load_module(path):
    spec = importlib.util.spec_from_file_location("rd_anchors", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def crop(path, left, top, width, height):
    return Image.open(path).convert("RGB").crop((left, top, left + width, top + height))


def jpeg(image, quality):
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    buffer.seek(0)
    return Image.open(buffer).convert("RGB")


def gaussian_noise(image, sigma, seed):
    pixels = np.asarray(image).astype(np.float64)
    noisy = pixels + np.random.RandomState(seed).normal(0.0, sigma, pixels.shape)
    return Image.fromarray(np.clip(np.rint(noisy), 0, 255).astype(np.uint8))


def inverted(image):
    return Image.fromarray(255 - np.asarray(image))


def main():
    rd_anchors_py, skimage_data, out_dir = sys.argv[1:4]
    rd = load_module(rd_anchors_py)
    # Odd sides exercise the even-cropping before each MS-SSIM downsampling; 176 is the
    # smallest side for which the reference gives an MS-SSIM value.
    chelsea = crop(os.path.join(skimage_data, "chelsea.png"), 120, 60, 197, 181)
    coffee = crop(os.path.join(skimage_data, "coffee.png"), 300, 150, 192, 176)
    images = {
        "chelsea.png": chelsea,
        "chelsea_jpeg_q25.png": jpeg(chelsea, 25),
        "chelsea_noise_s12.png": gaussian_noise(chelsea, 12.0, 2024),
        "coffee.png": coffee,
        "coffee_blur_r1.5.png": coffee.filter(ImageFilter.GaussianBlur(1.5)),
        "coffee_inverted.png": inverted(coffee),  # negative cs: MS-SSIM clamps to 0
    }
    for name, image in images.items():
        image.save(os.path.join(out_dir, name), optimize=True)
    pairs = [("chelsea.png", "chelsea_jpeg_q25.png"), ("chelsea.png", "chelsea_noise_s12.png"),
             ("coffee.png", "coffee_blur_r1.5.png"), ("coffee.png", "coffee_inverted.png")]
    with open(os.path.join(out_dir, "reference_scores.csv"), "w") as csv:
        csv.write("reference,distorted,psnr_rgb,ssim_rgb,ssim_y,msssim_rgb\n")
        for reference, distorted in pairs:
            # Re-read the saved PNGs so the scores describe exactly the committed files.
            a = np.asarray(Image.open(os.path.join(out_dir, reference)).convert("RGB"))
            b = np.asarray(Image.open(os.path.join(out_dir, distorted)).convert("RGB"))
            scores = rd.metrics(a, b)
            csv.write("%s,%s,%s\n" % (reference, distorted, ",".join("%.10f" % s for s in scores)))


if __name__ == "__main__":
    main()
