// The optional manifest of a stdio server: what it declares it may do (permissions, paths, hosts) and its limits.
import { MANIFEST_PERMISSIONS } from '@mcp-studio/protocol';
import { useTranslation } from 'react-i18next';
import { TextAreaField, TextField } from '../../ui/fields';
import { CHECKBOX, type FormBinding, useFieldState } from './formBinding';
import type { ManifestForm } from './serverForm';

export function ManifestFields({ form, set, errors }: FormBinding) {
  const { t } = useTranslation();
  const fieldState = useFieldState(errors);
  const manifest = form.manifest;
  const hasNetwork = manifest.permissions.includes('network_access');
  const change = <K extends keyof ManifestForm>(field: K, value: ManifestForm[K]) =>
    set('manifest', { ...manifest, [field]: value });
  const field = (name: keyof ManifestForm, hint?: string) => fieldState(`manifest.${name}`, hint);
  const togglePermission = (permission: ManifestForm['permissions'][number], isOn: boolean) =>
    change(
      'permissions',
      MANIFEST_PERMISSIONS.filter((p) => (p === permission ? isOn : manifest.permissions.includes(p))),
    );

  return (
    <div className="space-y-4 rounded-md p-4 ring-1 ring-zinc-200 ring-inset" data-testid="manifest-fields">
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          className={`mt-0.5 ${CHECKBOX}`}
          checked={form.hasManifest}
          onChange={(e) => {
            set('hasManifest', e.target.checked);
            if (e.target.checked && manifest.name === '') change('name', form.name.trim());
          }}
        />
        <span>
          <span className="block font-medium text-zinc-800">{t('serverWizard.manifest.declare')}</span>
          <span className="block text-xs text-zinc-500">{t('serverWizard.manifest.declareHint')}</span>
        </span>
      </label>
      {form.hasManifest ? (
        <>
          <div className="grid items-start gap-4 sm:grid-cols-2">
            <TextField
              label={t('serverWizard.manifest.name')}
              value={manifest.name}
              onChange={(e) => change('name', e.target.value)}
              {...field('name')}
            />
            <TextField
              label={t('serverWizard.manifest.version')}
              value={manifest.version}
              onChange={(e) => change('version', e.target.value)}
              {...field('version')}
            />
          </div>
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-zinc-800">{t('serverWizard.manifest.permissions')}</legend>
            {MANIFEST_PERMISSIONS.map((permission) => (
              <label key={permission} className="flex items-center gap-2 text-sm text-zinc-700">
                <input
                  type="checkbox"
                  className={CHECKBOX}
                  checked={manifest.permissions.includes(permission)}
                  onChange={(e) => togglePermission(permission, e.target.checked)}
                />
                {t(`serverWizard.manifest.permissionNames.${permission}`)}
              </label>
            ))}
          </fieldset>
          <div className="grid items-start gap-4 sm:grid-cols-2">
            <TextAreaField
              label={t('serverWizard.manifest.readablePaths')}
              spellCheck={false}
              className="font-mono text-xs"
              value={manifest.readablePaths}
              onChange={(e) => change('readablePaths', e.target.value)}
              {...field('readablePaths', t('serverWizard.manifest.onePerLine'))}
            />
            <TextAreaField
              label={t('serverWizard.manifest.writablePaths')}
              spellCheck={false}
              className="font-mono text-xs"
              value={manifest.writablePaths}
              onChange={(e) => change('writablePaths', e.target.value)}
              {...field('writablePaths', t('serverWizard.manifest.onePerLine'))}
            />
            {hasNetwork ? (
              <>
                <TextField
                  label={t('serverWizard.manifest.allowedHosts')}
                  spellCheck={false}
                  placeholder="api.github.com"
                  value={manifest.allowedHosts}
                  onChange={(e) => change('allowedHosts', e.target.value)}
                  {...field('allowedHosts', t('serverWizard.manifest.commaSeparated'))}
                />
                <TextField
                  label={t('serverWizard.manifest.allowedPorts')}
                  spellCheck={false}
                  placeholder="443"
                  value={manifest.allowedPorts}
                  onChange={(e) => change('allowedPorts', e.target.value)}
                  {...field('allowedPorts', t('serverWizard.manifest.commaSeparated'))}
                />
              </>
            ) : null}
          </div>
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-zinc-800">{t('serverWizard.manifest.limits')}</legend>
            <div className="grid items-start gap-4 sm:grid-cols-3">
              <TextField
                label={t('serverWizard.manifest.maxFileSize')}
                type="number"
                inputMode="decimal"
                min={0}
                step="any"
                value={manifest.maxFileSizeMb}
                onChange={(e) => change('maxFileSizeMb', e.target.value)}
                {...field('maxFileSizeMb')}
              />
              <TextField
                label={t('serverWizard.manifest.maxMemory')}
                type="number"
                inputMode="numeric"
                min={1}
                value={manifest.maxMemoryMb}
                onChange={(e) => change('maxMemoryMb', e.target.value)}
                {...field('maxMemoryMb')}
              />
              <TextField
                label={t('serverWizard.manifest.maxCpu')}
                type="number"
                inputMode="numeric"
                min={1}
                value={manifest.maxCpuSeconds}
                onChange={(e) => change('maxCpuSeconds', e.target.value)}
                {...field('maxCpuSeconds')}
              />
            </div>
            <p className="text-xs text-zinc-500">{t('serverWizard.manifest.limitsHint')}</p>
          </fieldset>
        </>
      ) : null}
    </div>
  );
}
