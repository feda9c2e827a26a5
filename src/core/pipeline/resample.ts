/**
 * Plane resampling on the CPU for the colorize pipeline: area-average downscaling
 * (anti-aliased, for the model's input) and bilinear upscaling (for chroma back to
 * full resolution). Typed arrays only: memory stays linear in the image size.
 */

/** Area-average resample of a w×h plane to dw×dh (dw ≤ w, dh ≤ h expected). */
export function downscaleArea(src: Float32Array, w: number, h: number, dw: number, dh: number): Float32Array {
  const down = new AreaDownscaler(w, h, dw, dh);
  for (let y = 0; y < h; y++) down.pushRow(src.subarray(y * w, (y + 1) * w));
  return down.result();
}

/**
 * Area-average downscaling fed one source row at a time, so a huge image never needs
 * a full-resolution plane: each row is averaged horizontally as it arrives (h×dw
 * values kept), then the rows are averaged vertically. Same weights as a 2-D box of
 * fractional coverage.
 */
export class AreaDownscaler {
  private readonly colStart: Int32Array;
  private readonly colEnd: Int32Array;
  private readonly colW0: Float32Array;
  private readonly colW1: Float32Array;
  /** Horizontally averaged rows, h × dw. */
  private readonly rows: Float64Array;
  private received = 0;

  constructor(
    private readonly w: number,
    private readonly h: number,
    private readonly dw: number,
    private readonly dh: number,
  ) {
    const sx = w / dw;
    this.colStart = new Int32Array(dw);
    this.colEnd = new Int32Array(dw);
    this.colW0 = new Float32Array(dw);
    this.colW1 = new Float32Array(dw);
    // Per output column: the source columns it covers, with fractional weights.
    for (let x = 0; x < dw; x++) {
      const x0 = x * sx, x1 = (x + 1) * sx;
      this.colStart[x] = Math.floor(x0);
      this.colEnd[x] = Math.min(w - 1, Math.ceil(x1) - 1);
      this.colW0[x] = 1 - (x0 - Math.floor(x0));
      this.colW1[x] = x1 - Math.ceil(x1) + 1;
    }
    this.rows = new Float64Array(h * dw);
  }

  /** Adds the next source row (w values). */
  pushRow(row: Float32Array): void {
    if (this.received >= this.h) throw new RangeError(`AreaDownscaler: more than ${this.h} rows`);
    const { dw, colStart, colEnd, colW0, colW1 } = this;
    const base = this.received * dw;
    for (let x = 0; x < dw; x++) {
      let acc = 0, ws = 0;
      for (let c = colStart[x]!; c <= colEnd[x]!; c++) {
        let wx = 1;
        if (c === colStart[x]) wx = Math.min(wx, colW0[x]!);
        if (c === colEnd[x]) wx = Math.min(wx, colW1[x]!);
        if (wx <= 0) continue;
        acc += row[c]! * wx;
        ws += wx;
      }
      this.rows[base + x] = acc / ws;
    }
    this.received++;
  }

  /** The dw×dh result, once all h rows are in. */
  result(): Float32Array {
    const { w, h, dw, dh, rows } = this;
    if (this.received !== h) throw new RangeError(`AreaDownscaler: got ${this.received} of ${h} rows (${w} wide)`);
    const out = new Float32Array(dw * dh);
    const sy = h / dh;
    const acc = new Float32Array(dw);
    for (let y = 0; y < dh; y++) {
      const y0 = y * sy, y1 = (y + 1) * sy;
      const r0 = Math.floor(y0), r1 = Math.min(h - 1, Math.ceil(y1) - 1);
      acc.fill(0);
      let wsum = 0;
      for (let r = r0; r <= r1; r++) {
        let wy = 1;
        if (r === r0) wy = Math.min(wy, 1 - (y0 - r0));
        if (r === r1) wy = Math.min(wy, y1 - r1);
        if (wy <= 0) continue;
        wsum += wy;
        for (let x = 0; x < dw; x++) acc[x] += rows[r * dw + x]! * wy;
      }
      for (let x = 0; x < dw; x++) out[y * dw + x] = acc[x]! / wsum;
    }
    return out;
  }
}

/**
 * Bilinear sample of a gw×gh grid that covers the rectangle [0,W)×[0,H) of the
 * output (pixel centres aligned, edges clamped). Writes into `out` (W·H).
 */
export function upscaleBilinear(grid: Float32Array, gw: number, gh: number, W: number, H: number, out = new Float32Array(W * H)): Float32Array {
  return upscaleBilinearRows(grid, gw, gh, W, H, 0, H, out);
}

/**
 * Rows [y0, y1) of `upscaleBilinear(grid, gw, gh, W, H)`, into `out` ((y1−y0)·W), so
 * full-resolution chroma can be produced one band at a time.
 */
export function upscaleBilinearRows(grid: Float32Array, gw: number, gh: number, W: number, H: number, y0: number, y1: number, out = new Float32Array((y1 - y0) * W)): Float32Array {
  const sx = gw / W, sy = gh / H;
  const x0s = new Int32Array(W), x1s = new Int32Array(W), fxs = new Float32Array(W);
  for (let x = 0; x < W; x++) {
    const gx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), gw - 1);
    x0s[x] = Math.floor(gx);
    x1s[x] = Math.min(x0s[x]! + 1, gw - 1);
    fxs[x] = gx - x0s[x]!;
  }
  for (let y = y0; y < y1; y++) {
    const gy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), gh - 1);
    const g0 = Math.floor(gy), g1 = Math.min(g0 + 1, gh - 1), fy = gy - g0;
    const r0 = g0 * gw, r1 = g1 * gw;
    const o = (y - y0) * W;
    for (let x = 0; x < W; x++) {
      const a = grid[r0 + x0s[x]!]! + (grid[r0 + x1s[x]!]! - grid[r0 + x0s[x]!]!) * fxs[x]!;
      const b = grid[r1 + x0s[x]!]! + (grid[r1 + x1s[x]!]! - grid[r1 + x0s[x]!]!) * fxs[x]!;
      out[o + x] = a + (b - a) * fy;
    }
  }
  return out;
}
