import { useId, useRef } from 'react';
import { heldOutPhoto, holdOut, removePhoto, clearPhotos, useFineTuneStore, usablePhotos } from '../state/finetune-store';
import { MIN_FINETUNE_PHOTOS } from '../worker/finetune-protocol';
import { useFineTune } from './finetune-context';
import { HiddenFileInput } from './hidden-file-input';
import { ImageCanvas } from './image-canvas';

/** The training set: add (picker, or drop anywhere on the page), thumbnails with each photo's problem, remove. */
export function FineTunePhotos({ dragging }: { readonly dragging: boolean }) {
  const jobs = useFineTune();
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const photos = useFineTuneStore((s) => s.photos);
  const heldOut = useFineTuneStore((s) => heldOutPhoto(s));
  const running = useFineTuneStore((s) => s.run.active);
  const usable = usablePhotos(photos).length;
  const checking = photos.filter((p) => !p.check).length;

  return (
    <section className={`ft-card ft-photos${dragging ? ' is-active' : ''}`} aria-labelledby="ft-photos-title" data-testid="training-photos">
      <div className="ft-card-head">
        <h2 id="ft-photos-title" className="section-title">
          Training photos <span className="count" data-testid="training-count">{photos.length}</span>
        </h2>
        <p className="hint" id={hintId} aria-live="polite" data-testid="training-summary">
          {usable} usable{checking > 0 ? `, ${checking} being checked` : ''} · colour photos of what you want to colorize; at least {MIN_FINETUNE_PHOTOS}, one held out for the preview.
          {dragging ? ' Drop to add them to the training set.' : ' Drop them anywhere on the page.'}
        </p>
        <div className="ft-actions">
          <button type="button" className="button primary" onClick={() => input.current?.click()} aria-describedby={hintId} disabled={running}>
            Add training photos…
          </button>
          {photos.length > 0 && (
            <button type="button" className="button ghost" onClick={clearPhotos} disabled={running}>
              Remove all
            </button>
          )}
        </div>
        <HiddenFileInput ref={input} accept="image/*" label="Training photos" testId="training-input" onFiles={(files) => jobs.addPhotos(files)} />
      </div>
      {photos.length > 0 && (
        <ul className="ft-thumbs">
          {photos.map((photo) => {
            const check = photo.check;
            const state = !check ? 'checking' : check.ok ? 'ok' : 'problem';
            const isHeldOut = heldOut?.id === photo.id;
            return (
              <li key={photo.id} className={`ft-thumb ft-thumb-${state}`} data-testid="training-photo" data-name={photo.name} data-state={state}>
                <div className="ft-thumb-frame">
                  {check?.thumbnail ? (
                    <ImageCanvas image={check.thumbnail} label={photo.name} className="ft-thumb-image" />
                  ) : (
                    <span className="ft-thumb-placeholder" aria-hidden="true">{check ? '✕' : '…'}</span>
                  )}
                  {isHeldOut && <span className="ft-thumb-tag">preview</span>}
                </div>
                <p className="ft-thumb-name" title={photo.name}>{photo.name}</p>
                <p className={`ft-thumb-note${check && !check.ok ? ' is-problem' : ''}`} data-testid="photo-problem">
                  {!check ? 'Checking…' : check.ok ? `${check.width} × ${check.height}` : check.problem ?? 'cannot be used'}
                </p>
                <div className="ft-thumb-actions">
                  {check?.ok && !isHeldOut && (
                    <button type="button" className="button subtle" onClick={() => holdOut(photo.id)} disabled={running} aria-label={`Hold out ${photo.name} for the preview`} title="Keep this photo out of training and show the model's progress on it">
                      Use as preview
                    </button>
                  )}
                  <button type="button" className="button subtle" onClick={() => removePhoto(photo.id)} disabled={running} aria-label={`Remove ${photo.name}`}>
                    Remove
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
