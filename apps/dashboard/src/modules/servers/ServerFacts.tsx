// A server's registration as the API shows it: plain fields in full, secrets only as links to their vault entries.

import type { McpServer } from '@mcp-studio/protocol';
import type { TFunction } from 'i18next';
import { KeyRound } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '../../lib/format';
import { Badge, FactList, Section } from '../../ui/layoutParts';
import { ManifestPermissions } from './ManifestPermissions';
import { TransportBadge } from './serverBadges';

function VaultLink({ credentialId }: { credentialId: string }) {
  const { t } = useTranslation();
  return (
    <Link
      to={`/credentials/${credentialId}`}
      className="inline-flex items-center gap-1 text-indigo-700 hover:text-indigo-600 hover:underline"
    >
      <KeyRound aria-hidden className="size-3.5" />
      {t('servers.storedInVault')}
    </Link>
  );
}

const mono = (text: string) => <code className="font-mono text-xs break-all">{text}</code>;

/** Rows of `KEY=value` (plain) and `KEY → vault link` (secret). */
function pairs(plain: Record<string, string>, secret: Record<string, { credentialId: string }>): ReactNode {
  const rows = [
    ...Object.entries(plain).map(([key, value]) => <li key={`p-${key}`}>{mono(`${key}=${value}`)}</li>),
    ...Object.entries(secret).map(([key, { credentialId }]) => (
      <li key={`s-${key}`} className="flex flex-wrap items-center gap-2">
        {mono(key)} <VaultLink credentialId={credentialId} />
      </li>
    )),
  ];
  return rows.length > 0 ? <ul className="space-y-1">{rows}</ul> : '—';
}

function authFacts(auth: McpServer['auth'], t: TFunction): [string, ReactNode][] {
  switch (auth.type) {
    case 'none':
      return [[t('servers.auth.label'), t('servers.auth.types.none')]];
    case 'bearer':
      return [
        [t('servers.auth.label'), t('servers.auth.types.bearer')],
        [t('servers.auth.token'), <VaultLink key="t" credentialId={auth.credentialId} />],
      ];
    case 'api_key':
      return [
        [t('servers.auth.label'), t('servers.auth.types.api_key')],
        [t('servers.auth.headerName'), mono(auth.name)],
        [t('servers.auth.apiKey'), <VaultLink key="k" credentialId={auth.credentialId} />],
      ];
    case 'basic':
      return [
        [t('servers.auth.label'), t('servers.auth.types.basic')],
        [t('servers.auth.username'), auth.username],
        [t('servers.auth.password'), <VaultLink key="p" credentialId={auth.credentialId} />],
      ];
    case 'mtls':
      return [
        [t('servers.auth.label'), 'mTLS'],
        [t('servers.auth.certificate'), <VaultLink key="c" credentialId={auth.certificateCredentialId} />],
        [t('servers.auth.privateKey'), <VaultLink key="k" credentialId={auth.privateKeyCredentialId} />],
      ];
  }
}

export function ServerFacts({ server }: { server: McpServer }) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const transportFacts: [string, ReactNode][] =
    server.transport === 'stdio'
      ? [
          [t('servers.command'), mono(server.command ?? '')],
          [
            t('servers.args'),
            server.args.length > 0 ? (
              <ol key="args" className="space-y-1">
                {server.args.map((arg, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: arguments are positional and may repeat
                  <li key={i}>{mono(arg)}</li>
                ))}
              </ol>
            ) : (
              '—'
            ),
          ],
          [t('servers.env'), pairs(server.env, server.secretEnv)],
          ...(server.cwd ? [[t('servers.cwd'), mono(server.cwd)] as [string, ReactNode]] : []),
        ]
      : [
          [t('servers.url'), mono(server.url ?? '')],
          [t('servers.headers'), pairs(server.headers, server.secretHeaders)],
          ...authFacts(server.auth, t),
        ];
  const facts: [string, ReactNode][] = [
    [t('servers.transport'), <TransportBadge key="tr" transport={server.transport} />],
    [t('serverExplorer.facts.slug'), mono(server.slug)],
    ...transportFacts,
    [
      t('servers.tags'),
      server.tags.length > 0 ? (
        <span key="tags" className="flex flex-wrap gap-1">
          {server.tags.map((tag) => (
            <Badge key={tag}>{tag}</Badge>
          ))}
        </span>
      ) : (
        '—'
      ),
    ],
    [t('servers.timeout'), t('servers.latencyMs', { count: server.timeoutMs })],
    [t('serverExplorer.facts.maxConcurrency'), server.maxConcurrency],
    ...(server.disabledTools.length > 0
      ? [
          [
            t('serverExplorer.facts.disabledTools'),
            <span key="dt" className="flex flex-wrap gap-1">
              {server.disabledTools.map((name) => (
                <Badge key={name} tone="red">
                  {name}
                </Badge>
              ))}
            </span>,
          ] as [string, ReactNode],
        ]
      : []),
    ...(server.manifest
      ? [
          [t('serverExplorer.facts.manifest'), <ManifestPermissions key="m" manifest={server.manifest} />] as [
            string,
            ReactNode,
          ],
        ]
      : []),
    [t('servers.created'), dateTime(server.createdAt)],
    [t('servers.updated'), dateTime(server.updatedAt)],
  ];
  return (
    <Section title={t('servers.registration')}>
      <FactList testId="server-facts" facts={facts} />
    </Section>
  );
}
