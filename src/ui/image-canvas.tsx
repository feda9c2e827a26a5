import { useEffect, useRef } from 'react';
import type { ImageDataLike } from '../worker/protocol';

interface ImageCanvasProps {
  readonly image: ImageDataLike;
  /** Accessible description; omit for decorative copies. */
  readonly label?: string;
  readonly className?: string;
  readonly testId?: string;
}

/** Shows RGBA pixels at full resolution; CSS scales the canvas to fit. */
export function ImageCanvas({ image, label, className, testId }: ImageCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    canvas.width = image.width;
    canvas.height = image.height;
    const pixels = new ImageData(image.data as Uint8ClampedArray<ArrayBuffer>, image.width, image.height);
    canvas.getContext('2d')?.putImageData(pixels, 0, 0);
  }, [image]);
  return (
    <canvas
      ref={ref}
      width={image.width}
      height={image.height}
      className={className}
      data-testid={testId}
      {...(label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': true })}
    />
  );
}
