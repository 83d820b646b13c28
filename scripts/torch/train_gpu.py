"""Rate-distortion training of a huvr-inr-v1 model on a GPU, for a fixed wall-clock budget.

    python3 scripts/torch/train_gpu.py --data PHOTOS --out DIR [--init WEIGHTS.npz | --config NAME [--grow-from W.npz]]
                                        [--minutes 7] [--batch 256] [--lr 1e-3] [--lambda 100]

Trains the same objective as `huvr train` (Trainer.java): bits of the noisy TinToks under the
factorized densities plus lambda / s^2 times the MSE of the straight-through rounded reconstruction,
with the step scale s drawn log-uniformly. Differences, made for large batches: each crop draws its
own s, and each crop's loss is weighted by s (s * bpp + lambda / s * mse has the same optimum per crop,
and keeps the finest steps from dominating the batch). The learning rate warms up over the first 500 steps
(also when resuming) and then decays exponentially with elapsed time to 5% of --lr. Writes DIR/weights.npz (for `huvr weights import`) and DIR/log.csv in
TrainingLog.java's columns (held-out PSNR/bpp at s = 2, 1, 0.5, for `TrainingReport`), both
refreshed at every validation, so a run cut short still leaves its last weights.
"""
import argparse
import math
import os
import time

import numpy as np
import torch

import huvr_torch as H
import photos

MEDIUM = dict(zip(H.CONFIG_KEYS, (8, 64, 256, 4, 4, 512, 48, 256, 2, 512, 8, 128, 96, 3, 0)))
CONFIGS = {"small": H.SMALL, "medium": MEDIUM}
LOG_HEADER = "step,seconds,loss_s1,psnr_s2,bpp_s2,psnr_s1,bpp_s1,psnr_s05,bpp_s05"
VALIDATION_CROPS = 48
FINAL_LR_FRACTION = 0.05
WARMUP_STEPS = 500
# Parameter keys (huvr_torch.key) of everything that decides the tokens and their bits.
ENCODER_SIDE = tuple(H.key(p) for p in ("enc.", "tintok.", "quant.", "density."))


class CropBank:
    """Every image in one flat uint8 buffer on the device; a batch of crops is one gather."""

    def __init__(self, images, crop, device):
        sizes = [im.shape[:2] for im in images]
        lengths = [h * w * 3 for h, w in sizes]
        self.data = torch.from_numpy(np.concatenate([np.ascontiguousarray(im).reshape(-1) for im in images])).to(device)
        self.offsets = torch.tensor(np.cumsum([0] + lengths[:-1]), device=device)
        self.heights = torch.tensor([h for h, _ in sizes], device=device)
        self.widths = torch.tensor([w for _, w in sizes], device=device)
        r = torch.arange(crop, device=device)
        self.pixel_offsets = (r.view(1, crop, 1, 1), r.view(1, 1, crop, 1), torch.arange(3, device=device).view(1, 1, 1, 3))
        self.crop = crop
        self.device = device

    def batch(self, n, generator, augment=True, indices=None):
        """[n, 3, crop, crop] in [-1, 1]; with augment, each crop gets one of the 8 symmetries of the square."""
        rand = lambda: torch.rand(n, device=self.device, generator=generator)
        index = (rand() * len(self.offsets)).long() if indices is None else indices
        w = self.widths[index]
        y = (rand() * (self.heights[index] - self.crop + 1)).long()
        x = (rand() * (w - self.crop + 1)).long()
        rows, cols, channels = self.pixel_offsets
        start = (self.offsets[index] + (y * w + x) * 3).view(n, 1, 1, 1)
        crops = self.data[start + (rows * w.view(n, 1, 1, 1) + cols) * 3 + channels]
        image = crops.permute(0, 3, 1, 2).float() / 127.5 - 1
        if augment:
            for flag, transform in ((rand() < 0.5, lambda t: t.transpose(2, 3)), (rand() < 0.5, lambda t: t.flip(2)),
                                    (rand() < 0.5, lambda t: t.flip(3))):
                image = torch.where(flag.view(n, 1, 1, 1), transform(image), image)
        return image


