// Step 4: what will be created, the API key only as "given" or not.
import { useTranslation } from 'react-i18next';
import { FactList } from '../../../ui/layoutParts';
import { allCapabilities, type ProvisionForm } from './provisionForm';

export function ConfirmProvision({ form }: { form: ProvisionForm }) {
  const { t } = useTranslation();
  const capabilities = allCapabilities(form);
  return (
    <FactList
      testId="provision-summary"
      facts={[
        [
          t('common.name'),
          <span key="name" className="font-mono">
            {form.name.trim()}
          </span>,
        ],
        [t('agentServers.engine'), t(`agentServers.engines.${form.engine}`)],
        [t('agentWizard.model'), form.model.trim() || t('agentWizard.defaultModel')],
        [t('agentWizard.apiKey'), form.apiKey.trim() ? t('agentWizard.apiKeyGiven') : t('agentWizard.apiKeyNone')],
        [t('agentWizard.capabilities'), capabilities.length > 0 ? capabilities.join(', ') : '—'],
      ]}
    />
  );
}
