// Route guard: children render only for a signed-in caller; others go to /login and come back.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { errorMessage } from '../api/apiError';
import { Button } from '../ui/Button';
import { FullPageSpinner } from '../ui/Spinner';
import { useAuth } from './authContext';

export function RequireAuth({ children }: { children: ReactNode }) {
  const { status, error, retry, logout } = useAuth();
  const location = useLocation();
  const { t } = useTranslation();

  if (status === 'loading') return <FullPageSpinner />;
  if (status === 'anonymous') {
    return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  if (status === 'error') {
    return (
      <div className="flex min-h-screen flex-col items-center justify-center gap-4 p-6 text-center">
        <p className="text-sm text-red-700">{errorMessage(error)}</p>
        <div className="flex gap-2">
          <Button onClick={retry}>{t('common.retry')}</Button>
          <Button variant="secondary" onClick={() => void logout()}>
            {t('auth.signOut')}
          </Button>
        </div>
      </div>
    );
  }
  return children;
}
