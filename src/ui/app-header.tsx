import { SettingsPopover } from './settings-popover';
import { ViewTabs } from './view-tabs';

export function AppHeader() {
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          <span className="blob blob-a" />
          <span className="blob blob-b" />
          <span className="blob blob-c" />
        </span>
        <div>
          <h1 className="brand-name">Colorize</h1>
          <p className="brand-tagline">Old photos in colour, on your device. Nothing is uploaded.</p>
        </div>
      </div>
      <ViewTabs />
      <SettingsPopover />
    </header>
  );
}
