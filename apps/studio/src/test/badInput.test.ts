// Bad input: every route answers a 4xx in the one error shape, names the problem, and loses nothing.
import type { SessionTokens } from '@mcp-studio/protocol';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  bearer,
  PASSWORD,
  registerOwner,
  startTestStudio,
  type TestStudio,
  uniqueEmail,
} from './harness.js';

type Method = NonNullable<InjectOptions['method']>;

interface BadCase {
  /** What is wrong with the request. */
  what: string;
  request: () => InjectOptions;
  status: number;
  code: string;
  /** The message must name the field or the reason. */
  mentions: RegExp;
  /** A credential or token name the request tried to create or rename to: it must not exist afterwards. */
  name?: string;
}

const UNKNOWN_ID = '6f1c1c43-2a64-4c47-9a0e-5a1f1b0c9d7e';
const ORG_NAME = 'Bad Input Inc';

let studio: TestStudio;
let owner: SessionTokens;
let member: SessionTokens;
/** Created before any bad request; must come through all of them unchanged. */
let sentinel: { id: string; value: string; view: Record<string, unknown> };
/** The token of a pending invitation, for accept-invite cases that get past the token check. */
let invitationToken: string;

beforeAll(async () => {
  studio = await startTestStudio({ env: { REGISTRATION: 'open' } });
  owner = await registerOwner(studio.app, ORG_NAME);
  member = await addMember(studio.app, owner.accessToken, 'USER');
  const value = 'sentinel-secret-value';
  const created = await studio.app.inject({
    method: 'POST',
    url: '/api/credentials',
    headers: bearer(owner.accessToken),
    payload: { name: 'sentinel', type: 'api_key', value, description: 'keep me', metadata: { env: 'prod' } },
  });
  expect(created.statusCode).toBe(201);
  sentinel = { id: created.json().id, value, view: created.json() };
  const taken = await studio.app.inject({
    method: 'POST',
    url: '/api/credentials',
    headers: bearer(owner.accessToken),
    payload: { name: 'taken', type: 'password', value: 'taken-value' },
  });
  expect(taken.statusCode).toBe(201);
  const invite = await studio.app.inject({
    method: 'POST',
    url: '/api/org/members',
    headers: bearer(owner.accessToken),
    payload: { email: uniqueEmail('pending'), role: 'VIEWER' },
  });
  expect(invite.statusCode).toBe(201);
  invitationToken = new URL(invite.json().inviteUrl).searchParams.get('token')!;
});
afterAll(() => studio.close());

const auth = () => bearer(owner.accessToken);
const json = (method: Method, url: string, payload: unknown, signedIn = true): InjectOptions => ({
  method,
  url,
  headers: signedIn ? auth() : {},
  payload: payload as InjectOptions['payload'],
});
const bare = (method: Method, url: string): InjectOptions => ({ method, url, headers: auth() });
const credentialsUrl = () => `/api/credentials/${sentinel.id}`;

