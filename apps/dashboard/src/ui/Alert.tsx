// Inline messages: errors from the server, successes and warnings, announced to screen readers.
import { AlertTriangle, CheckCircle2, XCircle } from 'lucide-react';
import type { ReactNode } from 'react';
import { errorMessage } from '../api/apiError';

type Tone = 'error' | 'success' | 'warning';

const TONES: Record<Tone, { box: string; Icon: typeof XCircle }> = {
  error: { box: 'bg-red-50 text-red-800 ring-red-200', Icon: XCircle },
  success: { box: 'bg-emerald-50 text-emerald-800 ring-emerald-200', Icon: CheckCircle2 },
  warning: { box: 'bg-amber-50 text-amber-900 ring-amber-200', Icon: AlertTriangle },
};

export function Alert({ tone = 'error', children }: { tone?: Tone; children: ReactNode }) {
  const { box, Icon } = TONES[tone];
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={`flex gap-2 rounded-md p-3 text-sm ring-1 ring-inset ${box}`}
    >
      <Icon aria-hidden className="mt-0.5 size-4 shrink-0" />
      <div className="min-w-0 break-words">{children}</div>
    </div>
  );
}

/** Shows the message of a thrown error, or nothing. */
export function ErrorAlert({ error }: { error: unknown }) {
  if (!error) return null;
  return <Alert tone="error">{errorMessage(error)}</Alert>;
}
