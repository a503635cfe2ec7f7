import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import {
	BLOB_HASH_PATTERN,
	BLOB_TYPES,
	MAX_BLOB_BYTES,
	accountChange,
	dossierRegistration,
	loginRequest,
	newAccount,
	passwordChange,
	peopleElsewhereRequest,
	syncTokenRequest,
	type Account
} from '../../src/lib/sync/api';
import { isDossierId, roomName } from '../../src/lib/sync/protocol';
import { OrganisationDoc } from '../../src/lib/organisation/organisationDoc';
import { dayInZone } from '../../src/lib/calendar/calendar';
import { toCsv } from '../../src/lib/export/csv';
import { ROOT } from '../../src/lib/dossier/layout';
import type { Store } from '../storage/store';
import type { Logger } from '../logger';
import { AccountExists, type Session, type User } from '../accounts/accounts';
import { WeakPassword, principalOf, type AccountService, type Principal } from '../accounts/accountService';
import { passwordProblem } from '../accounts/password';
import { accessTo } from '../sync/access';
import type { VillageRegistry } from '../sync/villageRegistry';
import type { SyncServer } from '../sync/syncServer';
import { TownshipPeople } from '../sync/townshipPeople';
import { HttpError, clientAddress, cookie, readBytes, readJson, sameOrigin, send, sendError, sessionCookie } from './http';

export const SESSION_COOKIE = 'dangka_session';

function tooManyAttempts(retryAfterMs = 1000): HttpError {
	const seconds = Math.ceil(retryAfterMs / 1000);
	return new HttpError(429, 'tooManyAttempts', `Try again in ${seconds} s`, { seconds: String(seconds) }, { 'retry-after': String(seconds) });
}

/** Which rule refused the password rides along as `fields.reason` (length, common, repeated). */
function weakPassword(error: WeakPassword): HttpError {
	return new HttpError(400, 'weakPassword', error.message, { reason: error.problem });
}

export interface ApiContext {
	store: Store;
	accounts: AccountService;
	sync: SyncServer;
	villages: VillageRegistry;
	logger: Logger;
	version: string;
	sessionDays: number;
	timeZone: string;
	/** Take the client's address from X-Forwarded-For (only behind a reverse proxy that sets it). */
	trustProxy: boolean;
}

interface Signed {
	user: User;
	session: Session;
	principal: Principal;
}

/**
 * The HTTP API under /api. Everything but the health check and sign-in needs a session; what a
 * session may see follows the same table as the sync server (access.ts). Returns false when the
 * request is not for the API, so the caller can serve the app instead.
 */
