/**
 * A table with a grouped header, as the grid shows it now: given columns (each with its section)
 * and rows of what the cells show, an XLSX sheet in the same style as the other exports, and its
 * dictionary. The grid passes its current columns (filter, sort and shown columns as they stand)
 * through `gridViewColumns` and its cells as `{ value, text }`, so a stored answer is written
 * typed (money as yuan, dates as dates) and anything else as the text the grid showed.
 */
import type { FormValue } from '../../dossier/layout';
import { localDay } from '../../calendar/calendar';
import { moneyToFen } from '../../templates/answerInput';
import type { GridColumn } from '../../grid/gridColumns';
import type { LeafQuestion } from '../../templates/template';
import { householdCard } from '../../templates/householdCard';
import { CARD_FORM } from '../../dossier/layout';
import { answerCell, columnKind, dayCell, FEN_PER_WAN, FEN_PER_YUAN, questionEntry } from './cells';
import { Progress, writeTable, type ColumnKind, type DictionaryEntry, type TableColumn, type XlsxCell } from './sheet';
import { dictionaryRows, finish, newWorkbook, writeDictionary, type ExportOptions, type XlsxFile } from './workbook';
import type { XlsxWords } from './words';

export interface ViewColumn {
	header: string;
	/** The section the column falls under (merged over its columns in the header's first row). */
	group?: string;
	/** What the column holds; from `question` when absent, else text. */
	kind?: ColumnKind;
	/** The question the column shows: how its stored values are written, and its dictionary entry. */
	question?: LeafQuestion;
	/** A problem description column of `question`. */
	description?: boolean;
	/** Where the column comes from (template id@version), for the dictionary. */
	source?: string;
	dictionary?: DictionaryEntry;
	/** Kept in view when scrolling right (the frozen columns come first). */
	frozen?: boolean;
}

/**
 * A cell of the view: what the grid showed (text, a number: money as **fen**, as stored), or the
 * stored value with its text, `{ value, text }`, when the column has a question.
 */
export type ViewCell = string | number | boolean | null | undefined | { value: FormValue | undefined; text: string };

export interface TableExportOptions extends ExportOptions {
	title: string;
	info?: string[];
	sheetName?: string;
	columns: readonly ViewColumn[];
	/** The rows, or their count and a reader (asked once per row, in order). */
	rows: readonly (readonly ViewCell[])[] | { count: number; row(index: number): readonly ViewCell[] };
	/** The file's name without `.xlsx`. */
	fileName?: string;
}

function kindOf(column: ViewColumn): ColumnKind {
	return column.kind ?? (column.question ? columnKind(column.question, column.description) : 'text');
}

/** A cell the grid showed, as a typed cell of its column. */
export function viewCell(column: ViewColumn, kind: ColumnKind, cell: ViewCell, words: XlsxWords): XlsxCell {
	if (cell === null || cell === undefined) return null;
	if (typeof cell === 'object') {
		if (column.question && !column.description && cell.value !== undefined && cell.value !== null) {
			const typed = answerCell(column.question, cell.value, words);
			// A count the grid shows in words ("4 人，常住 3 人") is its words.
			if (typed !== null && !(typeof typed === 'number' && column.question.type === 'computed' && column.question.kind === 'headcount' && /\D/.test(cell.text))) return typed;
		}
		return cell.text === '' ? null : viewCell(column, kind, cell.text, words);
	}
	if (typeof cell === 'boolean') return cell ? words.yes : words.no;
	if (typeof cell === 'number') {
		if (kind === 'money') return cell / FEN_PER_YUAN;
		if (kind === 'wan') return cell / FEN_PER_WAN;
		return kind === 'id' ? String(cell) : cell;
	}
	if (cell === '') return null;
	switch (kind) {
		case 'money':
		case 'wan': {
			const fen = moneyToFen(cell, kind === 'wan' ? 'wan' : 'yuan');
			return fen === null ? cell : fen / (kind === 'wan' ? FEN_PER_WAN : FEN_PER_YUAN);
		}
		case 'integer':
			return /^-?\d{1,15}$/.test(cell.trim()) ? Number(cell.trim()) : cell;
		case 'date':
		case 'month':
			return /^\d{4}-\d{2}-\d{2}$/.test(cell) ? dayCell(cell) : /^\d{4}-\d{2}$/.test(cell) ? dayCell(`${cell}-01`) : cell;
		default:
			return cell;
	}
}

/** Any table with a grouped header as XLSX, with its dictionary. */
export async function tableXlsx(options: TableExportOptions): Promise<XlsxFile> {
	const { words } = options;
	const now = options.now ?? new Date();
	const workbook = newWorkbook(words, now);
	const count = 'count' in options.rows ? options.rows.count : options.rows.length;
	const read = 'count' in options.rows ? options.rows.row.bind(options.rows) : (i: number) => (options.rows as readonly (readonly ViewCell[])[])[i]!;
	const progress = new Progress(count, options.onProgress);
	const kinds = options.columns.map(kindOf);
	const columns: TableColumn[] = options.columns.map((c, i) => ({
		header: c.header,
		group: c.group,
		kind: kinds[i]!,
		dictionary:
			c.dictionary ??
			(c.question
				? {
						...questionEntry({ key: c.question.id, section: { zh: c.group ?? '', en: c.group ?? '' }, label: c.question.label, question: c.question, description: !!c.description, readOnly: false }, { id: '' }, [], words),
						source: c.source
					}
				: { type: words.t(`export.type.${kinds[i] === 'money' || kinds[i] === 'wan' ? 'money' : kinds[i] === 'integer' ? 'integer' : kinds[i] === 'date' ? 'date' : kinds[i] === 'id' ? 'id' : 'text'}`), source: c.source ?? words.t('export.source.grid') })
	}));
	const info = options.info ?? [words.t('export.info.exportedAt', { when: words.dateTime(now) })];
	const layout = writeTable(
		workbook,
		options.sheetName ?? words.t('export.sheet.view'),
		{
			title: options.title,
			info,
			columns,
			rowCount: count,
			row: (i) => {
				const cells = read(i);
				return options.columns.map((c, k) => viewCell(c, kinds[k]!, cells[k], words));
			},
			frozenColumns: options.columns.filter((c) => c.frozen).length
		},
		words,
		progress
	);
	writeDictionary(workbook, dictionaryRows(layout, columns, words), words, info);
	return finish(workbook, `${options.fileName ?? options.title}-${localDay(now)}.xlsx`, progress);
}

/**
 * The grid's columns as view columns: the frozen card columns, then each question under its
 * section; `source` names the template version a form key's columns come from.
 */
export function gridViewColumns(columns: readonly GridColumn[], words: XlsxWords, source: (formKey: string) => string | undefined = () => undefined): ViewColumn[] {
	return columns.map((c) => ({
		header: words.label(c.column.label),
		group: c.frozen ? undefined : words.label(c.column.section),
		question: c.column.question,
		description: c.column.description,
		frozen: c.frozen,
		source: c.formKey === CARD_FORM ? `${householdCard.id}@${householdCard.version}` : source(c.formKey)
	}));
}
