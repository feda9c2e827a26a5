/**
 * Plane resampling on the CPU for the colorize pipeline: area-average downscaling
 * (anti-aliased, for the model's input) and bilinear upscaling (for chroma back to
 * full resolution). Typed arrays only: memory stays linear in the image size.
 */

/** Area-average resample of a w×h plane to dw×dh (dw ≤ w, dh ≤ h expected). */
export function downscaleArea(src: Float32Array, w: number, h: number, dw: number, dh: number): Float32Array {
  const out = new Float32Array(dw * dh);
  const sx = w / dw, sy = h / dh;
  // Per output column: the source columns it covers, with fractional weights.
  const colStart = new Int32Array(dw), colEnd = new Int32Array(dw);
  const colW0 = new Float32Array(dw), colW1 = new Float32Array(dw);
  for (let x = 0; x < dw; x++) {
    const x0 = x * sx, x1 = (x + 1) * sx;
    colStart[x] = Math.floor(x0);
    colEnd[x] = Math.min(w - 1, Math.ceil(x1) - 1);
    colW0[x] = 1 - (x0 - Math.floor(x0));
    colW1[x] = x1 - Math.ceil(x1) + 1;
  }
  const row = new Float32Array(dw);
  for (let y = 0; y < dh; y++) {
    const y0 = y * sy, y1 = (y + 1) * sy;
    const r0 = Math.floor(y0), r1 = Math.min(h - 1, Math.ceil(y1) - 1);
    row.fill(0);
    let wsum = 0;
    for (let r = r0; r <= r1; r++) {
      let wy = 1;
      if (r === r0) wy = Math.min(wy, 1 - (y0 - r0));
      if (r === r1) wy = Math.min(wy, y1 - r1);
      if (wy <= 0) continue;
      wsum += wy;
      const base = r * w;
      for (let x = 0; x < dw; x++) {
        let acc = 0, ws = 0;
        for (let c = colStart[x]!; c <= colEnd[x]!; c++) {
          let wx = 1;
          if (c === colStart[x]) wx = Math.min(wx, colW0[x]!);
          if (c === colEnd[x]) wx = Math.min(wx, colW1[x]!);
          if (wx <= 0) continue;
          acc += src[base + c]! * wx;
          ws += wx;
        }
        row[x] += (acc / ws) * wy;
      }
    }
    for (let x = 0; x < dw; x++) out[y * dw + x] = row[x]! / wsum;
  }
  return out;
}

/**
 * Bilinear sample of a gw×gh grid that covers the rectangle [0,W)×[0,H) of the
 * output (pixel centres aligned, edges clamped). Writes into `out` (W·H).
 */
export function upscaleBilinear(grid: Float32Array, gw: number, gh: number, W: number, H: number, out = new Float32Array(W * H)): Float32Array {
  const sx = gw / W, sy = gh / H;
  const x0s = new Int32Array(W), x1s = new Int32Array(W), fxs = new Float32Array(W);
  for (let x = 0; x < W; x++) {
    const gx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), gw - 1);
    x0s[x] = Math.floor(gx);
    x1s[x] = Math.min(x0s[x]! + 1, gw - 1);
    fxs[x] = gx - x0s[x]!;
  }
  for (let y = 0; y < H; y++) {
    const gy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), gh - 1);
    const y0 = Math.floor(gy), y1 = Math.min(y0 + 1, gh - 1), fy = gy - y0;
    const r0 = y0 * gw, r1 = y1 * gw;
    for (let x = 0; x < W; x++) {
      const a = grid[r0 + x0s[x]!]! + (grid[r0 + x1s[x]!]! - grid[r0 + x0s[x]!]!) * fxs[x]!;
      const b = grid[r1 + x0s[x]!]! + (grid[r1 + x1s[x]!]! - grid[r1 + x0s[x]!]!) * fxs[x]!;
      out[y * W + x] = a + (b - a) * fy;
    }
  }
  return out;
}
