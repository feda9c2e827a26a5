import { useViewStore, type View } from '../state/view-store';

const TABS: readonly { view: View; label: string }[] = [
  { view: 'colorize', label: 'Colorize' },
  { view: 'finetune', label: 'Fine-tune' },
];

/** Colorize | Fine-tune */
export function ViewTabs() {
  const view = useViewStore((s) => s.view);
  const setView = useViewStore((s) => s.setView);
  return (
    <nav className="view-tabs" role="tablist" aria-label="Pages">
      {TABS.map((tab) => (
        <button
          key={tab.view}
          type="button"
          role="tab"
          aria-selected={view === tab.view}
          className={`view-tab${view === tab.view ? ' is-selected' : ''}`}
          onClick={() => setView(tab.view)}
        >
          {tab.label}
        </button>
      ))}
    </nav>
  );
}
