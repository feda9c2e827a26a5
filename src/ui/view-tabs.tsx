import { useRef, type KeyboardEvent } from 'react';
import { useFineTuneStore } from '../state/finetune-store';
import { useViewStore, type View } from '../state/view-store';

const TABS: readonly { view: View; label: string }[] = [
  { view: 'colorize', label: 'Colorize' },
  { view: 'finetune', label: 'Fine-tune' },
];

export const viewTabId = (view: View) => `view-tab-${view}`;
export const viewPanelId = (view: View) => `view-panel-${view}`;

/** Colorize | Fine-tune: the WAI-ARIA tabs pattern (one tab stop; arrows, Home and End move between tabs). */
export function ViewTabs() {
  const view = useViewStore((s) => s.view);
  const setView = useViewStore((s) => s.setView);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  // A run going on shows on the Fine-tune tab wherever the user is.
  const trainingActive = useFineTuneStore((s) => s.run.active);
  const trainingStatus = useFineTuneStore((s) => s.run.status);
  const trainingStep = useFineTuneStore((s) => s.run.step);
  const trainingTarget = useFineTuneStore((s) => s.run.targetSteps);

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return; // e.g. Alt+← is the browser's Back
    const last = TABS.length - 1;
    const next =
      event.key === 'ArrowRight' ? (index === last ? 0 : index + 1)
      : event.key === 'ArrowLeft' ? (index === 0 ? last : index - 1)
      : event.key === 'Home' ? 0
      : event.key === 'End' ? last
      : null;
    if (next === null) return;
    event.preventDefault();
    setView(TABS[next]!.view);
    buttons.current[next]?.focus();
  };

  return (
    <nav className="view-tabs" role="tablist" aria-label="Pages">
      {TABS.map((tab, index) => (
        <button
          key={tab.view}
          ref={(el) => {
            buttons.current[index] = el;
          }}
          type="button"
          role="tab"
          id={viewTabId(tab.view)}
          aria-controls={view === tab.view ? viewPanelId(tab.view) : undefined}
          aria-describedby={tab.view === 'finetune' && trainingActive ? 'training-badge' : undefined}
          aria-selected={view === tab.view}
          tabIndex={view === tab.view ? 0 : -1}
          className={`view-tab${view === tab.view ? ' is-selected' : ''}`}
          onClick={() => setView(tab.view)}
          onKeyDown={(event) => onKeyDown(event, index)}
        >
          {tab.label}
          {tab.view === 'finetune' && trainingActive && (
            <span className="view-tab-badge" id="training-badge" data-testid="training-badge" aria-hidden="true">
              {trainingStatus === 'training' ? `${trainingStep}/${trainingTarget}` : trainingStatus}
              <span className="visually-hidden"> (training)</span>
            </span>
          )}
        </button>
      ))}
    </nav>
  );
}