// One row per bad request: what is wrong, the request, the status and error code, what the message must name.
// biome-ignore format: one row per case keeps the table readable
const CASES: BadCase[] = [
  // POST /api/auth/register
  { what: 'register: email is not an email', request: () => json('POST', '/api/auth/register', { email: 'nope', password: PASSWORD, name: 'N' }, false), status: 400, code: 'validation_failed', mentions: /email/ },
  { what: 'register: password of 9 characters', request: () => json('POST', '/api/auth/register', { email: uniqueEmail(), password: '123456789', name: 'N' }, false), status: 400, code: 'validation_failed', mentions: /password/ },
  { what: 'register: name missing', request: () => json('POST', '/api/auth/register', { email: uniqueEmail(), password: PASSWORD }, false), status: 400, code: 'validation_failed', mentions: /name/ },
  { what: 'register: name is a number', request: () => json('POST', '/api/auth/register', { email: uniqueEmail(), password: PASSWORD, name: 42 }, false), status: 400, code: 'validation_failed', mentions: /name/ },
  { what: 'register: organizationName over 200 characters', request: () => json('POST', '/api/auth/register', { email: uniqueEmail(), password: PASSWORD, name: 'N', organizationName: 'o'.repeat(201) }, false), status: 400, code: 'validation_failed', mentions: /organizationName/ },
  { what: 'register: email already registered, in other case', request: () => json('POST', '/api/auth/register', { email: owner.user.email.toUpperCase(), password: PASSWORD, name: 'Again' }, false), status: 409, code: 'email_taken', mentions: /email/ },
  { what: 'register: name containing a NUL character', request: () => json('POST', '/api/auth/register', { email: uniqueEmail(), password: PASSWORD, name: 'nul\u0000name' }, false), status: 400, code: 'validation_failed', mentions: /name/ },
  // POST /api/auth/login
  { what: 'login: password missing', request: () => json('POST', '/api/auth/login', { email: owner.user.email }, false), status: 400, code: 'validation_failed', mentions: /password/ },
  { what: 'login: password is a number', request: () => json('POST', '/api/auth/login', { email: owner.user.email, password: 1234567890 }, false), status: 400, code: 'validation_failed', mentions: /password/ },
  { what: 'login: email is not an email', request: () => json('POST', '/api/auth/login', { email: 'owner', password: PASSWORD }, false), status: 400, code: 'validation_failed', mentions: /email/ },
  { what: 'login: unknown account', request: () => json('POST', '/api/auth/login', { email: uniqueEmail('ghost'), password: PASSWORD }, false), status: 401, code: 'invalid_credentials', mentions: /email or password/ },
  // POST /api/auth/refresh
  { what: 'refresh: refreshToken missing', request: () => json('POST', '/api/auth/refresh', {}, false), status: 400, code: 'validation_failed', mentions: /refreshToken/ },
  { what: 'refresh: refreshToken empty', request: () => json('POST', '/api/auth/refresh', { refreshToken: '' }, false), status: 400, code: 'validation_failed', mentions: /refreshToken/ },
  { what: 'refresh: refreshToken over 512 characters', request: () => json('POST', '/api/auth/refresh', { refreshToken: `mcpr_${'x'.repeat(600)}` }, false), status: 400, code: 'validation_failed', mentions: /refreshToken/ },
  { what: 'refresh: unknown refresh token', request: () => json('POST', '/api/auth/refresh', { refreshToken: 'mcpr_unknown' }, false), status: 401, code: 'invalid_refresh_token', mentions: /refresh token/i },
  // POST /api/auth/accept-invite
  { what: 'accept-invite: token missing', request: () => json('POST', '/api/auth/accept-invite', { name: 'N', password: PASSWORD }, false), status: 400, code: 'validation_failed', mentions: /token/ },
  { what: 'accept-invite: unknown token', request: () => json('POST', '/api/auth/accept-invite', { token: 'inv_unknown', name: 'N', password: PASSWORD }, false), status: 400, code: 'invalid_invitation', mentions: /invitation/ },
  { what: 'accept-invite: password too short', request: () => json('POST', '/api/auth/accept-invite', { token: invitationToken, name: 'N', password: 'short' }, false), status: 400, code: 'validation_failed', mentions: /password/ },
  { what: 'accept-invite: name containing a NUL character', request: () => json('POST', '/api/auth/accept-invite', { token: invitationToken, name: 'nul\u0000name', password: PASSWORD }, false), status: 400, code: 'validation_failed', mentions: /name/ },
  // POST /api/auth/logout
  { what: 'logout: refreshToken is a number', request: () => json('POST', '/api/auth/logout', { refreshToken: 7 }, false), status: 400, code: 'validation_failed', mentions: /refreshToken/ },
  { what: 'logout: neither a session nor a refresh token', request: () => json('POST', '/api/auth/logout', {}, false), status: 401, code: 'unauthorized', mentions: /Authentication/ },
  // PATCH /api/org
  { what: 'org: empty PATCH body', request: () => json('PATCH', '/api/org', {}), status: 400, code: 'validation_failed', mentions: /at least one field/ },
  { what: 'org: unknown plan', request: () => json('PATCH', '/api/org', { plan: 'GOLD' }), status: 400, code: 'validation_failed', mentions: /plan/ },
  { what: 'org: empty name', request: () => json('PATCH', '/api/org', { name: '  ' }), status: 400, code: 'validation_failed', mentions: /name/ },
  { what: 'org: name over 200 characters', request: () => json('PATCH', '/api/org', { name: 'n'.repeat(201) }), status: 400, code: 'validation_failed', mentions: /name/ },
  { what: 'org: name containing a NUL character', request: () => json('PATCH', '/api/org', { name: 'Evil\u0000Corp' }), status: 400, code: 'validation_failed', mentions: /name/ },
  // POST /api/org/members
  { what: 'invite: email is not an email', request: () => json('POST', '/api/org/members', { email: 'someone', role: 'USER' }), status: 400, code: 'validation_failed', mentions: /email/ },
  { what: 'invite: unknown role', request: () => json('POST', '/api/org/members', { email: uniqueEmail(), role: 'OWNER' }), status: 400, code: 'validation_failed', mentions: /role/ },
  { what: 'invite: role missing', request: () => json('POST', '/api/org/members', { email: uniqueEmail() }), status: 400, code: 'validation_failed', mentions: /role/ },
  { what: 'invite: email of an existing member', request: () => json('POST', '/api/org/members', { email: member.user.email, role: 'ADMIN' }), status: 409, code: 'email_taken', mentions: /email/ },
  // PATCH / DELETE /api/org/members/:id, DELETE /api/org/invitations/:id
  { what: 'member PATCH: unknown role', request: () => json('PATCH', `/api/org/members/${member.user.id}`, { role: 'GOD' }), status: 400, code: 'validation_failed', mentions: /role/ },
  { what: 'member PATCH: role is a number', request: () => json('PATCH', `/api/org/members/${member.user.id}`, { role: 5 }), status: 400, code: 'validation_failed', mentions: /role/ },
  { what: 'member PATCH: unknown member', request: () => json('PATCH', `/api/org/members/${UNKNOWN_ID}`, { role: 'USER' }), status: 404, code: 'not_found', mentions: /Member/ },
  { what: 'member PATCH: demoting the only ADMIN', request: () => json('PATCH', `/api/org/members/${owner.user.id}`, { role: 'USER' }), status: 409, code: 'last_admin', mentions: /ADMIN/ },
  { what: 'member DELETE: unknown member', request: () => bare('DELETE', `/api/org/members/${UNKNOWN_ID}`), status: 404, code: 'not_found', mentions: /Member/ },
  { what: 'member DELETE: removing the only ADMIN', request: () => bare('DELETE', `/api/org/members/${owner.user.id}`), status: 409, code: 'last_admin', mentions: /ADMIN/ },
  { what: 'invitation DELETE: unknown invitation', request: () => bare('DELETE', `/api/org/invitations/${UNKNOWN_ID}`), status: 404, code: 'not_found', mentions: /Invitation/ },
  // POST /api/tokens
  { what: 'token: empty permission string', request: () => json('POST', '/api/tokens', { name: 'bad-perm-1', permissions: [''] }), status: 400, code: 'validation_failed', mentions: /permissions/, name: 'bad-perm-1' },
  { what: 'token: permission with a space', request: () => json('POST', '/api/tokens', { name: 'bad-perm-2', permissions: ['a b'] }), status: 400, code: 'validation_failed', mentions: /permissions/, name: 'bad-perm-2' },
  { what: 'token: permission without an action', request: () => json('POST', '/api/tokens', { name: 'bad-perm-3', permissions: ['credentials'] }), status: 400, code: 'validation_failed', mentions: /permissions/, name: 'bad-perm-3' },
  { what: 'token: no permissions', request: () => json('POST', '/api/tokens', { name: 'bad-perm-4', permissions: [] }), status: 400, code: 'validation_failed', mentions: /permissions/, name: 'bad-perm-4' },
  { what: 'token: permissions is a string', request: () => json('POST', '/api/tokens', { name: 'bad-perm-5', permissions: 'credentials:read' }), status: 400, code: 'validation_failed', mentions: /permissions/, name: 'bad-perm-5' },
  { what: 'token: name missing', request: () => json('POST', '/api/tokens', { permissions: ['*'] }), status: 400, code: 'validation_failed', mentions: /name/ },
  { what: 'token: expiresAt in the past', request: () => json('POST', '/api/tokens', { name: 'bad-expiry-1', permissions: ['*'], expiresAt: '2001-01-01T00:00:00Z' }), status: 400, code: 'bad_request', mentions: /expiresAt/, name: 'bad-expiry-1' },
  { what: 'token: expiresAt is not a date', request: () => json('POST', '/api/tokens', { name: 'bad-expiry-2', permissions: ['*'], expiresAt: 'next tuesday' }), status: 400, code: 'validation_failed', mentions: /expiresAt/, name: 'bad-expiry-2' },
  { what: 'token: expiresAt is a date without a time', request: () => json('POST', '/api/tokens', { name: 'bad-expiry-3', permissions: ['*'], expiresAt: '2099-01-01' }), status: 400, code: 'validation_failed', mentions: /expiresAt/, name: 'bad-expiry-3' },
  { what: 'token: name containing a NUL character', request: () => json('POST', '/api/tokens', { name: 'nul\u0000token', permissions: ['*'] }), status: 400, code: 'validation_failed', mentions: /name/, name: 'nul\u0000token' },
  // GET /api/tokens?scope=, revoke, delete
  { what: 'tokens list: unknown scope', request: () => bare('GET', '/api/tokens?scope=everything'), status: 400, code: 'validation_failed', mentions: /scope/ },
  { what: 'tokens list: empty scope', request: () => bare('GET', '/api/tokens?scope='), status: 400, code: 'validation_failed', mentions: /scope/ },
  { what: 'tokens list: scope in the wrong case', request: () => bare('GET', '/api/tokens?scope=ORG'), status: 400, code: 'validation_failed', mentions: /scope/ },
  { what: 'tokens list: scope given twice', request: () => bare('GET', '/api/tokens?scope=org&scope=mine'), status: 400, code: 'validation_failed', mentions: /scope/ },
  { what: 'token revoke: unknown token', request: () => bare('POST', `/api/tokens/${UNKNOWN_ID}/revoke`), status: 404, code: 'not_found', mentions: /API token/ },
  { what: 'token DELETE: unknown token', request: () => bare('DELETE', `/api/tokens/${UNKNOWN_ID}`), status: 404, code: 'not_found', mentions: /API token/ },
  // POST /api/credentials
  { what: 'credential: name missing', request: () => json('POST', '/api/credentials', { type: 'api_key', value: 'v' }), status: 400, code: 'validation_failed', mentions: /name/ },
  { what: 'credential: value missing', request: () => json('POST', '/api/credentials', { name: 'no-value', type: 'api_key' }), status: 400, code: 'validation_failed', mentions: /value/, name: 'no-value' },
  { what: 'credential: type missing', request: () => json('POST', '/api/credentials', { name: 'no-type', value: 'v' }), status: 400, code: 'validation_failed', mentions: /type/, name: 'no-type' },
  { what: 'credential: unknown type', request: () => json('POST', '/api/credentials', { name: 'banana-type', type: 'banana', value: 'v' }), status: 400, code: 'validation_failed', mentions: /type/, name: 'banana-type' },
  { what: 'credential: unknown visibility', request: () => json('POST', '/api/credentials', { name: 'odd-visibility', type: 'api_key', value: 'v', visibility: 'secretive' }), status: 400, code: 'validation_failed', mentions: /visibility/, name: 'odd-visibility' },
  { what: 'credential: value is a number', request: () => json('POST', '/api/credentials', { name: 'number-value', type: 'api_key', value: 12345 }), status: 400, code: 'validation_failed', mentions: /value/, name: 'number-value' },
  { what: 'credential: empty value', request: () => json('POST', '/api/credentials', { name: 'empty-value', type: 'api_key', value: '' }), status: 400, code: 'validation_failed', mentions: /value/, name: 'empty-value' },
  { what: 'credential: value of 65,537 ASCII characters (over 64 KiB)', request: () => json('POST', '/api/credentials', { name: 'huge-ascii', type: 'api_key', value: 'v'.repeat(65_537) }), status: 400, code: 'validation_failed', mentions: /value/, name: 'huge-ascii' },
  { what: 'credential: value of 22,000 "€" (66,000 bytes, over 64 KiB)', request: () => json('POST', '/api/credentials', { name: 'huge-utf8', type: 'api_key', value: '€'.repeat(22_000) }), status: 400, code: 'validation_failed', mentions: /value/, name: 'huge-utf8' },
  { what: 'credential: name over 200 characters', request: () => json('POST', '/api/credentials', { name: 'n'.repeat(201), type: 'api_key', value: 'v' }), status: 400, code: 'validation_failed', mentions: /name/, name: 'n'.repeat(201) },
  { what: 'credential: name of spaces only', request: () => json('POST', '/api/credentials', { name: '   ', type: 'api_key', value: 'v' }), status: 400, code: 'validation_failed', mentions: /name/ },
  { what: 'credential: metadata is a string', request: () => json('POST', '/api/credentials', { name: 'meta-string', type: 'api_key', value: 'v', metadata: 'env=prod' }), status: 400, code: 'validation_failed', mentions: /metadata/, name: 'meta-string' },
  { what: 'credential: metadata is an array', request: () => json('POST', '/api/credentials', { name: 'meta-array', type: 'api_key', value: 'v', metadata: ['prod'] }), status: 400, code: 'validation_failed', mentions: /metadata/, name: 'meta-array' },
  { what: 'credential: metadata is null', request: () => json('POST', '/api/credentials', { name: 'meta-null', type: 'api_key', value: 'v', metadata: null }), status: 400, code: 'validation_failed', mentions: /metadata/, name: 'meta-null' },
  { what: 'credential: description over 2000 characters', request: () => json('POST', '/api/credentials', { name: 'long-description', type: 'api_key', value: 'v', description: 'd'.repeat(2001) }), status: 400, code: 'validation_failed', mentions: /description/, name: 'long-description' },
  { what: 'credential: name already taken', request: () => json('POST', '/api/credentials', { name: 'taken', type: 'api_key', value: 'other value' }), status: 409, code: 'credential_name_taken', mentions: /name/ },
  { what: 'credential: name containing a NUL character', request: () => json('POST', '/api/credentials', { name: 'nul\u0000cred', type: 'api_key', value: 'v' }), status: 400, code: 'validation_failed', mentions: /name/, name: 'nul\u0000cred' },
  { what: 'credential: metadata value containing a NUL character', request: () => json('POST', '/api/credentials', { name: 'nul-metadata', type: 'api_key', value: 'v', metadata: { note: 'a\u0000b' } }), status: 400, code: 'validation_failed', mentions: /metadata/, name: 'nul-metadata' },
  // PATCH /api/credentials/:id (the sentinel: none of these may change it)
  { what: 'credential PATCH: empty body {}', request: () => json('PATCH', credentialsUrl(), {}), status: 400, code: 'validation_failed', mentions: /at least one field/ },
  { what: 'credential PATCH: unknown visibility', request: () => json('PATCH', credentialsUrl(), { visibility: 'everyone' }), status: 400, code: 'validation_failed', mentions: /visibility/ },
  { what: 'credential PATCH: a good name with an unknown type', request: () => json('PATCH', credentialsUrl(), { name: 'renamed', type: 'banana' }), status: 400, code: 'validation_failed', mentions: /type/, name: 'renamed' },
  { what: 'credential PATCH: empty value', request: () => json('PATCH', credentialsUrl(), { value: '' }), status: 400, code: 'validation_failed', mentions: /value/ },
  { what: 'credential PATCH: value over 64 KiB', request: () => json('PATCH', credentialsUrl(), { value: 'v'.repeat(65_537) }), status: 400, code: 'validation_failed', mentions: /value/ },
  { what: 'credential PATCH: metadata is a string', request: () => json('PATCH', credentialsUrl(), { metadata: 'x' }), status: 400, code: 'validation_failed', mentions: /metadata/ },
  { what: 'credential PATCH: description is a number', request: () => json('PATCH', credentialsUrl(), { description: 5 }), status: 400, code: 'validation_failed', mentions: /description/ },
  { what: 'credential PATCH: rename to a taken name', request: () => json('PATCH', credentialsUrl(), { name: 'taken' }), status: 409, code: 'credential_name_taken', mentions: /name/ },
  { what: 'credential PATCH: unknown credential', request: () => json('PATCH', `/api/credentials/${UNKNOWN_ID}`, { description: 'x' }), status: 404, code: 'not_found', mentions: /Credential/ },
  { what: 'credential PATCH: name containing a NUL character', request: () => json('PATCH', credentialsUrl(), { name: 'nul\u0000rename' }), status: 400, code: 'validation_failed', mentions: /name/ },
  // POST /api/credentials/:id/share
  { what: 'share: empty body {}', request: () => json('POST', `${credentialsUrl()}/share`, {}), status: 400, code: 'validation_failed', mentions: /at least one user or agent/ },
  { what: 'share: empty userIds', request: () => json('POST', `${credentialsUrl()}/share`, { userIds: [] }), status: 400, code: 'validation_failed', mentions: /at least one user or agent/ },
  { what: 'share: userIds holds a non-UUID', request: () => json('POST', `${credentialsUrl()}/share`, { userIds: ['nope'] }), status: 400, code: 'validation_failed', mentions: /userIds/ },
  { what: 'share: userIds is a string', request: () => json('POST', `${credentialsUrl()}/share`, { userIds: member.user.id }), status: 400, code: 'validation_failed', mentions: /userIds/ },
  { what: 'share: userIds names no member', request: () => json('POST', `${credentialsUrl()}/share`, { userIds: [UNKNOWN_ID] }), status: 400, code: 'bad_request', mentions: /member/ },
  { what: 'share: unknown credential', request: () => json('POST', `/api/credentials/${UNKNOWN_ID}/share`, { userIds: [member.user.id] }), status: 404, code: 'not_found', mentions: /Credential/ },
  // the other credential routes with an unknown id
  { what: 'credential GET: unknown credential', request: () => bare('GET', `/api/credentials/${UNKNOWN_ID}`), status: 404, code: 'not_found', mentions: /Credential/ },
  { what: 'credential DELETE: unknown credential', request: () => bare('DELETE', `/api/credentials/${UNKNOWN_ID}`), status: 404, code: 'not_found', mentions: /Credential/ },
  { what: 'credential value: unknown credential', request: () => bare('GET', `/api/credentials/${UNKNOWN_ID}/value`), status: 404, code: 'not_found', mentions: /Credential/ },
  { what: 'credential audit: unknown credential', request: () => bare('GET', `/api/credentials/${UNKNOWN_ID}/audit`), status: 404, code: 'not_found', mentions: /Credential/ },
];

