#!/usr/bin/env python3
"""An independent NumPy formulation of LPIPS v0.1 (AlexNet topology), in float64, on the synthetic
weights and images that LpipsTest.alexNetTopologyAgreesWithTheNumpyFormulation builds from closed
formulas. It prints the distance that test expects.

usage: lpips_numpy_reference.py
"""
import numpy as np

# (torchvision feature index, in, out, kernel, stride, padding, max-pool before)
STAGES = [(0, 3, 64, 11, 4, 2, False), (3, 64, 192, 5, 1, 2, True), (6, 192, 384, 3, 1, 1, True),
          (8, 384, 256, 3, 1, 1, False), (10, 256, 256, 3, 1, 1, False)]
WIDTH, HEIGHT = 47, 39


def f32(values):
    return values.astype(np.float32).astype(np.float64)


def image(formula):
    y, x = np.mgrid[0:HEIGHT, 0:WIDTH]
    rgb = np.stack([formula(x, y, c) % 256 for c in range(3)]).astype(np.float32)
    v = rgb / np.float32(127.5) - np.float32(1)
    shift = np.array([-.030, -.088, -.188]).reshape(3, 1, 1)
    scale = np.array([.458, .448, .450]).reshape(3, 1, 1)
    return (v - shift) / scale


def conv_relu(x, w, b, stride, pad):
    c, h, wd = x.shape
    o, _, k, _ = w.shape
    xp = np.pad(x, ((0, 0), (pad, pad), (pad, pad)))
    ho, wo = (h + 2 * pad - k) // stride + 1, (wd + 2 * pad - k) // stride + 1
    out = np.zeros((o, ho, wo))
    for ky in range(k):
        for kx in range(k):
            patch = xp[:, ky:ky + stride * (ho - 1) + 1:stride, kx:kx + stride * (wo - 1) + 1:stride]
            out += np.einsum('oc,chw->ohw', w[:, :, ky, kx], patch)
    return np.maximum(out + b.reshape(-1, 1, 1), 0)


def max_pool(x):
    _, h, w = x.shape
    ho, wo = (h - 3) // 2 + 1, (w - 3) // 2 + 1
    return np.max([x[:, dy:dy + 2 * (ho - 1) + 1:2, dx:dx + 2 * (wo - 1) + 1:2]
                   for dy in range(3) for dx in range(3)], axis=0)


def main():
    a = image(lambda x, y, c: x * 37 + y * 91 + c * 53)
    b = image(lambda x, y, c: x * x + 3 * y * y + 7 * c + x * y)
    total = 0.0
    for k, (index, cin, cout, kernel, stride, pad, pool) in enumerate(STAGES):
        w = f32(0.1 * np.sin(0.37 * np.arange(cout * cin * kernel * kernel) + index)).reshape(cout, cin, kernel, kernel)
        bias = f32(0.05 * np.cos(0.11 * np.arange(cout) + index))
        lin = f32(0.5 + 0.5 * np.sin(1.3 * np.arange(cout) + k))
        if pool:
            a, b = max_pool(a), max_pool(b)
        a, b = conv_relu(a, w, bias, stride, pad), conv_relu(b, w, bias, stride, pad)
        na = a / (np.sqrt((a * a).sum(0, keepdims=True)) + 1e-10)
        nb = b / (np.sqrt((b * b).sum(0, keepdims=True)) + 1e-10)
        total += (lin.reshape(-1, 1, 1) * (na - nb) ** 2).sum(0).mean()
    print(float(total))


if __name__ == "__main__":
    main()
