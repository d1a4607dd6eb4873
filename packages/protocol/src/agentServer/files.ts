// An agent's confined filesystem on its node: every path is relative to the agent's home and never leaves it.
import { z } from 'zod';
import { isoDateSchema } from '../common.js';

/**
 * A path relative to the agent's home; '' (or '.') is the home itself. Absolute paths, `..` segments and NUL bytes
 * are refused by the node (403 `path_outside_home`, 400 `invalid_path`), not here, so every caller gets the same
 * answer whichever layer it reaches.
 */
export const fsPathSchema = z.string().max(16_384);

export const FS_ENTRY_TYPES = ['file', 'directory', 'symlink'] as const;
export const fsEntryTypeSchema = z.enum(FS_ENTRY_TYPES);
export type FsEntryType = z.infer<typeof fsEntryTypeSchema>;

export const fsEntrySchema = z.object({
  name: z.string(),
  /** Relative to the agent's home, with `/` separators; '' for the home itself. */
  path: z.string(),
  /** A symlink is reported as itself (never followed); other special files (sockets, FIFOs) as `file`. */
  type: fsEntryTypeSchema,
  size: z.number().int().nonnegative(),
  /** Like `ls -l`: "rw-r--r--". */
  permissions: z.string(),
  /** The permission bits in octal: "0644". */
  mode: z.string(),
  modifiedAt: isoDateSchema,
});
export type FsEntry = z.infer<typeof fsEntrySchema>;

export const fsPathQuerySchema = z.object({ path: fsPathSchema.default('') });

export const fsListSchema = z.object({
  path: z.string(),
  entries: z.array(fsEntrySchema),
  /** True when the directory held more entries than one listing returns. */
  truncated: z.boolean(),
});
export type FsList = z.infer<typeof fsListSchema>;

export const FS_TREE_MAX_DEPTH = 8;
export const fsTreeQuerySchema = z.object({
  path: fsPathSchema.default(''),
  depth: z.coerce.number().int().min(1).max(FS_TREE_MAX_DEPTH).default(2),
});

/** A directory within the requested depth carries `children`; one at the edge has none (load it with another call). */
export type FsTreeNode = FsEntry & { children?: FsTreeNode[] };
export const fsTreeNodeSchema: z.ZodType<FsTreeNode> = fsEntrySchema.extend({
  get children() {
    return z.array(fsTreeNodeSchema).optional();
  },
});

export const fsTreeSchema = z.object({
  path: z.string(),
  depth: z.number().int(),
  entries: z.array(fsTreeNodeSchema),
  /** True when the node cap cut the tree short. */
  truncated: z.boolean(),
});
export type FsTree = z.infer<typeof fsTreeSchema>;

export const FS_ENCODINGS = ['utf8', 'base64'] as const;
export const fsEncodingSchema = z.enum(FS_ENCODINGS);
export type FsEncoding = z.infer<typeof fsEncodingSchema>;

export const fsFileSchema = z.object({
  path: z.string(),
  /** `utf8` for valid UTF-8 text without NUL bytes, otherwise `base64`. */
  encoding: fsEncodingSchema,
  content: z.string(),
  size: z.number().int().nonnegative(),
  mode: z.string(),
  /** Send it back as `expectedModifiedAt` when saving to detect a change made meanwhile. */
  modifiedAt: isoDateSchema,
});
export type FsFile = z.infer<typeof fsFileSchema>;

export const fsWriteBodySchema = z.object({
  path: fsPathSchema,
  content: z.string(),
  encoding: fsEncodingSchema.default('utf8'),
  /**
   * The `modifiedAt` the writer last saw: when the file's differs (or it is gone), 409 `write_conflict`.
   * `null` means "create only": 409 when the file already exists. Absent: write unconditionally.
   */
  expectedModifiedAt: z.iso.datetime({ offset: true }).nullable().optional(),
});
export type FsWriteBody = z.infer<typeof fsWriteBodySchema>;

export const fsMkdirBodySchema = z.object({ path: fsPathSchema });
export type FsMkdirBody = z.infer<typeof fsMkdirBodySchema>;

export const fsDeleteQuerySchema = z.object({
  path: fsPathSchema,
  recursive: z.stringbool().default(false),
});

export const fsMoveBodySchema = z.object({ from: fsPathSchema, to: fsPathSchema });
export type FsMoveBody = z.infer<typeof fsMoveBodySchema>;

export const fsSearchQuerySchema = z.object({
  query: z.string().min(1).max(200),
  /** Also search inside text files (binary and large files are skipped). */
  content: z.stringbool().default(false),
  /** Where to search from; the whole home by default. */
  path: fsPathSchema.default(''),
});
export type FsSearchQuery = z.infer<typeof fsSearchQuerySchema>;

export const fsSearchMatchSchema = z.object({ line: z.number().int().positive(), text: z.string() });

export const fsSearchResultSchema = z.object({
  path: z.string(),
  name: z.string(),
  type: fsEntryTypeSchema,
  /** Present when content search found the query inside this file (the first few lines). */
  matches: z.array(fsSearchMatchSchema).optional(),
});
export type FsSearchResult = z.infer<typeof fsSearchResultSchema>;

export const FS_SEARCH_STOP_REASONS = ['max_results', 'timeout'] as const;
export const fsSearchSchema = z.object({
  query: z.string(),
  content: z.boolean(),
  results: z.array(fsSearchResultSchema),
  /** True when the search stopped early; `reason` says why. */
  truncated: z.boolean(),
  reason: z.enum(FS_SEARCH_STOP_REASONS).nullable(),
});
export type FsSearch = z.infer<typeof fsSearchSchema>;
