// The signed-in user's name and role, with sign-out, in a dropdown.
import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { ChevronDown, LogOut } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useAuth, useMe } from '../auth/authContext';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')).toUpperCase() || '?';
}

export function UserMenu() {
  const { t } = useTranslation();
  const me = useMe();
  const { logout } = useAuth();

  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        data-testid="user-menu"
        className="flex items-center gap-2 rounded-md px-1.5 py-1 text-left hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        <span className="flex size-8 items-center justify-center rounded-full bg-zinc-200 text-xs font-semibold text-zinc-700">
          {initials(me.user.name)}
        </span>
        <span className="hidden min-w-0 sm:block">
          <span className="block max-w-40 truncate text-sm font-medium text-zinc-900">{me.user.name}</span>
          <span className="block text-xs text-zinc-500">{t(`roles.${me.user.role}`)}</span>
        </span>
        <ChevronDown aria-hidden className="size-4 text-zinc-500" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={6}
          className="z-50 min-w-56 rounded-lg bg-white p-1 shadow-lg ring-1 ring-zinc-200"
        >
          <div className="px-2.5 py-2">
            <p className="truncate text-sm font-medium text-zinc-900">{me.user.name}</p>
            <p className="truncate text-xs text-zinc-500">{me.user.email}</p>
            <p className="mt-1 text-xs text-zinc-500">
              {t(`roles.${me.user.role}`)} · {me.organization.name}
            </p>
          </div>
          <DropdownMenu.Separator className="my-1 h-px bg-zinc-200" />
          <DropdownMenu.Item
            onSelect={() => void logout()}
            className="flex cursor-pointer items-center gap-2 rounded-md px-2.5 py-1.5 text-sm text-zinc-700 outline-none data-[highlighted]:bg-zinc-100"
          >
            <LogOut aria-hidden className="size-4" />
            {t('auth.signOut')}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
