/**
 * The bench page of Dangka's grid: the dossier loaded from IndexedDB the way the app loads it,
 * a HouseholdGrid over it and Grid.svelte mounted, with no app shell around them.
 */
import { scriptStart } from './frames';
import { flushSync, mount } from 'svelte';
import * as Y from 'yjs';
import Grid from '../../src/lib/components/Grid.svelte';
import { DossierDoc } from '../../src/lib/dossier/dossierDoc';
import { EditHistory, type EditTarget } from '../../src/lib/client/editHistory.svelte';
import { HouseholdGrid, type GridHost } from '../../src/lib/client/householdGrid.svelte';
import { householdSource } from '../../src/lib/grid/gridSource';
import { CAMPAIGN, TEMPLATE, WORDS, openDossier } from './data';
import { paintedLoad, start, type LoadInfo, type Side } from './harness';

const DB = 'bench-grid-dangka';

async function load(): Promise<{ side: Side; info: LoadInfo }> {
	const { doc } = await openDossier(DB);
	const docMs = performance.now();
	const dossier = new DossierDoc(doc);
	// What a SyncedDoc does for the grid's history, minus saving state for the sync indicator.
	const target: EditTarget = {
		change: (_keys, edit, origin) => doc.transact(edit, origin),
		markPending: () => {},
		trackOrigin: () => () => {}
	};
	const host: GridHost = {
		dossier,
		editHistory: () => new EditHistory(target, [doc.getMap('households') as Y.Map<unknown>]),
		focusCell: () => {}
	};
	const grid = new HouseholdGrid(host, householdSource(dossier, TEMPLATE, CAMPAIGN, WORDS), { userId: 'bench', readonly: () => false });
	const app = document.getElementById('app')!;
	mount(Grid, { target: app, props: { grid, peers: [], onopen: () => {} } });
	flushSync();
	const root = app.querySelector<HTMLElement>('[data-testid="grid"]')!;
	const sink = app.querySelector<HTMLTextAreaElement>('[data-testid="grid-keys"]')!;
	const cell = (row: number, col: number) => root.querySelector<HTMLElement>(`.cell[data-r="${row}"][data-c="${col}"]`);
	const side: Side = {
		name: 'dangka',
		dossier,
		root,
		cell,
		text: (el) => el.querySelector('.value')?.textContent ?? '',
		scrollTo(axis, px) {
			if (axis === 'v') root.scrollTop = px;
			else root.scrollLeft = px;
		},
		async select(row, col) {
			grid.select({ anchor: { row, col }, active: { row, col } });
			sink.focus({ preventScroll: true });
		},
		householdAt: (row) => grid.householdAt(row)!,
		keyAt: (col) => grid.columns[col]!.key
	};
	// Painted with data: the first row's head and the first answer column show their text.
	const ready = () => !!cell(0, 0)?.textContent?.trim() && !!cell(0, 2) && !!cell(8, 2);
	const loadMs = await paintedLoad(root, ready);
	return { side, info: { loadMs, scriptMs: scriptStart, docMs, rows: grid.order.length, columns: grid.columns.length } };
}

start('dangka', DB, load);
