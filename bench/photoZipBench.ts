/**
 * The village photo zip (src/lib/client/photoZip.ts) at a large village's size: 2,000 photos of
 * 300 KB streamed through client-zip, each hashed with WebCrypto as the app does, written to
 * /dev/null. What it shows is whether memory stays flat: the photos add up to ~600 MB, and a
 * stream that held them would grow by that much. Photos are made one at a time as the zip asks
 * for them, as the app reads them one at a time from IndexedDB or the server.
 */
import { open } from 'node:fs/promises';
import { downloadZip } from 'client-zip';

export interface PhotoZipBenchResult {
	photos: number;
	photoBytes: number;
	zipBytes: number;
	seconds: number;
	/** Zip megabytes written per second, and photos per second. */
	mbPerSecond: number;
	photosPerSecond: number;
	/** Growth over the baseline taken just before the zip starts, at the highest sample, GC left alone. */
	peakRssGrowthMb: number;
	peakHeapGrowthMb: number;
	/** Buffers outside the JS heap (the photos' bytes live there), GC left alone: garbage included. */
	peakArrayBuffersGrowthMb: number;
	/**
	 * What the stream really holds: buffers still alive after a full GC, sampled every 100 photos in a
	 * second pass (null without --expose-gc). A zip held in memory would reach totalPhotoMb.
	 */
	retainedMb: number | null;
	totalPhotoMb: number;
}

const MB = 1024 * 1024;

/** A photo's worth of bytes that differ from every other's (so no layer can share them). */
function syntheticPhoto(index: number, size: number): Uint8Array<ArrayBuffer> {
	const bytes = new Uint8Array(size);
	let x = (index + 1) * 2654435761;
	for (let i = 0; i < size; i += 4) {
		x ^= x << 13;
		x ^= x >>> 17;
		x ^= x << 5;
		bytes[i] = x & 0xff;
		bytes[i + 1] = (x >>> 8) & 0xff;
		bytes[i + 2] = (x >>> 16) & 0xff;
		bytes[i + 3] = (x >>> 24) & 0xff;
	}
	// A JPEG's first bytes, as the app's photos have.
	bytes.set([0xff, 0xd8, 0xff, 0xe0]);
	return bytes;
}

interface Pass {
	zipBytes: number;
	seconds: number;
	peak: { rss: number; heapUsed: number; arrayBuffers: number };
	retained: number;
	base: NodeJS.MemoryUsage;
}

/**
 * One zip of `photos` photos to `out`. The sink writes through a file handle and resolves each
 * write when it is done, so the stream waits for the disk as a browser's file writer makes it
 * wait (Node's Writable.toWeb over an fs stream does not, and would measure its own buffering).
 */
async function pass(photos: number, photoBytes: number, out: string, collectEvery: number | null): Promise<Pass> {
	const gc = (globalThis as { gc?: () => void }).gc;
	gc?.();
	const base = process.memoryUsage();
	const peak = { rss: base.rss, heapUsed: base.heapUsed, arrayBuffers: base.arrayBuffers };
	let retained = 0;
	const sample = () => {
		const m = process.memoryUsage();
		peak.rss = Math.max(peak.rss, m.rss);
		peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
		peak.arrayBuffers = Math.max(peak.arrayBuffers, m.arrayBuffers);
	};
	const timer = setInterval(sample, 20);

	async function* files() {
		const manifest: string[] = [];
		for (let i = 0; i < photos; i++) {
			const bytes = syntheticPhoto(i, photoBytes);
			const digest = await crypto.subtle.digest('SHA-256', bytes);
			manifest.push(`${i},${Buffer.from(digest).toString('hex')},${bytes.byteLength}`);
			yield { name: `村/户${Math.floor(i / 5)}_abcdef/收入凭证-工资性收入_2024-08-07_${(i % 5) + 1}.jpg`, input: bytes, lastModified: new Date(), size: bytes.byteLength };
			if (i % 50 === 0) sample();
			if (collectEvery && gc && i % collectEvery === collectEvery - 1) {
				gc();
				retained = Math.max(retained, process.memoryUsage().arrayBuffers - base.arrayBuffers);
			}
		}
		yield { name: '村/照片清单.csv', input: new TextEncoder().encode(manifest.join('\r\n')), lastModified: new Date() };
	}

	let zipBytes = 0;
	const file = await open(out, 'w');
	const sink = new WritableStream<Uint8Array>({
		async write(chunk) {
			zipBytes += chunk.byteLength;
			await file.write(chunk);
		},
		close: () => file.close()
	});
	const started = performance.now();
	await downloadZip(files()).body!.pipeTo(sink);
	const seconds = (performance.now() - started) / 1000;
	clearInterval(timer);
	sample();
	return { zipBytes, seconds, peak, retained, base };
}

export async function photoZipBench(options: { photos?: number; photoBytes?: number; out?: string } = {}): Promise<PhotoZipBenchResult> {
	const photos = options.photos ?? 2000;
	const photoBytes = options.photoBytes ?? 300 * 1024;
	const out = options.out ?? '/dev/null';
	const run = await pass(photos, photoBytes, out, null);
	const collected = (globalThis as { gc?: () => void }).gc ? await pass(photos, photoBytes, out, 100) : null;
	return {
		photos,
		photoBytes,
		zipBytes: run.zipBytes,
		seconds: run.seconds,
		mbPerSecond: run.zipBytes / MB / run.seconds,
		photosPerSecond: photos / run.seconds,
		peakRssGrowthMb: (run.peak.rss - run.base.rss) / MB,
		peakHeapGrowthMb: (run.peak.heapUsed - run.base.heapUsed) / MB,
		peakArrayBuffersGrowthMb: (run.peak.arrayBuffers - run.base.arrayBuffers) / MB,
		retainedMb: collected && collected.retained / MB,
		totalPhotoMb: (photos * photoBytes) / MB
	};
}

export function printPhotoZip(r: PhotoZipBenchResult): void {
	console.table([
		{
			photos: r.photos,
			'photo (KB)': (r.photoBytes / 1024).toFixed(0),
			'zip (MB)': (r.zipBytes / MB).toFixed(0),
			'time (s)': r.seconds.toFixed(2),
			'MB/s': r.mbPerSecond.toFixed(0),
			'photos/s': r.photosPerSecond.toFixed(0),
			'peak RSS growth (MB)': r.peakRssGrowthMb.toFixed(1),
			'peak heap growth (MB)': r.peakHeapGrowthMb.toFixed(1),
			'peak buffers growth (MB)': r.peakArrayBuffersGrowthMb.toFixed(1),
			'retained after GC (MB)': r.retainedMb === null ? 'n/a (--expose-gc)' : r.retainedMb.toFixed(1),
			'photos in all (MB)': r.totalPhotoMb.toFixed(0)
		}
	]);
}
