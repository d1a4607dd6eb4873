// The wizard's steps as a numbered list; steps already reached can be opened again.
import { useTranslation } from 'react-i18next';
import { PROVISION_STEPS, type ProvisionStep } from './provisionForm';

export function StepList({
  current,
  reached,
  onOpen,
}: {
  current: ProvisionStep;
  reached: number;
  onOpen(step: ProvisionStep): void;
}) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('agentWizard.stepsLabel')} className="mb-6">
      <ol className="flex flex-wrap gap-2">
        {PROVISION_STEPS.map((step, index) => {
          const isCurrent = step === current;
          return (
            <li key={step}>
              <button
                type="button"
                aria-current={isCurrent ? 'step' : undefined}
                disabled={index > reached}
                onClick={() => onOpen(step)}
                className={`inline-flex h-9 items-center gap-2 rounded-full px-3 text-sm font-medium ring-1 ring-inset disabled:cursor-not-allowed ${
                  isCurrent
                    ? 'bg-indigo-600 text-white ring-indigo-600'
                    : index <= reached
                      ? 'bg-white text-zinc-800 ring-zinc-300 hover:bg-zinc-50'
                      : 'bg-zinc-50 text-zinc-400 ring-zinc-200'
                }`}
              >
                <span aria-hidden className="tabular-nums">
                  {index + 1}
                </span>
                {t(`agentWizard.steps.${step}`)}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
