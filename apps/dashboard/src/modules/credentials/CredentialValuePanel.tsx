// The secret itself: masked, revealed on request (and audited by the server), copied, hidden again.

import { useQueryClient } from '@tanstack/react-query';
import { Eye, EyeOff } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../../api/queryKeys';
import { ErrorAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { CopyButton } from '../../ui/CopyButton';
import { Section } from '../../ui/layoutParts';
import { revealCredentialValue } from './credentialsApi';

const MASK = '••••••••';

interface CredentialValuePanelProps {
  credentialId: string;
  /** Changes when the credential changes, so a stale revealed value is dropped. */
  version: string;
  mayReveal: boolean;
}

export function CredentialValuePanel({ credentialId, version, mayReveal }: CredentialValuePanelProps) {
  const { t } = useTranslation();
  const [value, setValue] = useState<string | null>(null);
  const [isLoading, setIsLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const queryClient = useQueryClient();

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset whenever the credential or its version changes
  useEffect(() => {
    setValue(null);
    setError(null);
  }, [credentialId, version]);

  // Every reveal is audited by the server, so the audit log is stale afterwards.
  const fetchValue = async () => {
    try {
      return await revealCredentialValue(credentialId);
    } finally {
      void queryClient.invalidateQueries({ queryKey: queryKeys.credentialAudit(credentialId) });
    }
  };

  const reveal = async () => {
    setIsLoading(true);
    setError(null);
    try {
      setValue(await fetchValue());
    } catch (e) {
      setError(e);
    } finally {
      setIsLoading(false);
    }
  };

  const valueForCopy = async () => value ?? (await fetchValue());

  return (
    <Section
      title={t('credentials.value')}
      description={mayReveal ? t('credentials.valueDescription') : t('credentials.revealNotAllowed')}
    >
      <div className="space-y-3">
        <ErrorAlert error={error} />
        <div className="flex flex-wrap items-start gap-3">
          <div
            data-testid="credential-value"
            data-revealed={value !== null}
            className="min-h-9 min-w-0 flex-1 rounded-md bg-zinc-50 px-3 py-2 font-mono text-sm break-all whitespace-pre-wrap text-zinc-900 ring-1 ring-zinc-200 ring-inset"
          >
            {value ?? MASK}
          </div>
          {mayReveal ? (
            <div className="flex gap-2">
              {value === null ? (
                <Button variant="secondary" onClick={() => void reveal()} disabled={isLoading}>
                  <Eye aria-hidden className="size-4" />
                  {t('credentials.reveal')}
                </Button>
              ) : (
                <Button variant="secondary" onClick={() => setValue(null)}>
                  <EyeOff aria-hidden className="size-4" />
                  {t('credentials.hide')}
                </Button>
              )}
              <CopyButton value={valueForCopy} size="md" onError={setError} />
            </div>
          ) : null}
        </div>
      </div>
    </Section>
  );
}