/** Every route with an `:id`, and ids that are not UUIDs. */
const ID_ROUTES: { route: string; request: (id: string) => InjectOptions }[] = [
  { route: 'PATCH /api/org/members/:id', request: (id) => json('PATCH', `/api/org/members/${id}`, { role: 'USER' }) },
  { route: 'DELETE /api/org/members/:id', request: (id) => bare('DELETE', `/api/org/members/${id}`) },
  { route: 'DELETE /api/org/invitations/:id', request: (id) => bare('DELETE', `/api/org/invitations/${id}`) },
  { route: 'POST /api/tokens/:id/revoke', request: (id) => bare('POST', `/api/tokens/${id}/revoke`) },
  { route: 'DELETE /api/tokens/:id', request: (id) => bare('DELETE', `/api/tokens/${id}`) },
  { route: 'GET /api/credentials/:id', request: (id) => bare('GET', `/api/credentials/${id}`) },
  {
    route: 'PATCH /api/credentials/:id',
    request: (id) => json('PATCH', `/api/credentials/${id}`, { description: 'x' }),
  },
  { route: 'DELETE /api/credentials/:id', request: (id) => bare('DELETE', `/api/credentials/${id}`) },
  { route: 'GET /api/credentials/:id/value', request: (id) => bare('GET', `/api/credentials/${id}/value`) },
  {
    route: 'POST /api/credentials/:id/share',
    request: (id) => json('POST', `/api/credentials/${id}/share`, { userIds: [member.user.id] }),
  },
  { route: 'GET /api/credentials/:id/audit', request: (id) => bare('GET', `/api/credentials/${id}/audit`) },
];
const NOT_UUIDS = [
  'abc',
  '42',
  encodeURIComponent("' OR 1=1 --"),
  '12345678-1234-1234-1234-123456789012',
  `${UNKNOWN_ID}0`,
];

