import { useId, useState, type CSSProperties } from 'react';
import type { ImageDataLike } from '../worker/protocol';
import { ImageCanvas } from './image-canvas';

interface CompareSliderProps {
  readonly before: ImageDataLike;
  readonly after: ImageDataLike;
  readonly name: string;
}

const MAX_HEIGHT = 'min(72vh, 640px)';
const MIN_WIDTH = '560px';

/**
 * Before/after: the grayscale input on the left of the divider, the colour result
 * on the right. A native range input drives it, so arrows, Home/End and
 * PageUp/PageDown work and screen readers announce it.
 */
export function CompareSlider({ before, after, name }: CompareSliderProps) {
  const [position, setPosition] = useState(50);
  const labelId = useId();
  // Sized to the image itself (no letterbox bars): as large as fits (full width or
  // MAX_HEIGHT tall), but small photos are not blown up much past their own size.
  const style = {
    '--pos': `${position}%`,
    aspectRatio: `${after.width} / ${after.height}`,
    width: `min(100%, calc(${MAX_HEIGHT} * ${(after.width / after.height).toFixed(4)}), max(${after.width}px, ${MIN_WIDTH}))`,
  } as CSSProperties;
  return (
    <div className="compare" style={style}>
      <ImageCanvas image={after} className="compare-layer" label={`${name}, colorized (right of the divider)`} />
      <ImageCanvas image={before} className="compare-layer compare-before" />
      <div className="compare-divider" aria-hidden="true">
        <span className="compare-grip" />
      </div>
      <span className="compare-tag compare-tag-left" aria-hidden="true">Grayscale</span>
      <span className="compare-tag compare-tag-right" aria-hidden="true">Colour</span>
      <span id={labelId} className="visually-hidden">
        Compare grayscale and colour for {name}: grayscale left of the divider, colour right
      </span>
      <input
        type="range"
        className="compare-input"
        min={0}
        max={100}
        step={1}
        value={position}
        aria-labelledby={labelId}
        aria-valuetext={`Divider at ${position}%`}
        data-testid="compare-slider"
        onChange={(e) => setPosition(Number(e.currentTarget.value))}
      />
    </div>
  );
}
