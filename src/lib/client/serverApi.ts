/** The app's calls to the server's HTTP API, parsed with the shared schemas. */
import { dossierList, townshipList, type DossierRegistration, type DossierRecordDto, type TownshipRegistration } from '../sync/api';
import { localIndex } from './localIndex';

export class ApiFailure extends Error {
	constructor(readonly code: string) {
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
	const body: unknown = await res.json().catch(() => null);
	if (!res.ok) {
		const code = (body as { error?: { code?: string } } | null)?.error?.code ?? 'internal';
		throw new ApiFailure(code);
	}
	return body;
}

export async function fetchServerDossiers(): Promise<DossierRecordDto[]> {
	return dossierList.parse(await call('/api/dossiers')).dossiers;
}

export async function registerDossier(record: DossierRegistration): Promise<void> {
	await call(`/api/dossiers/${encodeURIComponent(record.id)}`, { method: 'PUT', body: JSON.stringify(record) });
	await localIndex.dossiers.update(record.id, { registered: true });
}

export async function fetchServerTownships(): Promise<TownshipRegistration[]> {
	return townshipList.parse(await call('/api/townships')).townships;
}

export async function registerTownship(record: TownshipRegistration): Promise<void> {
	await call(`/api/townships/${encodeURIComponent(record.id)}`, { method: 'PUT', body: JSON.stringify(record) });
	await localIndex.townships.update(record.id, { registered: true });
}

/**
 * Uploads the registrations of townships and dossiers created offline; quietly keeps them for
 * later when there is no network.
 */
export async function registerPending(): Promise<void> {
	const townships = await localIndex.townships.filter((t) => !t.registered).toArray();
	const dossiers = await localIndex.dossiers.filter((d) => !d.registered).toArray();
	const jobs = [
		...townships.map((t) => () => registerTownship({ id: t.id, name: t.name, createdAt: t.createdAt, createdBy: t.createdBy })),
		...dossiers.map((d) => () => registerDossier({ id: d.id, township: d.township, village: d.village, createdAt: d.createdAt, createdBy: d.createdBy }))
	];
	for (const job of jobs) {
		try {
			await job();
		} catch (error) {
			if (error instanceof ApiFailure && error.code === 'network') return;
		}
	}
}
