// The token list: permissions, prefix, dates and state, with revoke and delete.
import type { ApiToken } from '@mcp-studio/protocol';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../lib/format';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Badge } from '../../ui/layoutParts';
import { DataTable, td } from '../../ui/Table';
import { useDeleteToken, useRevokeToken } from './settingsApi';

type Pending = { kind: 'revoke' | 'delete'; token: ApiToken } | null;

function TokenState({ token }: { token: ApiToken }) {
  const { t } = useTranslation();
  if (token.revokedAt) return <Badge tone="red">{t('tokens.revoked')}</Badge>;
  if (token.expiresAt && new Date(token.expiresAt).getTime() <= Date.now()) {
    return <Badge tone="amber">{t('tokens.expired')}</Badge>;
  }
  return <Badge tone="green">{t('tokens.active')}</Badge>;
}

export function TokensTable({ tokens }: { tokens: ApiToken[] }) {
  const { t } = useTranslation();
  const { date, dateTime } = useFormatters();
  const revoke = useRevokeToken();
  const remove = useDeleteToken();
  const [pending, setPending] = useState<Pending>(null);
  const headings = [
    t('common.name'),
    t('tokens.permissions'),
    t('tokens.prefix'),
    t('tokens.created'),
    t('tokens.lastUsed'),
    t('tokens.expires'),
    t('tokens.state'),
    { label: t('common.actions'), srOnly: true },
  ];

  return (
    <>
      <DataTable headers={headings}>
        {tokens.map((token) => (
          <tr key={token.id}>
            <td className={`${td} font-medium text-zinc-900`}>{token.name}</td>
            <td className={td}>
              <div className="flex max-w-xs flex-wrap gap-1">
                {token.permissions.map((p) => (
                  <code key={p} className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-700">
                    {p}
                  </code>
                ))}
              </div>
            </td>
            <td className={`${td} font-mono text-xs`}>{token.prefix}…</td>
            <td className={`${td} whitespace-nowrap`}>{date(token.createdAt)}</td>
            <td className={`${td} whitespace-nowrap`}>{dateTime(token.lastUsedAt)}</td>
            <td className={`${td} whitespace-nowrap`}>
              {token.expiresAt ? date(token.expiresAt) : t('tokens.noExpiry')}
            </td>
            <td className={td}>
              <TokenState token={token} />
            </td>
            <td className={`${td} whitespace-nowrap text-right`}>
              {token.revokedAt ? null : (
                <Button variant="ghost" size="sm" onClick={() => setPending({ kind: 'revoke', token })}>
                  {t('tokens.revoke')}
                </Button>
              )}
              <Button variant="ghost" size="sm" onClick={() => setPending({ kind: 'delete', token })}>
                {t('common.delete')}
              </Button>
            </td>
          </tr>
        ))}
      </DataTable>
      <ConfirmDialog
        open={pending !== null}
        onOpenChange={(open) => (open ? undefined : setPending(null))}
        title={t(pending?.kind === 'revoke' ? 'tokens.revokeTitle' : 'tokens.deleteTitle', {
          name: pending?.token.name ?? '',
        })}
        message={t(pending?.kind === 'revoke' ? 'tokens.revokeMessage' : 'tokens.deleteMessage')}
        confirmLabel={pending?.kind === 'revoke' ? t('tokens.revoke') : t('common.delete')}
        onConfirm={() =>
          pending?.kind === 'revoke'
            ? revoke.mutateAsync(pending.token.id)
            : remove.mutateAsync(pending?.token.id ?? '')
        }
      />
    </>
  );
}
