// Frame of the signed-out pages: brand, a card, and the language switcher.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrandMark } from '../../layout/BrandMark';
import { LanguageSwitcher } from '../../layout/LanguageSwitcher';

export function AuthLayout({ title, subtitle, children }: { title: string; subtitle?: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="flex min-h-screen flex-col bg-zinc-50">
      <div className="flex justify-end p-4">
        <LanguageSwitcher />
      </div>
      <main className="flex flex-1 items-start justify-center px-4 pt-6 pb-16 sm:pt-12">
        <div className="w-full max-w-md">
          <div className="mb-6 flex items-center justify-center gap-2">
            <BrandMark />
            <span className="text-lg font-semibold text-zinc-900">{t('app.name')}</span>
          </div>
          <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-zinc-200 sm:p-8">
            <h1 className="text-lg font-semibold text-zinc-900">{title}</h1>
            {subtitle ? <p className="mt-1 text-sm text-zinc-600">{subtitle}</p> : null}
            <div className="mt-6">{children}</div>
          </div>
        </div>
      </main>
    </div>
  );
}
