#!/usr/bin/env python3
"""Export torchvision classification networks with torch.onnx.export, as a user would, for maxnvm's import tests.

Usage: export.py OUT_DIR NAME [NAME ...]   (environment: OPSET, default 17)

Random weights (weights=None, seed 0): only the graph and the weight shapes matter to the importer. The model is
exported in eval mode with do_constant_folding=True (torch's default) and no torch.no_grad(), since under no_grad
torch's fast attention path (aten::_native_multi_head_attention) has no ONNX export. One JSON line per model on
stdout: its file, torch's own count of the weights of the conv and linear layers that run (what maxnvm calls weights), and the published
parameter count of torchvision's weights metadata (null for the small test instances).
"""
import json
import os
import sys
import warnings

import torch
import torchvision.models as models

warnings.filterwarnings("ignore")


def conv_linear_weights(model: torch.nn.Module, x: torch.Tensor) -> int:
    """Weights of the convolutions and linear layers one eval-mode forward pass runs (GoogLeNet's and Inception-v3's
    auxiliary classifiers exist as modules but do not run, nor are they exported)."""
    ran = set()
    # Swin's attention multiplies by its qkv and proj weights without calling those Linear modules.
    from torchvision.models.swin_transformer import ShiftedWindowAttention
    kinds = (torch.nn.Conv2d, torch.nn.Linear, torch.nn.MultiheadAttention, ShiftedWindowAttention)
    hooks = [m.register_forward_hook(lambda mod, _i, _o: ran.add(mod)) for m in model.modules() if isinstance(m, kinds)]
    model(x)
    for h in hooks:
        h.remove()

    def weights(m: torch.nn.Module) -> int:
        # MultiheadAttention multiplies by its packed q/k/v projection and its out_proj's weight without calling out_proj.
        if isinstance(m, torch.nn.MultiheadAttention):
            return m.in_proj_weight.numel() + m.out_proj.weight.numel()
        if isinstance(m, ShiftedWindowAttention):
            return m.qkv.weight.numel() + m.proj.weight.numel()
        return m.weight.numel()

    counted_by_attention = {m.out_proj for m in ran if isinstance(m, torch.nn.MultiheadAttention)}
    counted_by_attention |= {p for m in ran if isinstance(m, ShiftedWindowAttention) for p in (m.qkv, m.proj)}
    return sum(weights(m) for m in ran - counted_by_attention)


def called_conv_linear_macs(model: torch.nn.Module, x: torch.Tensor) -> int:
    """Multiply-accumulates of the Conv2d and Linear modules a forward pass calls, from their outputs' sizes (a check
    on the importer that does not read ONNX; products of two activations and modules used without being called,
    such as MultiheadAttention's projections, are not in it)."""
    total = [0]

    def count(mod: torch.nn.Module, _inputs: tuple, out: torch.Tensor) -> None:
        if isinstance(mod, torch.nn.Conv2d):
            kh, kw = mod.kernel_size
            total[0] += out.numel() * (mod.in_channels // mod.groups) * kh * kw
        else:
            total[0] += out.numel() * mod.in_features

    hooks = [m.register_forward_hook(count) for m in model.modules() if isinstance(m, (torch.nn.Conv2d, torch.nn.Linear))]
    model(x)
    for h in hooks:
        h.remove()
    return total[0]


class PackedAttentionNet(torch.nn.Module):
    """Patch embedding, one attention as timm (and Swin) write it: the packed projection reshaped to
    [B, N, 3, heads, head size], permuted to [3, B, heads, N, head size] and unbound into q, k, v; token 0 to a head."""

    def __init__(self, dim: int = 64, heads: int = 4) -> None:
        super().__init__()
        self.patch = torch.nn.Conv2d(3, dim, 8, 8)
        self.heads = heads
        self.qkv = torch.nn.Linear(dim, 3 * dim)
        self.proj = torch.nn.Linear(dim, dim)
        self.head = torch.nn.Linear(dim, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.patch(x).flatten(2).transpose(1, 2)
        b, n, c = x.shape
        qkv = self.qkv(x).reshape(b, n, 3, self.heads, c // self.heads).permute(2, 0, 3, 1, 4)
        q, k, v = qkv.unbind(0)
        a = ((q @ k.transpose(-2, -1)) * (c // self.heads) ** -0.5).softmax(dim=-1)
        return self.head(self.proj((a @ v).transpose(1, 2).reshape(b, n, c))[:, 0])


# Small instances of torchvision's own classes (and one module written as timm writes attention), exported by the same code path as the full models, for tests that
# check counts by hand: name → (constructor, input size).
SMALL = {
    "vit_tiny": (lambda: models.VisionTransformer(image_size=32, patch_size=8, num_layers=2, num_heads=2, hidden_dim=64, mlp_dim=128), 32),
    "packed_attention": (PackedAttentionNet, 32),
    "maxvit_tiny": (lambda: models.MaxVit(input_size=(64, 64), stem_channels=16, partition_size=4, block_channels=[32], block_layers=[1], head_dim=16, stochastic_depth_prob=0.0, num_classes=10), 64),
    "swin_tiny": (lambda: models.SwinTransformer(patch_size=[4, 4], embed_dim=32, depths=[2, 2], num_heads=[2, 4], window_size=[4, 4], num_classes=10), 32),
}


def build(name: str):
    if name in SMALL:
        make, size = SMALL[name]
        return make(), size, None
    return getattr(models, name)(weights=None), 299 if name == "inception_v3" else 224, models.get_model_weights(name).DEFAULT.meta["num_params"]


def main() -> None:
    out_dir, names = sys.argv[1], sys.argv[2:]
    opset = int(os.environ.get("OPSET", "17"))
    for name in names:
        torch.manual_seed(0)
        model, size, published = build(name)
        model.eval()
        with torch.no_grad():
            # torchvision starts ViT's classifier head at zero; maxnvm refuses an all-zero layer (density 0), and a
            # trained head is not zero, so such layers get random weights here.
            for m in model.modules():
                if isinstance(m, (torch.nn.Conv2d, torch.nn.Linear)) and not m.weight.any():
                    torch.nn.init.normal_(m.weight, std=0.02)
        path = os.path.join(out_dir, f"{name}.onnx")
        x = torch.randn(1, 3, size, size)
        torch.onnx.export(model, x, path, opset_version=opset, input_names=["input"], output_names=["logits"])
        print(json.dumps({"name": name, "file": path, "convLinearWeights": conv_linear_weights(model, x), "calledConvLinearMacs": called_conv_linear_macs(model, x), "numParams": published, "torch": torch.__version__}), flush=True)


if __name__ == "__main__":
    main()
