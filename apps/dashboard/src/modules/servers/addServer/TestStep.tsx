// Step 3: the unsaved registration tested as it would run, check by check, with "Try again".
import type { ConnectionTestResult } from '@mcp-studio/protocol';
import { Loader2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { ConnectionTestResultView } from '../ConnectionTestResult';

interface TestStepProps {
  result: ConnectionTestResult | null;
  error: unknown;
  isRunning: boolean;
  onRun(): void;
}

export function TestStep({ result, error, isRunning, onRun }: TestStepProps) {
  const { t } = useTranslation();
  if (isRunning) {
    return (
      <div
        role="status"
        className="flex items-center gap-2 py-6 text-sm text-zinc-600"
        data-testid="connection-test-running"
      >
        <Loader2 aria-hidden className="size-4 animate-spin" />
        {t('servers.test.running')}
      </div>
    );
  }
  return (
    <div className="space-y-4">
      <p className="text-sm text-zinc-600">{t('serverWizard.test.intro')}</p>
      {error ? (
        <>
          <ErrorAlert error={error} />
          <Button variant="secondary" size="sm" onClick={onRun}>
            {t('common.retry')}
          </Button>
        </>
      ) : null}
      {result ? <ConnectionTestResultView result={result} onRetry={onRun} /> : null}
      {result && !result.ok ? (
        <p className="text-sm text-zinc-600">{t('serverWizard.test.continueAnywayHint')}</p>
      ) : null}
      {!result && !error ? (
        <Button variant="secondary" onClick={onRun}>
          {t('servers.test.button')}
        </Button>
      ) : null}
    </div>
  );
}
