// Joins an organization from a one-time invitation link: /accept-invite?token=…
import { acceptInviteBodySchema, PASSWORD_MIN_LENGTH } from '@mcp-studio/protocol';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { Alert, ErrorAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/fields';
import { useAuth } from '../authContext';
import { AuthLayout } from './AuthLayout';

export default function AcceptInvitePage() {
  const { t } = useTranslation();
  const { status, acceptInvite } = useAuth();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [isPending, setIsPending] = useState(false);
  const [isAccepted, setIsAccepted] = useState(false);

  if (isAccepted && status === 'authenticated') return <Navigate to="/" replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const parsed = acceptInviteBodySchema.safeParse({ token, name, password });
    if (!parsed.success) {
      setError(new Error(parsed.error.issues[0]?.message ?? t('common.invalidInput')));
      return;
    }
    setIsPending(true);
    try {
      await acceptInvite(parsed.data);
      setIsAccepted(true);
    } catch (e) {
      setError(e);
    } finally {
      setIsPending(false);
    }
  };

  return (
    <AuthLayout title={t('auth.acceptInviteTitle')} subtitle={t('auth.acceptInviteSubtitle')}>
      {token ? (
        <form className="space-y-4" onSubmit={(e) => void submit(e)}>
          <ErrorAlert error={error} />
          <TextField
            label={t('auth.name')}
            autoComplete="name"
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <TextField
            label={t('auth.password')}
            type="password"
            autoComplete="new-password"
            required
            minLength={PASSWORD_MIN_LENGTH}
            hint={t('auth.passwordHint', { count: PASSWORD_MIN_LENGTH })}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <Button type="submit" className="w-full" disabled={isPending}>
            {t('auth.acceptInvite')}
          </Button>
        </form>
      ) : (
        <Alert tone="error">{t('auth.missingInviteToken')}</Alert>
      )}
    </AuthLayout>
  );
}
