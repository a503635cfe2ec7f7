/**
 * The built app as the server sends it: the brotli or gzip file the build wrote beside each asset
 * to a browser that accepts it (the same bytes, decoded), the plain file to one that does not,
 * hashed assets cached for good and the page itself revalidated. Needs `npm run build` first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get } from 'node:http';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startServer, type ServerProcess } from './harness';

const BUILD = resolve(import.meta.dirname, '../../build');
let server: ServerProcess;

beforeAll(async () => {
	if (!existsSync(join(BUILD, 'index.html'))) throw new Error('no built app: run `npm run build` before the server tests');
	server = await startServer({ env: { STATIC_DIR: BUILD } });
});
afterAll(async () => {
	await server?.dispose();
});

/** The raw response (node:http does not decode, as fetch would). */
function raw(path: string, encoding: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
	return new Promise((done, fail) => {
		get(`${server.url}${path}`, { headers: { 'accept-encoding': encoding } }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
			res.on('error', fail);
		}).on('error', fail);
	});
}

describe('the built app on the wire', () => {
	it('sends a hashed script as brotli or gzip to a browser that accepts it, plain otherwise, cached for good', async () => {
		// The largest chunk, where compression matters.
		const chunks = join(BUILD, '_app/immutable/chunks');
		const name = readdirSync(chunks)
			.filter((f) => f.endsWith('.js'))
			.sort((a, b) => statSync(join(chunks, b)).size - statSync(join(chunks, a)).size)[0]!;
		const path = `/_app/immutable/chunks/${name}`;
		const plain = readFileSync(join(BUILD, path));
		const br = await raw(path, 'gzip, deflate, br');
		expect(br.status).toBe(200);
		expect(br.headers['content-encoding']).toBe('br');
		expect(br.headers['vary']).toMatch(/accept-encoding/i);
		expect(br.headers['content-type']).toMatch(/javascript/);
		expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
		expect(brotliDecompressSync(br.body).equals(plain)).toBe(true);
		expect(br.body.length).toBeLessThan(plain.length / 2);
		const gz = await raw(path, 'gzip');
		expect(gz.headers['content-encoding']).toBe('gzip');
		expect(gunzipSync(gz.body).equals(plain)).toBe(true);
		const identity = await raw(path, 'identity');
		expect(identity.headers['content-encoding']).toBeUndefined();
		expect(identity.body.equals(plain)).toBe(true);
	});

	it('sends the app’s page for any route, compressed too, and has it revalidated', async () => {
		const page = await raw('/d/someVillage01?household=x', 'br');
		expect(page.status).toBe(200);
		expect(page.headers['content-encoding']).toBe('br');
		expect(page.headers['content-type']).toMatch(/text\/html/);
		expect(page.headers['cache-control']).toBe('no-cache');
		expect(brotliDecompressSync(page.body).toString('utf8')).toMatch(/^<!doctype html>/i);
	});
});
