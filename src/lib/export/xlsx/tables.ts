/**
 * Report tables (the statistics page's, statistics/tables.ts) as one workbook in the county's
 * style: the summary paragraph on a sheet of its own first, then a sheet per table named by its
 * title, each with its two-row header where columns are grouped (the group merged over its
 * columns), counts as integers, rates as fractions formatted 0.0%, a figure that does not apply
 * as "—" as the page shows it, the 合计 row in bold and the table's note under it; and the data
 * dictionary (口径) last, as every export has.
 */
import { localDay } from '../../calendar/calendar';
import { addSheet, columnLetter, heightFor, linesIn, pageSetup, Progress, setMerged, stylesOf, writeTable, type ColumnKind, type TableColumn, type XlsxCell } from './sheet';
import { infoLine } from './summary';
import { dictionaryRows, finish, newWorkbook, writeDictionary, type DictionaryRow, type ExportOptions, type XlsxFile } from './workbook';
import type { Workbook } from './exceljs';
import type { XlsxWords } from './words';

/** A column of a report table: text as it is, a count, or a rate given as a fraction. */
export interface ReportColumn {
	label: string;
	/** The header over this column and its neighbours with the same group. */
	group?: string;
	kind: 'text' | 'count' | 'percent';
}

/** A row's cells in column order; `null` is a figure that does not apply. */
export interface ReportRow {
	cells: readonly (string | number | null)[];
}

/** A table as statistics/tables.ts makes it (StatsTable is one). */
export interface ReportTable {
	title: string;
	columns: readonly ReportColumn[];
	rows: readonly ReportRow[];
	/** 合计. */
	footer?: ReportRow;
	/** Said under the table. */
	note?: string;
}

export interface TablesExportOptions extends ExportOptions {
	/** The workbook's title (the summary sheet's heading, and the file's name when `fileName` is absent). */
	title: string;
	/** Lines of facts each sheet repeats under its title (乡镇, 排查活动, 截至 …); the export time is added. */
	info?: string[];
	tables: readonly ReportTable[];
	/** The paragraph written upward, on a sheet of its own before the tables. */
	summary?: string;
	/** The file's name without the day and `.xlsx`. */
	fileName?: string;
}

/** What the page shows for a figure that does not apply (statistics/tables.ts cellText). */
export const NOT_APPLICABLE = '—';

const KIND: Record<ReportColumn['kind'], ColumnKind> = { text: 'text', count: 'integer', percent: 'percent' };

function cellOf(value: string | number | null | undefined): XlsxCell {
	return value === null || value === undefined ? NOT_APPLICABLE : value;
}

/** Width of the summary sheet: eight columns that fit a portrait A4 page. */
const SUMMARY_COLUMNS = 8;
const SUMMARY_WIDTH = 12;

function writeSummary(workbook: Workbook, title: string, info: string, summary: string, words: XlsxWords): void {
	const heading = words.t('stats.summary');
	const ws = addSheet(workbook, heading);
	const styles = stylesOf(workbook, words);
	const n = SUMMARY_COLUMNS;
	for (let c = 1; c <= n; c++) ws.getColumn(c).width = SUMMARY_WIDTH;
	const width = n * SUMMARY_WIDTH;
	// The title, the facts, a blank row, the heading and the paragraph, each merged across.
	setMerged(ws, 1, 1, 1, n, title, styles.title);
	ws.getRow(1).height = 30;
	setMerged(ws, 2, 1, 2, n, info, styles.info);
	ws.getRow(2).height = heightFor(linesIn(info, width)) ?? 18;
	setMerged(ws, 4, 1, 4, n, heading, styles.subtitle);
	ws.getRow(4).height = 20;
	setMerged(ws, 5, 1, 5, n, summary, { ...styles.info, alignment: { horizontal: 'left', vertical: 'top', wrapText: true } });
	ws.getRow(5).height = heightFor(linesIn(summary, width)) ?? 18;
	pageSetup(ws, { orientation: 'portrait', printArea: `A1:${columnLetter(n)}5`, words });
}

/** The dictionary's entry for a column of a report table. */
function entryOf(column: ReportColumn, notApplicable: boolean, words: XlsxWords): NonNullable<TableColumn['dictionary']> {
	const notes = [column.kind === 'percent' ? words.t('export.note.percent') : '', notApplicable ? words.t('export.note.notApplicable') : ''].filter(Boolean);
	return {
		type: words.t(`export.type.${column.kind === 'count' ? 'integer' : column.kind}`),
		source: words.t('export.source.stats'),
		...(notes.length ? { note: notes.join('；') } : {})
	};
}

/** Report tables as one workbook: a sheet per table, the summary first, the dictionary last. */
export async function tablesXlsx(options: TablesExportOptions): Promise<XlsxFile> {
	const { words } = options;
	const now = options.now ?? new Date();
	const workbook = newWorkbook(words, now);
	const progress = new Progress(
		options.tables.reduce((sum, table) => sum + table.rows.length, 0),
		options.onProgress
	);
	const info = infoLine([...(options.info ?? []), words.t('export.info.exportedAt', { when: words.dateTime(now) })], words);
	if (options.summary) writeSummary(workbook, options.title, info, options.summary, words);

	const dictionary: DictionaryRow[] = [];
	for (const table of options.tables) {
		const rows = [...table.rows, ...(table.footer ? [table.footer] : [])];
		const columns: TableColumn[] = table.columns.map((column, c) => ({
			header: column.label,
			group: column.group,
			kind: KIND[column.kind],
			dictionary: entryOf(
				column,
				rows.some((row) => (row.cells[c] ?? null) === null),
				words
			)
		}));
		const layout = writeTable(
			workbook,
			table.title,
			{
				title: table.title,
				info: [info],
				columns,
				rowCount: table.rows.length,
				row: (i) => table.columns.map((_, c) => cellOf(table.rows[i]!.cells[c])),
				...(table.footer ? { total: table.columns.map((_, c) => cellOf(table.footer!.cells[c])) } : {}),
				...(table.note ? { note: table.note } : {}),
				frozenColumns: 1
			},
			words,
			progress
		);
		dictionary.push(...dictionaryRows(layout, columns, words));
	}
	writeDictionary(workbook, dictionary, words, [info]);
	return finish(workbook, `${options.fileName ?? options.title}-${localDay(now)}.xlsx`, progress);
}
