import { describe, expect, it } from 'vitest';
import { EMPTY_PROVISION_FORM, type ProvisionMessages, toCreateAgentBody, validateStep } from './provisionForm';

const messages: ProvisionMessages = {
  invalid: 'invalid',
  tooLong: 'too long',
  apiKeyRequired: 'key required',
  badCapabilities: 'bad:',
};

describe('the provisioning form', () => {
  it('refuses a name the node would refuse, with the protocol’s reason', () => {
    const errors = validateStep({ ...EMPTY_PROVISION_FORM, name: 'Bad Name' }, 'identity', messages);
    expect(errors.name).toBe('Use lower-case letters, digits and dashes, starting with a letter');
    expect(validateStep({ ...EMPTY_PROVISION_FORM, name: 'coder-1' }, 'identity', messages)).toEqual({});
  });

  it('asks for an API key for claude and openai, not for a custom engine', () => {
    expect(validateStep({ ...EMPTY_PROVISION_FORM, engine: 'openai' }, 'apiKey', messages).apiKey).toBe('key required');
    expect(validateStep({ ...EMPTY_PROVISION_FORM, engine: 'custom' }, 'apiKey', messages)).toEqual({});
  });

  it('builds the body with the typed capabilities merged, and names the step of the first error', () => {
    const form = { ...EMPTY_PROVISION_FORM, name: 'coder', apiKey: ' sk-ant-x ', extraCapabilities: 'web, shell git' };
    expect(toCreateAgentBody(form, messages)).toEqual({
      ok: true,
      body: { name: 'coder', engine: 'claude', apiKey: 'sk-ant-x', capabilities: ['fs', 'shell', 'web', 'git'] },
    });
    const bad = toCreateAgentBody({ ...form, extraCapabilities: 'Nope!' }, messages);
    expect(bad).toEqual({ ok: false, step: 'capabilities', errors: { capabilities: 'bad: Nope!' } });
  });
});
