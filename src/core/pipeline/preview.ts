/**
 * Display copies of large images. The page shows each result several times (three
 * panels and the two layers of the before/after slider), and a screen never needs
 * more than a few thousand pixels across, so the worker hands the UI area-averaged
 * previews of big photos and keeps full resolution for the PNG download only: a
 * 12000×8000 result costs the page about 5 × 45 MB of canvases instead of 5 × 384 MB.
 */
import { createRawImage, type RawImage } from '../image';

/** Longest side of a display preview. */
export const PREVIEW_MAX_SIDE = 4096;

/** The size an image is shown at: itself when it fits in maxSide², else scaled down to fit. */
export function previewSize(width: number, height: number, maxSide = PREVIEW_MAX_SIDE): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  if (scale === 1) return { width, height };
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** The image itself when it fits in maxSide², else an area-averaged (box-filtered) copy that does. */
export function previewOf(image: RawImage, maxSide = PREVIEW_MAX_SIDE): RawImage {
  const { width: dw, height: dh } = previewSize(image.width, image.height, maxSide);
  if (dw === image.width && dh === image.height) return image;
  return downscaleRgba(image, dw, dh);
}

/** Area-average RGBA downscale to dw×dh (dw ≤ width, dh ≤ height); one source row at a time. */
export function downscaleRgba(image: RawImage, dw: number, dh: number): RawImage {
  const { width: w, height: h, data } = image;
  const out = createRawImage(dw, dh);
  const sx = w / dw, sy = h / dh;
  // Per source column: the output column it falls in, and how much of it spills into the next.
  const colOut = new Int32Array(w), colSplit = new Float32Array(w);
  for (let c = 0; c < w; c++) {
    const x = Math.min(dw - 1, Math.floor(c / sx));
    colOut[c] = x;
    const edge = (x + 1) * sx; // right edge of output column x, in source units
    colSplit[c] = c + 1 > edge && x + 1 < dw ? c + 1 - edge : 0; // part of column c beyond it
  }
  const rowAcc = new Float64Array(dw * 4); // one source row, summed per output column
  const acc = new Float64Array(dw * 4 * 2); // output rows y and y+1 being accumulated
  let y = 0;
  let filled = 0; // rows' weight accumulated into the current output row
  for (let r = 0; r < h; r++) {
    rowAcc.fill(0);
    const base = r * w * 4;
    for (let c = 0; c < w; c++) {
      const x = colOut[c]!, split = colSplit[c]!, p = base + c * 4, o = x * 4;
      const keep = 1 - split;
      rowAcc[o] += data[p]! * keep;
      rowAcc[o + 1] += data[p + 1]! * keep;
      rowAcc[o + 2] += data[p + 2]! * keep;
      rowAcc[o + 3] += data[p + 3]! * keep;
      if (split > 0) {
        rowAcc[o + 4] += data[p]! * split;
        rowAcc[o + 5] += data[p + 1]! * split;
        rowAcc[o + 6] += data[p + 2]! * split;
        rowAcc[o + 7] += data[p + 3]! * split;
      }
    }
    // Row r covers [r, r+1) in source units; output row y ends at (y+1)·sy.
    const edge = (y + 1) * sy;
    const split = r + 1 > edge && y + 1 < dh ? r + 1 - edge : 0;
    const keep = 1 - split;
    for (let i = 0; i < dw * 4; i++) {
      acc[i] += rowAcc[i]! * keep;
      acc[dw * 4 + i] += rowAcc[i]! * split;
    }
    filled += keep;
    if (r + 1 >= edge - 1e-9 || r === h - 1) {
      emitRow(out.data, y, dw, acc, sx, filled);
      acc.copyWithin(0, dw * 4);
      acc.fill(0, dw * 4);
      filled = split;
      y++;
      if (y >= dh) break;
    }
  }
  return out;
}

function emitRow(out: Uint8ClampedArray, y: number, dw: number, acc: Float64Array, sx: number, rowWeight: number): void {
  const norm = 1 / (sx * rowWeight);
  const o = y * dw * 4;
  for (let i = 0; i < dw * 4; i++) out[o + i] = Math.round(acc[i]! * norm);
}
