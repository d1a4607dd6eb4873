// "This server may: read files in …, use the network …": a manifest said plainly, before a server is enabled.
import type { ServerManifest } from '@mcp-studio/protocol';
import { ShieldAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { manifestStatements } from './manifestSummary';

export function ManifestPermissions({ manifest }: { manifest: ServerManifest }) {
  const { t } = useTranslation();
  const statements = manifestStatements(manifest);
  return (
    <div
      data-testid="manifest-permissions"
      className="rounded-md bg-amber-50 p-3 text-sm text-amber-950 ring-1 ring-amber-200 ring-inset"
    >
      <p className="flex items-center gap-2 font-medium">
        <ShieldAlert aria-hidden className="size-4 shrink-0" />
        {t('serverWizard.manifest.declares', { name: manifest.name, version: manifest.version })}
      </p>
      {statements.length === 0 ? (
        <p className="mt-1">{t('serverWizard.manifest.mayNothing')}</p>
      ) : (
        <>
          <p className="mt-1">{t('serverWizard.manifest.mayIntro')}</p>
          <ul className="mt-1 list-disc space-y-0.5 pl-5">
            {statements.map((statement) => (
              <li key={statement.key} className="break-words">
                {t(`serverWizard.manifest.may.${statement.key}`, statement.values ?? {})}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