/** Every route that takes a JSON body, as a signed-in caller would send it (auth routes without a bearer). */
const BODY_ROUTES: { route: string; method: Method; url: () => string; signedIn: boolean }[] = [
  { route: 'POST /api/auth/register', method: 'POST', url: () => '/api/auth/register', signedIn: false },
  { route: 'POST /api/auth/login', method: 'POST', url: () => '/api/auth/login', signedIn: false },
  { route: 'POST /api/auth/refresh', method: 'POST', url: () => '/api/auth/refresh', signedIn: false },
  { route: 'POST /api/auth/accept-invite', method: 'POST', url: () => '/api/auth/accept-invite', signedIn: false },
  { route: 'POST /api/auth/logout', method: 'POST', url: () => '/api/auth/logout', signedIn: false },
  { route: 'PATCH /api/org', method: 'PATCH', url: () => '/api/org', signedIn: true },
  { route: 'POST /api/org/members', method: 'POST', url: () => '/api/org/members', signedIn: true },
  {
    route: 'PATCH /api/org/members/:id',
    method: 'PATCH',
    url: () => `/api/org/members/${member.user.id}`,
    signedIn: true,
  },
  { route: 'POST /api/tokens', method: 'POST', url: () => '/api/tokens', signedIn: true },
  { route: 'POST /api/credentials', method: 'POST', url: () => '/api/credentials', signedIn: true },
  { route: 'PATCH /api/credentials/:id', method: 'PATCH', url: credentialsUrl, signedIn: true },
  { route: 'POST /api/credentials/:id/share', method: 'POST', url: () => `${credentialsUrl()}/share`, signedIn: true },
];

