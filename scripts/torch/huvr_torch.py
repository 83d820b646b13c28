"""The huvr-inr-v1 network in PyTorch, for training on a GPU.

This is a port of codec/src/main/java/io/huvr/codec/model/HuvrGraph.java: the same parameters under
the same names and shapes (the model file's tensor names), the same operations in the same order,
so that weights trained here load into the Java codec through `huvr weights import`. The codec
never runs this file; CrossCheckTest holds the two implementations to the same outputs.

Conventions that differ from PyTorch's defaults and are kept on purpose:
- linear weights are [in, out] (x @ W + b), as ND4J stores them;
- the output convolution's weight is [3, 3, in, 48] (ND4J's kH, kW, iC, oC);
- the x4 depth-to-space is TensorFlow's DCR order (ND4J's depth_to_space), not pixel_shuffle's CRD;
- GELU is ND4J's sigmoid approximation x * sigmoid(1.702 x);
- LayerNorm has no epsilon to speak of, as ND4J's layer_norm.
"""
import math

import numpy as np
import torch
import torch.nn.functional as F

CONFIG_KEYS = ("patch_size", "tile_size", "encoder_width", "encoder_depth", "encoder_heads",
               "encoder_mlp_hidden", "token_dim", "decoder_width", "decoder_depth", "decoder_mlp_hidden",
               "fourier_frequencies", "inr_width", "inr_out_width", "mixture_components", "head_refine_width")
# Hyper-parameters a model file may lack (files written before they existed), with the value that means "absent".
OPTIONAL_KEYS = {"head_refine_width": 0}
HEAD_CHANNELS = 48
HEAD_REFINE_LAYERS = 3

SMALL = dict(zip(CONFIG_KEYS, (8, 64, 192, 4, 3, 384, 48, 128, 2, 256, 8, 64, 64, 3, 64)))

ROTARY_BASE = 100.0
# ND4J's layer_norm adds no epsilon of its own (a larger one than this measurably changes huvr-s's TinToks);
# this one only keeps an all-equal row finite.
LAYER_NORM_EPS = 1e-12
PATCH_STEP = "quant.patch.log_step"
GLOBAL_STEP = "quant.global.log_step"


def parameter_shapes(c):
    """Every trainable tensor of the architecture by name, in HuvrGraph's naming."""
    shapes = {}

    def linear(name, i, o):
        shapes[name + ".w"] = (i, o)
        shapes[name + ".b"] = (o,)

    def norm(name, w):
        shapes[name + ".g"] = (w,)
        shapes[name + ".b"] = (w,)

    def mlp(name, w, h):
        norm(name + ".ln", w)
        linear(name + ".fc1", w, h)
        linear(name + ".fc2", h, w)

    p, w, t = c["patch_size"], c["encoder_width"], c["token_dim"]
    linear("enc.patch_embed", 3 * p * p, w)
    shapes["enc.global_token"] = (w,)
    for b in range(c["encoder_depth"]):
        norm(f"enc.block{b}.ln_attn", w)
        linear(f"enc.block{b}.attn.qkv", w, 3 * w)
        linear(f"enc.block{b}.attn.out", w, w)
        mlp(f"enc.block{b}.mlp", w, c["encoder_mlp_hidden"])
    norm("tintok.ln", w)
    linear("tintok.down", w, t)
    shapes[PATCH_STEP] = (t,)
    shapes[GLOBAL_STEP] = (t,)
    for density in ("density.patch", "density.global"):
        for part in ("logits", "means", "log_scales"):
            shapes[f"{density}.{part}"] = (t, c["mixture_components"])
    dw, d, out = c["decoder_width"], c["inr_width"], c["inr_out_width"]
    norm("dec.ln_in", t)
    linear("dec.up", t, dw)
    for b in range(c["decoder_depth"]):
        mlp(f"dec.block{b}", dw, c["decoder_mlp_hidden"])
    norm("dec.ln_out", dw)
    linear("mod.patch", dw, d)
    linear("mod.global", dw, d)
    shapes["inr.l0.w"] = (4 * c["fourier_frequencies"], d)
    shapes["inr.l0.b"] = (d,)
    shapes["inr.l1.w"] = (d, d)
    shapes["inr.l1.b"] = (d,)
    shapes["inr.l2.w"] = (d, out)
    shapes["inr.l2.b"] = (out,)
    shapes["head.conv.w"] = (3, 3, c["inr_out_width"], HEAD_CHANNELS)
    shapes["head.conv.b"] = (HEAD_CHANNELS,)
    r = c.get("head_refine_width", 0)
    if r:
        widths = [HEAD_CHANNELS] + [r] * (HEAD_REFINE_LAYERS - 1) + [HEAD_CHANNELS]
        for i in range(HEAD_REFINE_LAYERS):
            shapes[f"head.refine{i}.w"] = (3, 3, widths[i], widths[i + 1])
            shapes[f"head.refine{i}.b"] = (widths[i + 1],)
    return shapes


