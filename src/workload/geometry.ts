/**
 * Output extent of a sliding window (convolution or pooling) along one axis.
 * Floor rounding, as in PyTorch (torchvision ResNet-50) and NVDLA's own
 * register description: the window never starts past the padded input.
 */
export function outputExtent(input: number, kernel: number, stride: number, padding: number): number {
  return Math.floor((input + 2 * padding - kernel) / stride) + 1;
}