const OVERSIZE = JSON.stringify({ name: 'oversize', type: 'api_key', value: 'x'.repeat(1024 * 1024 + 1) });
// biome-ignore format: one row per case keeps the table readable
const BODIES: { what: string; contentType: string; body: string; status: number; code: string; mentions: RegExp }[] = [
  { what: 'malformed JSON `{bad`', contentType: 'application/json', body: '{bad', status: 400, code: 'invalid_json', mentions: /JSON/ },
  { what: 'a text/plain body', contentType: 'text/plain', body: '{"name":"plain"}', status: 415, code: 'unsupported_media_type', mentions: /application\/json/ },
  { what: 'an XML body', contentType: 'application/xml', body: '<name>x</name>', status: 415, code: 'unsupported_media_type', mentions: /application\/json/ },
  { what: 'a form-encoded body', contentType: 'application/x-www-form-urlencoded', body: 'name=x', status: 415, code: 'unsupported_media_type', mentions: /application\/json/ },
  { what: 'an empty body declared as JSON', contentType: 'application/json', body: '', status: 400, code: 'empty_body', mentions: /empty/ },
  { what: 'a body over 1 MiB', contentType: 'application/json', body: OVERSIZE, status: 413, code: 'payload_too_large', mentions: /too large/ },
  { what: 'an array instead of an object', contentType: 'application/json', body: '[]', status: 400, code: 'validation_failed', mentions: /expected object, received array/ },
  { what: 'JSON null', contentType: 'application/json', body: 'null', status: 400, code: 'validation_failed', mentions: /expected object/ },
  { what: 'a JSON string', contentType: 'application/json', body: '"hello"', status: 400, code: 'validation_failed', mentions: /expected object/ },
  { what: 'a __proto__ key', contentType: 'application/json', body: '{"__proto__":{"isAdmin":true}}', status: 400, code: 'invalid_json', mentions: /JSON/ },
];