def initial_value(name, shape, generator):
    """A fresh initialisation in the spirit of Layers.java (not bit-identical: training starts anywhere)."""
    if name.endswith(".g"):
        return torch.ones(shape)
    if name == f"head.refine{HEAD_REFINE_LAYERS - 1}.w":
        return torch.zeros(shape)  # the refinement starts as the identity: a refined model starts as its base
    if name.startswith("head.refine") and name.endswith(".w"):
        return torch.randn(shape, generator=generator) / math.sqrt(9.0 * shape[2])
    if name.endswith(".w") and name.startswith(("inr.", "head.")) or name.endswith(".means"):
        std = 1.0 / math.sqrt(9.0 * shape[2]) if name == "head.conv.w" else 1.0
        return torch.randn(shape, generator=generator) * std
    if name.endswith(".w"):
        return torch.randn(shape, generator=generator) / math.sqrt(shape[0])
    return torch.zeros(shape)


def grid_fourier_features(side, frequencies):
    """HuvrGraph.gridFourierFeatures: [side^2, 4F] of the cell centres, row-major, sin/cos of pi 2^k y and x."""
    centres = -1 + (2 * np.arange(side) + 1.0) / side
    y, x = np.meshgrid(centres, centres, indexing="ij")
    y, x = y.reshape(-1, 1), x.reshape(-1, 1)
    w = math.pi * 2.0 ** np.arange(frequencies)
    features = np.stack([np.sin(w * y), np.cos(w * y), np.sin(w * x), np.cos(w * x)], axis=2)
    return torch.tensor(features.reshape(side * side, 4 * frequencies), dtype=torch.float32)


def rotary_tables(width, heads, patches_per_side):
    """RotaryAttention's cos/sin tables [tokens, headWidth] and signed permutation [headWidth, headWidth]."""
    hw = width // heads
    half, quarter = hw // 2, hw // 4
    tokens = 1 + patches_per_side ** 2
    cos = np.zeros((tokens, hw))
    sin = np.zeros((tokens, hw))
    for t in range(tokens):
        row, col = (0, 0) if t == 0 else divmod(t - 1, patches_per_side)
        for axis, position in enumerate((row, col)):
            for i in range(quarter):
                angle = position * ROTARY_BASE ** (-i / quarter)
                for k in (axis * half + i, axis * half + i + quarter):
                    cos[t, k], sin[t, k] = math.cos(angle), math.sin(angle)
    rotate = np.zeros((hw, hw))
    for axis in range(2):
        for i in range(quarter):
            a = axis * half + i
            rotate[a + quarter, a] = -1
            rotate[a, a + quarter] = 1
    as_tensor = lambda a: torch.tensor(a, dtype=torch.float32)
    return as_tensor(cos), as_tensor(sin), as_tensor(rotate)


