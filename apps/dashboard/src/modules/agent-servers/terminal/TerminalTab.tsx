// The agent's terminals: one tab per session, a new one on demand, each closed here or when its shell exits.
import { Plus, X } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { EmptyState, Section } from '../../../ui/layoutParts';
import { Spinner } from '../../../ui/Spinner';
import type { AgentTabProps } from '../agents/AgentDetailPage';
import { TerminalView } from './TerminalView';
import { useCloseTerminal, useOpenTerminal, useTerminals } from './terminalsApi';

/** A first size for the PTY; the view fits it to the screen as soon as it is shown. */
const INITIAL_SIZE = { cols: 100, rows: 28 };

export function TerminalTab({ nodeId, agentId }: AgentTabProps) {
  const { t } = useTranslation();
  const sessions = useTerminals(nodeId, agentId);
  const open = useOpenTerminal(nodeId, agentId);
  const close = useCloseTerminal(nodeId, agentId);
  const [tabs, setTabs] = useState<string[] | null>(null);
  const [current, setCurrent] = useState<string | null>(null);
  const [exited, setExited] = useState<Set<string>>(() => new Set());

  // The sessions still open on the node become tabs once, when the page first learns of them.
  useEffect(() => {
    if (tabs !== null || !sessions.data) return;
    const live = sessions.data.terminals.filter((s) => s.status !== 'closed').map((s) => s.id);
    setTabs(live);
    setCurrent(live[0] ?? null);
  }, [sessions.data, tabs]);

  const openNew = async () => {
    try {
      const session = await open.mutateAsync(INITIAL_SIZE);
      setTabs((list) => [...(list ?? []), session.id]);
      setCurrent(session.id);
    } catch {
      // Shown from the mutation's error (a suspended agent, too many terminals…).
    }
  };

  const closeTab = (sid: string) => {
    if (!exited.has(sid)) close.mutate(sid);
    const rest = (tabs ?? []).filter((id) => id !== sid);
    setTabs(rest);
    if (current === sid) setCurrent(rest[rest.length - 1] ?? null);
  };

  const markExited = (sid: string) => setExited((set) => new Set(set).add(sid));

  if (sessions.isPending) return <Spinner />;
  const list = tabs ?? [];
  return (
    <Section
      title={t('agentTerminal.title')}
      description={t('agentTerminal.description')}
      actions={
        <Button onClick={() => void openNew()} disabled={open.isPending} data-testid="new-terminal">
          <Plus aria-hidden className="size-4" />
          {t('agentTerminal.new')}
        </Button>
      }
    >
      <div className="space-y-3">
        <ErrorAlert error={sessions.error ?? open.error ?? close.error} />
        {list.length === 0 ? (
          <EmptyState title={t('agentTerminal.none')} description={t('agentTerminal.noneDescription')} />
        ) : (
          <>
            <div role="tablist" aria-label={t('agentTerminal.sessions')} className="flex flex-wrap gap-1">
              {list.map((sid, index) => (
                <span
                  key={sid}
                  className={`inline-flex items-center rounded-md text-sm ring-1 ring-inset ${
                    sid === current ? 'bg-zinc-900 text-white ring-zinc-900' : 'bg-white text-zinc-700 ring-zinc-300'
                  }`}
                >
                  <button
                    type="button"
                    role="tab"
                    aria-selected={sid === current}
                    className="px-3 py-1"
                    onClick={() => setCurrent(sid)}
                  >
                    {t('agentTerminal.tab', { number: index + 1 })}
                    {exited.has(sid) ? ` · ${t('agentTerminal.ended')}` : ''}
                  </button>
                  <button
                    type="button"
                    className="rounded-r-md px-1.5 py-1 hover:bg-red-600 hover:text-white"
                    onClick={() => closeTab(sid)}
                    aria-label={t('agentTerminal.close', { number: index + 1 })}
                    title={t('agentTerminal.close', { number: index + 1 })}
                  >
                    <X aria-hidden className="size-3.5" />
                  </button>
                </span>
              ))}
            </div>
            {list.map((sid) => (
              <TerminalView key={sid} nodeId={nodeId} sessionId={sid} isVisible={sid === current} onExit={markExited} />
            ))}
          </>
        )}
      </div>
    </Section>
  );
}
