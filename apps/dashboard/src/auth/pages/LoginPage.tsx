// Sign-in page; sends the very first visitor to create the administrator account instead.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';
import { useSetupStatus } from '../../api/sharedQueries';
import { ErrorAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/fields';
import { FullPageSpinner } from '../../ui/Spinner';
import { useAuth } from '../authContext';
import { AuthLayout } from './AuthLayout';

function redirectTarget(state: unknown): string {
  if (state && typeof state === 'object' && 'from' in state && typeof state.from === 'string') return state.from;
  return '/';
}

export default function LoginPage() {
  const { t } = useTranslation();
  const { status, login } = useAuth();
  const setup = useSetupStatus();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [isPending, setIsPending] = useState(false);

  if (status === 'authenticated') return <Navigate to={redirectTarget(location.state)} replace />;
  if (setup.data?.needsFirstUser) return <Navigate to="/register" replace />;
  if (status === 'loading' && !isPending) return <FullPageSpinner />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setIsPending(true);
    try {
      await login({ email: email.trim(), password });
    } catch (e) {
      setError(e);
      setIsPending(false);
    }
  };

  return (
    <AuthLayout title={t('auth.signInTitle')} subtitle={t('auth.signInSubtitle')}>
      <form className="space-y-4" onSubmit={(e) => void submit(e)}>
        <ErrorAlert error={error ?? setup.error} />
        <TextField
          label={t('auth.email')}
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          label={t('auth.password')}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <Button type="submit" className="w-full" disabled={isPending}>
          {isPending ? t('auth.signingIn') : t('auth.signIn')}
        </Button>
      </form>
      {setup.data?.registration === 'open' ? (
        <p className="mt-6 text-center text-sm text-zinc-600">
          {t('auth.noAccount')}{' '}
          <Link to="/register" className="font-medium text-indigo-600 hover:text-indigo-500">
            {t('auth.createOrgLink')}
          </Link>
        </p>
      ) : null}
    </AuthLayout>
  );
}
