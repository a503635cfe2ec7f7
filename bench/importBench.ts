/**
 * Import benchmark: a township's 花名册 of 5,000 households × 10 members (50,000 rows, a title,
 * a two-row header with merged parents, the household number and head merged down each
 * household) written with exceljs, then every stage the import runs, timed apart: reading the
 * workbook, finding the header and guessing the mapping, reading the rows into households,
 * planning against the dossier, and writing it in one transaction. Then the same file again
 * into the filled dossier (every household matched, nothing to change), and the Web Worker's
 * way of writing (on a copy, returning one update, or one per 500 households, that the page
 * applies under its origin: the longest of those is the page's longest frozen frame).
 * The budget: the first import in under 10 s.
 */
import * as Y from 'yjs';
import { DossierDoc } from '../src/lib/dossier/dossierDoc';
import { readSheetFile } from '../src/lib/import/sheetFile';
import { findRosterSheet } from '../src/lib/import/headerRows';
import { guessMapping } from '../src/lib/import/columnMapping';
import { readRoster } from '../src/lib/import/roster';
import { planImport } from '../src/lib/import/importPlan';
import { applyImport, applyImportAsUpdate, applyImportAsUpdates } from '../src/lib/import/applyImport';
import { rosterWorkbook } from '../src/lib/import/testing/rosterFixtures';

export interface ImportBenchRow {
	households: number;
	membersPerHousehold: number;
	rows: number;
	fileBytes: number;
	/** Writing the fixture with exceljs (not part of an import). */
	buildFileMs: number;
	readMs: number;
	headerAndMappingMs: number;
	rosterMs: number;
	planMs: number;
	applyMs: number;
	/** read + header and mapping + roster + plan + apply: what a cadre waits for. */
	importMs: number;
	/** The CPU time of those stages (all of the process's threads, the garbage collector's too): steadier than the wall clock on a busy machine. */
	importCpuMs: number;
	/** The same file planned against the dossier it filled: every household matched, unchanged. */
	replanMs: number;
	/** On a copy (in a worker): decode the dossier, write, encode the update. */
	workerApplyMs: number;
	/** The page's part of the worker path: applying that update. */
	pageApplyUpdateMs: number;
	updateBytes: number;
	/** The worker path in updates of 500 households: the worker's time, and the page's longest single apply (its longest frozen frame). */
	workerChunkedMs: number;
	pageChunkMaxMs: number;
	chunks: number;
}

const HOUSEHOLDS_PER_UPDATE = 500;

const elapsed = (since: number) => performance.now() - since;

export async function importBench(households = 5000, members = 10): Promise<ImportBenchRow> {
	let t = performance.now();
	const bytes = await rosterWorkbook(households, members);
	const buildFileMs = elapsed(t);

	const start = performance.now();
	const cpu = process.cpuUsage();
	t = start;
	const file = readSheetFile(bytes, '花名册.xlsx');
	if (!file.ok) throw new Error(`refused: ${file.refusal.code}`);
	const readMs = elapsed(t);

	t = performance.now();
	const found = findRosterSheet(file.file.sheets);
	if (!found) throw new Error('no header found');
	const { mapping } = guessMapping(found.header.columns);
	const headerAndMappingMs = elapsed(t);

	t = performance.now();
	const roster = readRoster(found.sheet, found.header, mapping);
	const rosterMs = elapsed(t);
	if (roster.households.length !== households || roster.refused.length) {
		throw new Error(`read ${roster.households.length} households, refused ${roster.refused.length} rows: ${JSON.stringify(roster.refused.slice(0, 3))}`);
	}

	const dossier = new DossierDoc();
	dossier.init({ id: 'benchimport01', township: '洺州镇', village: '冯老村', createdBy: 'bench' });
	const initial = Y.encodeStateAsUpdate(dossier.doc);
	t = performance.now();
	const plan = planImport(roster, dossier);
	const planMs = elapsed(t);

	t = performance.now();
	const result = applyImport(dossier, plan, { origin: 'import', by: { name: 'bench' } });
	const applyMs = elapsed(t);
	const importMs = elapsed(start);
	const used = process.cpuUsage(cpu);
	const importCpuMs = (used.user + used.system) / 1000;
	if (result.created.length !== households || result.membersAdded !== households * members) throw new Error('the import lost households');

	t = performance.now();
	const again = planImport(roster, dossier);
	const replanMs = elapsed(t);
	if (again.totals.unchangedHouseholds !== households) throw new Error('a re-import found changes');

	t = performance.now();
	const { update } = applyImportAsUpdate(initial, plan, { origin: 'import', by: { name: 'bench' } });
	const workerApplyMs = elapsed(t);
	const page = new Y.Doc();
	Y.applyUpdate(page, initial);
	t = performance.now();
	Y.applyUpdateV2(page, update, 'import');
	const pageApplyUpdateMs = elapsed(t);
	if (new DossierDoc(page).listHouseholds().length !== households) throw new Error('the update lost households');

	t = performance.now();
	const { updates } = applyImportAsUpdates(initial, plan, { origin: 'import', by: { name: 'bench' }, householdsPerUpdate: HOUSEHOLDS_PER_UPDATE });
	const workerChunkedMs = elapsed(t);
	const chunkedPage = new Y.Doc();
	Y.applyUpdate(chunkedPage, initial);
	let pageChunkMaxMs = 0;
	for (const part of updates) {
		t = performance.now();
		Y.applyUpdateV2(chunkedPage, part, 'import');
		pageChunkMaxMs = Math.max(pageChunkMaxMs, elapsed(t));
	}
	if (new DossierDoc(chunkedPage).listHouseholds().length !== households) throw new Error('the updates lost households');

	return {
		households,
		membersPerHousehold: members,
		rows: households * members,
		fileBytes: bytes.byteLength,
		buildFileMs,
		readMs,
		headerAndMappingMs,
		rosterMs,
		planMs,
		applyMs,
		importMs,
		importCpuMs,
		replanMs,
		workerApplyMs,
		pageApplyUpdateMs,
		updateBytes: update.byteLength,
		workerChunkedMs,
		pageChunkMaxMs,
		chunks: updates.length
	};
}

/** The table bench/run.ts prints. */
export function printImport(row: ImportBenchRow): void {
	const ms = (n: number) => n.toFixed(0);
	console.table([
		{
			'file (MB)': (row.fileBytes / 1024 / 1024).toFixed(1),
			'read (ms)': ms(row.readMs),
			'header+mapping (ms)': ms(row.headerAndMappingMs),
			'rows (ms)': ms(row.rosterMs),
			'plan (ms)': ms(row.planMs),
			'apply (ms)': ms(row.applyMs),
			'import total (ms)': ms(row.importMs),
			'import CPU (ms)': ms(row.importCpuMs),
			're-plan (ms)': ms(row.replanMs),
			'worker apply (ms)': ms(row.workerApplyMs),
			'page applyUpdate (ms)': ms(row.pageApplyUpdateMs),
			'update (MB)': (row.updateBytes / 1024 / 1024).toFixed(2),
			[`worker, ${HOUSEHOLDS_PER_UPDATE} per update (ms)`]: ms(row.workerChunkedMs),
			'page, longest update (ms)': ms(row.pageChunkMaxMs)
		}
	]);
}
