// A page's tabs as links (`?tab=…`), so every tab has an address; arrow keys move between them.
import type { KeyboardEvent } from 'react';
import { Link } from 'react-router';

export interface TabItem<T extends string> {
  id: T;
  label: string;
}

interface TabBarProps<T extends string> {
  tabs: TabItem<T>[];
  current: T;
  label: string;
  /** The panel the tabs control, for assistive technology. */
  panelId: string;
  /** Each tab's element id is `<idPrefix>-tab-<id>`, for the panel's aria-labelledby. */
  idPrefix: string;
}

export function TabBar<T extends string>({ tabs, current, label, panelId, idPrefix }: TabBarProps<T>) {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const links = [...event.currentTarget.querySelectorAll<HTMLAnchorElement>('[role="tab"]')];
    const index = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (index < 0) return;
    event.preventDefault();
    const next = links[(index + (event.key === 'ArrowRight' ? 1 : links.length - 1)) % links.length];
    next?.focus();
    next?.click();
  };
  return (
    <div
      role="tablist"
      aria-label={label}
      onKeyDown={onKeyDown}
      className="mb-6 flex gap-1 overflow-x-auto border-b border-zinc-200"
    >
      {tabs.map((tab) => {
        const isCurrent = tab.id === current;
        return (
          <Link
            key={tab.id}
            to={`?tab=${tab.id}`}
            role="tab"
            id={`${idPrefix}-tab-${tab.id}`}
            aria-selected={isCurrent}
            aria-controls={panelId}
            tabIndex={isCurrent ? 0 : -1}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap transition-colors ${
              isCurrent
                ? 'border-indigo-600 text-indigo-700'
                : 'border-transparent text-zinc-600 hover:border-zinc-300 hover:text-zinc-900'
            }`}
          >
            {tab.label}
          </Link>
        );
      })}
    </div>
  );
}
