/**
 * `npm run bench:grid`: the household grid's performance requirements, measured in Chromium on a
 * dossier of 2,000 households x 120 columns, for Dangka's grid and for RevoGrid (a maintained grid
 * library) on the same data, in the same run, same viewport. The pages are built by
 * `vite build -c bench/grid/vite.config.ts` into dist/bench-grid/ (see bench/grid/*.ts for what
 * each side does); this serves them on loopback, drives them with Playwright and prints a table.
 * BENCH_QUICK=1 runs fewer repetitions. Results also go to bench/results/grid-<date>.json.
 */
import { createServer, type Server } from 'node:http';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cpus } from 'node:os';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { chromium, type Browser, type Page } from '@playwright/test';
import type { LoadInfo } from './grid/harness';

const ROOT = resolve(import.meta.dirname, '../..');
const PAGES = join(ROOT, 'dist/bench-grid');
const quick = process.env.BENCH_QUICK === '1';
const N = {
	loads: quick ? 2 : 5,
	frames: quick ? 120 : 300,
	keys: quick ? 8 : 30,
	remote: quick ? 8 : 30,
	pastes: quick ? 1 : 3
};
/** Scroll steps per frame: two rows down, or 40 px sideways (both well past one screen in the run). */
const STEP = { v: 64, h: 40 };
const VIEWPORT = { width: 1280, height: 900 };
/** One frame at 60 Hz. rAF timestamps jitter by about 0.1 ms around it, so a frame counts as on time up to FRAME_OK. */
const FRAME = 1000 / 60;
const FRAME_OK = 17.0;

/** Grid column indices (frozen head and type are 0 and 1): see bench/grid/data.ts, section 1. */
const COL = { people: 2, labour: 3 };
const PASTE_AT = { row: 0, col: 2 };

type SideName = 'dangka' | 'revogrid';
const PAGE: Record<SideName, string> = { dangka: 'index.html?side=dangka', revogrid: 'index.html?side=revogrid' };

interface SideResult {
	seed: { bytes: number; ms: number };
	info: LoadInfo | null;
	loads: LoadInfo[];
	diagnosis: { bytes: number; updates: number; readMs: number; applyMs: number } | null;
	scrollV: number[];
	scrollH: number[];
	workV: number[];
	workH: number[];
	keys: number[];
	remote: number[];
	pastes: number[];
	notes: string[];
}

const median = (xs: number[]) => quantile(xs, 0.5);
function quantile(xs: number[], q: number): number {
	if (!xs.length) return NaN;
	const s = [...xs].sort((a, b) => a - b);
	const i = (s.length - 1) * q;
	const lo = Math.floor(i);
	const hi = Math.ceil(i);
	return s[lo]! + (s[hi]! - s[lo]!) * (i - lo);
}

