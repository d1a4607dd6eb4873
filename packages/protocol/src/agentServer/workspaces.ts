// Workspaces and projects of an agent on an agent server: directories in its home, with kinds, types and templates.
import { z } from 'zod';
import { idSchema, isoDateSchema, textSchema } from '../common.js';

export const WORKSPACE_KINDS = ['personal', 'team', 'shared'] as const;
export const workspaceKindSchema = z.enum(WORKSPACE_KINDS);
export type WorkspaceKind = z.infer<typeof workspaceKindSchema>;

export const PROJECT_TYPES = [
  'generic',
  'nodejs',
  'python',
  'web',
  'api',
  'fullstack',
  'library',
  'script',
  'data',
  'docs',
  'custom',
] as const;
export const projectTypeSchema = z.enum(PROJECT_TYPES);
export type ProjectType = z.infer<typeof projectTypeSchema>;

export const PROJECT_STATUSES = ['active', 'inactive', 'archived'] as const;
export const projectStatusSchema = z.enum(PROJECT_STATUSES);
export type ProjectStatus = z.infer<typeof projectStatusSchema>;

/**
 * What a new project's directory starts with: `none` nothing, `readme` a README.md, `nodejs`, `python` and `web` a
 * minimal runnable skeleton. Left out, a project gets its type's template when there is one, else `readme`.
 */
export const PROJECT_TEMPLATES = ['none', 'readme', 'nodejs', 'python', 'web'] as const;
export const projectTemplateSchema = z.enum(PROJECT_TEMPLATES);
export type ProjectTemplate = z.infer<typeof projectTemplateSchema>;

/** A directory name that is safe everywhere: no separators, no leading dot, no `..`, 64 characters at most. */
export const directoryNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    'Use letters, digits, dot, dash and underscore, starting with a letter or digit',
  );

const descriptionSchema = textSchema(2000);

export const createWorkspaceBodySchema = z.object({
  name: directoryNameSchema,
  kind: workspaceKindSchema,
  description: descriptionSchema.optional(),
});
export type CreateWorkspaceBody = z.infer<typeof createWorkspaceBodySchema>;

/** Renaming a workspace renames its directory and moves its projects' paths with it. */
export const updateWorkspaceBodySchema = z
  .object({
    name: directoryNameSchema.optional(),
    kind: workspaceKindSchema.optional(),
    description: descriptionSchema.nullable().optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), 'Change at least one field');
export type UpdateWorkspaceBody = z.infer<typeof updateWorkspaceBodySchema>;

export const workspaceSchema = z.object({
  id: idSchema,
  agentId: idSchema,
  name: z.string(),
  kind: workspaceKindSchema,
  description: z.string().nullable(),
  /** Relative to the agent's home, as the filesystem API takes it: `workspaces/<name>`. */
  path: z.string(),
  projectCount: z.number().int(),
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
});
export type Workspace = z.infer<typeof workspaceSchema>;

export const workspacesListSchema = z.object({ workspaces: z.array(workspaceSchema) });

const booleanQuerySchema = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((value) => value === 'true' || value === '1');

/** `recursive=true` deletes a workspace with its projects and every file in its directory. */
export const deleteWorkspaceQuerySchema = z.object({ recursive: booleanQuerySchema });

export const createProjectBodySchema = z.object({
  name: directoryNameSchema,
  workspaceId: idSchema,
  type: projectTypeSchema,
  status: projectStatusSchema.default('active'),
  description: descriptionSchema.optional(),
  template: projectTemplateSchema.optional(),
});
export type CreateProjectBody = z.infer<typeof createProjectBodySchema>;

/** Renaming a project renames its directory inside its workspace. */
export const updateProjectBodySchema = z
  .object({
    name: directoryNameSchema.optional(),
    status: projectStatusSchema.optional(),
    description: descriptionSchema.nullable().optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), 'Change at least one field');
export type UpdateProjectBody = z.infer<typeof updateProjectBodySchema>;

export const projectSchema = z.object({
  id: idSchema,
  agentId: idSchema,
  workspaceId: idSchema,
  name: z.string(),
  type: projectTypeSchema,
  status: projectStatusSchema,
  description: z.string().nullable(),
  /** Relative to the agent's home: `workspaces/<workspace>/<name>`. */
  path: z.string(),
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
});
export type Project = z.infer<typeof projectSchema>;

export const projectsListSchema = z.object({ projects: z.array(projectSchema) });

export const listProjectsQuerySchema = z.object({
  workspaceId: idSchema.optional(),
  status: projectStatusSchema.optional(),
});
export type ListProjectsQuery = z.infer<typeof listProjectsQuerySchema>;

/** `keepFiles=true` forgets the project but leaves its directory on disk. */
export const deleteProjectQuerySchema = z.object({ keepFiles: booleanQuerySchema });
