// The add-server wizard's steps, in order, and which of them hold a given field.
import { type FieldErrors, stepOfField } from '../serverFormValidation';

export const WIZARD_STEPS = ['basics', 'auth', 'test', 'tools', 'confirm'] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

export const stepIndex = (step: WizardStep) => WIZARD_STEPS.indexOf(step);

/** The steps whose fields have errors, in wizard order. */
export function stepsWithErrors(errors: FieldErrors): WizardStep[] {
  const steps = new Set<WizardStep>(Object.keys(errors).map(stepOfField));
  return WIZARD_STEPS.filter((step) => steps.has(step));
}

/** Fields of the form whose change makes a connection test stale; the tool choice and the enable switch do not. */
export const isTestedField = (field: string) => field !== 'disabledTools' && field !== 'enabled';