export function createApi(ctx: ApiContext) {
	const { store, accounts, sync, villages, logger } = ctx;
	const townshipPeople = new TownshipPeople(sync, store);

	async function signedIn(req: IncomingMessage): Promise<Signed> {
		const found = await accounts.fromSessionToken(cookie(req, SESSION_COOKIE));
		if (!found) throw new HttpError(401, 'unauthorized', 'Sign in first');
		return { ...found, principal: principalOf(found.user, found.session) };
	}

	async function organisation(townshipId: string): Promise<OrganisationDoc> {
		return new OrganisationDoc(await sync.document(roomName({ kind: 'organisation', townshipId })));
	}

	async function accountOf(user: User): Promise<Account> {
		const township = await store.getTownship(user.townshipId);
		return {
			id: user.id,
			username: user.username,
			name: user.name,
			townshipId: user.townshipId,
			townshipName: township?.name ?? '',
			admin: user.admin,
			disabled: !!user.disabledAt
		};
	}

	/** Whether the signed-in person may read a village: their township's, and a part in it. */
	async function readsVillage(s: Signed, dossierId: string): Promise<boolean> {
		const org = await organisation(s.user.townshipId);
		if (!(await villages.belongs(dossierId, s.user.townshipId, !!org.village(dossierId)))) return false;
		return accessTo(s.principal, { kind: 'dossier', dossierId }, org, dayInZone(new Date(), ctx.timeZone)).read;
	}

	function dossierIdOf(raw: string): string {
		let id: string;
		try {
			id = decodeURIComponent(raw);
		} catch {
			throw new HttpError(400, 'invalidDossier', 'Bad dossier id');
		}
		if (!isDossierId(id)) throw new HttpError(400, 'invalidDossier', 'Bad dossier id');
		return id;
	}

	function requireAdmin(s: Signed): void {
		if (!s.user.admin) throw new HttpError(403, 'forbidden', 'Administrators only');
	}

	const only = (method: string, allowed: string) => {
		if (method !== allowed) throw new HttpError(405, 'methodNotAllowed', `Use ${allowed}`);
	};

	async function route(req: IncomingMessage, res: ServerResponse, method: string, parts: string[]): Promise<void> {
		const [head, second] = parts;
		if (head === 'health' && parts.length === 1) {
			only(method, 'GET');
			// A new installation says so (no accounts yet), so the sign-in page can say how to begin;
			// everyone else is told only to ask their administrator.
			return send(res, 200, { ok: true, version: ctx.version, ...((await store.countUsers()) === 0 ? { setupNeeded: true } : {}) });
		}
		if (head === 'login' && parts.length === 1) {
			only(method, 'POST');
			const body = await readJson(req, loginRequest);
			const result = await accounts.login(body.username, body.password, clientAddress(req, ctx.trustProxy), body.device);
			if (!result.ok) {
				if (result.code === 'tooManyAttempts') throw tooManyAttempts(result.retryAfterMs);
				throw new HttpError(401, 'badCredentials', 'Wrong username or password');
			}
			logger.info('signed in', { user: result.user.id, device: body.device });
			return send(res, 200, await accountOf(result.user), { 'set-cookie': sessionCookie(req, SESSION_COOKIE, result.token, ctx.sessionDays * 86_400) });
		}

		const s = await signedIn(req);
		if (head === 'logout' && parts.length === 1) {
			only(method, 'POST');
			await accounts.logout(s.session);
			return send(res, 204, null, { 'set-cookie': sessionCookie(req, SESSION_COOKIE, '', 0) });
		}
		if (head === 'me' && parts.length === 1) {
			only(method, 'GET');
			return send(res, 200, await accountOf(s.user));
		}
		if (head === 'password' && parts.length === 1) {
			only(method, 'POST');
			const body = await readJson(req, passwordChange);
			const outcome = await accounts.changePassword(s.user, s.session, body.current, body.next, clientAddress(req, ctx.trustProxy));
			if (!outcome.ok) {
				if (outcome.code === 'tooManyAttempts') throw tooManyAttempts(outcome.retryAfterMs);
				if (outcome.code === 'weakPassword') throw weakPassword(new WeakPassword(outcome.problem));
				throw new HttpError(403, 'badCredentials', 'The current password is wrong');
			}
			return send(res, 204, null);
		}
		if (head === 'sync-token' && parts.length === 1) {
			only(method, 'POST');
			const { scope } = await readJson(req, syncTokenRequest);
			if (scope.kind === 'village' && !(await readsVillage(s, scope.dossierId))) throw new HttpError(403, 'forbidden', 'No access to this village');
			const issued = accounts.issueSyncToken(
				s.user,
				s.session,
				scope.kind === 'village' ? scope : { kind: 'organisation', townshipId: s.user.townshipId }
			);
			return send(res, 200, issued);
		}
		if (head === 'townships' && parts.length === 2) {
			only(method, 'GET');
			if (second !== s.user.townshipId) throw new HttpError(404, 'notFound', 'No such township');
			return send(res, 200, await store.getTownship(second));
		}
		if (head === 'accounts') return accountsRoute(req, res, method, parts, s);
		if (head === 'dossiers') return dossiersRoute(req, res, method, parts, s);
		if (head === 'blobs' && parts.length === 2) return blobRoute(req, res, method, second!, s);
		throw new HttpError(404, 'notFound', 'No such endpoint');
	}

	async function accountsRoute(req: IncomingMessage, res: ServerResponse, method: string, parts: string[], s: Signed): Promise<void> {
		requireAdmin(s);
		if (parts.length === 1) {
			if (method === 'GET') return send(res, 200, { accounts: await Promise.all((await store.listUsers(s.user.townshipId)).map(accountOf)) });
			only(method, 'POST');
			const body = await readJson(req, newAccount);
			try {
				const user = await accounts.createUser({ ...body, townshipId: s.user.townshipId });
				logger.info('account opened', { by: s.user.id, user: user.id });
				return send(res, 201, await accountOf(user));
			} catch (error) {
				if (error instanceof AccountExists) throw new HttpError(409, 'usernameTaken', 'That username is taken');
				if (error instanceof WeakPassword) throw weakPassword(error);
				if ((await store.userById(body.id)) !== null) throw new HttpError(409, 'conflict', 'That person has an account');
				throw error;
			}
		}
		if (parts.length !== 2) throw new HttpError(404, 'notFound', 'No such endpoint');
		const target = await store.userById(parts[1]!);
		// Another township's accounts are not found, rather than forbidden.
		if (!target || target.townshipId !== s.user.townshipId) throw new HttpError(404, 'notFound', 'No such account');
		only(method, 'PATCH');
		const change = await readJson(req, accountChange);
		if (target.id === s.user.id && (change.disabled || change.admin === false)) throw new HttpError(400, 'badRequest', 'An administrator cannot lock themselves out');
		// Refused before anything else changes, so a weak password leaves the account as it was.
		const problem = change.password === undefined ? null : passwordProblem(change.password);
		if (problem) throw weakPassword(new WeakPassword(problem));
		if (change.name !== undefined) await store.updateUser(target.id, { name: change.name });
		if (change.admin !== undefined) await accounts.setAdmin(target.id, change.admin);
		if (change.password !== undefined) await accounts.resetPassword(target.id, change.password);
		if (change.disabled !== undefined) await accounts.setDisabled(target.id, change.disabled);
		logger.info('account changed', { by: s.user.id, user: target.id, fields: Object.keys(change) });
		return send(res, 200, await accountOf((await store.userById(target.id))!));
	}

	async function dossiersRoute(req: IncomingMessage, res: ServerResponse, method: string, parts: string[], s: Signed): Promise<void> {
		if (parts.length === 1) {
			only(method, 'GET');
			const org = await organisation(s.user.townshipId);
			const day = dayInZone(new Date(), ctx.timeZone);
			const readable = (await store.listDossiers()).filter(
				(d) => d.townshipId === s.user.townshipId && accessTo(s.principal, { kind: 'dossier', dossierId: d.id }, org, day).read
			);
			return send(res, 200, { dossiers: readable });
		}
		if (parts.length === 3 && (parts[2] === 'history' || parts[2] === 'audit')) {
			only(method, 'GET');
			const id = dossierIdOf(parts[1]!);
			if (!(await readsVillage(s, id))) throw new HttpError(404, 'notFound', 'No such dossier');
			return parts[2] === 'history' ? history(res, id, new URL(req.url ?? '/', 'http://localhost').searchParams) : audit(res, id);
		}
		if (parts.length === 3 && parts[2] === 'people-elsewhere') {
			only(method, 'POST');
			const id = dossierIdOf(parts[1]!);
			if (!(await readsVillage(s, id))) throw new HttpError(404, 'notFound', 'No such dossier');
			const { idNumbers } = await readJson(req, peopleElsewhereRequest);
			const people = await townshipPeople.find(s.user.townshipId, id, idNumbers, (other) => readsVillage(s, other));
			return send(res, 200, { people });
		}
		if (parts.length !== 2) throw new HttpError(404, 'notFound', 'No such endpoint');
		const id = dossierIdOf(parts[1]!);
		if (method === 'GET') {
			const record = await store.getDossier(id);
			if (!record || !(await readsVillage(s, id))) throw new HttpError(404, 'notFound', 'No such dossier');
			return send(res, 200, record);
		}
		only(method, 'PUT');
		const body = await readJson(req, dossierRegistration);
		if (body.id !== id) throw new HttpError(400, 'badRequest', 'Id in the body differs from the URL');
		const existing = await store.getDossier(id);
		// Another township's dossier is not there at all, as far as this caller can tell.
		if (existing && !(await readsVillage(s, id))) throw new HttpError(404, 'notFound', 'No such dossier');
		const record = await store.registerDossier({ ...body, townshipId: s.user.townshipId });
		villages.registered(id, record.townshipId);
		// A cadre sets up the dossier of the village their group keeps: the village joins the
		// township's organisation under their group. A village already there keeps its group.
		const org = await organisation(s.user.townshipId);
		if (!org.village(id)) {
			const groupId = org.person(s.user.id)?.groupId ?? null;
			await sync.edit(roomName({ kind: 'organisation', townshipId: s.user.townshipId }), s.principal, (doc) =>
				new OrganisationDoc(doc).saveVillage({ dossierId: id, name: body.village, groupId })
			);
		}
		return send(res, existing ? 200 : 201, record);
	}

	/** Names of the people behind user ids, looked up once per request. */
	function names(): (userId: string) => Promise<string> {
		const known = new Map<string, Promise<string>>();
		return (userId) => {
			let name = known.get(userId);
			if (!name) {
				name = store.userById(userId).then((u) => u?.name ?? userId);
				known.set(userId, name);
			}
			return name;
		};
	}

	/** One answer's history: every value it was given, by whom, when, from which device. */
	async function history(res: ServerResponse, dossierId: string, query: URLSearchParams): Promise<void> {
		const household = query.get('household') ?? '';
		const key = query.get('key') ?? '';
		const since = query.get('since');
		const sinceMs = since === null ? 0 : Date.parse(since);
		// One answer's history (key), or every answer of a household changed since a time (a record's review).
		if ((!key && !household) || key.length > 200 || household.length > 64 || Number.isNaN(sinceMs)) throw new HttpError(400, 'badRequest', 'Give household and key, or household and since');
		const nameOf = names();
		const rows = (
			household
				? await store.changes([dossierId], key ? { target: household, key } : { target: household })
				: await store.changes([dossierId], { target: ROOT.village, key })
		).filter((r) => r.at >= sinceMs && (key || r.kind === 'answer'));
		const entries = await Promise.all(
			rows.map(async (r) => ({
				at: new Date(r.at).toISOString(),
				user: { id: r.user, name: await nameOf(r.user) },
				device: r.device,
				...(key ? {} : { key: r.key }),
				value: r.value === null ? null : parseStored(r.value)
			}))
		);
		send(res, 200, { entries });
	}

	/** Everything recorded of a village, dossier and review alike, as CSV for Excel/WPS. */
	async function audit(res: ServerResponse, dossierId: string): Promise<void> {
		const rooms = [roomName({ kind: 'dossier', dossierId }), roomName({ kind: 'review', dossierId })];
		const nameOf = names();
		const rows = await store.changes(rooms);
		const table = [
			['序号 seq', '时间 time', '人员 person', '账号 account', '设备 device', '文档 document', '类别 kind', '对象 record', '字段 field', '新值 value'],
			...(await Promise.all(
				rows.map(async (r) => [
					String(r.seq),
					new Date(r.at).toISOString(),
					await nameOf(r.user),
					r.user,
					r.device,
					r.room.endsWith('/review') ? 'review' : 'dossier',
					r.kind,
					r.target,
					r.key,
					r.value ?? ''
				])
			))
		];
		res.writeHead(200, {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="audit-${dossierId}.csv"`,
			'cache-control': 'no-store',
			'x-content-type-options': 'nosniff'
		});
		res.end(toCsv(table));
	}

	async function blobRoute(req: IncomingMessage, res: ServerResponse, method: string, hash: string, s: Signed): Promise<void> {
		if (!BLOB_HASH_PATTERN.test(hash)) throw new HttpError(400, 'badHash', 'A blob is named by its SHA-256 in lowercase hex');
		// A photo is asked for and given as part of a dossier, and only to who may read that dossier.
		const dossierId = dossierIdOf(new URL(req.url ?? '/', 'http://localhost').searchParams.get('dossier') ?? '');
		if (!(await readsVillage(s, dossierId))) throw new HttpError(404, 'notFound', 'No such dossier');
		if (method === 'GET') {
			const blob = await store.getBlob(hash, dossierId);
			if (!blob) throw new HttpError(404, 'notFound', 'No such blob');
			// Named by their content, blobs never change: the browser may keep them (privately).
			res.writeHead(200, {
				'content-type': blob.type,
				'content-length': blob.data.byteLength,
				'cache-control': 'private, max-age=31536000, immutable',
				'x-content-type-options': 'nosniff',
				'content-security-policy': "default-src 'none'"
			});
			res.end(blob.data);
			return;
		}
		only(method, 'PUT');
		const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
		if (!(BLOB_TYPES as readonly string[]).includes(type)) throw new HttpError(415, 'unsupportedType', `Only ${BLOB_TYPES.join(', ')}`);
		const data = await readBytes(req, MAX_BLOB_BYTES);
		if (createHash('sha256').update(data).digest('hex') !== hash) throw new HttpError(400, 'badHash', 'The content does not match its hash');
		await store.putBlob(hash, { type, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) }, s.user.id, dossierId);
		send(res, 201, { hash });
	}

	return async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
		const url = new URL(req.url ?? '/', 'http://localhost');
		if (!url.pathname.startsWith('/api/')) return false;
		const method = req.method ?? 'GET';
		try {
			if (method !== 'GET' && !sameOrigin(req)) throw new HttpError(403, 'forbidden', 'Cross-site request');
			await route(req, res, method, url.pathname.split('/').filter(Boolean).slice(1));
		} catch (error) {
			if (error instanceof HttpError) sendError(res, error);
			else {
				logger.error('api failure', { path: url.pathname, error: String(error) });
				sendError(res, new HttpError(500, 'internal', 'Internal error'));
			}
		}
		return true;
	};
}

/** A stored change's value; one stored before values were kept as valid JSON comes back as text. */
function parseStored(value: string): unknown {
	try {
		return JSON.parse(value) as unknown;
	} catch {
		return value;
	}
}