# Widths whose new units can start with zero weights on their outputs' readers. Not encoder_width (q, k and v share
# one matrix, so a wider one is not a leading block) nor anything that moves positions or counts (patches, heads,
# frequencies, blocks, mixture components).
GROWABLE = ("encoder_mlp_hidden", "token_dim", "decoder_width", "decoder_mlp_hidden", "inr_width", "inr_out_width",
            "head_refine_width")


def grow(model, smaller):
    """Copies into every tensor of model the leading block of smaller's tensor of the same name.

    The weights that read new input channels start at zero, so new hidden units and new INR channels add nothing at
    first; new token and decoder channels still change the layer norms over them, so the grown model starts worse
    than the smaller one (a few hundred steps win it back). The encoder and everything of the same shape start
    trained, which is most of what a short run cannot learn."""
    changed = [k for k in H.CONFIG_KEYS if model.c[k] != smaller.c[k]]
    for k in changed:
        if k not in GROWABLE or model.c[k] < smaller.c[k]:
            raise ValueError(f"cannot grow {k} from {smaller.c[k]} to {model.c[k]}: only widths in {GROWABLE} grow")
    with torch.no_grad():
        present = H.parameter_shapes(smaller.c)
        for name in H.parameter_shapes(model.c):
            if name not in present:
                continue  # a layer the smaller model lacks (the head refinement) keeps its initial value
            target, source = model.p(name), smaller.p(name)
            block = tuple(slice(0, b) for b in source.shape)
            target[block] = source
            if name.endswith(".w"):
                in_axis = 2 if target.dim() == 4 else 0
                new_inputs = [slice(None)] * target.dim()
                new_inputs[in_axis] = slice(source.shape[in_axis], None)
                target[tuple(new_inputs)] = 0


