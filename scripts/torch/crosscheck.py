"""Writes the fixture that holds the PyTorch port (huvr_torch.py) to the Java graph (HuvrGraph.java).

    python3 scripts/torch/crosscheck.py [--weights W.npz] -o codec/src/test/resources/torch/crosscheck-small.npz

Without --weights a small random model is made (every parameter perturbed, so that no zero or unit
initial value hides a mistake); with them (from `huvr weights export`) the fixture checks that model.
The fixture holds the weights and, under io.*, inputs and the port's outputs: CrossCheckTest runs the
Java graph on the same inputs and compares.
"""
import argparse

import numpy as np
import torch

import huvr_torch as H

SMALL_TEST_CONFIG = dict(zip(H.CONFIG_KEYS, (8, 16, 16, 1, 2, 32, 4, 16, 1, 32, 2, 8, 8, 2, 6)))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--weights", help=".npz from `huvr weights export` (default: a small random model)")
    parser.add_argument("--tiles", type=int, default=3)
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args()
    torch.manual_seed(7)
    if args.weights:
        model = H.load_npz(args.weights)
    else:
        model = H.HuvrNet(SMALL_TEST_CONFIG, seed=3)
        with torch.no_grad():
            for p in model.parameters():
                p.add_(0.3 * torch.randn_like(p))
    c = model.c
    tile = c["tile_size"]
    tokens = model.tokens
    image = torch.rand(args.tiles, 3, tile, tile) * 2 - 1
    noise = torch.rand(args.tiles, tokens, c["token_dim"]) - 0.5
    step_scale = 1.3
    with torch.no_grad():
        latent = model.encode(image)
        features = model.synthesize(latent)
        rgb = model.head(features[:1])
        bpp, mse = model.rate_distortion(image, torch.full((args.tiles,), step_scale), noise)
    io = {"io.image": image, "io.latent": latent, "io.features": features, "io.rgb": rgb, "io.noise": noise,
          "io.step_scale": torch.tensor([step_scale]), "io.bpp": bpp.mean().reshape(1), "io.mse": mse.mean().reshape(1)}
    H.save_npz(model, args.output, {k: v.numpy().astype(np.float32) for k, v in io.items()})
    print(f"wrote {args.output}: bpp {bpp.mean():.4f}, mse {mse.mean():.5f}")


if __name__ == "__main__":
    main()
