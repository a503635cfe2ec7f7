/**
 * What every XLSX export shares: a new workbook, the data dictionary (口径) sheet that travels
 * with it, and the bytes of the file with a name to save it under.
 */
import { ExcelJS, workbookBytes, type Workbook } from './exceljs';
import { columnLetter, Progress, writeTable, type DictionaryEntry, type TableColumn, type TableLayout } from './sheet';
import type { XlsxWords } from './words';

/** Called as rows are built (`rows`), then once when the file is being written (`file`). */
export type OnProgress = (done: number, total: number, phase: 'rows' | 'file') => void;

export interface ExportOptions {
	words: XlsxWords;
	/** The moment of the export (the "exported at" line, the file's dates); default: now. */
	now?: Date;
	onProgress?: OnProgress;
}

export interface XlsxFile {
	bytes: ArrayBuffer;
	/** A name to save it under, without a path: `东街村-附件1汇总表-2024-05-01.xlsx`. */
	fileName: string;
	/** Cells written in all (for a progress estimate next time, and the bench). */
	cells: number;
}

export { XLSX_MIME } from './mime';

export function newWorkbook(words: XlsxWords, now: Date): Workbook {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = words.t('app.name');
	workbook.lastModifiedBy = words.t('app.name');
	workbook.created = now;
	workbook.modified = now;
	return workbook;
}

/** One column of the dictionary: where it is (sheet, column letter) and what it is. */
export interface DictionaryRow {
	sheet: string;
	/** The column's letter, or empty for a form laid out as paper (questions are rows there). */
	column: string;
	header: string;
	entry: DictionaryEntry;
}

/** The dictionary rows of a table as written: one per column, with its letter. */
export function dictionaryRows(layout: Pick<TableLayout, 'sheet'>, columns: readonly TableColumn[], words: XlsxWords): DictionaryRow[] {
	return columns.map((column, i) => ({
		sheet: layout.sheet.name,
		column: columnLetter(i + 1),
		header: column.group ? `${column.group} / ${column.header}` : column.header,
		entry: column.dictionary ?? { type: words.t(`export.type.${kindType[column.kind]}`) }
	}));
}

const kindType: Record<TableColumn['kind'], string> = {
	text: 'text',
	longText: 'text',
	short: 'text',
	id: 'id',
	integer: 'integer',
	money: 'money',
	wan: 'money',
	date: 'date',
	month: 'month',
	percent: 'percent'
};

/**
 * The data dictionary (口径): a sheet naming every column of the export, its question, type,
 * unit, allowed values, the template version it came from and what to know about it.
 */
export function writeDictionary(workbook: Workbook, rows: readonly DictionaryRow[], words: XlsxWords, info: string[] = []): TableLayout {
	const d = (key: string) => words.t(`export.dictionary.${key}`);
	const columns: TableColumn[] = [
		{ header: d('index'), kind: 'integer', width: 6 },
		{ header: d('sheet'), kind: 'text', width: 14 },
		{ header: d('column'), kind: 'short', width: 6 },
		{ header: d('header'), kind: 'longText', width: 34 },
		{ header: d('question'), kind: 'longText', width: 34 },
		{ header: d('original'), kind: 'longText', width: 30 },
		{ header: d('type'), kind: 'text', width: 12 },
		{ header: d('unit'), kind: 'short', width: 8 },
		{ header: d('values'), kind: 'longText', width: 22 },
		{ header: d('source'), kind: 'text', width: 26 },
		{ header: d('note'), kind: 'longText', width: 36 }
	];
	return writeTable(
		workbook,
		words.t('export.sheet.dictionary'),
		{
			title: d('title'),
			info,
			columns,
			rowCount: rows.length,
			row: (i) => {
				const { sheet, column, header, entry } = rows[i]!;
				return [i + 1, sheet, column, header, entry.question ?? '', entry.original ?? '', entry.type, entry.unit ?? '', entry.values ?? '', entry.source ?? '', entry.note ?? ''];
			},
			frozenColumns: 4,
			orientation: 'landscape'
		},
		words
	);
}

/** The cells written, counted as rows × columns of every sheet (for the bench and a progress estimate). */
export function cellCount(workbook: Workbook): number {
	let cells = 0;
	for (const sheet of workbook.worksheets) cells += sheet.rowCount * Math.max(1, sheet.columnCount);
	return cells;
}

/** The finished file: the dictionary is the last sheet, the first sheet is the one shown. */
export async function finish(workbook: Workbook, fileName: string, progress: Progress): Promise<XlsxFile> {
	workbook.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];
	const cells = cellCount(workbook);
	progress.writing();
	const bytes = await workbookBytes(workbook, cells);
	return { bytes, fileName: safeFileName(fileName), cells };
}

/** A file name any system saves: no path separators or characters Windows refuses. */
export function safeFileName(name: string): string {
	return name.replace(/[\\/:*?"<>|]/g, '_').replace(/\p{Cc}/gu, '_').slice(0, 120);
}
