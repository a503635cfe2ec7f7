/**
 * `npm run bench`: the document benchmark and the sync server benchmark (Dangka against the
 * reference y-websocket server, side by side). Results go to stdout and bench/results/.
 * BENCH_QUICK=1 runs a short version (fewer rates, shorter phases, fewer keystrokes).
 * BENCH_ONLY=doc,sync,wide,import,importBrowser,export,photos,download runs only the sections named (import:
 * a 5,000 x 10 roster, in Node and in Chromium through the app (needs `npm run build`); export: the 附件1 汇总表 of 5,000 households x 150 fields; photos: a 2,000-photo zip). The wide-room section measures the
 * commit before the durable-delta fix beside this tree when BENCH_BEFORE_DIR names a built
 * checkout of it (see bench/wideRoom.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cpus } from 'node:os';
import { docBench } from './docBench';
import { syncBench, type SyncRow } from './syncBench';
import { printWide, wideRoomBench, type WideRoomResult } from './wideRoom';
import { importBench, printImport, type ImportBenchRow } from './importBench';
import { importBrowserBench, printImportBrowser, type ImportBrowserRow } from './importBrowser';
import { downloadBench, printDownload, type DownloadRow } from './downloadBench';
import { exportBench, printExport, type ExportRow } from './exportBench';
import { photoZipBench, printPhotoZip, type PhotoZipBenchResult } from './photoZipBench';

const ROOT = resolve(import.meta.dirname, '../..');
const quick = process.env.BENCH_QUICK === '1';
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((s) => s.trim())) : null;
const runs = (section: 'doc' | 'sync' | 'wide' | 'import' | 'importBrowser' | 'export' | 'photos' | 'download') => !only || only.has(section);

function printSync(rows: SyncRow[]) {
	console.table(
		rows.map((r) => ({
			server: r.server,
			'offered/s': r.offered,
			'synced/s': r.synced.toFixed(0),
			delivered: (r.deliveryRatio * 100).toFixed(1) + '%',
			'p50 ms': r.p50.toFixed(1),
			'p99 ms': r.p99.toFixed(1),
			'server CPU': (r.serverCpuMsPerSec / 10).toFixed(0) + '%',
			'CPU µs/update': r.serverCpuUsPerUpdate.toFixed(0),
			'RSS MB': r.serverRssMb.toFixed(0)
		}))
	);
}

async function main() {
	console.log(`Dangka benchmarks · node ${process.version} · ${cpus().length} cores · ${new Date().toISOString()}`);

	let doc: ReturnType<typeof docBench> | null = null;
	if (runs('doc')) {
		console.log('\n## Document: 2,000 households x 100 answers');
		doc = docBench(2000, 100, quick ? 3 : 7);
		console.table([
			{
				'build (ms)': doc.buildMs.toFixed(0),
				'encoded (MB)': (doc.encodedBytes / 1024 / 1024).toFixed(2),
				'load median (ms)': doc.loadMsMedian.toFixed(0),
				'load min (ms)': doc.loadMsMin.toFixed(0),
				'list households (ms)': doc.listMs.toFixed(1),
				'heap (MB)': doc.heapMb.toFixed(1),
				'heap per household (KB)': (doc.heapBytesPerHousehold / 1024).toFixed(1)
			}
		]);
	}

	let sync: SyncRow[] = [];
	if (runs('sync')) {
		const clients = Number(process.env.BENCH_CLIENTS ?? 200);
		const rooms = Number(process.env.BENCH_ROOMS ?? 20);
		const seconds = Number(process.env.BENCH_SECONDS ?? (quick ? 4 : 10));
		const steadyRates = (process.env.BENCH_RATES ?? (quick ? '5' : '2,5,10')).split(',').map(Number);
		console.log(`\n## Sync, steady load: ${clients} stock y-websocket clients in ${rooms} dossiers, ${seconds} s per rate, each server with a whole core`);
		const steady = await syncBench({ rates: steadyRates, clients, rooms, seconds, label: 'steady' });
		printSync(steady);

		const share = Number(process.env.BENCH_CPU_SHARE ?? 0.25);
		const overloads = (process.env.BENCH_OVERLOAD_RATES ?? (quick ? '15' : '10,15,20')).split(',').map(Number);
		console.log(
			`\n## Sync at saturation: each server confined to ${share * 100}% of one core, offered ${overloads.map((r) => r * clients).join(', ')} updates/s`
		);
		const saturated = await syncBench({ rates: overloads, clients, rooms, seconds, cpuShare: share, label: 'saturated' });
		printSync(saturated);
		// Capacity is the most a server delivered at any offered load past its saturation point.
		const best = (mine: boolean) => Math.max(...saturated.filter((r) => r.server.startsWith('dangka') === mine).map((r) => r.synced));
		const ours = best(true);
		const ref = best(false);
		console.log(`throughput at saturation (best of the offered loads): dangka ${ours.toFixed(0)}/s, reference ${ref.toFixed(0)}/s, ratio ${(ours / ref).toFixed(2)}x`);
		sync = [...steady, ...saturated];
	}

	let wide: WideRoomResult | null = null;
	if (runs('wide')) {
		const ids = Number(process.env.BENCH_WIDE_IDS ?? 10_000);
		const count = Number(process.env.BENCH_WIDE_KEYSTROKES ?? (quick ? 100 : 500));
		console.log(`\n## A room with ${ids.toLocaleString('en')} client ids: ${count} keystrokes one at a time, each to its durable acknowledgement, a reader connected; beside the same content under one client id`);
		wide = await wideRoomBench({ ids, count, warmup: quick ? 10 : 30, beforeDir: process.env.BENCH_BEFORE_DIR || undefined });
		printWide(wide);
	}

	let imported: ImportBenchRow | null = null;
	if (runs('import')) {
		const households = quick ? 1000 : 5000;
		console.log(`\n## Import: ${households.toLocaleString('en')} households x 10 members from an xlsx 花名册 (read, map, plan, write)`);
		imported = await importBench(households, 10);
		printImport(imported);
	}

	let importedInBrowser: ImportBrowserRow | null = null;
	if (runs('importBrowser')) {
		const households = Number(process.env.BENCH_IMPORT_HOUSEHOLDS ?? (quick ? 1000 : 5000));
		console.log(`\n## Import in Chromium (the built app, the real server): ${households.toLocaleString('en')} households x 10 members, file chosen to 已导入, long tasks of the page`);
		importedInBrowser = await importBrowserBench(households, 10);
		printImportBrowser(importedInBrowser);
	}

	let xlsx: ExportRow | null = null;
	if (runs('export')) {
		const households = quick ? 1000 : 5000;
		console.log(`\n## XLSX export: ${households.toLocaleString('en')} households x 150 fields (附件1 汇总表)`);
		xlsx = await exportBench(households, 150);
		printExport(xlsx);
	}

	let photos: PhotoZipBenchResult | null = null;
	if (runs('photos')) {
		const count = quick ? 500 : 2000;
		console.log(`\n## Photo zip: ${count.toLocaleString('en')} photos of 300 KB streamed to /dev/null`);
		photos = await photoZipBench({ photos: count });
		printPhotoZip(photos);
	}

	let download: DownloadRow[] | null = null;
	if (runs('download')) {
		console.log('\n## What a phone downloads (the built app, Chromium at 360 px, empty cache): JS and CSS of the first page and of a dossier page');
		download = await downloadBench();
		printDownload(download);
	}

	mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
	const file = join(ROOT, 'bench/results', `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
	writeFileSync(file, JSON.stringify({ node: process.version, doc, sync, wide, import: imported, importBrowser: importedInBrowser, export: xlsx, photos, download }, null, 2));
	console.log(`\nresults: ${file}`);
}

void main();
