/**
 * What each benchmark page exposes on `window.gridBench` for the runner (bench/gridRun.ts), the
 * same for both grids: each page supplies a Side (how to find its cells, scroll it, select a cell
 * and apply a remote edit) and the harness does the timing the same way for both.
 */
import * as Y from 'yjs';
import { DossierDoc } from '../../src/lib/dossier/dossierDoc';
import { afterPaint, afterThisFrame, nextFrame, paintedWhen } from './frames';
import { FORM_KEY, readUpdates, seed } from './data';

export interface LoadInfo {
	/** From navigation start (performance.timeOrigin) to the first rows painted with data. */
	loadMs: number;
	/** When the page's modules began to run (fetched, parsed), from navigation start. */
	scriptMs: number;
	/** When the Y.Doc was loaded from IndexedDB, from navigation start. */
	docMs: number;
	rows: number;
	columns: number;
}

/** Where a grid column of the bench is, by index into the grid's column list (frozen ones first). */
export interface Side {
	name: 'dangka' | 'revogrid';
	dossier: DossierDoc;
	/** The element whose subtree holds the drawn cells (watched for mutations). */
	root: HTMLElement;
	/** The drawn cell at (row, column), or null when it is not drawn. */
	cell(row: number, col: number): HTMLElement | null;
	/** Its shown text. */
	text(cell: HTMLElement): string;
	/** Scrolls to an absolute offset (programmatic scroll, the library's own way). */
	scrollTo(axis: 'v' | 'h', px: number): void;
	/** Selects a cell without a mouse (for a paste), making the grid the clipboard's target. */
	select(row: number, col: number): Promise<void>;
	/** The row's household id. */
	householdAt(row: number): string;
	/** The question id (answer key) of a grid column. */
	keyAt(col: number): string;
}

export interface GridBenchApi {
	side: Side['name'];
	loaded: Promise<LoadInfo>;
	seed(): Promise<{ bytes: number; ms: number }>;
	/** A CSS selector for a drawn cell, for the runner's mouse. */
	cellSelector(row: number, col: number): string;
	cellText(row: number, col: number): string | null;
	/**
	 * Scrolls one step per frame; returns the frame times (deltas between frame callbacks) and
	 * each frame's rendering time (from its frame callback to the task after its paint).
	 */
	scroll(axis: 'v' | 'h', frames: number, step: number): Promise<{ deltas: number[]; work: number[] }>;
	/** Where the load time goes: the stored update read from IndexedDB and applied to a fresh Y.Doc. */
	diagnoseLoad(): Promise<{ bytes: number; updates: number; readMs: number; applyMs: number }>;
	resetScroll(): Promise<void>;
	/** Arms a keystroke measurement: the next Enter keydown, until (row, col) shows `expected`. */
	armKey(row: number, col: number, expected: string): void;
	keyLatency(): Promise<number>;
	/** Selects (row, col), dispatches a paste of `block` (TSV) and times until the visible part shows. */
	paste(row: number, col: number, block: string[][]): Promise<{ ms: number; checkedCells: number }>;
	/** Makes the edit on another replica, applies its update here and times until painted. */
	remoteEdit(row: number, col: number, value: number): Promise<number>;
}

declare global {
	interface Window {
		gridBench: GridBenchApi;
	}
}

export function cellSelectorFor(side: Side, row: number, col: number): string {
	const el = side.cell(row, col);
	if (!el) throw new Error(`cell ${row},${col} is not drawn`);
	el.dataset.benchTarget = `${row}-${col}`;
	return `[data-bench-target="${row}-${col}"]`;
}