function expectErrorShape(res: LightMyRequestResponse, status: number, code: string, mentions: RegExp): void {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = res.json();
  expect(Object.keys(body).sort()).toEqual(['error', 'requestId']);
  expect(typeof body.requestId).toBe('string');
  expect(Object.keys(body.error).filter((k) => !['code', 'message', 'details'].includes(k))).toEqual([]);
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(mentions);
  if (code === 'validation_failed') {
    expect(body.error.details).toEqual(
      expect.arrayContaining([{ path: expect.any(String), message: expect.any(String) }]),
    );
  }
}

/** The sentinel credential reads and reveals exactly as it did before. */
async function expectSentinelIntact(): Promise<void> {
  const view = await studio.app.inject({ url: credentialsUrl(), headers: auth() });
  expect(view.statusCode).toBe(200);
  expect(view.json()).toEqual(sentinel.view);
  const value = await studio.app.inject({ url: `${credentialsUrl()}/value`, headers: auth() });
  expect(value.json()).toEqual({ value: sentinel.value });
}

async function expectNothingNamed(name: string): Promise<void> {
  const credentials = (await studio.app.inject({ url: '/api/credentials', headers: auth() })).json().credentials;
  expect(credentials.map((c: { name: string }) => c.name)).not.toContain(name);
  const tokens = (await studio.app.inject({ url: '/api/tokens', headers: auth() })).json().tokens;
  expect(tokens.map((t: { name: string }) => t.name)).not.toContain(name);
}

