import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { createHash } from 'node:crypto';
import {
	BLOB_HASH_PATTERN,
	BLOB_TYPES,
	MAX_BLOB_BYTES,
	dossierRegistration,
	townshipRegistration,
	type ApiError,
	type ErrorCode
} from '../../src/lib/sync/api';
import { isDossierId } from '../../src/lib/sync/protocol';
import type { Store } from '../storage/store';
import type { Logger } from '../logger';

const MAX_BODY_BYTES = 64 * 1024;

class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly code: ErrorCode,
		message: string,
		readonly fields?: Record<string, string>
	) {
		super(message);
	}
}

function send(res: ServerResponse, status: number, body: unknown): void {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'cache-control': 'no-store',
		'x-content-type-options': 'nosniff'
	});
	res.end(text);
}

async function readBytes(req: IncomingMessage, limit: number): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req as AsyncIterable<Buffer>) {
		size += chunk.length;
		if (size > limit) throw new HttpError(413, 'tooLarge', `Body larger than ${limit} bytes`);
		chunks.push(chunk);
	}
	return Buffer.concat(chunks);
}

async function readJson<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
	const body = await readBytes(req, MAX_BODY_BYTES);
	let raw: unknown;
	try {
		raw = JSON.parse(body.toString('utf8'));
	} catch {
		throw new HttpError(400, 'badJson', 'Body is not valid JSON');
	}
	const parsed = schema.safeParse(raw);
	if (!parsed.success) {
		const fields: Record<string, string> = {};
		for (const issue of parsed.error.issues) fields[issue.path.join('.') || '_'] = issue.message;
		throw new HttpError(400, 'badRequest', 'Request does not match the expected shape', fields);
	}
	return parsed.data;
}

interface Registry<T extends { id: string }> {
	badId: ErrorCode;
	schema: z.ZodType<T>;
	list: () => Promise<unknown>;
	get: (id: string) => Promise<T | null>;
	register: (record: T) => Promise<T>;
}

/**
 * A registry of things devices create offline and announce later (dossiers, townships):
 * `GET /api/<kind>` lists them, `GET|PUT /api/<kind>/<id>` reads or registers one. Registering is
 * idempotent, so a device may retry; the first registration's names stand.
 */
async function registry<T extends { id: string }>(req: IncomingMessage, res: ServerResponse, method: string, rawId: string | undefined, r: Registry<T>): Promise<void> {
	if (rawId === undefined) {
		if (method !== 'GET') throw new HttpError(405, 'methodNotAllowed', 'Use GET');
		send(res, 200, await r.list());
		return;
	}
	let id: string;
	try {
		id = decodeURIComponent(rawId);
	} catch {
		throw new HttpError(400, r.badId, 'Bad id');
	}
	if (!isDossierId(id)) throw new HttpError(400, r.badId, 'Bad id');
	if (method === 'GET') {
		const record = await r.get(id);
		if (!record) throw new HttpError(404, 'notFound', 'Not found');
		send(res, 200, record);
	} else if (method === 'PUT') {
		const body = await readJson(req, r.schema);
		if (body.id !== id) throw new HttpError(400, 'badRequest', 'Id in the body differs from the URL');
		const existing = await r.get(id);
		send(res, existing ? 200 : 201, await r.register(body));
	} else {
		throw new HttpError(405, 'methodNotAllowed', 'Use GET or PUT');
	}
}

/**
 * The small HTTP API under /api. Returns false when the request is not for the API, so the
 * caller can serve the app instead.
 */
export function createApi(store: Store, logger: Logger, version: string) {
	return async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
		const url = new URL(req.url ?? '/', 'http://localhost');
		if (!url.pathname.startsWith('/api/')) return false;
		const method = req.method ?? 'GET';
		try {
			const parts = url.pathname.split('/').filter(Boolean).slice(1);
			if (parts[0] === 'health' && parts.length === 1) {
				if (method !== 'GET') throw new HttpError(405, 'methodNotAllowed', 'Use GET');
				send(res, 200, { ok: true, version });
			} else if (parts[0] === 'blobs' && parts.length === 2) {
				const hash = parts[1]!;
				if (!BLOB_HASH_PATTERN.test(hash)) throw new HttpError(400, 'badHash', 'A blob is named by its SHA-256 in lowercase hex');
				if (method === 'GET') {
					const blob = await store.getBlob(hash);
					if (!blob) throw new HttpError(404, 'notFound', 'No such blob');
					// Named by their content, blobs never change: cache them for good.
					res.writeHead(200, {
						'content-type': blob.type,
						'content-length': blob.data.byteLength,
						'cache-control': 'public, max-age=31536000, immutable',
						'x-content-type-options': 'nosniff',
						'content-security-policy': "default-src 'none'"
					});
					res.end(blob.data);
				} else if (method === 'PUT') {
					const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
					if (!(BLOB_TYPES as readonly string[]).includes(type)) throw new HttpError(415, 'unsupportedType', `Only ${BLOB_TYPES.join(', ')}`);
					const data = await readBytes(req, MAX_BLOB_BYTES);
					if (createHash('sha256').update(data).digest('hex') !== hash) throw new HttpError(400, 'badHash', 'The content does not match its hash');
					await store.putBlob(hash, { type, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) }, 'anonymous');
					send(res, 201, { hash });
				} else {
					throw new HttpError(405, 'methodNotAllowed', 'Use GET or PUT');
				}
			} else if (parts[0] === 'dossiers' && (parts.length === 1 || parts.length === 2)) {
				await registry(req, res, method, parts[1], {
					badId: 'invalidDossier',
					schema: dossierRegistration,
					list: async () => ({ dossiers: await store.listDossiers() }),
					get: (id) => store.getDossier(id),
					register: (record) => store.registerDossier(record)
				});
			} else if (parts[0] === 'townships' && (parts.length === 1 || parts.length === 2)) {
				await registry(req, res, method, parts[1], {
					badId: 'invalidTownship',
					schema: townshipRegistration,
					list: async () => ({ townships: await store.listTownships() }),
					get: (id) => store.getTownship(id),
					register: (record) => store.registerTownship(record)
				});
			} else {
				throw new HttpError(404, 'notFound', 'No such endpoint');
			}
		} catch (error) {
			if (error instanceof HttpError) {
				const body: ApiError = { error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) } };
				send(res, error.status, body);
			} else {
				logger.error('api failure', { path: url.pathname, error: String(error) });
				send(res, 500, { error: { code: 'internal', message: 'Internal error' } } satisfies ApiError);
			}
		}
		return true;
	};
}
