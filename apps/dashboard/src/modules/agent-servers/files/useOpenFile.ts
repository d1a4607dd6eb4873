// The file open in the editor: its text as read, the edits, and saving with conflict detection — the `modifiedAt`
// of the read goes back as `expectedModifiedAt`; a 409 `write_conflict` says someone else changed the file meanwhile.
import type { FsFile } from '@mcp-studio/protocol';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../api/apiError';
import { nodeKeys } from '../apiPaths';
import { type AgentRef, readFile, writeFile } from './filesApi';

export type OpenFileState =
  | { kind: 'closed' }
  | { kind: 'loading'; path: string }
  | { kind: 'failed'; path: string; error: unknown }
  | {
      kind: 'open';
      file: FsFile;
      value: string;
      /** Counts reads: the editor starts afresh from `file.content` when it changes (not after a save). */
      generation: number;
      isSaving: boolean;
      saveError: unknown;
      conflict: Conflict | null;
    };

/** What the node said of the file when a save was refused: its current modification time (null when it is gone). */
export interface Conflict {
  currentModifiedAt: string | null;
}

function conflictOf(error: unknown): Conflict | null {
  if (!(error instanceof ApiError) || error.status !== 409 || error.code !== 'write_conflict') return null;
  const details = error.details as { currentModifiedAt?: unknown } | undefined;
  return { currentModifiedAt: typeof details?.currentModifiedAt === 'string' ? details.currentModifiedAt : null };
}

export function useOpenFile(ref: AgentRef, path: string | null) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<OpenFileState>({ kind: 'closed' });
  const reads = useRef(0);

  const load = useCallback(
    async (target: string) => {
      setState({ kind: 'loading', path: target });
      try {
        const file = await readFile(ref, target);
        reads.current += 1;
        setState({
          kind: 'open',
          file,
          value: file.content,
          generation: reads.current,
          isSaving: false,
          saveError: null,
          conflict: null,
        });
      } catch (error) {
        setState({ kind: 'failed', path: target, error });
      }
    },
    [ref],
  );

  useEffect(() => {
    if (path === null) setState({ kind: 'closed' });
    else void load(path);
  }, [path, load]);

  const edit = (value: string) => setState((s) => (s.kind === 'open' ? { ...s, value } : s));

  /** `overwrite` saves over a conflicting version: only over the one the node reported, never blindly a newer one. */
  const save = async (overwrite = false) => {
    if (state.kind !== 'open' || state.file.encoding !== 'utf8') return;
    const { file, value, conflict } = state;
    const expected = overwrite && conflict ? conflict.currentModifiedAt : file.modifiedAt;
    setState({ ...state, isSaving: true, saveError: null });
    try {
      const entry = await writeFile(ref, {
        path: file.path,
        content: value,
        encoding: 'utf8',
        ...(expected === null ? {} : { expectedModifiedAt: expected }),
      });
      const saved: FsFile = { ...file, content: value, size: entry.size, modifiedAt: entry.modifiedAt };
      // Typing may have gone on while the save was in flight: keep the editor's latest text.
      setState((s) =>
        s.kind === 'open' ? { ...s, file: saved, isSaving: false, saveError: null, conflict: null } : s,
      );
      void queryClient.invalidateQueries({ queryKey: nodeKeys.files(ref.nodeId, ref.agentId) });
    } catch (error) {
      setState((s) =>
        s.kind === 'open'
          ? { ...s, isSaving: false, saveError: conflictOf(error) ? null : error, conflict: conflictOf(error) }
          : s,
      );
    }
  };

  const isDirty = state.kind === 'open' && state.value !== state.file.content;
  return { state, edit, save, reload: () => (path ? load(path) : Promise.resolve()), isDirty };
}
