// /servers/new: register a server in steps — basics, authentication, connection test, tools — then confirm.
import type { ConnectionTestResult } from '@mcp-studio/protocol';
import { ArrowLeft, ArrowRight } from 'lucide-react';
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Alert, ErrorAlert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { PageHeader, Section } from '../../../ui/layoutParts';
import { AuthFields } from '../AuthFields';
import { ServerFormFields } from '../ServerFormFields';
import { fieldErrorsOfApiError } from '../serverApiErrors';
import { toServerBody } from '../serverBody';
import { EMPTY_FORM, type ServerForm } from '../serverForm';
import { type FieldErrors, hasErrors, stepOfField, validateStep } from '../serverFormValidation';
import { useCreateServer, useTestNewServer } from '../serversApi';
import { ConfirmStep } from './ConfirmStep';
import { TestStep } from './TestStep';
import { ToolsStep } from './ToolsStep';
import { WizardStepper } from './WizardStepper';
import { isTestedField, stepIndex, stepsWithErrors, WIZARD_STEPS, type WizardStep } from './wizardSteps';

/** Drops the errors of a field (and of its rows) once it is edited. */
function withoutField(errors: FieldErrors, field: string): FieldErrors {
  return Object.fromEntries(Object.entries(errors).filter(([key]) => key !== field && !key.startsWith(`${field}.`)));
}

