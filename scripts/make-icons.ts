/**
 * Draws the app icons from one SVG written here (the brand mark: three overlapping
 * colour blobs on the app's dark background) and renders the PNGs the web app
 * manifest and iOS need into public/icons/. No third-party artwork. The PNGs are
 * committed; rerun after changing the drawing:
 *
 *   npm run icons
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'public/icons');

const BACKGROUND = '#111113';

/**
 * The mark on a 512×512 canvas. `scale` shrinks the blobs towards the centre:
 * maskable icons must keep their content inside the central 80 % circle.
 */
function iconSvg({ scale, rounded }: { scale: number; rounded: boolean }): string {
  const blob = (cx: number, cy: number, fill: string) => {
    const x = 256 + (cx - 256) * scale;
    const y = 256 + (cy - 256) * scale;
    return `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${(118 * scale).toFixed(1)}" fill="${fill}" fill-opacity="0.88"/>`;
  };
  return `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
  <rect width="512" height="512" ${rounded ? 'rx="112"' : ''} fill="${BACKGROUND}"/>
  <g style="mix-blend-mode:screen">
    ${blob(200, 208, '#e3a857')}
    ${blob(312, 208, '#63aca3')}
    ${blob(256, 304, '#c8677a')}
  </g>
</svg>`;
}

const ICONS = [
  // "any" icons: rounded square, used as-is by desktop launchers.
  { file: 'icon-192.png', size: 192, svg: iconSvg({ scale: 1, rounded: true }) },
  { file: 'icon-512.png', size: 512, svg: iconSvg({ scale: 1, rounded: true }) },
  // Maskable: full-bleed background, mark inside the safe zone (the OS crops it):
  // the farthest blob edge is 0.9 × 192 = 173 px from the centre, under 0.4 × 512 = 205.
  { file: 'icon-maskable-512.png', size: 512, svg: iconSvg({ scale: 0.9, rounded: false }) },
  // iOS rounds the corners itself and shows transparency as black.
  { file: 'apple-touch-icon-180.png', size: 180, svg: iconSvg({ scale: 0.86, rounded: false }) },
] as const;

fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'icon.svg'), iconSvg({ scale: 1, rounded: true }));
for (const icon of ICONS) {
  const target = path.join(outDir, icon.file);
  await sharp(Buffer.from(icon.svg)).resize(icon.size, icon.size).png({ compressionLevel: 9, palette: true, quality: 90 }).toFile(target);
  console.log(`${path.relative(root, target)}  ${icon.size}×${icon.size}  ${fs.statSync(target).size} B`);
}
