/**
 * The import as a cadre runs it, in Chromium against the built app and the real server: a
 * 5,000-household x 10-member 花名册 chosen in 导入名册, previewed, confirmed. Measures each step
 * as the page shows it (file chosen → columns shown → preview shown → 已导入) and every long task
 * the page's main thread ran meanwhile (PerformanceObserver 'longtask'): the bar is no
 * frame held over 200 ms. Needs `npm run build` (the app) first.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appInChromium } from './appInChromium';
import { rosterWorkbook } from '../src/lib/import/testing/rosterFixtures';

export interface ImportBrowserRow {
	households: number;
	members: number;
	fileMb: number;
	/** From choosing the file to the column mapping on screen (read in the worker). */
	readMs: number;
	/** From 预览 to the preview on screen (plan in the worker, the dossier's state sent). */
	previewMs: number;
	/** From 确认导入 to 已导入 (written in the worker, applied in chunks on the page). */
	writeMs: number;
	totalMs: number;
	/** The page's main thread: the longest task and how many went over 200 ms. */
	longestTaskMs: number;
	/** The longest task while reading, planning and writing. */
	longestTaskByStepMs: { read: number; preview: number; write: number };
	tasksOver200: number;
	tasksOver50: number;
}

export async function importBrowserBench(households = 5000, members = 10): Promise<ImportBrowserRow> {
	const bytes = await rosterWorkbook(households, members);
	// Chosen from disk, as a cadre does: a buffer would be base64'd through the page by the
	// test driver, and its long tasks are not the app's.
	const dir = mkdtempSync(join(tmpdir(), 'dangka-import-'));
	const file = join(dir, '花名册.xlsx');
	writeFileSync(file, bytes);
	const app = await appInChromium('benchImport0001', '导入干部');
	const { server, browser, dossierId } = app;
	try {
		const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
		// Page code as text: this file is type-checked for Node, without the DOM's types.
		await page.addInitScript({
			content: `window.__longTasks = []; new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true });`
		});
		page.on('pageerror', (e) => console.log('page error:', e.message));
		await page.goto(server.url);
		await app.signIn(page);
		await page.goto(`${server.url}/d/${dossierId}`);
		await page.getByTestId('import-open').click();
		// Long tasks of loading the page are not the import's.
		await page.evaluate('window.__longTasks.length = 0');

		// BENCH_PROFILE=file.cpuprofile: the page's main thread from file chosen to 已导入, for DevTools.
		const profile = process.env.BENCH_PROFILE;
		const cdp = profile ? await page.context().newCDPSession(page) : null;
		if (cdp) {
			await cdp.send('Profiler.enable');
			await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
			await cdp.send('Profiler.start');
		}
		const step = (name: string) => page.getByTestId('import').and(page.locator(`[data-step="${name}"]`)).waitFor({ timeout: 300_000 });
		const t0 = performance.now();
		await page.getByTestId('import-file').setInputFiles(file);
		await step('mapping');
		const t1 = performance.now();
		const pageT1 = (await page.evaluate('performance.now()')) as number;
		await page.getByTestId('import-preview').click();
		await step('preview');
		const t2 = performance.now();
		const pageT2 = (await page.evaluate('performance.now()')) as number;
		const trace = process.env.BENCH_TRACE;
		if (trace) await browser.startTracing(page, { path: trace, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink'] });
		await page.getByTestId('import-confirm').click();
		await page
			.getByTestId('import-done')
			.waitFor({ timeout: 300_000 })
			.catch(async (error: unknown) => {
				throw new Error(`not imported: ${await page.getByTestId('import').innerText()}`, { cause: error });
			});
		const t3 = performance.now();
		if (trace) await browser.stopTracing();
		if (cdp && profile) writeFileSync(profile, JSON.stringify((await cdp.send('Profiler.stop')).profile));
		const timed = (await page.evaluate('window.__longTasks.slice()')) as [number, number][];
		const tasks = timed.map(([, duration]) => duration);
		const longest = (from: number, to: number) => Math.max(0, ...timed.filter(([start]) => start >= from && start < to).map(([, d]) => d));
		return {
			households,
			members,
			fileMb: bytes.byteLength / 1024 / 1024,
			readMs: t1 - t0,
			previewMs: t2 - t1,
			writeMs: t3 - t2,
			totalMs: t3 - t0,
			longestTaskMs: Math.max(0, ...tasks),
			longestTaskByStepMs: { read: longest(0, pageT1), preview: longest(pageT1, pageT2), write: longest(pageT2, Infinity) },
			tasksOver200: tasks.filter((d) => d > 200).length,
			tasksOver50: tasks.filter((d) => d > 50).length
		};
	} finally {
		await app.close();
		rmSync(dir, { recursive: true, force: true });
	}
}

export function printImportBrowser(row: ImportBrowserRow): void {
	console.table([
		{
			households: row.households,
			members: row.members,
			'file (MB)': row.fileMb.toFixed(1),
			'read (ms)': row.readMs.toFixed(0),
			'preview (ms)': row.previewMs.toFixed(0),
			'write (ms)': row.writeMs.toFixed(0),
			'total (ms)': row.totalMs.toFixed(0),
			'longest task (ms)': row.longestTaskMs.toFixed(0),
			'longest read/preview/write (ms)': [row.longestTaskByStepMs.read, row.longestTaskByStepMs.preview, row.longestTaskByStepMs.write].map((ms) => ms.toFixed(0)).join(' / '),
			'tasks > 200 ms': row.tasksOver200,
			'tasks > 50 ms': row.tasksOver50
		}
	]);
}
