/**
 * Output extent of a sliding window (convolution or pooling) along one axis.
 * Floor rounding, as in PyTorch (torchvision ResNet-50) and NVDLA's own
 * register description: the window never starts past the padded input.
 * `padEnd` defaults to `padding` (symmetric); a dilated kernel spans (kernel − 1)·dilation + 1 inputs.
 */
export function outputExtent(input: number, kernel: number, stride: number, padding: number, padEnd = padding, dilation = 1): number {
  return Math.floor((input + padding + padEnd - dilatedExtent(kernel, dilation)) / stride) + 1;
}

/** Inputs a kernel of `kernel` taps spans at `dilation` (ONNX and PyTorch: (k − 1)·d + 1). */
export function dilatedExtent(kernel: number, dilation: number): number {
  return (kernel - 1) * dilation + 1;
}
