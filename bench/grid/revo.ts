/**
 * The bench page of RevoGrid (the maintained grid library the issue compares against): the same
 * dossier loaded from IndexedDB the same way, its rows turned into RevoGrid row objects (the
 * display text of every cell, as Dangka's cells show it), the same columns and widths (frozen
 * ones pinned, grouped by section as Dangka's header is), and RevoGrid's own edits (editor,
 * clipboard) written back to the Y.Doc; edits from another replica are set into its source.
 */
import { scriptStart } from './frames';
import { defineCustomElements } from '@revolist/revogrid/loader';
import type { AfterEditEvent, ColumnGrouping, ColumnRegular, DataType } from '@revolist/revogrid';
import { DossierDoc } from '../../src/lib/dossier/dossierDoc';
import { CARD_FORM, type Answer, type FormValue } from '../../src/lib/dossier/layout';
import { householdGridColumns, type GridColumn } from '../../src/lib/grid/gridColumns';
import { formatCell } from '../../src/lib/templates/columns';
import { questionValue } from '../../src/lib/templates/formState';
import { readCell } from '../../src/lib/grid/cellInput';
import { FORM_KEY, TEMPLATE, WORDS, openDossier } from './data';
import { paintedLoad, start, type LoadInfo, type Side } from './harness';

const DB = 'bench-grid-revogrid';
const LOCAL = Symbol('revogrid edit');

type RevoGridElement = HTMLElement & {
	columns: (ColumnRegular | ColumnGrouping)[];
	source: DataType[];
	rowSize: number;
	range: boolean;
	useClipboard: boolean;
	resize: boolean;
	readonly: boolean;
	setDataAt(cell: { row: number; col: number; colType?: string; val: unknown }): Promise<unknown>;
	setCellsFocus(start: { x: number; y: number }, end: { x: number; y: number }, colType?: string, rowType?: string): Promise<void>;
	scrollToCoordinate(cell: { x?: number; y?: number }): Promise<void>;
};

/** The text of every cell of a household, as Dangka's grid shows it. */
function rowOf(dossier: DossierDoc, id: string, columns: GridColumn[]): DataType {
	const card = dossier.answers(id, CARD_FORM);
	const form = dossier.answers(id, FORM_KEY);
	const row: DataType = { __id: id };
	for (const column of columns) {
		const answers: Record<string, FormValue> = column.formKey === CARD_FORM ? card : form;
		const q = column.column.question;
		const value = !column.column.description && q.type === 'computed' ? questionValue(q, answers, { meta: null, card, income: null }) : answers[column.key];
		row[column.id] = formatCell(column.column, value, WORDS);
	}
	return row;
}

async function load(): Promise<{ side: Side; info: LoadInfo }> {
	void defineCustomElements();
	const { doc } = await openDossier(DB);
	const docMs = performance.now();
	const dossier = new DossierDoc(doc);
	const columns = householdGridColumns(TEMPLATE, FORM_KEY);
	const frozen = columns.filter((c) => c.frozen);
	const order = dossier.listHouseholds().map((h) => h.id);
	const source = order.map((id) => rowOf(dossier, id, columns));
	const rowIndex = new Map(order.map((id, i) => [id, i]));

	const defs: (ColumnRegular | ColumnGrouping)[] = frozen.map((c) => ({ prop: c.id, name: c.column.label.zh, size: c.width, pin: 'colPinStart' as const, readonly: true }));
	for (const c of columns.filter((c) => !c.frozen)) {
		const def: ColumnRegular = { prop: c.id, name: c.column.label.zh, size: c.width, readonly: c.column.readOnly };
		const last = defs.at(-1);
		if (last && 'children' in last && last.name === c.column.section.zh) last.children.push(def);
		else defs.push({ name: c.column.section.zh, children: [def] });
	}
	const byProp = new Map(columns.map((c) => [c.id, c]));

	const grid = document.createElement('revo-grid') as RevoGridElement;
	grid.style.height = '630px';
	grid.style.display = 'block';
	grid.rowSize = 32;
	grid.range = true;
	grid.useClipboard = true;
	grid.resize = false;
	grid.columns = defs;
	grid.source = source;

	// RevoGrid's own edits (its editor, its paste) go into the dossier, read the way Dangka reads them.
	grid.addEventListener('afteredit', (e) => {
		const detail = (e as CustomEvent<AfterEditEvent>).detail;
		const writes: [number, string, unknown][] = [];
		// A single cell's edit also carries `data` (the viewport's rows): tell them apart by `prop`.
		if ('prop' in detail) writes.push([detail.rowIndex, String(detail.prop), detail.val]);
		else for (const [row, changes] of Object.entries(detail.data)) for (const [prop, val] of Object.entries(changes)) writes.push([Number(row), prop, val]);
		doc.transact(() => {
			for (const [row, prop, val] of writes) {
				const column = byProp.get(prop);
				const id = order[row];
				if (!column || !id) continue;
				const read = readCell(column.column, String(val ?? ''));
				if (read.ok) dossier.setAnswer(id, column.formKey, column.key, read.value as Answer | undefined, LOCAL);
			}
		}, LOCAL);
	});
	// Another replica's edit: the changed households' rows are rebuilt and their changed cells set.
	dossier.observeHouseholds((changed, origin) => {
		if (origin === LOCAL) return;
		for (const id of changed) {
			const index = rowIndex.get(id);
			if (index === undefined) continue;
			const next = rowOf(dossier, id, columns);
			const current = source[index]!;
			columns.forEach((column, c) => {
				if (current[column.id] === next[column.id]) return;
				current[column.id] = next[column.id];
				const pinned = c < frozen.length;
				void grid.setDataAt({ row: index, col: pinned ? c : c - frozen.length, colType: pinned ? 'colPinStart' : 'rgCol', val: next[column.id] });
			});
		}
	});

	const app = document.getElementById('app')!;
	app.append(grid);
	const cell = (row: number, col: number) => {
		const pinned = col < frozen.length;
		const type = pinned ? 'colPinStart' : 'rgCol';
		return grid.querySelector<HTMLElement>(`revogr-data[type="rgRow"][col-type="${type}"] [data-rgrow="${row}"][data-rgcol="${pinned ? col : col - frozen.length}"]`);
	};
	const side: Side = {
		name: 'revogrid',
		dossier,
		root: grid,
		cell,
		text: (el) => el.textContent ?? '',
		scrollTo(axis, px) {
			void grid.scrollToCoordinate(axis === 'v' ? { y: px } : { x: px });
		},
		async select(row, col) {
			const pinned = col < frozen.length;
			const x = pinned ? col : col - frozen.length;
			await grid.setCellsFocus({ x, y: row }, { x, y: row }, pinned ? 'colPinStart' : 'rgCol', 'rgRow');
		},
		householdAt: (row) => order[row]!,
		keyAt: (col) => columns[col]!.key
	};
	const ready = () => !!cell(0, 0)?.textContent?.trim() && !!cell(0, 2) && !!cell(8, 2);
	const loadMs = await paintedLoad(grid, ready);
	return { side, info: { loadMs, scriptMs: scriptStart, docMs, rows: order.length, columns: columns.length } };
}

start('revogrid', DB, load);