class HuvrNet(torch.nn.Module):
    """Parameters live in a ParameterDict under their model-file names (dots replaced, since modules forbid them)."""

    def __init__(self, config, seed=1):
        super().__init__()
        self.c = dict(config)
        generator = torch.Generator().manual_seed(seed)
        self.params = torch.nn.ParameterDict({
            key(n): torch.nn.Parameter(initial_value(n, s, generator)) for n, s in parameter_shapes(self.c).items()})
        n = self.c["tile_size"] // self.c["patch_size"]
        cos, sin, rotate = rotary_tables(self.c["encoder_width"], self.c["encoder_heads"], n)
        self.register_buffer("rope_cos", cos)
        self.register_buffer("rope_sin", sin)
        self.register_buffer("rope_rotate", rotate)
        self.register_buffer("grid", grid_fourier_features(self.c["patch_size"] // 4, self.c["fourier_frequencies"]))

    @property
    def tokens(self):
        """Tokens per tile: the global one and one per patch."""
        return 1 + (self.c["tile_size"] // self.c["patch_size"]) ** 2

    def p(self, name):
        return self.params[key(name)]

    # --- layers -------------------------------------------------------------------------------------------------
    def linear(self, name, x):
        return x @ self.p(name + ".w") + self.p(name + ".b")

    def layer_norm(self, name, x):
        mean = x.mean(-1, keepdim=True)
        var = ((x - mean) ** 2).mean(-1, keepdim=True)
        return (x - mean) / torch.sqrt(var + LAYER_NORM_EPS) * self.p(name + ".g") + self.p(name + ".b")

    def mlp_block(self, name, x):
        h = self.linear(name + ".fc1", self.layer_norm(name + ".ln", x))
        return x + self.linear(name + ".fc2", h * torch.sigmoid(1.702 * h))

    def attention(self, name, x, tokens):
        width, heads = self.c["encoder_width"], self.c["encoder_heads"]
        hw = width // heads
        qkv = self.linear(name + ".qkv", x).reshape(-1, tokens, 3, heads, hw).permute(2, 0, 3, 1, 4)
        q, k, v = (part.reshape(-1, tokens, hw) for part in qkv.unbind(0))
        q, k = self.rotary(q), self.rotary(k)
        scores = (q @ k.transpose(1, 2)) * (1.0 / math.sqrt(hw))
        attended = torch.softmax(scores, dim=2) @ v
        return attended.reshape(-1, heads, tokens, hw).permute(0, 2, 1, 3).reshape(-1, width)

    def rotary(self, x):
        return x * self.rope_cos + (x @ self.rope_rotate) * self.rope_sin

    @staticmethod
    def column_normalised(w):
        return w / torch.sqrt((w * w).sum(0, keepdim=True) + 1e-6)

    # --- the three sub-graphs ------------------------------------------------------------------------------------
    def encode(self, image):
        """Tiles [B, 3, tile, tile] in [-1, 1] to continuous TinToks [B, tokens, tokenDim]."""
        c = self.c
        p, n, width = c["patch_size"], c["tile_size"] // c["patch_size"], c["encoder_width"]
        tokens = 1 + n * n
        patches = image.reshape(-1, 3, n, p, n, p).permute(0, 2, 4, 1, 3, 5).reshape(-1, 3 * p * p)
        embedded = self.linear("enc.patch_embed", patches).reshape(-1, n * n, width)
        global_token = embedded.mean(1, keepdim=True) + self.p("enc.global_token")
        x = torch.cat([global_token, embedded], 1).reshape(-1, width)
        for b in range(c["encoder_depth"]):
            name = f"enc.block{b}"
            attended = self.attention(name + ".attn", self.layer_norm(name + ".ln_attn", x), tokens)
            x = x + self.linear(name + ".attn.out", attended)
            x = self.mlp_block(name + ".mlp", x)
        return self.linear("tintok.down", self.layer_norm("tintok.ln", x)).reshape(-1, tokens, c["token_dim"])

    def synthesize(self, tokens):
        """TinToks [B, tokens, tokenDim] to INR features [B, inrOut, n * side, n * side]."""
        c = self.c
        grid = self.grid
        n = c["tile_size"] // c["patch_size"]
        patches, count = n * n, 1 + n * n
        dw, d, out = c["decoder_width"], c["inr_width"], c["inr_out_width"]
        z = self.linear("dec.up", self.layer_norm("dec.ln_in", tokens.reshape(-1, c["token_dim"])))
        for b in range(c["decoder_depth"]):
            z = self.mlp_block(f"dec.block{b}", z)
        z = self.layer_norm("dec.ln_out", z).reshape(-1, count, dw)
        patch_mod = self.linear("mod.patch", z[:, 1:].reshape(-1, dw))
        global_mod = self.linear("mod.global", z[:, 0]) + 1.0
        h0 = torch.relu(grid @ self.column_normalised(self.p("inr.l0.w")) + self.p("inr.l0.b"))
        w1 = self.p("inr.l1.w")
        cells = grid.shape[0]
        numerator = ((patch_mod.reshape(-1, 1, d) * h0).reshape(-1, d) @ w1).reshape(-1, cells, d)
        norms = torch.sqrt((patch_mod * patch_mod) @ (w1 * w1) + 1e-6)
        column_scale = (global_mod.reshape(-1, 1, d) / norms.reshape(-1, patches, d)).reshape(-1, 1, d)
        h1 = torch.relu((numerator * column_scale).reshape(-1, d) + self.p("inr.l1.b"))
        h2 = torch.relu(h1 @ self.column_normalised(self.p("inr.l2.w")) + self.p("inr.l2.b"))
        side = int(round(math.sqrt(cells)))
        return h2.reshape(-1, n, n, side, side, out).permute(0, 5, 1, 3, 2, 4).reshape(-1, out, n * side, n * side)

    def conv(self, name, x):
        """A 3x3 convolution, zero-padded, with weights [3, 3, in, out] as ND4J stores them."""
        return F.conv2d(x, self.p(name + ".w").permute(3, 2, 0, 1), self.p(name + ".b"), padding=1)

    def head(self, feature_map):
        """A feature map [B, inrOut, h, w] to RGB [B, 3, 4h, 4w]: 3x3 convolution, the optional residual
        refinement (3x3 convolutions with ReLU between them), DCR depth-to-space."""
        y = self.conv("head.conv", feature_map)
        if self.c.get("head_refine_width", 0):
            r = y
            for i in range(HEAD_REFINE_LAYERS):
                r = self.conv(f"head.refine{i}", r)
                r = torch.relu(r) if i < HEAD_REFINE_LAYERS - 1 else r
            y = y + r
        b, _, h, w = y.shape
        return y.reshape(b, 4, 4, 3, h, w).permute(0, 3, 4, 1, 5, 2).reshape(b, 3, 4 * h, 4 * w)

    # --- rate and distortion ------------------------------------------------------------------------------------
    def steps(self, step_scale):
        """Per-sample steps [B, 1, tokenDim] of the global and patch tokens for step scales [B]."""
        s = step_scale.reshape(-1, 1, 1)
        return torch.exp(self.p(GLOBAL_STEP)) * s, torch.exp(self.p(PATCH_STEP)) * s

    def bits(self, density, values, step):
        """Bits per sample of values [B, N, tokenDim] with bins of width step [B, 1, tokenDim]."""
        v = values.unsqueeze(-1)
        half = (step * 0.5).unsqueeze(-1)
        means = self.p(density + ".means")
        inverse_scale = torch.exp(-self.p(density + ".log_scales"))
        weights = torch.softmax(self.p(density + ".logits"), dim=1)
        upper = torch.sigmoid((v + half - means) * inverse_scale)
        lower = torch.sigmoid((v - half - means) * inverse_scale)
        probability = ((upper - lower) * weights).sum(-1)
        return -torch.log(probability + 1e-9).sum((1, 2)) / math.log(2)

    @staticmethod
    def round_straight_through(latent, step):
        scaled = latent / step
        return (scaled + (torch.round(scaled) - scaled).detach()) * step

    def rate_distortion(self, image, step_scale, noise):
        """Per-sample bits per pixel and MSE (in [-1, 1] units) with step scales [B] and uniform noise like the latent.

        The rate sees latent + noise * step; the decoder sees the straight-through rounded latent, as in HuvrGraph.
        """
        latent = self.encode(image)
        global_step, patch_step = self.steps(step_scale)
        g, pt = latent[:, :1], latent[:, 1:]
        bits = (self.bits("density.patch", pt + noise[:, 1:] * patch_step, patch_step)
                + self.bits("density.global", g + noise[:, :1] * global_step, global_step))
        quantized = torch.cat([self.round_straight_through(g, global_step),
                               self.round_straight_through(pt, patch_step)], 1)
        recon = self.head(self.synthesize(quantized))
        pixels = image.shape[2] * image.shape[3]
        return bits / pixels, ((recon - image) ** 2).mean((1, 2, 3))


def key(name):
    return name.replace(".", "__")


def save_npz(model, path, extra=None):
    """Weights under their model-file names plus each hyper-parameter as a one-element int64 array config.<name>.

    One-element arrays, not scalars: ND4J 1.0.0-M2.1 cannot read zero-dimensional .npy entries."""
    arrays = {name: model.p(name).detach().cpu().numpy().astype(np.float32) for name in parameter_shapes(model.c)}
    arrays.update({"config." + k: np.array([v], dtype=np.int64) for k, v in model.c.items()})
    arrays.update(extra or {})
    np.savez(path, **arrays)


def load_npz(path):
    """A HuvrNet with the weights and hyper-parameters of an npz written by save_npz or `huvr weights export`."""
    with np.load(path) as data:
        config = {k: int(data["config." + k][0]) if "config." + k in data else OPTIONAL_KEYS[k] for k in CONFIG_KEYS}
        model = HuvrNet(config)
        with torch.no_grad():
            for name, shape in parameter_shapes(config).items():
                value = data[name]
                if tuple(value.shape) != tuple(shape):
                    raise ValueError(f"{path}: {name} has shape {value.shape}, expected {shape}")
                model.p(name).copy_(torch.from_numpy(value.astype(np.float32)))
    return model
