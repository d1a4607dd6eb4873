// Registration: the first administrator on a fresh studio, or a new organization when sign-up is open.
import { PASSWORD_MIN_LENGTH, registerBodySchema } from '@mcp-studio/protocol';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { useSetupStatus } from '../../api/sharedQueries';
import { Alert, ErrorAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/fields';
import { FullPageSpinner } from '../../ui/Spinner';
import { useAuth } from '../authContext';
import { AuthLayout } from './AuthLayout';

export default function RegisterPage() {
  const { t } = useTranslation();
  const { status, register } = useAuth();
  const setup = useSetupStatus();
  const [form, setForm] = useState({ name: '', email: '', password: '', organizationName: '' });
  const [error, setError] = useState<unknown>(null);
  const [isPending, setIsPending] = useState(false);

  if (status === 'authenticated') return <Navigate to="/" replace />;
  if (setup.isPending || (status === 'loading' && !isPending)) return <FullPageSpinner />;

  const isFirstUser = setup.data?.needsFirstUser === true;
  const isOpen = setup.data?.registration === 'open';

  if (!isFirstUser && !isOpen && !isPending) {
    return (
      <AuthLayout title={t('auth.createOrgTitle')}>
        <ErrorAlert error={setup.error} />
        {setup.data ? <Alert tone="warning">{t('auth.inviteOnly')}</Alert> : null}
        <p className="mt-6 text-center text-sm">
          <Link to="/login" className="font-medium text-indigo-600 hover:text-indigo-500">
            {t('auth.signIn')}
          </Link>
        </p>
      </AuthLayout>
    );
  }

  const update = (field: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [field]: e.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const parsed = registerBodySchema.safeParse(form);
    if (!parsed.success) {
      setError(new Error(parsed.error.issues[0]?.message ?? t('common.invalidInput')));
      return;
    }
    setIsPending(true);
    try {
      await register(parsed.data);
    } catch (e) {
      setError(e);
      setIsPending(false);
    }
  };

  return (
    <AuthLayout
      title={isFirstUser ? t('auth.firstAdminTitle') : t('auth.createOrgTitle')}
      subtitle={isFirstUser ? t('auth.firstAdminSubtitle') : t('auth.createOrgSubtitle')}
    >
      <form className="space-y-4" onSubmit={(e) => void submit(e)}>
        <ErrorAlert error={error} />
        <TextField
          label={t('auth.name')}
          data-testid="register-name"
          autoComplete="name"
          required
          value={form.name}
          onChange={update('name')}
        />
        <TextField
          label={t('auth.email')}
          type="email"
          autoComplete="email"
          required
          value={form.email}
          onChange={update('email')}
        />
        <TextField
          label={t('auth.password')}
          type="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN_LENGTH}
          hint={t('auth.passwordHint', { count: PASSWORD_MIN_LENGTH })}
          value={form.password}
          onChange={update('password')}
        />
        <TextField
          label={t('auth.organizationName')}
          data-testid="register-organization"
          autoComplete="organization"
          required
          value={form.organizationName}
          onChange={update('organizationName')}
        />
        <Button type="submit" className="w-full" disabled={isPending}>
          {t('auth.createAccount')}
        </Button>
      </form>
      {isFirstUser ? null : (
        <p className="mt-6 text-center text-sm text-zinc-600">
          {t('auth.haveAccount')}{' '}
          <Link to="/login" className="font-medium text-indigo-600 hover:text-indigo-500">
            {t('auth.signIn')}
          </Link>
        </p>
      )}
    </AuthLayout>
  );
}