def validate(model, holdout, scale):
    """(PSNR dB, bpp) on the held-out crops with hard rounding and no noise, as Trainer.validate."""
    with torch.no_grad():
        n = holdout.shape[0]
        noise = torch.zeros(n, model.tokens, model.c["token_dim"], device=holdout.device)
        bpp, mse = model.rate_distortion(holdout, torch.full((n,), scale, device=holdout.device), noise)
    return 10 * math.log10(4 / mse.mean().item()), bpp.mean().item()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True, help="folder of training photos (every 12th is held out)")
    parser.add_argument("--out", required=True, help="folder for weights.npz and log.csv")
    parser.add_argument("--init", help="weights to start from (from `huvr weights export`)")
    parser.add_argument("--config", choices=sorted(CONFIGS), default="small", help="size when starting afresh")
    parser.add_argument("--grow-from", help="with --config: start each tensor from this smaller model's leading slice")
    parser.add_argument("--freeze-encoder", action="store_true",
                        help="train the synthesis and head only: the encoder, steps and densities (so the tokens "
                             "and their bits) stay as --init or --grow-from left them")
    parser.add_argument("--clip", type=float, default=0.0, help="clip the gradient norm to this (0: never)")
    parser.add_argument("--no-tf32", action="store_true", help="full float32 products, as the codec computes")
    parser.add_argument("--minutes", type=float, default=7.0, help="training wall-clock budget")
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--lambda", dest="lam", type=float, default=100.0, help="distortion weight at s = 1")
    parser.add_argument("--min-scale", type=float, default=0.15)
    parser.add_argument("--max-scale", type=float, default=4.0)
    parser.add_argument("--validate-seconds", type=float, default=30.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-steps", type=int, default=0, help="stop after this many steps (0: budget only)")
    args = parser.parse_args()
    if args.grow_from and args.init:
        parser.error("--grow-from starts a new --config from smaller weights; --init resumes weights as they are")

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    torch.backends.cuda.matmul.allow_tf32 = not args.no_tf32
    torch.backends.cudnn.allow_tf32 = not args.no_tf32
    torch.manual_seed(args.seed)
    if args.init:
        model = H.load_npz(args.init)
    else:
        model = H.HuvrNet(CONFIGS[args.config], args.seed)
        if args.grow_from:
            grow(model, H.load_npz(args.grow_from))
    model = model.to(device)
    crop = model.c["tile_size"]
    train_images, holdout_images = photos.load(args.data, crop)
    bank = CropBank(train_images, crop, device)
    held = CropBank(holdout_images, crop, device)
    generator = torch.Generator(device=device).manual_seed(args.seed)
    holdout = held.batch(VALIDATION_CROPS, torch.Generator(device=device).manual_seed(12345), augment=False,
                         indices=torch.arange(VALIDATION_CROPS, device=device) % len(holdout_images))
    if args.freeze_encoder:
        for name, parameter in model.params.items():
            parameter.requires_grad_(not name.startswith(ENCODER_SIDE))
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimiser = torch.optim.Adam(trainable, lr=args.lr, fused=device.type == "cuda")
    os.makedirs(args.out, exist_ok=True)
    weights_path, log_path = os.path.join(args.out, "weights.npz"), os.path.join(args.out, "log.csv")
    with open(log_path, "w") as log:
        log.write(LOG_HEADER + "\n")
    params = sum(p.numel() for p in trainable)
    print(f"{device} {torch.cuda.get_device_name() if device.type == 'cuda' else ''}: {params} parameters, "
          f"batch {args.batch}, {args.minutes} min", flush=True)

    log_min, log_span = math.log(args.min_scale), math.log(args.max_scale / args.min_scale)
    budget = args.minutes * 60
    good_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
    start = time.time()
    last_validation = last_print = start
    step = 0

    def out_of_budget(seconds, steps):
        return seconds >= budget or 0 < args.max_steps <= steps

    while True:
        elapsed = time.time() - start
        if out_of_budget(elapsed, step):
            break
        step += 1
        # Warm-up also when resuming: fresh Adam moments at full rate knock a trained model back several dB.
        lr = args.lr * FINAL_LR_FRACTION ** (elapsed / budget) * min(1.0, step / WARMUP_STEPS)
        for group in optimiser.param_groups:
            group["lr"] = lr
        image = bank.batch(args.batch, generator)
        scale = torch.exp(log_min + log_span * torch.rand(args.batch, device=device, generator=generator))
        noise = torch.rand(args.batch, model.tokens, model.c["token_dim"], device=device, generator=generator) - 0.5
        bpp, mse = model.rate_distortion(image, scale, noise)
        loss = (scale * bpp + args.lam / scale * mse).mean()
        optimiser.zero_grad(set_to_none=True)
        loss.backward()
        if args.clip > 0:
            torch.nn.utils.clip_grad_norm_(trainable, args.clip)
        optimiser.step()
        now = time.time()
        if now - last_print >= 5:
            last_print = now
            print(f"step {step}  {step / (now - start):.1f} steps/s  loss {loss.item():.4f}  lr {lr:.2e}  "
                  f"{now - start:.0f}/{budget:.0f} s", flush=True)
        if now - last_validation >= args.validate_seconds or out_of_budget(now - start, step):
            last_validation = now
            low, mid, high = (validate(model, holdout, s) for s in (2.0, 1.0, 0.5))
            if not all(math.isfinite(v) for v in low + mid + high):
                # A diverged step: back to the last validated weights with half the rate.
                model.load_state_dict(good_state)
                # Adam's moments hold the non-finite gradients too: start them afresh.
                optimiser = torch.optim.Adam(trainable, lr=args.lr / 2, fused=device.type == "cuda")
                args.lr /= 2
                print(f"step {step}: not finite, restored the last weights, lr now {args.lr:.2e}", flush=True)
                continue
            good_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
            loss_s1 = mid[1] + args.lam * 4 / 10 ** (mid[0] / 10)
            with open(log_path, "a") as log:
                log.write(f"{step},{now - start:.1f},{loss_s1:.5f},{low[0]:.3f},{low[1]:.4f},{mid[0]:.3f},"
                          f"{mid[1]:.4f},{high[0]:.3f},{high[1]:.4f}\n")
            H.save_npz(model, weights_path + ".tmp.npz")
            os.replace(weights_path + ".tmp.npz", weights_path)
            print(f"validation at step {step}: s=2 {low[0]:.2f} dB {low[1]:.3f} bpp | s=1 {mid[0]:.2f} dB "
                  f"{mid[1]:.3f} bpp | s=0.5 {high[0]:.2f} dB {high[1]:.3f} bpp", flush=True)
    print(f"done: {step} steps x {args.batch} crops in {time.time() - start:.0f} s", flush=True)


if __name__ == "__main__":
    main()
