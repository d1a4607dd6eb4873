// JSON shown for reading: indented, monospace, scrollable, with a copy button.
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../../ui/CopyButton';

export function toPrettyJson(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

interface JsonBlockProps {
  value: unknown;
  label?: string;
  /** Tailwind max-height class of the scrolling frame. */
  maxHeight?: string;
  testId?: string;
}

export function JsonBlock({ value, label, maxHeight = 'max-h-96', testId }: JsonBlockProps) {
  const { t } = useTranslation();
  const text = typeof value === 'string' ? value : toPrettyJson(value);
  return (
    <div className="space-y-1.5">
      <div className="flex items-center justify-between gap-2">
        {label ? <span className="text-xs font-medium text-zinc-600">{label}</span> : <span />}
        <CopyButton value={text} variant="ghost" label={t('serverExplorer.copyJson')} />
      </div>
      <pre
        data-testid={testId}
        className={`${maxHeight} overflow-auto rounded-md bg-zinc-50 p-3 font-mono text-xs text-zinc-800 ring-1 ring-zinc-200 ring-inset`}
      >
        {text}
      </pre>
    </div>
  );
}
