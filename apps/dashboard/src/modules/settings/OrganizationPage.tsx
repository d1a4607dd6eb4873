// Organization settings: name and plan, editable by whoever the rules let update the organization.
import { PLANS, type Plan } from '@mcp-studio/protocol';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAbility } from '../../auth/ability';
import { useMe } from '../../auth/authContext';
import { Alert, ErrorAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { SelectField, TextField } from '../../ui/fields';
import { PageHeader, Section } from '../../ui/layoutParts';
import { useUpdateOrganization } from './settingsApi';

export default function OrganizationPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canEdit = useAbility().can('update', 'Organization');
  const [name, setName] = useState(me.organization.name);
  const [plan, setPlan] = useState<Plan>(me.organization.plan);
  const update = useUpdateOrganization();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: { name?: string; plan?: Plan } = {};
    if (name.trim() !== me.organization.name) body.name = name.trim();
    if (plan !== me.organization.plan) body.plan = plan;
    if (Object.keys(body).length > 0) update.mutate(body);
  };

  return (
    <>
      <PageHeader title={t('org.title')} description={t('org.description')} />
      <Section title={t('org.general')}>
        <form className="max-w-lg space-y-4" onSubmit={submit}>
          {canEdit ? null : <Alert tone="warning">{t('org.readOnly')}</Alert>}
          <ErrorAlert error={update.error} />
          {update.isSuccess ? <Alert tone="success">{t('common.saved')}</Alert> : null}
          <TextField
            label={t('auth.organizationName')}
            required
            maxLength={200}
            value={name}
            disabled={!canEdit}
            onChange={(e) => {
              setName(e.target.value);
              update.reset();
            }}
          />
          <SelectField
            label={t('org.plan')}
            value={plan}
            disabled={!canEdit}
            onChange={(e) => {
              setPlan(e.target.value as Plan);
              update.reset();
            }}
          >
            {PLANS.map((p) => (
              <option key={p} value={p}>
                {t(`plans.${p}`)}
              </option>
            ))}
          </SelectField>
          {canEdit ? (
            <Button type="submit" disabled={update.isPending}>
              {update.isPending ? t('common.saving') : t('common.save')}
            </Button>
          ) : null}
        </form>
      </Section>
    </>
  );
}