function serve(): Promise<{ server: Server; base: string }> {
	const handler = sirv(PAGES, { dev: false, etag: true });
	const server = createServer((req, res) => handler(req, res, () => {
		res.statusCode = 404;
		res.end('not found');
	}));
	return new Promise((done) => server.listen(0, '127.0.0.1', () => done({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

async function loadOnce(page: Page, url: string): Promise<LoadInfo> {
	await page.goto(url, { waitUntil: 'commit' });
	await page.waitForFunction(() => 'gridLoaded' in window);
	return page.evaluate(() => (window as unknown as { gridLoaded: Promise<LoadInfo> }).gridLoaded);
}

async function frames(page: Page, n = 2) {
	await page.evaluate((n) => new Promise<void>((done) => {
		let left = n;
		const step = () => (--left <= 0 ? done() : requestAnimationFrame(step));
		requestAnimationFrame(step);
	}), n);
}

async function measureSide(browser: Browser, base: string, side: SideName): Promise<SideResult> {
	const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
	const page = await context.newPage();
	const url = `${base}/${PAGE[side]}`;
	const r: SideResult = { seed: { bytes: 0, ms: 0 }, info: null, loads: [], diagnosis: null, scrollV: [], scrollH: [], workV: [], workH: [], keys: [], remote: [], pastes: [], notes: [] };
	const log = (what: string) => console.log(`  [${side}] ${what}`);
	page.on('pageerror', (e) => log(`page error: ${e.message}`));

	await page.goto(`${url}&seed`);
	await page.waitForFunction(() => 'gridBench' in window);
	r.seed = await page.evaluate(() => window.gridBench.seed());
	log(`seeded ${(r.seed.bytes / 1024 / 1024).toFixed(1)} MB Y.Doc into IndexedDB in ${r.seed.ms.toFixed(0)} ms (untimed)`);

	await loadOnce(page, url); // warm-up
	for (let i = 0; i < N.loads; i++) {
		const info = await loadOnce(page, url);
		r.info = info;
		r.loads.push(info);
	}
	const at = (f: (l: LoadInfo) => number) => median(r.loads.map(f)).toFixed(0);
	log(`load: ${r.loads.map((l) => l.loadMs.toFixed(0)).join(', ')} ms; medians: scripts running at ${at((l) => l.scriptMs)}, Y.Doc loaded at ${at((l) => l.docMs)}, grid painted at ${at((l) => l.loadMs)} ms`);
	await page.waitForFunction(() => 'gridBench' in window);
	r.diagnosis = await page.evaluate(() => window.gridBench.diagnoseLoad());
	log(`of the Y.Doc load: reading ${r.diagnosis.updates} stored update(s), ${(r.diagnosis.bytes / 1024 / 1024).toFixed(1)} MB, from IndexedDB ${r.diagnosis.readMs.toFixed(0)} ms, Y.applyUpdate ${r.diagnosis.applyMs.toFixed(0)} ms`);

	// Scroll: one warm-up pass each way, then the measured passes.
	for (const axis of ['v', 'h'] as const) {
		const scroll = (frames: number) => page.evaluate(([axis, frames, step]) => window.gridBench.scroll(axis, frames, step), [axis, frames, STEP[axis]] as const);
		await scroll(30);
		const { deltas, work } = await scroll(N.frames);
		if (axis === 'v') [r.scrollV, r.workV] = [deltas, work];
		else [r.scrollH, r.workH] = [deltas, work];
		await page.evaluate(() => window.gridBench.resetScroll());
	}
	const dropped = (xs: number[]) => xs.filter((x) => x > FRAME * 1.5).length;
	log(`scroll p95 frame: vertical ${quantile(r.scrollV, 0.95).toFixed(1)} ms (${dropped(r.scrollV)} of ${r.scrollV.length} frames late, max ${Math.max(...r.scrollV).toFixed(0)}), horizontal ${quantile(r.scrollH, 0.95).toFixed(1)} ms (${dropped(r.scrollH)} late, max ${Math.max(...r.scrollH).toFixed(0)})`);

	// Keystroke: click a visible integer cell, type a new value and Enter (the first one is a warm-up).
	try {
		for (let i = 0; i <= N.keys; i++) {
			const row = 2 + (i % 6);
			const col = COL.labour;
			const selector = await page.evaluate(([row, col]) => window.gridBench.cellSelector(row, col), [row, col] as const);
			const current = Number(await page.evaluate(([row, col]) => window.gridBench.cellText(row, col), [row, col] as const));
			const value = String(((Number.isFinite(current) ? current : 0) + 1) % 30);
			await page.click(selector);
			await frames(page);
			await page.evaluate(([row, col, value]) => window.gridBench.armKey(row, col, value), [row, col, value] as const);
			// 30 ms between keys, as a quick typist: RevoGrid opens its editor a frame after the first key and drops a second key sent sooner.
			await page.keyboard.type(value, { delay: 30 });
			await page.keyboard.press('Enter');
			const ms = await page.evaluate(() => Promise.race([window.gridBench.keyLatency(), new Promise<number>((_, no) => setTimeout(() => no(new Error('the typed value never showed')), 5000))]));
			if (i > 0) r.keys.push(ms);
			await page.keyboard.press('Escape');
			await frames(page);
		}
		log(`keystroke to painted: median ${median(r.keys).toFixed(1)} ms, p95 ${quantile(r.keys, 0.95).toFixed(1)} ms`);
	} catch (e) {
		r.notes.push(`keystroke: ${(e as Error).message.split('\n')[0]}`);
		log(`keystroke failed: ${(e as Error).message}`);
	}

	// Remote edit: another replica sets a visible integer cell; its update is applied here.
	try {
		for (let i = 0; i <= N.remote; i++) {
			const row = 3 + (i % 8);
			const col = COL.people;
			const current = Number(await page.evaluate(([row, col]) => window.gridBench.cellText(row, col), [row, col] as const));
			const value = ((Number.isFinite(current) ? current : 0) + 1) % 30;
			const ms = await page.evaluate(([row, col, value]) => window.gridBench.remoteEdit(row, col, value), [row, col, value] as const);
			if (i > 0) r.remote.push(ms);
			await frames(page);
		}
		log(`remote edit to painted: median ${median(r.remote).toFixed(1)} ms, p95 ${quantile(r.remote, 0.95).toFixed(1)} ms`);
	} catch (e) {
		r.notes.push(`remote: ${(e as Error).message.split('\n')[0]}`);
		log(`remote failed: ${(e as Error).message}`);
	}

	// Paste: a 1,000 x 10 block of valid values over section 1 (the first one is a warm-up).
	try {
		for (let i = 0; i <= N.pastes; i++) {
			await page.evaluate(() => window.gridBench.resetScroll());
			const block = pasteBlock(1000, i);
			const res = await page.evaluate(
				({ row, col, block }) => window.gridBench.paste(row, col, block),
				{ row: PASTE_AT.row, col: PASTE_AT.col, block }
			);
			if (i > 0) r.pastes.push(res.ms);
			if (i === 0) log(`paste checks ${res.checkedCells} visible cells of the pasted range`);
			await frames(page, 5);
		}
		log(`paste 1000x10: ${r.pastes.map((x) => x.toFixed(0)).join(', ')} ms`);
	} catch (e) {
		r.notes.push(`paste: ${(e as Error).message.split('\n')[0]}`);
		log(`paste failed: ${(e as Error).message}`);
	}

	await context.close();
	return r;
}

/** Valid values for section 1's ten columns, written the way they show (so both grids show the pasted text). */
function pasteBlock(rows: number, round: number): string[][] {
	const block: string[][] = [];
	for (let r = 0; r < rows; r++) {
		const k = r + round * 7 + 1;
		block.push([
			String(k % 29), // b_people (integer 0..30)
			String((k * 3) % 29), // b_labour
			`${1000 + ((k * 37) % 9000)}.${String(k % 100).padStart(2, '0')}`, // b_income (yuan)
			k % 2 ? '是' : '否', // b_house (yes/no)
			`粘贴说明${round}-${r}`, // b_house__desc
			k % 3 ? '是' : '否', // b_water
			`选项K${1 + (k % 4)}`, // b_kind (a choice's label)
			`2022-0${1 + (k % 7)}-${String(1 + (k % 28)).padStart(2, '0')}`, // b_visit
			`备注${round}-${r}`, // b_note
			String(k * 11) // b_land
		]);
	}
	return block;
}

interface Row {
	metric: string;
	measures: string;
	target: string;
	dangka: number;
	revogrid: number;
	limit: number;
	unit: string;
}

async function main() {
	if (!existsSync(join(PAGES, 'index.html'))) throw new Error('build the pages first: vite build -c bench/grid/vite.config.ts');
	const started = Date.now();
	const guard = setTimeout(() => {
		console.error('grid benchmark took over 9 minutes: giving up');
		process.exit(2);
	}, 9 * 60_000);
	const { server, base } = await serve();
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
	});
	console.log(
		`Grid benchmark · Chromium ${browser.version()} · ${cpus().length} cores · viewport ${VIEWPORT.width}x${VIEWPORT.height} · ${quick ? 'QUICK' : 'full'} · ${new Date().toISOString()}`
	);
	const results = {} as Record<SideName, SideResult>;
	try {
		for (const side of ['dangka', 'revogrid'] as const) results[side] = await measureSide(browser, base, side);
	} finally {
		await browser.close();
		server.close();
	}
	clearTimeout(guard);
	const d = results.dangka;
	const g = results.revogrid;
	const rows: Row[] = [
		{ metric: 'load: page start to grid painted', measures: `median of ${N.loads}`, target: '< 500 ms', dangka: median(d.loads.map((l) => l.loadMs)), revogrid: median(g.loads.map((l) => l.loadMs)), limit: 500, unit: 'ms' },
		{ metric: 'load: of which Y.Doc from IndexedDB', measures: `median of ${N.loads}`, target: '(info)', dangka: median(d.loads.map((l) => l.docMs)), revogrid: median(g.loads.map((l) => l.docMs)), limit: NaN, unit: 'ms' },
		{ metric: 'load: Y.Doc loaded to grid painted', measures: `median of ${N.loads}`, target: '(info)', dangka: median(d.loads.map((l) => l.loadMs - l.docMs)), revogrid: median(g.loads.map((l) => l.loadMs - l.docMs)), limit: NaN, unit: 'ms' },
		{ metric: 'scroll vertical: frame time', measures: `p95 of ${N.frames} frames`, target: '< 16.7 ms', dangka: quantile(d.scrollV, 0.95), revogrid: quantile(g.scrollV, 0.95), limit: FRAME_OK, unit: 'ms' },
		{ metric: 'scroll vertical: rendering per frame', measures: `p95 of ${N.frames} frames`, target: '(info)', dangka: quantile(d.workV, 0.95), revogrid: quantile(g.workV, 0.95), limit: NaN, unit: 'ms' },
		{ metric: 'scroll horizontal: frame time', measures: `p95 of ${N.frames} frames`, target: '< 16.7 ms', dangka: quantile(d.scrollH, 0.95), revogrid: quantile(g.scrollH, 0.95), limit: FRAME_OK, unit: 'ms' },
		{ metric: 'scroll horizontal: rendering per frame', measures: `p95 of ${N.frames} frames`, target: '(info)', dangka: quantile(d.workH, 0.95), revogrid: quantile(g.workH, 0.95), limit: NaN, unit: 'ms' },
		{ metric: 'keystroke (Enter) to painted cell', measures: `median of ${N.keys}`, target: '< 50 ms', dangka: median(d.keys), revogrid: median(g.keys), limit: 50, unit: 'ms' },
		{ metric: 'keystroke (Enter) to painted cell', measures: `p95 of ${N.keys}`, target: '< 50 ms', dangka: quantile(d.keys, 0.95), revogrid: quantile(g.keys, 0.95), limit: 50, unit: 'ms' },
		{ metric: 'paste 1000x10 to painted', measures: `median of ${N.pastes}`, target: '< 500 ms', dangka: median(d.pastes), revogrid: median(g.pastes), limit: 500, unit: 'ms' },
		{ metric: 'remote edit to painted cell', measures: `median of ${N.remote}`, target: '< 50 ms', dangka: median(d.remote), revogrid: median(g.remote), limit: 50, unit: 'ms' },
		{ metric: 'remote edit to painted cell', measures: `p95 of ${N.remote}`, target: '< 50 ms', dangka: quantile(d.remote, 0.95), revogrid: quantile(g.remote, 0.95), limit: 50, unit: 'ms' }
	];
	const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
	const table = rows.map((row) => {
		const ratio = row.revogrid / row.dangka;
		const pass = Number.isNaN(row.limit) ? '' : Number.isFinite(row.dangka) ? (row.dangka < row.limit ? 'yes' : 'NO') : 'n/a';
		const asFast = Number.isNaN(row.limit) ? '' : Number.isFinite(ratio) ? (ratio >= 1 ? 'yes' : 'NO') : 'n/a';
		return {
			metric: `${row.metric} (${row.measures})`,
			target: row.target,
			'Dangka ms': fmt(row.dangka),
			'RevoGrid ms': fmt(row.revogrid),
			'ratio (RevoGrid/Dangka)': Number.isFinite(ratio) ? ratio.toFixed(2) : 'n/a',
			'pass target?': pass,
			'at least as fast?': asFast
		};
	});
	console.log(`\n## ${d.info?.rows ?? '?'} households x ${d.info?.columns ?? '?'} grid columns (2 frozen), viewport ${VIEWPORT.width}x${VIEWPORT.height}`);
	console.table(table);
	for (const [side, res] of Object.entries(results)) for (const note of res.notes) console.log(`n/a for ${side}: ${note}`);
	console.log(`
What each number is:
- load: performance.now() (ms since navigation start, performance.timeOrigin) when the frame that first shows
  row 0's head and rows 0-8 of the first answer column has been painted (rAF, then a MessageChannel task after it).
  Includes fetching and running the page's JS, y-indexeddb loading the Y.Doc (empty doc + IndexeddbPersistence,
  whenSynced), building the grid (RevoGrid: all row objects up front) and the first render. Warm-up load first.
- scroll: the grid scrolled programmatically by ${STEP.v} px (vertical) or ${STEP.h} px (horizontal) once per animation
  frame (Dangka: scrollTop/scrollLeft of its scroller; RevoGrid: its scrollToCoordinate API); frame time = delta between
  consecutive rAF timestamps; 16.7 ms is one frame at 60 Hz, so a p95 above it means over 5% of frames were dropped
  (pass: p95 < ${FRAME_OK} ms, allowing the ~0.1 ms jitter of frame timestamps; a dropped frame shows as 33 ms).
  "rendering per frame": from each frame's rAF timestamp to a task posted from its rAF callback, i.e. the frame's
  scroll handling, style, layout and paint on the main thread (headroom: the lower, the further from dropping frames).
- keystroke: a real mouse click selects a visible integer cell, Playwright types a value (typing opens the editor)
  and presses Enter; time from that Enter keydown's event.timeStamp until the frame that shows the new value in the cell
  is painted. The edit is written to the Y.Doc in both (RevoGrid: in its afteredit handler).
- paste: a 1,000 x 10 TSV block of valid values (integers, money, 是/否, description, choice label, date, text) dispatched
  as a ClipboardEvent on document with the grid focused at (row 0, first answer column); time from dispatch to the frame
  that shows every visible cell of the pasted range painted. Both write all 10,000 answers to the Y.Doc (RevoGrid:
  its own paste, then its afteredit handler parses each cell the way Dangka does and writes them in one transaction).
- remote edit: setAnswer on a second Y.Doc replica, Y.encodeStateAsUpdate(replica, stateVector(ours)) applied here with
  Y.applyUpdate; time from applyUpdate to the frame that shows the value painted (RevoGrid: a Y observer rebuilds the
  changed row and calls setDataAt for its changed cells).
- ratio = RevoGrid / Dangka: above 1 means Dangka is faster.`);

	mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
	const file = join(ROOT, 'bench/results', `grid-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
	writeFileSync(file, JSON.stringify({ chromium: true, quick, viewport: VIEWPORT, n: N, rows, results }, null, 2));
	console.log(`\nresults: ${file} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

void main().catch((e: unknown) => {
	console.error(e);
	process.exit(1);
});
