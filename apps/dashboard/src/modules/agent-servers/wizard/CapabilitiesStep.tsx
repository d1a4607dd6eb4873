// Step 3: the capabilities recorded for the agent — the usual ones as boxes, others typed by hand.
import { useTranslation } from 'react-i18next';
import { TextField } from '../../../ui/fields';
import { type ProvisionForm, SUGGESTED_CAPABILITIES } from './provisionForm';

interface CapabilitiesStepProps {
  form: ProvisionForm;
  error: string | undefined;
  set<K extends keyof ProvisionForm>(field: K, value: ProvisionForm[K]): void;
}

export function CapabilitiesStep({ form, error, set }: CapabilitiesStepProps) {
  const { t } = useTranslation();
  const toggle = (capability: string, isOn: boolean) =>
    set('capabilities', isOn ? [...form.capabilities, capability] : form.capabilities.filter((c) => c !== capability));
  return (
    <>
      <fieldset className="space-y-2">
        <legend className="mb-2 text-sm font-medium text-zinc-800">{t('agentWizard.capabilities')}</legend>
        {SUGGESTED_CAPABILITIES.map((capability) => (
          <label key={capability} className="flex items-start gap-2 text-sm text-zinc-800">
            <input
              type="checkbox"
              className="mt-0.5"
              checked={form.capabilities.includes(capability)}
              onChange={(e) => toggle(capability, e.target.checked)}
            />
            <span>
              <span className="font-mono">{capability}</span>
              <span className="block text-xs text-zinc-500">{t(`agentWizard.capabilityHints.${capability}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <TextField
        label={t('agentWizard.extraCapabilities')}
        hint={error ?? t('agentWizard.extraCapabilitiesHint')}
        aria-invalid={error ? true : undefined}
        value={form.extraCapabilities}
        onChange={(e) => set('extraCapabilities', e.target.value)}
      />
    </>
  );
}
