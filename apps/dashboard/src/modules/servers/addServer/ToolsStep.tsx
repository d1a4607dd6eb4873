// Step 4: which of the tools the test listed agents may use; all are on until unticked.
import type { ConnectionTestResult } from '@mcp-studio/protocol';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../ui/Alert';
import { ToolChoiceList } from '../ToolChoiceList';

interface ToolsStepProps {
  result: ConnectionTestResult | null;
  disabled: string[];
  onChange(disabled: string[]): void;
}

export function ToolsStep({ result, disabled, onChange }: ToolsStepProps) {
  const { t } = useTranslation();
  if (!result?.ok) return <Alert tone="warning">{t('serverWizard.tools.notTested')}</Alert>;
  if (result.tools.length === 0) {
    return (
      <p className="text-sm text-zinc-600" data-testid="tool-choices-empty">
        {result.counts.tools > 0
          ? t('serverWizard.tools.notListed', { count: result.counts.tools })
          : t('serverWizard.tools.none')}
      </p>
    );
  }
  return <ToolChoiceList tools={result.tools} disabled={disabled} onChange={onChange} />;
}
