// Loading indicators for a section and for a whole page.
import { Loader2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';

export function Spinner({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div role="status" className="flex items-center gap-2 p-4 text-sm text-zinc-500">
      <Loader2 aria-hidden className="size-4 animate-spin" />
      <span>{label ?? t('common.loading')}</span>
    </div>
  );
}

export function FullPageSpinner() {
  return (
    <div className="flex min-h-screen items-center justify-center">
      <Spinner />
    </div>
  );
}
