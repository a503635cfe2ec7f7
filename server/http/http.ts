/** Small HTTP helpers shared by the API's handlers: errors with stable codes, bodies, cookies. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { ApiError, ErrorCode } from '../../src/lib/sync/api';

export const MAX_BODY_BYTES = 64 * 1024;

export class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly code: ErrorCode,
		message: string,
		readonly fields?: Record<string, string>,
		readonly headers?: Record<string, string>
	) {
		super(message);
	}
}

export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
	res.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'cache-control': 'no-store',
		'x-content-type-options': 'nosniff',
		...headers
	});
	res.end(status === 204 ? undefined : JSON.stringify(body));
}

export function sendError(res: ServerResponse, error: HttpError): void {
	const body: ApiError = { error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) } };
	send(res, error.status, body, error.headers);
}

export async function readBytes(req: IncomingMessage, limit: number): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req as AsyncIterable<Buffer>) {
		size += chunk.length;
		if (size > limit) throw new HttpError(413, 'tooLarge', `Body larger than ${limit} bytes`);
		chunks.push(chunk);
	}
	return Buffer.concat(chunks);
}

export async function readJson<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
	const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
	// A cross-site form cannot send JSON; with SameSite cookies this closes off forged requests.
	if (type !== 'application/json') throw new HttpError(415, 'unsupportedType', 'Send JSON');
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

export function cookie(req: IncomingMessage, name: string): string | undefined {
	for (const part of (req.headers.cookie ?? '').split(';')) {
		const eq = part.indexOf('=');
		if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
	}
	return undefined;
}

/** A session cookie the page's scripts cannot read and other sites cannot send. */
export function sessionCookie(req: IncomingMessage, name: string, value: string, maxAgeSeconds: number): string {
	const secure = (req.socket as { encrypted?: boolean }).encrypted || req.headers['x-forwarded-proto'] === 'https';
	return `${name}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}

/**
 * The address a request came from, for throttling sign-in. Behind a reverse proxy every request
 * comes from the proxy; with `trustProxy` the address the proxy saw (the last one it appended to
 * X-Forwarded-For) is used instead. Without it the header is ignored: a client could write anything there.
 */
export function clientAddress(req: IncomingMessage, trustProxy = false): string {
	const forwarded = req.headers['x-forwarded-for'];
	if (trustProxy && typeof forwarded === 'string') {
		const last = forwarded.split(',').at(-1)?.trim();
		if (last) return last;
	}
	return req.socket.remoteAddress ?? 'unknown';
}

/** A request from another site's page (its Origin is not this host) is refused outright. */
export function sameOrigin(req: IncomingMessage): boolean {
	const origin = req.headers.origin;
	if (!origin) return true;
	try {
		return new URL(origin).host === req.headers.host;
	} catch {
		return false;
	}
}
