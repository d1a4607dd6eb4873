// Signed-in frame: sidebar (a drawer on small screens), header, and the page.
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { Spinner } from '../ui/Spinner';
import { Header } from './Header';
import { ModuleNotices } from './ModuleNotices';
import { Sidebar } from './Sidebar';

export function AppLayout() {
  const { t } = useTranslation();
  const [isMenuOpen, setIsMenuOpen] = useState(false);
  const closeMenu = () => setIsMenuOpen(false);

  return (
    <div className="min-h-screen bg-zinc-50 md:flex">
      <aside className="hidden w-60 shrink-0 border-r border-zinc-200 bg-white md:sticky md:top-0 md:block md:h-screen">
        <Sidebar />
      </aside>
      {isMenuOpen ? (
        <div className="fixed inset-0 z-40 md:hidden">
          <button type="button" className="absolute inset-0 bg-zinc-900/40 text-transparent" onClick={closeMenu}>
            {t('header.closeMenu')}
          </button>
          <aside className="relative h-full w-64 bg-white shadow-xl">
            <Sidebar onNavigate={closeMenu} />
          </aside>
        </div>
      ) : null}
      <div className="flex min-w-0 flex-1 flex-col">
        <Header onOpenMenu={() => setIsMenuOpen(true)} />
        <main className="flex-1 px-4 py-6 md:px-8 md:py-8">
          <div className="mx-auto max-w-6xl">
            <ModuleNotices />
            <Suspense fallback={<Spinner />}>
              <Outlet />
            </Suspense>
          </div>
        </main>
      </div>
    </div>
  );
}
