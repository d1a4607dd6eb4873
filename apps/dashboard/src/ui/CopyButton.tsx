// Copies a value to the clipboard, with a fallback where the Clipboard API is unavailable (plain http).
import { Check, Copy } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, type ButtonProps } from './Button';

async function writeClipboard(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // Not a secure context, or permission refused: fall back to a hidden selection.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  const isCopied = document.execCommand('copy');
  area.remove();
  if (!isCopied) throw new Error('Copy failed');
}

interface CopyButtonProps extends Omit<ButtonProps, 'value' | 'onClick' | 'onError'> {
  /** The text, or a function fetching it (for values only revealed on demand). */
  value: string | (() => Promise<string>);
  label?: string;
  onError?(error: unknown): void;
}

export function CopyButton({ value, label, onError, variant = 'secondary', size = 'sm', ...props }: CopyButtonProps) {
  const { t } = useTranslation();
  const [isCopied, setIsCopied] = useState(false);

  useEffect(() => {
    if (!isCopied) return;
    const timer = setTimeout(() => setIsCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [isCopied]);

  const copy = async () => {
    try {
      await writeClipboard(typeof value === 'string' ? value : await value());
      setIsCopied(true);
    } catch (error) {
      onError?.(error);
    }
  };

  const Icon = isCopied ? Check : Copy;
  return (
    <Button variant={variant} size={size} onClick={() => void copy()} {...props}>
      <Icon aria-hidden className="size-3.5" />
      <span aria-live="polite">{isCopied ? t('common.copied') : (label ?? t('common.copy'))}</span>
    </Button>
  );
}
