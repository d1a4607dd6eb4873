// Navigation built from the module registry, showing only the modules and entries the caller may use.
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useAbility } from '../auth/ability';
import { useMe } from '../auth/authContext';
import { modulesFor } from '../modules/registry';
import { BrandMark } from './BrandMark';

const linkClasses = ({ isActive }: { isActive: boolean }) =>
  [
    'flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm font-medium transition-colors',
    isActive ? 'bg-indigo-50 text-indigo-700' : 'text-zinc-700 hover:bg-zinc-100 hover:text-zinc-900',
  ].join(' ');

export function Sidebar({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const ability = useAbility();
  const modules = modulesFor({ role: me.user.role, ability });

  return (
    <div className="flex h-full flex-col">
      <div className="flex h-14 items-center gap-2 border-b border-zinc-200 px-4">
        <BrandMark />
        <span className="truncate text-sm font-semibold text-zinc-900">{t('app.name')}</span>
      </div>
      <nav aria-label={t('header.mainNavigation')} className="flex-1 space-y-5 overflow-y-auto p-3">
        {modules.map((module) => {
          const Icon = module.icon;
          const [onlyItem] = module.nav;
          if (module.nav.length === 1 && onlyItem) {
            return (
              <NavLink key={module.id} to={onlyItem.path} className={linkClasses} onClick={onNavigate}>
                <Icon aria-hidden className="size-4 shrink-0" />
                {t(onlyItem.label)}
              </NavLink>
            );
          }
          return (
            <div key={module.id}>
              <p className="mb-1 flex items-center gap-2 px-2.5 text-xs font-semibold tracking-wide text-zinc-500 uppercase">
                <Icon aria-hidden className="size-3.5" />
                {t(module.name)}
              </p>
              <div className="space-y-0.5">
                {module.nav.map((item) => (
                  <NavLink key={item.path} to={item.path} className={linkClasses} onClick={onNavigate}>
                    <span className="pl-6">{t(item.label)}</span>
                  </NavLink>
                ))}
              </div>
            </div>
          );
        })}
      </nav>
    </div>
  );
}
