// The only place that turns a user row into JSON.
import type { Role, User } from '@mcp-studio/protocol';
import type { UserRow } from './store.js';

export function presentUser(user: Pick<UserRow, 'id' | 'email' | 'name' | 'role'>): User {
  return { id: user.id, email: user.email, name: user.name, role: user.role as Role };
}
