// The provisioning wizard's form: its steps, each step's checks (the protocol's own schemas) and the request body.
import {
  type AgentEngine,
  agentNameSchema,
  type CreateAgentBody,
  capabilitySchema,
  createAgentBodySchema,
} from '@mcp-studio/protocol';

export const PROVISION_STEPS = ['identity', 'apiKey', 'capabilities', 'confirm'] as const;
export type ProvisionStep = (typeof PROVISION_STEPS)[number];

/** Labels the node records for an agent; what they allow is up to the engine and tools that read them. */
export const SUGGESTED_CAPABILITIES = ['fs', 'shell', 'messages', 'mcp'] as const;

export interface ProvisionForm {
  name: string;
  engine: AgentEngine;
  model: string;
  apiKey: string;
  capabilities: string[];
  /** Extra capabilities typed by hand, separated by commas or spaces. */
  extraCapabilities: string;
}

export const EMPTY_PROVISION_FORM: ProvisionForm = {
  name: '',
  engine: 'claude',
  model: '',
  apiKey: '',
  capabilities: ['fs', 'shell'],
  extraCapabilities: '',
};

/** Field → message; an empty object means the step is fine. */
export type ProvisionErrors = Partial<Record<'name' | 'model' | 'apiKey' | 'capabilities', string>>;

/** Only a custom engine may go without a key: claude and openai agents call their provider with it. */
export const isApiKeyRequired = (engine: AgentEngine) => engine !== 'custom';

export function allCapabilities(form: ProvisionForm): string[] {
  const extra = form.extraCapabilities.split(/[\s,]+/).filter(Boolean);
  return [...new Set([...form.capabilities, ...extra])];
}

export function validateStep(form: ProvisionForm, step: ProvisionStep, messages: ProvisionMessages): ProvisionErrors {
  const errors: ProvisionErrors = {};
  if (step === 'identity') {
    const name = agentNameSchema.safeParse(form.name.trim());
    if (!name.success) errors.name = name.error.issues[0]?.message ?? messages.invalid;
    if (form.model.trim().length > 200) errors.model = messages.tooLong;
  }
  if (step === 'apiKey' && isApiKeyRequired(form.engine) && form.apiKey.trim() === '') {
    errors.apiKey = messages.apiKeyRequired;
  }
  if (step === 'capabilities') {
    const bad = allCapabilities(form).filter((capability) => !capabilitySchema.safeParse(capability).success);
    if (bad.length > 0) errors.capabilities = `${messages.badCapabilities} ${bad.join(', ')}`;
  }
  return errors;
}

export interface ProvisionMessages {
  invalid: string;
  tooLong: string;
  apiKeyRequired: string;
  badCapabilities: string;
}

/** The body to send, or the first step holding an error. */
export function toCreateAgentBody(
  form: ProvisionForm,
  messages: ProvisionMessages,
): { ok: true; body: CreateAgentBody } | { ok: false; step: ProvisionStep; errors: ProvisionErrors } {
  for (const step of PROVISION_STEPS) {
    const errors = validateStep(form, step, messages);
    if (Object.keys(errors).length > 0) return { ok: false, step, errors };
  }
  const body = createAgentBodySchema.parse({
    name: form.name.trim(),
    engine: form.engine,
    ...(form.model.trim() ? { model: form.model.trim() } : {}),
    ...(form.apiKey.trim() ? { apiKey: form.apiKey.trim() } : {}),
    capabilities: allCapabilities(form),
  });
  return { ok: true, body };
}
