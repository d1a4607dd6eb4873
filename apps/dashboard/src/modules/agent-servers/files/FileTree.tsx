// The agent's home as a tree, each directory listed when first opened (fs/list), as nested lists of disclosure buttons.
import type { FsEntry } from '@mcp-studio/protocol';
import { ChevronDown, ChevronRight, File, Folder, FolderOpen, Link2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../api/apiError';
import { type AgentRef, useDirectory } from './filesApi';

interface TreeProps {
  agent: AgentRef;
  selected: string | null;
  onSelect(entry: FsEntry): void;
}

export function FileTree({ agent, selected, onSelect }: TreeProps) {
  const { t } = useTranslation();
  return (
    <ul aria-label={t('agentFiles.tree')} className="text-sm" data-testid="file-tree">
      <DirectoryChildren agent={agent} path="" depth={0} selected={selected} onSelect={onSelect} />
    </ul>
  );
}

function DirectoryChildren({ agent, path, depth, selected, onSelect }: TreeProps & { path: string; depth: number }) {
  const { t } = useTranslation();
  const listing = useDirectory(agent, path);
  const pad = { paddingLeft: `${depth * 0.875 + 0.5}rem` };
  if (listing.isPending) {
    return (
      <li style={pad} className="py-1 text-xs text-zinc-500">
        {t('common.loading')}
      </li>
    );
  }
  if (listing.error) {
    return (
      <li style={pad} className="py-1 text-xs text-red-700">
        {errorMessage(listing.error)}
      </li>
    );
  }
  if (listing.data.entries.length === 0) {
    return (
      <li style={pad} className="py-1 text-xs text-zinc-400">
        {t('agentFiles.emptyDirectory')}
      </li>
    );
  }
  return (
    <>
      {listing.data.entries.map((entry) => (
        <TreeEntry key={entry.path} entry={entry} agent={agent} depth={depth} selected={selected} onSelect={onSelect} />
      ))}
      {listing.data.truncated ? (
        <li style={pad} className="py-1 text-xs text-amber-700">
          {t('agentFiles.truncated')}
        </li>
      ) : null}
    </>
  );
}

function TreeEntry({ entry, agent, depth, selected, onSelect }: TreeProps & { entry: FsEntry; depth: number }) {
  const [isOpen, setIsOpen] = useState(false);
  const isDirectory = entry.type === 'directory';
  const isSelected = selected === entry.path;
  const Icon = entry.type === 'symlink' ? Link2 : isDirectory ? (isOpen ? FolderOpen : Folder) : File;
  const Chevron = isOpen ? ChevronDown : ChevronRight;
  return (
    <li>
      <button
        type="button"
        data-path={entry.path}
        aria-expanded={isDirectory ? isOpen : undefined}
        aria-current={isSelected ? 'true' : undefined}
        onClick={() => {
          onSelect(entry);
          if (isDirectory) setIsOpen((open) => !open);
        }}
        style={{ paddingLeft: `${depth * 0.875 + 0.25}rem` }}
        className={`flex w-full items-center gap-1 rounded py-1 pr-2 text-left ${
          isSelected ? 'bg-indigo-50 text-indigo-800' : 'text-zinc-800 hover:bg-zinc-100'
        }`}
      >
        {isDirectory ? <Chevron aria-hidden className="size-3.5 shrink-0 text-zinc-400" /> : <span className="w-3.5" />}
        <Icon aria-hidden className="size-4 shrink-0 text-zinc-500" />
        <span className="truncate">{entry.name}</span>
      </button>
      {isDirectory && isOpen ? (
        <ul>
          <DirectoryChildren
            agent={agent}
            path={entry.path}
            depth={depth + 1}
            selected={selected}
            onSelect={onSelect}
          />
        </ul>
      ) : null}
    </li>
  );
}
