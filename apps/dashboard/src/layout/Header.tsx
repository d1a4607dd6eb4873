// Top bar: organization, live status, language and the user menu.
import { Menu } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/authContext';
import { Badge } from '../ui/layoutParts';
import { LanguageSwitcher } from './LanguageSwitcher';
import { LiveIndicator } from './LiveIndicator';
import { UserMenu } from './UserMenu';

export function Header({ onOpenMenu }: { onOpenMenu(): void }) {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <header className="sticky top-0 z-30 flex h-14 items-center gap-3 border-b border-zinc-200 bg-white/95 px-4 backdrop-blur md:px-6">
      <button
        type="button"
        onClick={onOpenMenu}
        className="inline-flex items-center gap-1.5 rounded-md px-2 py-1 text-sm text-zinc-700 hover:bg-zinc-100 md:hidden"
      >
        <Menu aria-hidden className="size-4" />
        {t('header.menu')}
      </button>
      <div className="flex min-w-0 items-center gap-2">
        <span data-testid="org-name" className="truncate text-sm font-semibold text-zinc-900">
          {me.organization.name}
        </span>
        <Badge tone="accent">{t(`plans.${me.organization.plan}`)}</Badge>
      </div>
      <div className="ml-auto flex items-center gap-2 sm:gap-3">
        <LiveIndicator />
        <div className="hidden sm:block">
          <LanguageSwitcher />
        </div>
        <UserMenu />
      </div>
    </header>
  );
}
