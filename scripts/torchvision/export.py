#!/usr/bin/env python3
"""Export torchvision classification networks with torch.onnx.export, as a user would, for maxnvm's import tests.

Usage: export.py OUT_DIR NAME [NAME ...]   (environment: OPSET, default 17)

Random weights (weights=None, seed 0): only the graph and the weight shapes matter to the importer. The model is
exported in eval mode with do_constant_folding=True (torch's default) and no torch.no_grad(), since under no_grad
torch's fast attention path (aten::_native_multi_head_attention) has no ONNX export. One JSON line per model on
stdout: its file, torch's own count of the weights of the conv and linear layers that run (what maxnvm calls weights), and the published
parameter count of torchvision's weights metadata.
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
    kinds = (torch.nn.Conv2d, torch.nn.Linear)
    hooks = [m.register_forward_hook(lambda mod, _i, _o: ran.add(mod)) for m in model.modules() if isinstance(m, kinds)]
    with torch.no_grad():
        model(x)
    for h in hooks:
        h.remove()
    return sum(m.weight.numel() for m in ran)


def main() -> None:
    out_dir, names = sys.argv[1], sys.argv[2:]
    opset = int(os.environ.get("OPSET", "17"))
    for name in names:
        torch.manual_seed(0)
        model = getattr(models, name)(weights=None).eval()
        size = 299 if name == "inception_v3" else 224
        path = os.path.join(out_dir, f"{name}.onnx")
        x = torch.randn(1, 3, size, size)
        torch.onnx.export(model, x, path, opset_version=opset, input_names=["input"], output_names=["logits"])
        meta = models.get_model_weights(name).DEFAULT.meta
        print(json.dumps({"name": name, "file": path, "convLinearWeights": conv_linear_weights(model, x), "numParams": meta["num_params"], "torch": torch.__version__}), flush=True)


if __name__ == "__main__":
    main()
