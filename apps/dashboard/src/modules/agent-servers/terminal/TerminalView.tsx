// One terminal on screen: xterm.js fitted to its frame, wired to the session's socket, with its state in words.
import '@xterm/xterm/css/xterm.css';
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { type ConnectionState, TerminalConnection } from './terminalConnection';

interface TerminalViewProps {
  nodeId: string;
  sessionId: string;
  isVisible: boolean;
  onExit(sessionId: string): void;
}

export function TerminalView({ nodeId, sessionId, isVisible, onExit }: TerminalViewProps) {
  const { t } = useTranslation();
  const frameRef = useRef<HTMLDivElement>(null);
  const fitRef = useRef<FitAddon | null>(null);
  const termRef = useRef<Terminal | null>(null);
  const connectionRef = useRef<TerminalConnection | null>(null);
  const [state, setState] = useState<ConnectionState>({ kind: 'connecting', attempt: 1 });
  const [notice, setNotice] = useState<string | null>(null);
  const onExitRef = useRef(onExit);
  onExitRef.current = onExit;

  useEffect(() => {
    const frame = frameRef.current;
    if (!frame) return;
    const term = new Terminal({
      cursorBlink: true,
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
      fontSize: 13,
      scrollback: 5000,
      theme: { background: '#18181b' },
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(frame);
    termRef.current = term;
    fitRef.current = fit;

    const connection = new TerminalConnection(nodeId, sessionId, {
      onReset: () => term.reset(),
      onOutput: (bytes) => term.write(bytes),
      onNotice: setNotice,
      onState: (next) => {
        setState(next);
        if (next.kind === 'exited') onExitRef.current(sessionId);
      },
    });
    connectionRef.current = connection;
    const input = term.onData((data) => connection.sendInput(data));
    const binary = term.onBinary((data) => connection.sendInput(data));
    const resized = term.onResize(({ cols, rows }) => connection.resize(cols, rows));

    // Fit whenever the frame changes size; the new size goes to the PTY through onResize.
    const observer = new ResizeObserver(() => {
      if (frame.offsetWidth > 0 && frame.offsetHeight > 0) fit.fit();
    });
    observer.observe(frame);
    if (frame.offsetWidth > 0) fit.fit();
    connection.resize(term.cols, term.rows);
    connection.start();

    return () => {
      observer.disconnect();
      input.dispose();
      binary.dispose();
      resized.dispose();
      connection.stop();
      term.dispose();
      termRef.current = null;
      connectionRef.current = null;
    };
  }, [nodeId, sessionId]);

  useEffect(() => {
    if (!isVisible) return;
    const frame = frameRef.current;
    if (frame && frame.offsetWidth > 0) fitRef.current?.fit();
    termRef.current?.focus();
  }, [isVisible]);

  return (
    <div className={isVisible ? 'space-y-2' : 'hidden'} data-testid={`terminal-${sessionId}`} data-state={state.kind}>
      <TerminalStatus state={state} onRetry={() => connectionRef.current?.retry()} />
      {notice ? <Alert tone="warning">{notice}</Alert> : null}
      <div
        ref={frameRef}
        className="h-[28rem] overflow-hidden rounded-md bg-zinc-900 p-2"
        role="application"
        aria-label={t('agentTerminal.screen')}
      />
    </div>
  );
}

function TerminalStatus({ state, onRetry }: { state: ConnectionState; onRetry(): void }) {
  const { t } = useTranslation();
  switch (state.kind) {
    case 'open':
      return (
        <p className="text-xs text-emerald-700" role="status">
          {t('agentTerminal.connected')}
        </p>
      );
    case 'connecting':
      return (
        <p className="text-xs text-zinc-500" role="status">
          {state.attempt > 1
            ? t('agentTerminal.reconnecting', { attempt: state.attempt })
            : t('agentTerminal.connecting')}
        </p>
      );
    case 'exited':
      return (
        <Alert tone="warning">
          {state.signal !== null
            ? t('agentTerminal.exitedSignal', { signal: state.signal })
            : t('agentTerminal.exited', { code: state.exitCode ?? '?' })}
        </Alert>
      );
    case 'failed':
      return (
        <Alert>
          <span className="flex flex-wrap items-center gap-3">
            {state.code === 4404
              ? t('agentTerminal.gone')
              : t('agentTerminal.refused', { reason: state.reason || state.code })}
            <Button size="sm" variant="secondary" onClick={onRetry}>
              {t('common.retry')}
            </Button>
          </span>
        </Alert>
      );
  }
}
