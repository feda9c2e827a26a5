import { useRef, type KeyboardEvent } from 'react';
import { useViewStore, type View } from '../state/view-store';

const TABS: readonly { view: View; label: string }[] = [
  { view: 'colorize', label: 'Colorize' },
  { view: 'finetune', label: 'Fine-tune' },
];

/** Colorize | Fine-tune: the WAI-ARIA tabs pattern (one tab stop; arrows, Home and End move between tabs). */
export function ViewTabs() {
  const view = useViewStore((s) => s.view);
  const setView = useViewStore((s) => s.setView);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
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
          aria-selected={view === tab.view}
          tabIndex={view === tab.view ? 0 : -1}
          className={`view-tab${view === tab.view ? ' is-selected' : ''}`}
          onClick={() => setView(tab.view)}
          onKeyDown={(event) => onKeyDown(event, index)}
        >
          {tab.label}
        </button>
      ))}
    </nav>
  );
}
