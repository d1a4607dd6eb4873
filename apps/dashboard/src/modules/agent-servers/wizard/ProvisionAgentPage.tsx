// /agent-servers/:id/agents/new: provision an agent in four steps — name and engine, API key, capabilities, confirm —
// then show its credentials once.
import { AGENT_ENGINES, type CreatedAgent } from '@mcp-studio/protocol';
import { ArrowLeft, ArrowRight } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { SelectField, TextField } from '../../../ui/fields';
import { PageHeader, Section } from '../../../ui/layoutParts';
import { useProvisionAgent } from '../agents/agentsApi';
import { CapabilitiesStep } from './CapabilitiesStep';
import { ConfirmProvision } from './ConfirmProvision';
import { CredentialsPanel } from './CredentialsPanel';
import {
  EMPTY_PROVISION_FORM,
  isApiKeyRequired,
  PROVISION_STEPS,
  type ProvisionErrors,
  type ProvisionForm,
  type ProvisionStep,
  toCreateAgentBody,
  validateStep,
} from './provisionForm';
import { StepList } from './StepList';

export default function ProvisionAgentPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const provision = useProvisionAgent(id);
  const [form, setForm] = useState<ProvisionForm>(EMPTY_PROVISION_FORM);
  const [step, setStep] = useState<ProvisionStep>('identity');
  const [reached, setReached] = useState(0);
  const [errors, setErrors] = useState<ProvisionErrors>({});
  const [created, setCreated] = useState<CreatedAgent | null>(null);

  const messages = {
    invalid: t('common.invalidInput'),
    tooLong: t('agentWizard.tooLong'),
    apiKeyRequired: t('agentWizard.apiKeyRequired'),
    badCapabilities: t('agentWizard.badCapabilities'),
  };
  const set = <K extends keyof ProvisionForm>(field: K, value: ProvisionForm[K]) => {
    setForm((f) => ({ ...f, [field]: value }));
    setErrors({});
    provision.reset();
  };
  const index = PROVISION_STEPS.indexOf(step);
  const open = (next: ProvisionStep) => {
    setStep(next);
    setReached((r) => Math.max(r, PROVISION_STEPS.indexOf(next)));
  };

  const next = async (event: FormEvent) => {
    event.preventDefault();
    if (step !== 'confirm') {
      const stepErrors = validateStep(form, step, messages);
      setErrors(stepErrors);
      if (Object.keys(stepErrors).length === 0) open(PROVISION_STEPS[index + 1] ?? 'confirm');
      return;
    }
    const built = toCreateAgentBody(form, messages);
    if (!built.ok) {
      setErrors(built.errors);
      setStep(built.step);
      return;
    }
    try {
      const answer = await provision.mutateAsync(built.body);
      // The API key is not needed any more: drop it from memory with the rest of the form.
      setForm(EMPTY_PROVISION_FORM);
      setCreated(answer);
    } catch {
      // Shown from the mutation's error.
    }
  };

  const back = (
    <Link
      to={`/agent-servers/${id}`}
      className="mb-4 inline-flex items-center gap-1.5 text-sm text-zinc-600 hover:text-zinc-900"
    >
      <ArrowLeft aria-hidden className="size-4" />
      {t('agentWizard.backToNode')}
    </Link>
  );

  if (created) {
    return (
      <>
        {back}
        <PageHeader title={t('agentWizard.createdTitle', { name: created.agent.name })} />
        <CredentialsPanel nodeId={id} created={created} />
      </>
    );
  }

  return (
    <>
      {back}
      <PageHeader title={t('agentWizard.title')} description={t('agentWizard.description')} />
      <StepList current={step} reached={reached} onOpen={open} />
      <form onSubmit={(event) => void next(event)} noValidate>
        <Section title={t(`agentWizard.steps.${step}`)}>
          <div className="max-w-xl space-y-4">
            {step === 'identity' ? (
              <>
                <TextField
                  label={t('common.name')}
                  hint={errors.name ?? t('agentWizard.nameHint')}
                  aria-invalid={errors.name ? true : undefined}
                  value={form.name}
                  onChange={(e) => set('name', e.target.value)}
                  autoFocus
                />
                <SelectField
                  label={t('agentServers.engine')}
                  value={form.engine}
                  onChange={(e) => set('engine', e.target.value as ProvisionForm['engine'])}
                >
                  {AGENT_ENGINES.map((engine) => (
                    <option key={engine} value={engine}>
                      {t(`agentServers.engines.${engine}`)}
                    </option>
                  ))}
                </SelectField>
                <TextField
                  label={t('agentWizard.model')}
                  hint={errors.model ?? t('agentWizard.modelHint')}
                  value={form.model}
                  onChange={(e) => set('model', e.target.value)}
                />
              </>
            ) : null}
            {step === 'apiKey' ? (
              <TextField
                label={t('agentWizard.apiKey')}
                hint={
                  errors.apiKey ??
                  (isApiKeyRequired(form.engine) ? t('agentWizard.apiKeyHint') : t('agentWizard.apiKeyOptional'))
                }
                aria-invalid={errors.apiKey ? true : undefined}
                type="password"
                autoComplete="off"
                value={form.apiKey}
                onChange={(e) => set('apiKey', e.target.value)}
                autoFocus
              />
            ) : null}
            {step === 'capabilities' ? <CapabilitiesStep form={form} error={errors.capabilities} set={set} /> : null}
            {step === 'confirm' ? <ConfirmProvision form={form} /> : null}
            <ErrorAlert error={provision.error} />
          </div>
          <div className="mt-6 flex justify-between gap-2">
            <Button
              variant="secondary"
              disabled={index === 0}
              onClick={() => setStep(PROVISION_STEPS[index - 1] ?? 'identity')}
            >
              <ArrowLeft aria-hidden className="size-4" />
              {t('agentWizard.previous')}
            </Button>
            <Button type="submit" disabled={provision.isPending} data-testid="wizard-next">
              {step === 'confirm' ? t('agentWizard.create') : t('agentWizard.next')}
              {step === 'confirm' ? null : <ArrowRight aria-hidden className="size-4" />}
            </Button>
          </div>
        </Section>
      </form>
    </>
  );
}
