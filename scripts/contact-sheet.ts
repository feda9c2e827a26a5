/**
 * A contact sheet for looking at results by eye: for each photo, original | gray | model.
 *   npx tsx scripts/contact-sheet.ts --data <dir> --count 12 --out docs/samples.jpg [--model <dir>]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import sharp, { type OverlayOptions } from 'sharp';
import { initNodeBackend } from '../src/platform/node/tfjs-node-wasm';
import { loadNodeColorizer, DEFAULT_GENERATOR_DIR } from '../src/platform/node/load-colorizer';
import { decodeImageFile } from '../src/platform/node/image-io';
import { listImageFiles } from '../src/platform/node/training-images';
import { colorize } from '../src/core/pipeline/colorize';
import type { RawImage } from '../src/core/image';

const { values } = parseArgs({ options: { data: { type: 'string' }, count: { type: 'string', default: '12' }, out: { type: 'string' }, model: { type: 'string' }, tile: { type: 'string', default: '160' } } });
if (!values.data || !values.out) throw new Error('usage: --data <dir> --out <file> [--count n] [--model dir]');
await initNodeBackend('wasm');
const colorizer = await loadNodeColorizer(values.model ? path.resolve(values.model) : DEFAULT_GENERATOR_DIR);
const tile = Number(values.tile);
const files = listImageFiles(values.data).slice(0, Number(values.count));
const toTile = (img: RawImage) => sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.length), { raw: { width: img.width, height: img.height, channels: 4 } })
  .resize(tile, tile, { fit: 'cover' }).removeAlpha().png().toBuffer();
const composites: OverlayOptions[] = [];
for (const [i, f] of files.entries()) {
  const img = await decodeImageFile(f);
  const r = await colorize(colorizer, img);
  const tiles = await Promise.all([img, r.gray, r.colorized].map(toTile));
  const col = i % 2, row = Math.floor(i / 2);
  tiles.forEach((input, k) => composites.push({ input, left: col * (3 * tile + 16) + k * tile, top: row * tile }));
}
await sharp({ create: { width: 2 * (3 * tile + 16), height: Math.ceil(files.length / 2) * tile, channels: 3, background: '#222' } })
  .composite(composites).jpeg({ quality: 85 }).toFile(values.out);
console.log(`wrote ${values.out}: original | gray | ${colorizer.info.name} ${colorizer.info.version}`);
