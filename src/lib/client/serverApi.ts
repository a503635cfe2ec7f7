/** The app's calls to the server's HTTP API, parsed with the shared schemas. */
import { PEOPLE_PER_REQUEST, dossierList, householdChangesResponse, peopleElsewhereResponse, type DossierRegistration, type DossierRecordDto } from '../sync/api';
import { localIndex } from './localIndex';
import { REGISTERED, syncEvents } from './syncTokens';

export class ApiFailure extends Error {
	constructor(
		readonly code: string,
		/** The error's details: a wait in `seconds`, a refused password's `reason`, a form's fields. */
		readonly fields: Record<string, string> = {}
	) {
		super(code);
	}
}

async function call(path: string, init?: RequestInit): Promise<unknown> {
	let res: Response;
	try {
		res = await fetch(path, { ...init, headers: { 'content-type': 'application/json', ...init?.headers } });
	} catch {
		throw new ApiFailure('network');
	}
	const body: unknown = res.status === 204 ? null : await res.json().catch(() => null);
	if (!res.ok) {
		const error = (body as { error?: { code?: string; fields?: Record<string, string> } } | null)?.error;
		throw new ApiFailure(error?.code ?? 'internal', error?.fields);
	}
	return body;
}

export async function fetchServerDossiers(): Promise<DossierRecordDto[]> {
	return dossierList.parse(await call('/api/dossiers')).dossiers;
}

export async function registerDossier(record: DossierRegistration): Promise<void> {
	await call(`/api/dossiers/${encodeURIComponent(record.id)}`, { method: 'PUT', body: JSON.stringify(record) });
	await localIndex.dossiers.update(record.id, { registered: true });
	// The dossier's documents may now get sync tokens: let them connect.
	syncEvents.dispatchEvent(new CustomEvent(REGISTERED, { detail: record.id }));
}

/**
 * Uploads the registrations of dossiers created offline; quietly keeps them for later when there
 * is no network or no session.
 */
export async function registerPending(): Promise<void> {
	const dossiers = await localIndex.dossiers.filter((d) => !d.registered).toArray();
	for (const d of dossiers) {
		try {
			await registerDossier({ id: d.id, township: d.township, village: d.village, createdAt: d.createdAt, createdBy: d.createdBy });
		} catch (error) {
			if (error instanceof ApiFailure && (error.code === 'network' || error.code === 'unauthorized')) return;
		}
	}
}

/** Calls an account endpoint (sign-in is in user.svelte.ts); throws ApiFailure with the error code. */
export async function accountCall<T>(path: string, init: { method: string; body?: unknown }, parse: (body: unknown) => T): Promise<T> {
	return parse(await call(path, { method: init.method, body: init.body === undefined ? undefined : JSON.stringify(init.body) }));
}

/** How long the township's villages may take to answer before an import goes on without them. */
const PEOPLE_TIMEOUT_MS = 30_000;

/**
 * Which of these ID numbers the township's other villages keep, as the server reads them (all
 * of them, not only those on this device); null when it cannot be asked now (offline, signed
 * out, a dossier the server does not know yet, or no answer in time).
 */
export async function findPeopleElsewhere(dossierId: string, idNumbers: readonly string[]): Promise<{ idNumber: string; dossierId: string; village: string; head: string | null }[] | null> {
	const found: { idNumber: string; dossierId: string; village: string; head: string | null }[] = [];
	const signal = AbortSignal.timeout(PEOPLE_TIMEOUT_MS);
	try {
		for (let i = 0; i < idNumbers.length; i += PEOPLE_PER_REQUEST) {
			const body = JSON.stringify({ idNumbers: idNumbers.slice(i, i + PEOPLE_PER_REQUEST) });
			const answer = peopleElsewhereResponse.parse(await call(`/api/dossiers/${encodeURIComponent(dossierId)}/people-elsewhere`, { method: 'POST', body, signal }));
			found.push(...answer.people);
		}
	} catch {
		return null;
	}
	return found;
}

/**
 * Who last changed each answer of a household since a time, from the server's audit trail (the
 * review of a record names who made each change since the last review); null offline.
 */
export async function householdChangesSince(dossierId: string, householdId: string, since: string): Promise<Map<string, { at: string; user: { id: string; name: string } }> | null> {
	try {
		const query = new URLSearchParams({ household: householdId, since });
		const { entries } = householdChangesResponse.parse(await call(`/api/dossiers/${encodeURIComponent(dossierId)}/history?${query}`, { signal: AbortSignal.timeout(PEOPLE_TIMEOUT_MS) }));
		const last = new Map<string, { at: string; user: { id: string; name: string } }>();
		for (const e of entries) last.set(e.key, { at: e.at, user: e.user });
		return last;
	} catch {
		return null;
	}
}