export function install(side: Side, loaded: Promise<LoadInfo>, dbName: string): void {
	let armed: Promise<number> | null = null;
	let replica: { doc: Y.Doc; dossier: DossierDoc } | null = null;

	const shows = (row: number, col: number, expected: string) => () => {
		const el = side.cell(row, col);
		return !!el && side.text(el) === expected;
	};

	const api: GridBenchApi = {
		side: side.name,
		loaded,
		async seed() {
			const t = performance.now();
			const bytes = await seed(dbName);
			return { bytes, ms: performance.now() - t };
		},
		cellSelector: (row, col) => cellSelectorFor(side, row, col),
		cellText(row, col) {
			const el = side.cell(row, col);
			return el ? side.text(el) : null;
		},
		async scroll(axis, frames, step) {
			const deltas: number[] = [];
			const work: number[] = [];
			let pos = 0;
			side.scrollTo(axis, 0);
			let last = await nextFrame();
			for (let i = 0; i < frames; i++) {
				pos += step;
				side.scrollTo(axis, pos);
				const now = await nextFrame();
				// The rendering step of this frame (the scroll's layout and paint, and the grid's own frame callbacks).
				void afterThisFrame().then((end) => work.push(end - now));
				deltas.push(now - last);
				last = now;
			}
			await nextFrame();
			return { deltas, work };
		},
		async diagnoseLoad() {
			const t0 = performance.now();
			const updates = await readUpdates(dbName);
			const t1 = performance.now();
			const doc = new Y.Doc();
			doc.transact(() => {
				for (const u of updates) Y.applyUpdate(doc, u);
			});
			const t2 = performance.now();
			doc.destroy();
			return { bytes: updates.reduce((n, u) => n + u.byteLength, 0), updates: updates.length, readMs: t1 - t0, applyMs: t2 - t1 };
		},
		async resetScroll() {
			side.scrollTo('v', 0);
			side.scrollTo('h', 0);
			await nextFrame();
			await afterPaint();
		},
		armKey(row, col, expected) {
			armed = new Promise((resolve, reject) => {
				const onkey = (e: KeyboardEvent) => {
					if (e.key !== 'Enter') return;
					window.removeEventListener('keydown', onkey, true);
					const start = e.timeStamp;
					paintedWhen(side.root, shows(row, col, expected)).then((end) => resolve(end - start), reject);
				};
				window.addEventListener('keydown', onkey, true);
			});
		},
		keyLatency() {
			if (!armed) throw new Error('armKey first');
			const result = armed;
			armed = null;
			return result;
		},
		async paste(row, col, block) {
			await side.select(row, col);
			await afterPaint();
			// The part of the pasted range that is drawn now (the grid may scroll to it, but both stay put here).
			const visible: [number, number, string][] = [];
			for (let r = 0; r < block.length; r++) {
				for (let c = 0; c < block[r]!.length; c++) if (side.cell(row + r, col + c)) visible.push([row + r, col + c, block[r]![c]!]);
			}
			// Checked after every DOM mutation, so it must stay cheap: resume at the first cell still
			// waiting, and once each has been seen right, check them all once more.
			const shown = ([r, c, text]: [number, number, string]) => {
				const el = side.cell(r, c);
				return !!el && side.text(el) === text;
			};
			let next = 0;
			const done = () => {
				while (next < visible.length && shown(visible[next]!)) next++;
				return next === visible.length && visible.every(shown);
			};
			const dt = new DataTransfer();
			dt.setData('text/plain', block.map((line) => line.join('\t')).join('\r\n') + '\r\n');
			const painted = paintedWhen(side.root, done, 60_000);
			const start = performance.now();
			document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
			const end = await painted;
			return { ms: end - start, checkedCells: visible.length };
		},
		async remoteEdit(row, col, value) {
			if (!replica) {
				// Another device's replica of the same dossier (untimed setup).
				const doc = new Y.Doc();
				Y.applyUpdate(doc, Y.encodeStateAsUpdate(side.dossier.doc));
				replica = { doc, dossier: new DossierDoc(doc) };
			}
			replica.dossier.setAnswer(side.householdAt(row), FORM_KEY, side.keyAt(col), value);
			const update = Y.encodeStateAsUpdate(replica.doc, Y.encodeStateVector(side.dossier.doc));
			const painted = paintedWhen(side.root, shows(row, col, String(value)));
			const start = performance.now();
			Y.applyUpdate(side.dossier.doc, update, 'remote');
			return (await painted) - start;
		}
	};
	window.gridBench = api;
}

/** Resolves when `ready` holds, then after the frame that paints it: the load time from navigation start. */
export async function paintedLoad(root: Node, ready: () => boolean): Promise<number> {
	return paintedWhen(root, ready, 60_000);
}

/**
 * Runs a page: with `?seed` only gridBench.seed() is offered; otherwise the grid loads, the load
 * time is published as window.gridLoaded and the hooks are installed once the grid is up.
 */
export function start(name: Side['name'], dbName: string, load: () => Promise<{ side: Side; info: LoadInfo }>): void {
	if (new URLSearchParams(location.search).has('seed')) {
		install({ name } as Side, new Promise(() => {}), dbName);
		return;
	}
	const started = load();
	const loaded = started.then((s) => s.info);
	void started.then(({ side }) => install(side, loaded, dbName));
	(window as unknown as { gridLoaded: Promise<LoadInfo> }).gridLoaded = loaded;
}
