/** Error codes the core throws; the UI and CLIs turn them into readable messages. */
export type ColorizerErrorCode =
  | 'empty-file'
  | 'not-an-image'
  | 'unsupported-format'
  | 'corrupt-image'
  | 'image-too-large'
  | 'model-load-failed'
  | 'model-missing'
  | 'backend-unavailable'
  | 'aborted'
  | 'invalid-argument';

export class ColorizerError extends Error {
  readonly code: ColorizerErrorCode;
  constructor(code: ColorizerErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ColorizerError';
    this.code = code;
  }
}

export function isAbortError(err: unknown): boolean {
  return (
    (err instanceof ColorizerError && err.code === 'aborted') ||
    (typeof err === 'object' && err !== null && (err as { name?: string }).name === 'AbortError')
  );
}

/** Throws an 'aborted' ColorizerError when the signal has fired. Call between async steps. */
export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new ColorizerError('aborted', 'The operation was cancelled');
}
