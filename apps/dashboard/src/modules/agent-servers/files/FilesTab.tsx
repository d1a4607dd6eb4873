// The agent's files: the tree, actions and search on the left, the open file in Monaco on the right.
import type { FsEntry } from '@mcp-studio/protocol';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Section } from '../../../ui/layoutParts';
import type { AgentTabProps } from '../agents/AgentDetailPage';
import { FileActions } from './FileActions';
import { FileEditor } from './FileEditor';
import { FileSearch } from './FileSearch';
import { FileTree } from './FileTree';
import { useOpenFile } from './useOpenFile';

export function FilesTab({ nodeId, agentId }: AgentTabProps) {
  const { t } = useTranslation();
  const agent = useMemo(() => ({ nodeId, agentId }), [nodeId, agentId]);
  const [selected, setSelected] = useState<FsEntry | null>(null);
  const [openPath, setOpenPath] = useState<string | null>(null);
  const open = useOpenFile(agent, openPath);

  const select = (entry: FsEntry) => {
    setSelected(entry);
    if (entry.type !== 'directory') setOpenPath(entry.path);
  };

  return (
    <div className="grid gap-6 lg:grid-cols-[18rem_1fr]">
      <Section title={t('agentFiles.title')}>
        <div className="space-y-4">
          <FileActions
            agent={agent}
            selected={selected}
            onChanged={(path, isFile) => {
              setSelected(null);
              if (path && isFile) setOpenPath(path);
              else if (!path && selected && openPath?.startsWith(selected.path)) setOpenPath(null);
            }}
          />
          <div className="max-h-[32rem] overflow-y-auto">
            <FileTree agent={agent} selected={selected?.path ?? null} onSelect={select} />
          </div>
          <FileSearch agent={agent} onOpen={(hit) => hit.type !== 'directory' && setOpenPath(hit.path)} />
        </div>
      </Section>
      <Section>
        <FileEditor open={open} />
      </Section>
    </div>
  );
}
