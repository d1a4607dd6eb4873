// The agent page's tabs as links (`?tab=…`), so every tab has an address; arrow keys move between them.
import type { KeyboardEvent } from 'react';
import { Link } from 'react-router';

export function AgentTabs<T extends string>({
  tabs,
  current,
  label,
}: {
  tabs: { id: T; label: string }[];
  current: T;
  label: string;
}) {
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
            id={`agent-tab-${tab.id}`}
            aria-selected={isCurrent}
            aria-controls="agent-tab-panel"
            tabIndex={isCurrent ? 0 : -1}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap ${
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