describe('bad input, route by route', () => {
  for (const { what, request, status, code, mentions, name } of CASES) {
    it(`${what} → ${status} ${code}`, async () => {
      const res = await studio.app.inject(request());
      expectErrorShape(res, status, code, mentions);
      expect(res.body).not.toContain(sentinel.value);
      if (name !== undefined) await expectNothingNamed(name);
      await expectSentinelIntact();
    });
  }
});

describe('ids that are not UUIDs', () => {
  const rows = ID_ROUTES.flatMap(({ route, request }) => NOT_UUIDS.map((id) => ({ route, request, id })));

  for (const { route, request, id } of rows) {
    it(`${route} with id "${id}" → 400 naming the id`, async () => {
      expectErrorShape(await studio.app.inject(request(id)), 400, 'validation_failed', /\bid\b/);
      await expectSentinelIntact();
    });
  }
});

describe('bodies that are not a JSON object', () => {
  // Logout's body is optional: JSON null means "no body" there, and signs out (see 'after all that').
  const rows = BODY_ROUTES.flatMap((route) => BODIES.map((body) => ({ ...body, ...route }))).filter(
    (row) => !(row.route === 'POST /api/auth/logout' && row.what === 'JSON null'),
  );

  for (const row of rows) {
    it(`${row.route} with ${row.what} → ${row.status} ${row.code}`, async () => {
      const res = await studio.app.inject({
        method: row.method,
        url: row.url(),
        headers: { ...(row.signedIn ? auth() : {}), 'content-type': row.contentType },
        payload: row.body,
      });
      expectErrorShape(res, row.status, row.code, row.mentions);
      await expectSentinelIntact();
    });
  }
});

