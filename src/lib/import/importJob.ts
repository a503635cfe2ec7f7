/**
 * One import, step by step, as the page walks a cadre through it: read the file and guess the
 * columns, plan against the dossier once the mapping is confirmed, then write. The job keeps the
 * parsed file between steps (a 50,000-row sheet is read once); it runs in a Web Worker, and its
 * answers are plain data the page can be sent.
 */
import * as Y from 'yjs';
import { DossierDoc, type Actor } from '../dossier/dossierDoc';
import type { Sheet } from './sheetFile';
import { readSheetFile } from './sheetFile';
import { findRosterSheet, noHeader, type ColumnTitle, type HeaderBlock } from './headerRows';
import { checkMapping, guessMapping, restoreMapping, sourceKey, type ColumnMapping, type MappingProblem } from './columnMapping';
import { readRoster, type RowIssue } from './roster';
import { planImport, type ImportPlan, type OtherDossierPerson } from './importPlan';
import { importPartCount, writeImportParts, type ApplyResult, type ImportPart } from './applyImport';
import { cellText, readField } from './cellValues';
import { importField } from './importFields';

export type ReadOutcome =
	| {
			ok: true;
			sheet: string;
			/** The text above the header (the sheet's title, unit, date). */
			titles: string[];
			columns: ColumnTitle[];
			/** The mapping to start from: the one remembered for this header shape, else the guess. */
			mapping: ColumnMapping;
			/** Whether `mapping` is the one remembered for this header's shape. */
			remembered: boolean;
			sourceKey: string;
			dataRows: number;
			/** The first data rows as the sheet shows them, for the cadre to see the columns' contents. */
			sample: string[][];
	  }
	| { ok: false; code: string; params?: Record<string, string | number> };

/** The ID numbers of one column (ImportJob.idsIn). */
export interface ColumnIds {
	ids: { row: number; idNumber: string }[];
	refused: RowIssue[];
}

export type PlanOutcome = { ok: true; plan: ImportPlan } | { ok: false; problems: MappingProblem[] };

const SAMPLE_ROWS = 3;

export class ImportJob {
	private sheet: Sheet | null = null;
	private header: HeaderBlock | null = null;
	private date1904 = false;
	private plan: ImportPlan | null = null;

	/** `remembered`: the mappings confirmed before, by source key (read from the device). */
	read(bytes: Uint8Array, fileName: string, remembered: (key: string) => ColumnMapping | null = () => null): ReadOutcome {
		this.plan = null;
		const file = readSheetFile(bytes, fileName);
		if (!file.ok) return { ok: false, code: file.refusal.code, params: file.refusal.params };
		const found = findRosterSheet(file.file.sheets);
		if (!found) {
			const first = file.file.sheets.find((sheet) => !sheet.hidden) ?? file.file.sheets[0];
			const refusal = first ? noHeader(first) : { code: 'import.file.empty' };
			return { ok: false, code: refusal.code, params: refusal.params };
		}
		this.sheet = found.sheet;
		this.header = found.header;
		this.date1904 = file.file.date1904;
		const key = sourceKey(found.header.columns);
		const saved = remembered(key);
		const mapping = saved ? restoreMapping(saved, found.header.columns) : guessMapping(found.header.columns).mapping;
		const rows = found.sheet.rows.slice(found.header.firstDataRow);
		return {
			ok: true,
			sheet: found.sheet.name,
			titles: found.header.titles,
			columns: found.header.columns,
			mapping,
			remembered: saved !== null,
			sourceKey: key,
			dataRows: rows.filter((row) => row?.some((cell) => cell !== null && cell !== undefined && cell !== '')).length,
			sample: rows.slice(0, SAMPLE_ROWS).map((row) => found.header.columns.map((c) => {
				const text = cellText(row?.[c.index]);
				return text.ok ? (text.value ?? '') : '';
			}))
		};
	}

	/**
	 * The ID numbers in one column of the sheet read (a department's list matched by ID): each
	 * as the card would keep it, with its row (1-based, as the sheet numbers it); a cell the card
	 * would refuse is reported with its reason (stored as a number, wrong check digit …), an
	 * empty one is passed over.
	 */
	idsIn(column: number): ColumnIds {
		if (!this.sheet || !this.header) throw new Error('read a file first');
		const title = this.header.columns.find((c) => c.index === column);
		if (!title) throw new Error(`no column ${column}`);
		const field = importField('member.id_number')!;
		const ref = { index: title.index, letter: title.letter, title: title.title };
		const ids: ColumnIds['ids'] = [];
		const refused: RowIssue[] = [];
		for (let r = this.header.firstDataRow; r < this.sheet.rows.length; r++) {
			const read = readField(field, this.sheet.rows[r]?.[column], this.date1904);
			if (!read.ok) refused.push({ row: r + 1, column: ref, code: read.code, ...(read.params ? { params: read.params } : {}) });
			else if (typeof read.value === 'string') ids.push({ row: r + 1, idNumber: read.value });
		}
		return { ids, refused };
	}

	/** What the import would do to the dossier (`state`: its encoded state), before anything is written. */
	preview(mapping: ColumnMapping, state: Uint8Array, otherDossiers: ReadonlyMap<string, OtherDossierPerson>, today: string): PlanOutcome {
		if (!this.sheet || !this.header) throw new Error('read a file first');
		const problems = checkMapping(mapping, this.header.columns);
		if (problems.length) return { ok: false, problems };
		const roster = readRoster(this.sheet, this.header, mapping, { date1904: this.date1904, today });
		const doc = new Y.Doc();
		try {
			Y.applyUpdate(doc, state);
			this.plan = planImport(roster, new DossierDoc(doc), { otherDossiers });
			return { ok: true, plan: this.plan };
		} finally {
			doc.destroy();
		}
	}

	/** The confirmed plan written onto the dossier as it is now, in parts of `householdsPerUpdate` households (writeImportParts). */
	write(state: Uint8Array, by: Actor, householdsPerUpdate: number): { parts: number; writing: Generator<ImportPart, ApplyResult> } {
		if (!this.plan) throw new Error('preview first');
		return { parts: importPartCount(this.plan, householdsPerUpdate), writing: writeImportParts(state, this.plan, { origin: null, by, householdsPerUpdate }) };
	}
}
