// The wizard's steps as a numbered list: done steps and the current one can be revisited, later ones not yet.
import { Check } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { WIZARD_STEPS, type WizardStep } from './wizardSteps';

interface WizardStepperProps {
  current: WizardStep;
  /** Index of the furthest step reached; steps up to it may be opened directly. */
  reached: number;
  /** Steps holding a field error. */
  stepsWithErrors: WizardStep[];
  onOpen(step: WizardStep): void;
}

export function WizardStepper({ current, reached, stepsWithErrors, onOpen }: WizardStepperProps) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('serverWizard.steps.label')} className="mb-6">
      <ol className="flex flex-wrap gap-2">
        {WIZARD_STEPS.map((step, index) => {
          const isCurrent = step === current;
          const isVisited = index <= reached && !isCurrent;
          const hasError = stepsWithErrors.includes(step);
          const tone = isCurrent
            ? 'bg-indigo-600 text-white ring-indigo-600'
            : hasError
              ? 'bg-red-50 text-red-800 ring-red-300 hover:bg-red-100'
              : index <= reached
                ? 'bg-white text-zinc-800 ring-zinc-300 hover:bg-zinc-50'
                : 'bg-zinc-50 text-zinc-400 ring-zinc-200';
          return (
            <li key={step}>
              <button
                type="button"
                data-testid={`wizard-step-${step}`}
                aria-current={isCurrent ? 'step' : undefined}
                disabled={index > reached}
                onClick={() => onOpen(step)}
                className={`inline-flex h-9 items-center gap-2 rounded-full px-3 text-sm font-medium ring-1 ring-inset transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed ${tone}`}
              >
                <span
                  aria-hidden
                  className={`flex size-5 items-center justify-center rounded-full text-xs ${isCurrent ? 'bg-white/20' : 'bg-zinc-100 text-zinc-600'}`}
                >
                  {isVisited && !hasError ? <Check className="size-3" /> : index + 1}
                </span>
                {t(`serverWizard.steps.${step}`)}
                {hasError ? <span className="sr-only">{t('serverWizard.steps.hasErrors')}</span> : null}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