describe('after all that', () => {
  it('signs out with the bearer alone, sending no body', async () => {
    const session = await studio.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: member.user.email, password: PASSWORD },
    });
    expect(session.statusCode).toBe(200);
    const out = await studio.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: bearer(session.json().accessToken),
    });
    expect(out.statusCode, out.body).toBe(204);
    expect(
      (await studio.app.inject({ url: '/api/auth/me', headers: bearer(session.json().accessToken) })).statusCode,
    ).toBe(401);
  });

  it('lost nothing: the credential keeps its value, the members their roles, and everyone can still sign in', async () => {
    await expectSentinelIntact();
    const names = (await studio.app.inject({ url: '/api/credentials', headers: auth() }))
      .json()
      .credentials.map((c: { name: string }) => c.name);
    expect(names).toEqual(expect.arrayContaining(['sentinel', 'taken']));
    const { members } = (await studio.app.inject({ url: '/api/org/members', headers: auth() })).json();
    expect(members.map((m: { id: string; role: string }) => [m.id, m.role])).toEqual([
      [owner.user.id, 'ADMIN'],
      [member.user.id, 'USER'],
    ]);
    expect((await studio.app.inject({ url: '/api/org', headers: auth() })).json().name).toBe(ORG_NAME);
    expect((await studio.app.inject({ url: '/api/tokens', headers: auth() })).json().tokens).toEqual([]);
    for (const who of [owner, member]) {
      const login = await studio.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: who.user.email, password: PASSWORD },
      });
      expect(login.statusCode, login.body).toBe(200);
    }
  });
});
