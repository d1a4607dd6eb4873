// The role matrix's fixture: a studio with one member of every role, and the helpers the matrix tests call it with.
import type { Role, SessionTokens } from '@mcp-studio/protocol';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { addMember, bearer, organizationWithEveryRole, startTestStudio, uniqueEmail } from './harness.js';

export const ROLES = ['ADMIN', 'MANAGER', 'OPERATOR', 'VIEWER', 'USER'] as const satisfies readonly Role[];
/** The status each role gets, in the order of ROLES. */
export type Statuses = readonly [admin: number, manager: number, operator: number, viewer: number, user: number];

/** Whose credential a call acts on, and how it relates to the caller (described in roleMatrix.test.ts). */
export type CredentialCase = 'adminPrivate' | 'internal' | 'public' | 'own' | 'shared' | 'othersPrivate';

export const ERROR_CODES: Record<number, string> = { 401: 'unauthorized', 403: 'forbidden', 404: 'not_found' };

export type Method = NonNullable<InjectOptions['method']>;
/** What a call did: its response, and optionally whether its change reached the database. */
export interface Outcome {
  res: LightMyRequestResponse;
  /** Answers whether the change the call asked for is now visible; checked against the status. */
  landed?: () => Promise<boolean>;
  /** A secret the response must not contain (unless the call is a permitted reveal). */
  secret?: string;
}

export function expectStatus(res: LightMyRequestResponse, status: number): void {
  expect(res.statusCode, res.body).toBe(status);
  if (status >= 400) {
    expect(res.json()).toEqual({
      error: { code: ERROR_CODES[status], message: expect.any(String) },
      requestId: expect.any(String),
    });
  }
}

export async function ok(res: LightMyRequestResponse, status: number) {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

export async function expectOutcome(outcome: Outcome, status: number, mayShowSecret = false): Promise<void> {
  expectStatus(outcome.res, status);
  if (outcome.secret && !mayShowSecret) expect(outcome.res.body).not.toContain(outcome.secret);
  if (outcome.landed) expect(await outcome.landed()).toBe(status < 300);
}

export type MatrixFixture = Awaited<ReturnType<typeof startMatrixFixture>>;

/** Starts a studio with an organization holding every role, and binds the matrix helpers to it. Call `close()` after. */
export async function startMatrixFixture() {
  const studio = await startTestStudio();
  let team: Record<Role, SessionTokens>;
  /** A member outside the matrix who owns "another member's" tokens and credentials. */
  let other: SessionTokens;
  /** The member credentials get shared with in the share calls. */
  let grantee: SessionTokens;
  try {
    team = await organizationWithEveryRole(studio.app);
    other = await addMember(studio.app, team.ADMIN.accessToken, 'OPERATOR');
    grantee = await addMember(studio.app, team.ADMIN.accessToken, 'USER');
  } catch (error) {
    await studio.close();
    throw error;
  }

  const send = (token: string | null, method: Method, url: string, payload?: object) =>
    studio.app.inject({
      method,
      url,
      headers: token ? bearer(token) : {},
      ...(payload === undefined ? {} : { payload }),
    });
  const tokenOf = (role: Role) => team[role].accessToken;
  const admin = () => team.ADMIN.accessToken;

  let sequence = 0;
  const unique = (label: string) => {
    sequence += 1;
    return `${label}-${sequence}`;
  };

  async function setRole(userId: string, role: Role): Promise<void> {
    await ok(await send(admin(), 'PATCH', `/api/org/members/${userId}`, { role }), 200);
  }

  async function createCredential(token: string, visibility: 'private' | 'internal' | 'public') {
    const value = `secret-${unique('value')}-${Math.random().toString(36).slice(2)}`;
    const body = await ok(
      await send(token, 'POST', '/api/credentials', { name: unique('cred'), type: 'api_key', visibility, value }),
      201,
    );
    return { id: body.id as string, value };
  }

  /** A VIEWER cannot create credentials; it owns one only by having created it under a higher role. */
  async function createAsDemotedViewer() {
    await setRole(team.VIEWER.user.id, 'OPERATOR');
    try {
      return await createCredential(tokenOf('VIEWER'), 'private');
    } finally {
      await setRole(team.VIEWER.user.id, 'VIEWER');
    }
  }

  async function credentialFor(kind: CredentialCase, caller: Role) {
    switch (kind) {
      case 'adminPrivate':
        return createCredential(admin(), 'private');
      case 'internal':
        return createCredential(admin(), 'internal');
      case 'public':
        return createCredential(admin(), 'public');
      case 'own':
        return caller === 'VIEWER' ? createAsDemotedViewer() : createCredential(tokenOf(caller), 'private');
      case 'shared': {
        const created = await createCredential(other.accessToken, 'private');
        const share = { userIds: [team[caller].user.id] };
        await ok(await send(other.accessToken, 'POST', `/api/credentials/${created.id}/share`, share), 200);
        return created;
      }
      case 'othersPrivate':
        return createCredential(other.accessToken, 'private');
    }
  }

  /** The ADMIN's view of a credential, or null once it is gone. */
  async function adminView(id: string) {
    const res = await send(admin(), 'GET', `/api/credentials/${id}`);
    return res.statusCode === 404 ? null : ok(res, 200);
  }

  async function createToken(token: string) {
    const body = await ok(await send(token, 'POST', '/api/tokens', { name: unique('token'), permissions: ['*'] }), 201);
    return { id: body.apiToken.id as string, secret: body.token as string };
  }

  async function invite() {
    const body = await ok(
      await send(admin(), 'POST', '/api/org/members', { email: uniqueEmail('invitee'), role: 'USER' }),
      201,
    );
    return body.invitation.id as string;
  }

  async function adminMembers(): Promise<{ members: { id: string; role: Role }[]; invitations: { id: string }[] }> {
    return ok(await send(admin(), 'GET', '/api/org/members'), 200);
  }

  const isAuthenticating = async (secret: string) => (await send(secret, 'GET', '/api/auth/me')).statusCode === 200;

  return {
    studio,
    team,
    other,
    grantee,
    send,
    tokenOf,
    admin,
    unique,
    setRole,
    createCredential,
    createAsDemotedViewer,
    credentialFor,
    adminView,
    createToken,
    invite,
    adminMembers,
    isAuthenticating,
    close: () => studio.close(),
  };
}
