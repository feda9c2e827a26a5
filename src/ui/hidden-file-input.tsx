import type { RefObject } from 'react';

interface HiddenFileInputProps {
  /** The button that opens the picker calls `ref.current?.click()`. */
  readonly ref: RefObject<HTMLInputElement | null>;
  readonly accept: string;
  readonly onFiles: (files: File[]) => void;
  readonly label?: string;
  readonly testId?: string;
  /** Default true; false lets the picker take one file. */
  readonly multiple?: boolean;
}

/**
 * A hidden `<input type="file">` (several files unless `multiple` is false) opened by a visible button. It is cleared after
 * every pick, so picking the same files again still fires; an empty pick calls nothing.
 */
export function HiddenFileInput({ ref, accept, onFiles, label, testId, multiple = true }: HiddenFileInputProps) {
  return (
    <input
      ref={ref}
      type="file"
      accept={accept}
      multiple={multiple}
      hidden
      aria-label={label}
      data-testid={testId}
      onChange={(e) => {
        const files = Array.from(e.currentTarget.files ?? []);
        e.currentTarget.value = '';
        if (files.length) onFiles(files);
      }}
    />
  );
}
