// Builds the caller's ability from the rules the session's `/api/auth/me` carries, again whenever they change.
import { type ReactNode, useMemo } from 'react';
import { AbilityContext, buildAbility } from './ability';
import { useAuth } from './authContext';

const NO_RULES: [] = [];

export function AbilityProvider({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  const rules = me?.rules ?? NO_RULES;
  const ability = useMemo(() => buildAbility(rules), [rules]);
  return <AbilityContext.Provider value={ability}>{children}</AbilityContext.Provider>;
}
