/**
 * What a phone downloads: the JavaScript and CSS of the first page (sign-in) and of a signed-in
 * dossier page, as Chromium loads them from the built app and the real server, each file then
 * asked for again three ways (no encoding, gzip, brotli) to show what the wire carries in each
 * case. Service-worker precaching after the page is up is not counted: it is not the first page.
 */
import type { Page, Response } from '@playwright/test';
import { appInChromium } from './appInChromium';

export interface DownloadRow {
	page: string;
	files: number;
	identityKb: number;
	gzipKb: number;
	brotliKb: number;
	/** As Chromium received it (its Accept-Encoding: gzip, deflate, br, zstd). */
	onWireKb: number;
	largestKb: number;
}

/** Bytes of a file's body as the server sends it for one Accept-Encoding. */
async function bodyBytes(url: string, encoding: string): Promise<{ bytes: number; encoding: string }> {
	const res = await fetch(url, { headers: { 'accept-encoding': encoding } });
	// fetch would decode it: count the bytes the server said it sends.
	const length = Number(res.headers.get('content-length'));
	const body = new Uint8Array(await res.arrayBuffer());
	return { bytes: Number.isFinite(length) && length > 0 ? length : body.length, encoding: res.headers.get('content-encoding') ?? 'identity' };
}

async function measure(page: Page, name: string, go: () => Promise<void>): Promise<DownloadRow> {
	const seen = new Map<string, number>();
	const onResponse = (response: Response) => {
		const url = response.url();
		if (!/\.(js|css)(\?|$)/.test(url) || response.request().serviceWorker()) return;
		void response
			.request()
			.sizes()
			.then((s) => seen.set(url, s.responseBodySize))
			.catch(() => {});
	};
	page.on('response', onResponse);
	await go();
	await page.waitForLoadState('networkidle');
	page.off('response', onResponse);
	const urls = [...seen.keys()];
	let identity = 0;
	let gzip = 0;
	let brotli = 0;
	let largest = 0;
	for (const url of urls) {
		const plain = await bodyBytes(url, 'identity');
		identity += plain.bytes;
		largest = Math.max(largest, plain.bytes);
		gzip += (await bodyBytes(url, 'gzip')).bytes;
		brotli += (await bodyBytes(url, 'br')).bytes;
	}
	const onWire = [...seen.values()].reduce((a, b) => a + b, 0);
	return { page: name, files: urls.length, identityKb: identity / 1024, gzipKb: gzip / 1024, brotliKb: brotli / 1024, onWireKb: onWire / 1024, largestKb: largest / 1024 };
}

export async function downloadBench(): Promise<DownloadRow[]> {
	const app = await appInChromium('benchDownload001', '下载干部');
	const { server, browser, dossierId } = app;
	try {
		const rows: DownloadRow[] = [];
		// A fresh profile each time: nothing cached, no service worker yet.
		const first = await (await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true })).newPage();
		rows.push(await measure(first, 'sign-in (/)', () => first.goto(server.url).then(() => undefined)));
		await app.signIn(first);
		const dossier = await (await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, storageState: await first.context().storageState() })).newPage();
		rows.push(await measure(dossier, 'dossier (/d/<id>, signed in)', () => dossier.goto(`${server.url}/d/${dossierId}`).then(() => undefined)));
		return rows;
	} finally {
		await app.close();
	}
}

export function printDownload(rows: DownloadRow[]): void {
	console.table(
		rows.map((r) => ({
			page: r.page,
			'JS+CSS files': r.files,
			'uncompressed KB': r.identityKb.toFixed(0),
			'gzip KB': r.gzipKb.toFixed(0),
			'brotli KB': r.brotliKb.toFixed(0),
			'on the wire KB (Chromium)': r.onWireKb.toFixed(0),
			'largest file KB (uncompressed)': r.largestKb.toFixed(0)
		}))
	);
}
