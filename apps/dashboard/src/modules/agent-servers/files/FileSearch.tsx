// Search the agent's home by name, and inside text files when asked; a result opens in the editor.
import type { FsSearch, FsSearchResult } from '@mcp-studio/protocol';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { TextField } from '../../../ui/fields';
import { type AgentRef, searchFiles } from './filesApi';

export function FileSearch({ agent, onOpen }: { agent: AgentRef; onOpen(result: FsSearchResult): void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [isContent, setIsContent] = useState(false);
  const [result, setResult] = useState<FsSearch | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [isPending, setIsPending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!query.trim()) return;
    setIsPending(true);
    setError(null);
    try {
      setResult(await searchFiles(agent, query.trim(), isContent));
    } catch (e) {
      setError(e);
    } finally {
      setIsPending(false);
    }
  };

  return (
    <div className="space-y-2">
      <form onSubmit={(event) => void submit(event)} className="space-y-2">
        <TextField
          label={t('agentFiles.search')}
          hideLabel
          placeholder={t('agentFiles.searchPlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          maxLength={200}
        />
        <div className="flex items-center justify-between gap-2">
          <label className="flex items-center gap-1.5 text-xs text-zinc-700">
            <input type="checkbox" checked={isContent} onChange={(e) => setIsContent(e.target.checked)} />
            {t('agentFiles.searchContents')}
          </label>
          <Button size="sm" type="submit" variant="secondary" disabled={isPending || !query.trim()}>
            {t('agentFiles.search')}
          </Button>
        </div>
      </form>
      <ErrorAlert error={error} />
      {result ? (
        <div className="space-y-1 text-sm" data-testid="search-results">
          <p className="text-xs text-zinc-500">
            {t('agentFiles.results', { count: result.results.length })}
            {result.truncated ? ` · ${t(`agentFiles.stopped.${result.reason ?? 'max_results'}`)}` : ''}
          </p>
          <ul className="max-h-64 space-y-1 overflow-y-auto">
            {result.results.map((hit) => (
              <li key={hit.path}>
                <button
                  type="button"
                  onClick={() => onOpen(hit)}
                  className="w-full rounded px-1.5 py-1 text-left font-mono text-xs hover:bg-zinc-100"
                >
                  {hit.path}
                  {hit.matches?.map((match) => (
                    <span key={match.line} className="block truncate pl-2 text-zinc-500">
                      {match.line}: {match.text}
                    </span>
                  ))}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
