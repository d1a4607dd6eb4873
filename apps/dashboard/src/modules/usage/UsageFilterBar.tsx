// The filters of the Usage page. Each change goes to the URL at once, so the view can be bookmarked and shared.
import { USAGE_STATUSES } from '@mcp-studio/protocol';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMembers } from '../../api/sharedQueries';
import { Button } from '../../ui/Button';
import { SelectField, TextField } from '../../ui/fields';
import { useServers } from '../servers/serversApi';
import { isDay, PERIOD_PRESETS, type PeriodPreset, presetOf, presetPeriod, type UsageFilters } from './usageFilters';

type FilterChange = Partial<Record<keyof UsageFilters, string | undefined>>;

interface UsageFilterBarProps {
  filters: UsageFilters;
  onChange(change: FilterChange): void;
  onClear(): void;
  /** The report covers the whole organization, so filtering by member makes sense (ADMINs). */
  isOrganization: boolean;
  now: Date;
}

export function UsageFilterBar({ filters, onChange, onClear, isOrganization, now }: UsageFilterBarProps) {
  const { t } = useTranslation();
  const members = useMembers(isOrganization);
  const servers = useServers();
  const preset = presetOf(filters, now);

  const commitTool = (value: string) => {
    if (value.trim() !== (filters.tool ?? '')) onChange({ tool: value });
  };
  const submitTool = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    commitTool(String(new FormData(event.currentTarget).get('tool') ?? ''));
  };
  const choosePreset = (days: PeriodPreset) => onChange(presetPeriod(days, now));

  return (
    <div className="space-y-4" data-testid="usage-filters">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {isOrganization ? (
          <SelectField
            label={t('usage.filters.user')}
            value={filters.userId ?? ''}
            onChange={(e) => onChange({ userId: e.target.value })}
          >
            <option value="">{t('usage.filters.allUsers')}</option>
            {(members.data?.members ?? []).map((member) => (
              <option key={member.id} value={member.id}>
                {member.name ? `${member.name} (${member.email})` : member.email}
              </option>
            ))}
          </SelectField>
        ) : null}
        <SelectField
          label={t('usage.filters.server')}
          value={filters.serverId ?? ''}
          onChange={(e) => onChange({ serverId: e.target.value })}
        >
          <option value="">{t('usage.filters.allServers')}</option>
          {(servers.data?.servers ?? []).map((server) => (
            <option key={server.id} value={server.id}>
              {server.name}
            </option>
          ))}
        </SelectField>
        <form onSubmit={submitTool}>
          <TextField
            // A new value in the URL (cleared, or another shared view) replaces what the field holds.
            key={filters.tool ?? ''}
            name="tool"
            label={t('usage.filters.tool')}
            hint={t('usage.filters.toolHint')}
            defaultValue={filters.tool ?? ''}
            maxLength={2048}
            autoComplete="off"
            onBlur={(e) => commitTool(e.target.value)}
          />
        </form>
        <SelectField
          label={t('usage.filters.status')}
          value={filters.status ?? ''}
          onChange={(e) => onChange({ status: e.target.value })}
        >
          <option value="">{t('usage.filters.allStatuses')}</option>
          {USAGE_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`usage.statuses.${status}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <fieldset className="flex flex-wrap items-end gap-4">
        <legend className="mb-2 text-sm font-medium text-zinc-800">{t('usage.filters.period')}</legend>
        <div className="w-44">
          <TextField
            key={`from-${filters.from}`}
            type="date"
            label={t('usage.filters.from')}
            defaultValue={filters.from}
            onChange={(e) => isDay(e.target.value) && onChange({ from: e.target.value })}
          />
        </div>
        <div className="w-44">
          <TextField
            key={`to-${filters.to}`}
            type="date"
            label={t('usage.filters.to')}
            defaultValue={filters.to}
            onChange={(e) => isDay(e.target.value) && onChange({ to: e.target.value })}
          />
        </div>
        <div className="inline-flex rounded-md shadow-sm ring-1 ring-zinc-300 ring-inset">
          {PERIOD_PRESETS.map((days) => (
            <button
              key={days}
              type="button"
              aria-pressed={preset === days}
              onClick={() => choosePreset(days)}
              className={`h-9 px-3 text-sm font-medium first:rounded-l-md last:rounded-r-md ${
                preset === days ? 'bg-indigo-600 text-white' : 'text-zinc-700 hover:bg-zinc-50'
              }`}
            >
              {t('usage.filters.lastDays', { count: days })}
            </button>
          ))}
        </div>
        <Button variant="ghost" onClick={onClear}>
          {t('usage.filters.clear')}
        </Button>
      </fieldset>
    </div>
  );
}
