/**
 * Gradient kernels for the tfjs wasm backend.
 *
 * wasm ships no Conv2DBackpropFilter and a slow Conv2DBackpropInput (~3 GFLOP/s vs
 * ~30 for its XNNPACK forward conv). Both are rewritten here as one forward Conv2D
 * plus pad/slice/transpose/reverse, calling the wasm backend's own kernels directly
 * (no tape, no tensors), and registered with tf.registerKernel.
 *
 * Only NHWC with forward dilation 1 (what tfjs's conv2d gradient supports anyway).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';

type Backend = tf.KernelBackend;

function run(name: string, inputs: Record<string, TensorInfo>, attrs: NamedAttrMap, backend: Backend): TensorInfo {
  const kernel = tf.getKernel(name, 'wasm');
  if (!kernel) throw new Error(`wasm kernel ${name} is not registered`);
  return kernel.kernelFunc({ inputs, attrs, backend }) as TensorInfo;
}

/** Pads (positive) or crops (negative) the two spatial axes of an NHWC tensor. */
function padOrCrop(x: TensorInfo, top: number, bottom: number, left: number, right: number, backend: Backend): TensorInfo {
  let cur = x;
  const owned: TensorInfo[] = [];
  if (top < 0 || bottom < 0 || left < 0 || right < 0) {
    const [n, h, w, c] = cur.shape as [number, number, number, number];
    const t = Math.max(0, -top), b = Math.max(0, -bottom), l = Math.max(0, -left), r = Math.max(0, -right);
    cur = run('Slice', { x: cur }, { begin: [0, t, l, 0], size: [n, h - t - b, w - l - r, c] }, backend);
    owned.push(cur);
  }
  if (top > 0 || bottom > 0 || left > 0 || right > 0) {
    const paddings = [[0, 0], [Math.max(0, top), Math.max(0, bottom)], [Math.max(0, left), Math.max(0, right)], [0, 0]];
    cur = run('PadV2', { x: cur }, { paddings, constantValue: 0 } as unknown as NamedAttrMap, backend);
    owned.push(cur);
  }
  for (const t of owned.slice(0, -1)) backend.disposeData(t.dataId);
  return cur;
}

function checkNHWC(dataFormat: unknown, kernel: string): void {
  if (dataFormat !== undefined && dataFormat !== 'NHWC') {
    throw new Error(`${kernel} replacement supports NHWC only, got ${String(dataFormat)}`);
  }
}

/** dW[kh,kw,ci,co] = Σ_{n,i,j} x[n, i·s+kh−pt, j·s+kw−pl, ci] · dy[n,i,j,co]. */
export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: 'Conv2DBackpropFilter',
  backendName: 'wasm',
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
    const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as {
      strides: [number, number] | number; pad: 'valid' | 'same' | number | number[][]; dataFormat: string;
      dimRoundingMode?: 'floor' | 'round' | 'ceil'; filterShape: [number, number, number, number];
    };
    checkNHWC(dataFormat, 'Conv2DBackpropFilter');
    const b = backend as Backend;
    const info = tf.backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number], filterShape, strides, 1, pad as never, dimRoundingMode, false, 'channelsLast');
    const { strideHeight: sh, strideWidth: sw, outHeight: ho, outWidth: wo, inHeight: h, inWidth: w } = info;
    const { top, left } = info.padInfo;
    const [kh, kw] = filterShape;
    // Channels become the batch and the batch becomes channels: one forward conv does it.
    const xT = run('Transpose', { x }, { perm: [3, 1, 2, 0] }, b); // [Ci,H,W,N]
    const xP = padOrCrop(xT, top, (ho - 1) * sh + kh - h - top, left, (wo - 1) * sw + kw - w - left, b);
    const dyT = run('Transpose', { x: dy }, { perm: [1, 2, 0, 3] }, b); // [Ho,Wo,N,Co]
    const conv = run('Conv2D', { x: xP, filter: dyT },
      { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', dilations: [sh, sw], dimRoundingMode: undefined } as unknown as NamedAttrMap, b); // [Ci,kh,kw,Co]
    const out = run('Transpose', { x: conv }, { perm: [1, 2, 0, 3] }, b);
    for (const t of new Set([xT, xP, dyT, conv])) b.disposeData(t.dataId);
    return out;
  },
};

/** dx = correlation of the stride-dilated, padded dy with the flipped, transposed filter. */
export const conv2DBackpropInputConfig: KernelConfig = {
  kernelName: 'Conv2DBackpropInput',
  backendName: 'wasm',
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
    const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs as unknown as {
      strides: [number, number] | number; pad: 'valid' | 'same' | number | number[][]; dataFormat: string;
      dimRoundingMode?: 'floor' | 'round' | 'ceil'; inputShape: [number, number, number, number];
    };
    checkNHWC(dataFormat, 'Conv2DBackpropInput');
    const b = backend as Backend;
    const filterShape = filter.shape as [number, number, number, number];
    const info = tf.backend_util.computeConv2DInfo(inputShape, filterShape, strides, 1, pad as never, dimRoundingMode, false, 'channelsLast');
    const { strideHeight: sh, strideWidth: sw, outHeight: ho, outWidth: wo, inHeight: h, inWidth: w, batchSize: n, outChannels: co } = info;
    const { top, left } = info.padInfo;
    const [kh, kw] = filterShape;
    const owned: TensorInfo[] = [];
    let up = dy;
    if (sh > 1 || sw > 1) {
      // Insert (stride − 1) zeros after every dy sample: [N,Ho,1,Wo,1,Co] → pad → [N,Ho·sh,Wo·sw,Co].
      const r6 = run('Reshape', { x: dy }, { shape: [n, ho, 1, wo, 1, co] }, b);
      const p6 = run('PadV2', { x: r6 },
        { paddings: [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]], constantValue: 0 } as unknown as NamedAttrMap, b);
      up = run('Reshape', { x: p6 }, { shape: [n, ho * sh, wo * sw, co] }, b);
      owned.push(r6, p6, up);
    }
    const upH = ho * sh, upW = wo * sw; // includes the trailing (stride − 1) zeros
    const padTop = kh - 1 - top, padLeft = kw - 1 - left;
    const padded = padOrCrop(up, padTop, h + kh - 1 - padTop - upH, padLeft, w + kw - 1 - padLeft - upW, b);
    owned.push(padded);
    const flipped = run('Reverse', { x: filter }, { dims: [0, 1] }, b);
    const wT = run('Transpose', { x: flipped }, { perm: [0, 1, 3, 2] }, b); // [kh,kw,Co,Ci]
    owned.push(flipped, wT);
    const out = run('Conv2D', { x: padded, filter: wT },
      { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', dilations: [1, 1], dimRoundingMode: undefined } as unknown as NamedAttrMap, b);
    for (const t of new Set(owned)) if (t !== dy) b.disposeData(t.dataId);
    return out;
  },
};

let registered = false;

/** Registers the replacements once; call after the wasm backend is ready. */
export function registerWasmGradientKernels(): void {
  if (registered) return;
  for (const config of [conv2DBackpropFilterConfig, conv2DBackpropInputConfig]) {
    if (tf.getKernel(config.kernelName, 'wasm')) tf.unregisterKernel(config.kernelName, 'wasm');
    tf.registerKernel(config);
  }
  registered = true;
}
