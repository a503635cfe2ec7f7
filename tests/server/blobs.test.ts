import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { startServer, type ServerProcess, type TestUser } from './harness';

let server: ServerProcess;
let outsider: TestUser;
const V = 'blobVillage1';
const W = 'blobVillage2';
beforeAll(async () => {
	server = await startServer();
	await server.addVillage(V);
	await server.addVillage(W);
	const elsewhere = await server.township.createGroup('别的组');
	outsider = await server.createUser({ name: '别组干部', groupId: elsewhere });
});
afterAll(async () => {
	await server?.dispose();
});

// The smallest valid PNG (1x1, transparent).
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const url = (hash: string, dossier: string | null) => `${server.url}/api/blobs/${hash}${dossier === null ? '' : `?dossier=${dossier}`}`;
const put = (hash: string, body: Buffer | string, type = 'image/png', cookie = server.admin.cookie, dossier: string | null = V) =>
	fetch(url(hash, dossier), { method: 'PUT', headers: { 'content-type': type, cookie }, body: typeof body === 'string' ? body : new Uint8Array(body) });
const get = (hash: string, cookie = server.admin.cookie, dossier: string | null = V) => fetch(url(hash, dossier), { headers: { cookie } });

describe('photo blobs', () => {
	it('stores a photo under its hash, idempotently, and serves it back for good', async () => {
		expect((await put(sha(png), png)).status).toBe(201);
		expect((await put(sha(png), png)).status).toBe(201);
		const res = await get(sha(png));
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('image/png');
		expect(res.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
		expect(Buffer.from(await res.arrayBuffer())).toEqual(png);
	});

	it('refuses content that does not match its name, non-images, oversized files and bad names', async () => {
		expect((await put(sha(Buffer.from('other')), png)).status).toBe(400);
		expect((await put(sha(Buffer.from('<html>')), '<html>', 'text/html')).status).toBe(415);
		const big = Buffer.alloc(5 * 1024 * 1024 + 1);
		expect((await put(sha(big), big)).status).toBe(413);
		expect((await get('..%2F..%2Fetc')).status).toBe(400);
		expect((await get('0'.repeat(64))).status).toBe(404);
		expect((await get(sha(png), server.admin.cookie, '../x')).status).toBe(400);
	});

	it('are for signed-in people only: a family’s proof photos are not public', async () => {
		expect((await put(sha(png), png, 'image/png', '')).status).toBe(401);
		expect((await get(sha(png), '')).status).toBe(401);
		expect((await get(sha(png), 'dangka_session=forged')).status).toBe(401);
	});

	it('belong to the dossier they were attached in: read through it, by who may read it', async () => {
		const photo = Buffer.concat([png, Buffer.from('-only-in-V')]);
		expect((await put(sha(photo), photo)).status).toBe(201);
		expect((await get(sha(photo), server.admin.cookie, null)).status).toBe(400);
		// Not through another dossier, even one the asker may read...
		expect((await get(sha(photo), server.admin.cookie, W)).status).toBe(404);
		// ...nor by someone with no part in the dossier, nor attached there by them.
		expect((await get(sha(photo), outsider.cookie)).status).toBe(404);
		expect((await put(sha(photo), photo, 'image/png', outsider.cookie)).status).toBe(404);
		// Attached in W too, it is readable there.
		expect((await put(sha(photo), photo, 'image/png', server.admin.cookie, W)).status).toBe(201);
		expect((await get(sha(photo), server.admin.cookie, W)).status).toBe(200);
	});
});
