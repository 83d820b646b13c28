#!/usr/bin/env python3
"""Converts the official LPIPS v0.1 AlexNet weights to the conformance suite's LPIPSW01 file.

Inputs (PyTorch checkpoints, which are pickles, hence this script):
  * torchvision's AlexNet: alexnet-owt-7be5be79.pth (the state dict torchvision downloads for
    models.alexnet(weights="IMAGENET1K_V1")); its features.{0,3,6,8,10}.{weight,bias} are used;
  * LPIPS v0.1's linear layers: lpips/weights/v0.1/alex.pth from the lpips package
    (keys lin0.model.1.weight .. lin4.model.1.weight).

Output format (all little-endian): the 8 ASCII bytes LPIPSW01, a u32 tensor count, then per tensor
a u16 name length, the UTF-8 name, a u8 rank, rank u32 dimensions, and the float32 values row-major.

usage: convert_lpips_weights.py ALEXNET.pth ALEX_LPIPS_V01.pth OUT.lpips
"""
import struct
import sys

import torch

ALEXNET_CONVS = [0, 3, 6, 8, 10]


def main(alexnet_path, lpips_path, out_path):
    alexnet = torch.load(alexnet_path, map_location="cpu")
    linear = torch.load(lpips_path, map_location="cpu")
    tensors = []
    for index in ALEXNET_CONVS:
        for part in ("weight", "bias"):
            name = f"features.{index}.{part}"
            tensors.append((name, alexnet[name]))
    for k in range(5):
        name = f"lin{k}.model.1.weight"
        tensors.append((name, linear[name]))
    with open(out_path, "wb") as out:
        out.write(b"LPIPSW01")
        out.write(struct.pack("<I", len(tensors)))
        for name, tensor in tensors:
            values = tensor.detach().to(torch.float32).contiguous()
            encoded = name.encode("utf-8")
            out.write(struct.pack("<H", len(encoded)))
            out.write(encoded)
            out.write(struct.pack("<B", values.dim()))
            for dim in values.shape:
                out.write(struct.pack("<I", dim))
            out.write(values.numpy().astype("<f4").tobytes())


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