export default function AddServerWizardPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateServer();
  const test = useTestNewServer();
  const [form, setForm] = useState<ServerForm>(EMPTY_FORM);
  const [step, setStep] = useState<WizardStep>('basics');
  const [reached, setReached] = useState(0);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [result, setResult] = useState<ConnectionTestResult | null>(null);
  const [testError, setTestError] = useState<unknown>(null);
  const [createError, setCreateError] = useState<unknown>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const isFirstRender = useRef(true);

  const set = <K extends keyof ServerForm>(field: K, value: ServerForm[K]) => {
    setForm((f) => ({ ...f, [field]: value }));
    setErrors((e) => withoutField(e, field));
    setCreateError(null);
    if (isTestedField(field)) {
      // What was tested is no longer what would be saved: test again before choosing tools.
      setResult(null);
      setTestError(null);
      setReached((r) => Math.min(r, stepIndex('test')));
    }
  };

  const open = (next: WizardStep) => {
    setStep(next);
    setReached((r) => Math.max(r, stepIndex(next)));
  };

  // Focus follows the step, so keyboard and screen-reader users start at its heading.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each change of step
  useEffect(() => {
    if (isFirstRender.current) {
      isFirstRender.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [step]);

  const { mutateAsync: testRegistration, isPending: isTesting } = test;
  const runTest = useCallback(async () => {
    const built = toServerBody(form);
    if (!built.ok) {
      // Reached through the step list with a field made invalid since: say so rather than test again and again.
      setErrors(built.errors);
      setTestError(new Error(t('serverWizard.fixOtherSteps')));
      return;
    }
    setResult(null);
    setTestError(null);
    try {
      const outcome = await testRegistration(built.body);
      setResult(outcome);
      if (outcome.ok) {
        // A tool unticked before a re-test stays unticked only if the server still offers it.
        const names = new Set(outcome.tools.map((tool) => tool.name));
        setForm((f) => ({ ...f, disabledTools: f.disabledTools.filter((name) => names.has(name)) }));
      }
    } catch (error) {
      setTestError(error);
      setErrors(fieldErrorsOfApiError(error, form));
    }
  }, [form, testRegistration, t]);

  useEffect(() => {
    if (step === 'test' && !result && !testError && !isTesting) void runTest();
  }, [step, result, testError, isTesting, runTest]);

  /** Moves on once the current step's fields are valid; returns to the first step with errors otherwise. */
  const next = async () => {
    if (step === 'basics' || step === 'auth') {
      const stepErrors = validateStep(form, step);
      setErrors(stepErrors);
      if (hasErrors(stepErrors)) return;
    }
    if (step !== 'confirm') {
      open(WIZARD_STEPS[stepIndex(step) + 1] ?? 'confirm');
      return;
    }
    const built = toServerBody(form);
    if (!built.ok) {
      setErrors(built.errors);
      setStep(stepOfField(Object.keys(built.errors)[0] ?? 'name'));
      return;
    }
    setCreateError(null);
    try {
      const server = await create.mutateAsync(built.body);
      navigate(`/servers/${server.id}`);
    } catch (error) {
      setCreateError(error);
      setErrors(fieldErrorsOfApiError(error, form));
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void next();
  };

  /** From the step list: the form steps before the target are checked, and the first with errors opens instead. */
  const openFromStepper = (target: WizardStep) => {
    for (const passed of WIZARD_STEPS.slice(0, stepIndex(target))) {
      if (passed !== 'basics' && passed !== 'auth') continue;
      const stepErrors = validateStep(form, passed);
      if (hasErrors(stepErrors)) {
        setErrors(stepErrors);
        setStep(passed);
        return;
      }
    }
    setStep(target);
  };

  const back = () => {
    const previous = WIZARD_STEPS[stepIndex(step) - 1];
    if (previous) setStep(previous);
  };

  const binding = { form, set, errors };
  const errorSteps = stepsWithErrors(errors);
  const otherErrorSteps = errorSteps.filter((s) => s !== step);
  const isLast = step === 'confirm';
  const mayContinue = step !== 'test' || (result !== null && !isTesting);

  return (
    <>
      <Link to="/servers" className="mb-4 inline-flex items-center gap-1.5 text-sm text-zinc-600 hover:text-zinc-900">
        <ArrowLeft aria-hidden className="size-4" />
        {t('servers.back')}
      </Link>
      <PageHeader title={t('servers.addTitle')} description={t('servers.addDescription')} />
      <WizardStepper current={step} reached={reached} stepsWithErrors={errorSteps} onOpen={openFromStepper} />
      <form noValidate onSubmit={submit} data-testid="add-server-wizard" data-step={step}>
        <Section
          title={
            <span ref={headingRef} tabIndex={-1} className="focus:outline-none" data-testid="wizard-step-title">
              {t('serverWizard.steps.heading', {
                number: stepIndex(step) + 1,
                total: WIZARD_STEPS.length,
                name: t(`serverWizard.steps.${step}`),
              })}
            </span>
          }
          description={t(`serverWizard.stepDescriptions.${step}`)}
        >
          {step === 'basics' ? <ServerFormFields {...binding} /> : null}
          {step === 'auth' ? <AuthFields {...binding} /> : null}
          {step === 'test' ? (
            <TestStep result={result} error={testError} isRunning={isTesting} onRun={() => void runTest()} />
          ) : null}
          {step === 'tools' ? (
            <ToolsStep result={result} disabled={form.disabledTools} onChange={(list) => set('disabledTools', list)} />
          ) : null}
          {step === 'confirm' ? (
            <ConfirmStep form={form} result={result} onEnabledChange={(enabled) => set('enabled', enabled)} />
          ) : null}
          {createError || otherErrorSteps.length > 0 ? (
            <div className="mt-5 space-y-2" data-testid="wizard-errors">
              {createError ? (
                <div data-testid="wizard-create-error">
                  <ErrorAlert error={createError} />
                </div>
              ) : (
                <Alert tone="warning">{t('serverWizard.fixOtherSteps')}</Alert>
              )}
              <div className="flex flex-wrap gap-2">
                {otherErrorSteps.map((s) => (
                  <Button key={s} variant="secondary" size="sm" onClick={() => setStep(s)}>
                    {t('serverWizard.goToStep', { name: t(`serverWizard.steps.${s}`) })}
                  </Button>
                ))}
              </div>
            </div>
          ) : null}
          <div className="mt-6 flex flex-wrap items-center justify-between gap-2 border-t border-zinc-200 pt-4">
            <Button variant="secondary" onClick={back} disabled={step === 'basics'}>
              <ArrowLeft aria-hidden className="size-4" />
              {t('serverWizard.back')}
            </Button>
            <div className="flex flex-wrap gap-2">
              <Button variant="ghost" onClick={() => navigate('/servers')}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" data-testid="wizard-next" disabled={!mayContinue || create.isPending}>
                {isLast
                  ? create.isPending
                    ? t('serverWizard.confirm.registering')
                    : t('serverWizard.confirm.register')
                  : step === 'test' && result && !result.ok
                    ? t('serverWizard.test.continueAnyway')
                    : t('serverWizard.next')}
                {isLast ? null : <ArrowRight aria-hidden className="size-4" />}
              </Button>
            </div>
          </div>
        </Section>
      </form>
    </>
  );
}
