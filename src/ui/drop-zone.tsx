import { useId, useRef } from 'react';
import { HiddenFileInput } from './hidden-file-input';

interface DropZoneProps {
  readonly onFiles: (files: File[]) => void;
  /** Files are being dragged over the page. */
  readonly active: boolean;
  /** Smaller once the queue has items. */
  readonly compact: boolean;
}

/** Drop target + file picker. Dropping and pasting work anywhere (see use-page-files). */
export function DropZone({ onFiles, active, compact }: DropZoneProps) {
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
  return (
    <section
      className={`drop-zone${active ? ' is-active' : ''}${compact ? ' is-compact' : ''}`}
      data-testid="drop-zone"
      aria-label="Add photos"
    >
      <div className="drop-zone-art" aria-hidden="true">
        <span className="blob blob-a" />
        <span className="blob blob-b" />
        <span className="blob blob-c" />
      </div>
      <div className="drop-zone-text">
        <p className="drop-zone-title">{active ? 'Drop to colorize' : 'Drop old photos here'}</p>
        <p className="drop-zone-hint" id={hintId}>
          JPEG, PNG, WebP, GIF, AVIF or BMP · several at once · or paste with <kbd>Ctrl</kbd>+<kbd>V</kbd>
        </p>
      </div>
      <button type="button" className="button primary" onClick={() => input.current?.click()} aria-describedby={hintId}>
        Choose photos…
      </button>
      <HiddenFileInput ref={input} accept="image/*" testId="file-input" onFiles={onFiles} />
    </section>
  );
}
