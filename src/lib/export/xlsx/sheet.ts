/**
 * The sheet as paper: the building blocks every XLSX export uses. A table with a title, lines of
 * facts under it, a one- or two-row header (a section merged over its columns), thin borders,
 * 宋体 body and 黑体 titles, column widths fitted to Chinese text, wrapped text with row heights
 * that show it, frozen header rows and first columns, A4 fitted to the page width with the
 * header rows repeated on every printed page, and the print area set. Cells are typed: numbers
 * are numbers (money in yuan with two decimals, 万元 to six), dates are dates, ID numbers and
 * phone numbers are text in a text-formatted cell, and a value that does not fit its column is
 * written as it stands, in red, never coerced.
 *
 * Style objects are shared, one per kind of cell: exceljs recognises a style object it has seen
 * (a WeakMap), which keeps 750,000 styled cells from costing a style lookup each.
 */
import type { Borders, Style, Workbook, Worksheet } from './exceljs';
import type { XlsxWords } from './words';

/** What a column holds, which decides its cell style and width. */
export type ColumnKind =
	/** Short text (names, labels). */
	| 'text'
	/** Text that wraps in a wide column (descriptions, measures, notes). */
	| 'longText'
	/** A few characters, centred (是/否, 户类型, a state). */
	| 'short'
	/** An identifier kept as text whatever its digits: a resident ID, a phone number. */
	| 'id'
	| 'integer'
	/** Yuan, two decimals. */
	| 'money'
	/** 万元, up to six decimals (附件2's "实际 万元"). */
	| 'wan'
	| 'date'
	/** A month (摸排时间 2022年8月). */
	| 'month'
	/** A rate: the fraction as the value (0.545), shown as a percentage with one decimal (54.5%). */
	| 'percent';

/** One row of the data dictionary (口径) for a column. */
export interface DictionaryEntry {
	/** The question as the form asks it (in the export's language). */
	question?: string;
	/** The official form's own words, where the template transcribes them. */
	original?: string;
	type: string;
	unit?: string;
	/** Allowed values: 是/否, the options of a choice. */
	values?: string;
	/** Where the column comes from: template id@version(s), the household card, the ledger … */
	source?: string;
	note?: string;
}

export interface TableColumn {
	header: string;
	/** The section this column falls under: the first header row, merged over its columns. */
	group?: string;
	kind: ColumnKind;
	/** Width in characters; fitted to the header and the values when absent. */
	width?: number;
	dictionary?: DictionaryEntry;
}

/** Text that stands out: a value that does not fit its question (red), an alert (red), a note (grey). */
export interface MarkedText {
	text: string;
	tone: 'invalid' | 'alert' | 'note';
}

/** A cell as written. Money is already in yuan (or 万元) here; see cells.ts for answers. */
export type XlsxCell = string | number | Date | null | undefined | MarkedText;

/** Items of a signature line under a table: "排查人员（签字）：王五", "签字日期：" a date. */
export interface FooterItem {
	label: string;
	value?: string | Date | null;
}

export interface TableSpec {
	title: string;
	/** Lines of facts under the title (乡镇：… 村：… 导出时间：…). */
	info?: string[];
	columns: TableColumn[];
	rowCount: number;
	/** The cells of data row `index` (0-based), in column order; asked for once per row, in order. */
	row(index: number): XlsxCell[];
	/** Columns kept in view when scrolling right (序号, 户主 …). */
	frozenColumns?: number;
	footer?: FooterItem[][];
	/** A 合计 row under the data rows, in bold, in column order (typed as the data rows are). */
	total?: XlsxCell[];
	/** A line said under the table (what a figure means, why rows do not add up), merged across it. */
	note?: string;
	/** Default: landscape when the columns are wider than a portrait A4 page. */
	orientation?: 'portrait' | 'landscape';
}

/** Where a written table's parts are, for the dictionary and for tests. */
export interface TableLayout {
	sheet: Worksheet;
	headerTop: number;
	headerBottom: number;
	firstDataRow: number;
	lastDataRow: number;
	/** The 合计 row, when the table has one. */
	totalRow?: number;
	/** The note under the table, when it has one. */
	noteRow?: number;
	lastRow: number;
	columnCount: number;
}

/** Counts rows done and tells the caller now and then (a progress bar, not a log). */
export class Progress {
	private done = 0;
	private reported = -1;
	private readonly step: number;

	constructor(
		readonly total: number,
		private readonly report?: (done: number, total: number, phase: 'rows' | 'file') => void
	) {
		this.step = Math.max(1, Math.floor(total / 100));
		report?.(0, total, 'rows');
	}

	tick(count = 1): void {
		this.done += count;
		if (this.report && (this.done - this.reported >= this.step || this.done >= this.total)) {
			this.reported = this.done;
			this.report(Math.min(this.done, this.total), this.total, 'rows');
		}
	}

	/** Every row is built; the file is being written (compressed), which takes a while on its own. */
	writing(): void {
		this.report?.(this.total, this.total, 'file');
	}
}

const BLACK = { argb: 'FF000000' };
const thin = { style: 'thin' as const, color: BLACK };
const BORDER: Partial<Borders> = { top: thin, left: thin, bottom: thin, right: thin };
/** GB2312: tells Excel the font is a Chinese one. */
const CHINESE = 134;

/** The workbook's shared styles, one object per kind of cell. */
export interface Styles {
	title: Partial<Style>;
	subtitle: Partial<Style>;
	info: Partial<Style>;
	header: Partial<Style>;
	footer: Partial<Style>;
	footerValue: Partial<Style>;
	footerDate: Partial<Style>;
	cell: Record<ColumnKind, Partial<Style>>;
	/** The cells of a 合计 row: each kind's style in bold. */
	total: Record<ColumnKind, Partial<Style>>;
	/** A note under a table. */
	note: Partial<Style>;
	tone: Record<MarkedText['tone'], Partial<Style>>;
	/** A section's name down the side of a paper form. */
	side: Partial<Style>;
	/** A yes/no ticked as on paper (☑是 ☐否). */
	ticks: Partial<Style>;
}

const styleCache = new WeakMap<Workbook, Styles>();

export function stylesOf(workbook: Workbook, words: XlsxWords): Styles {
	let styles = styleCache.get(workbook);
	if (styles) return styles;
	const body = { name: words.fonts.body, size: 10, charset: CHINESE };
	const wrap = { vertical: 'middle' as const, wrapText: true };
	const cell = (extra: Partial<Style>): Partial<Style> => ({ font: body, border: BORDER, alignment: wrap, ...extra });
	const dateFormat = 'yyyy-mm-dd';
	const monthFormat = words.locale === 'zh' ? 'yyyy"年"m"月"' : 'yyyy-mm';
	const cells: Record<ColumnKind, Partial<Style>> = {
		text: cell({}),
		longText: cell({ alignment: { vertical: 'top', wrapText: true } }),
		short: cell({ alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } }),
		// '@': Excel keeps what is typed into the cell later as text too.
		id: cell({ numFmt: '@' }),
		integer: cell({ numFmt: '0', alignment: { horizontal: 'right', vertical: 'middle' } }),
		money: cell({ numFmt: '#,##0.00', alignment: { horizontal: 'right', vertical: 'middle' } }),
		wan: cell({ numFmt: '#,##0.00####', alignment: { horizontal: 'right', vertical: 'middle' } }),
		date: cell({ numFmt: dateFormat, alignment: { horizontal: 'center', vertical: 'middle' } }),
		month: cell({ numFmt: monthFormat, alignment: { horizontal: 'center', vertical: 'middle' } }),
		percent: cell({ numFmt: '0.0%', alignment: { horizontal: 'right', vertical: 'middle' } })
	};
	styles = {
		title: { font: { name: words.fonts.title, size: 16, charset: CHINESE }, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } },
		subtitle: { font: { name: words.fonts.title, size: 11, charset: CHINESE }, alignment: { horizontal: 'left', vertical: 'middle' } },
		info: { font: body, alignment: { horizontal: 'left', vertical: 'middle', wrapText: true } },
		header: { font: { ...body, bold: true }, border: BORDER, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } },
		footer: { font: body, alignment: { horizontal: 'left', vertical: 'middle' } },
		footerValue: { font: body, alignment: { horizontal: 'left', vertical: 'middle' } },
		footerDate: { font: body, numFmt: words.locale === 'zh' ? 'yyyy"年"m"月"d"日"' : dateFormat, alignment: { horizontal: 'left', vertical: 'middle' } },
		cell: cells,
		total: Object.fromEntries(Object.entries(cells).map(([kind, style]) => [kind, { ...style, font: { ...body, bold: true } }])) as Record<ColumnKind, Partial<Style>>,
		note: { font: { ...body, color: { argb: 'FF595959' } }, alignment: { horizontal: 'left', vertical: 'top', wrapText: true } },
		tone: {
			invalid: cell({ font: { ...body, color: { argb: 'FFC00000' } } }),
			alert: cell({ font: { ...body, color: { argb: 'FFC00000' } }, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } }),
			note: cell({ font: { ...body, italic: true, color: { argb: 'FF666666' } } })
		},
		side: { font: { ...body, bold: true }, border: BORDER, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } },
		ticks: cell({ alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } })
	};
	styleCache.set(workbook, styles);
	return styles;
}

/** The column's letter(s): 1 → A, 27 → AA. */
export function columnLetter(index: number): string {
	let n = index;
	let letters = '';
	while (n > 0) {
		const r = (n - 1) % 26;
		letters = String.fromCharCode(65 + r) + letters;
		n = Math.floor((n - 1) / 26);
	}
	return letters;
}

/**
 * How wide text is in Excel's units (the width of "0"): a Chinese character (and a full-width
 * sign) takes two, anything else one. Good enough for 宋体 at 10–11 pt.
 */
export function textWidth(text: string): number {
	let width = 0;
	for (let i = 0; i < text.length; i++) width += text.charCodeAt(i) >= 0x2e80 ? 2 : 1;
	return width;
}

/** The widest line of text with explicit line breaks. */
function widestLine(text: string): number {
	if (!text.includes('\n')) return textWidth(text);
	return Math.max(...text.split('\n').map(textWidth));
}

/** How many lines text takes in a column `width` wide (wrapped at the column's edge). */
export function linesIn(text: string, width: number): number {
	const room = Math.max(1, width - 1);
	let lines = 0;
	for (const line of text.split('\n')) lines += Math.max(1, Math.ceil(textWidth(line) / room));
	return lines;
}

/** Points per line of 10 pt 宋体, with its leading. */
const LINE = 13.5;

export function heightFor(lines: number): number | undefined {
	return lines > 1 ? Math.round(lines * LINE + 3) : undefined;
}

/** Limits for fitted widths, per kind: long text wraps at its cap, the rest is fitted. */
const WIDTH: Record<ColumnKind, { min: number; max: number }> = {
	text: { min: 6, max: 24 },
	longText: { min: 16, max: 40 },
	short: { min: 6, max: 14 },
	id: { min: 8, max: 22 },
	integer: { min: 6, max: 12 },
	money: { min: 10, max: 16 },
	wan: { min: 10, max: 16 },
	date: { min: 11, max: 12 },
	month: { min: 10, max: 12 },
	percent: { min: 8, max: 10 }
};

/** A header needs no more than a few lines: a long question wraps over up to four. */
const HEADER_LINES = 4;

/** Excel's limit for a sheet name, and the characters it refuses in one. */
export function uniqueSheetName(workbook: Workbook, wanted: string): string {
	const clean = cut(wanted.replace(/[[\]:*?/\\]/g, '_').replace(/^'+|'+$/g, '').trim(), 31) || 'Sheet';
	const taken = new Set(workbook.worksheets.map((w) => w.name.toLowerCase()));
	if (!taken.has(clean.toLowerCase())) return clean;
	for (let n = 2; ; n++) {
		const suffix = `(${n})`;
		const name = cut(clean, 31 - suffix.length) + suffix;
		if (!taken.has(name.toLowerCase())) return name;
	}
}

/** The first `length` UTF-16 units of text (Excel counts a name so), never half of a character. */
function cut(text: string, length: number): string {
	const head = text.slice(0, length);
	return /[\uD800-\uDBFF]$/.test(head) ? head.slice(0, -1) : head;
}

/** A new sheet with a name Excel accepts, unique in the workbook. */
export function addSheet(workbook: Workbook, name: string): Worksheet {
	return workbook.addWorksheet(uniqueSheetName(workbook, name));
}

function displayWidth(value: XlsxCell, kind: ColumnKind): number {
	if (value === null || value === undefined) return 0;
	if (typeof value === 'string') return widestLine(value);
	if (typeof value === 'number') {
		if (kind === 'money' || kind === 'wan') return Math.abs(value) >= 1000 ? String(Math.trunc(value)).length * 1.35 + 4 : String(Math.trunc(value)).length + 4;
		// "100.0%"
		if (kind === 'percent') return String(Math.trunc(Math.abs(value) * 100)).length + 3 + (value < 0 ? 1 : 0);
		return String(value).length + 1;
	}
	if (value instanceof Date) return kind === 'month' ? 9 : 10;
	return widestLine(value.text);
}

function writeValue(value: XlsxCell): string | number | Date | null {
	if (value === null || value === undefined || value === '') return null;
	if (typeof value === 'object' && !(value instanceof Date)) return value.text;
	return value;
}

/**
 * Writes a table on a new sheet, from row 1. `progress` is ticked once per data row.
 */
export function writeTable(workbook: Workbook, sheetName: string, spec: TableSpec, words: XlsxWords, progress?: Progress): TableLayout {
	const ws = addSheet(workbook, sheetName);
	const styles = stylesOf(workbook, words);
	const n = Math.max(1, spec.columns.length);
	const last = columnLetter(n);
	let r = 1;

	// Title and the facts under it, each merged across the table.
	ws.getRow(r).height = 30;
	setMerged(ws, r, 1, r, n, spec.title, styles.title);
	r++;
	for (const line of spec.info ?? []) {
		setMerged(ws, r, 1, r, n, line, styles.info);
		r++;
	}

	// The header: sections over their columns, then each column's head; a column with no section
	// takes both rows.
	const grouped = spec.columns.some((c) => c.group);
	const headerTop = r;
	const headerBottom = grouped ? r + 1 : r;
	for (let c = 0; c < spec.columns.length; ) {
		const column = spec.columns[c]!;
		if (grouped && column.group) {
			let end = c;
			while (end + 1 < spec.columns.length && spec.columns[end + 1]!.group === column.group) end++;
			setMerged(ws, headerTop, c + 1, headerTop, end + 1, column.group, styles.header);
			for (let k = c; k <= end; k++) setCell(ws, headerBottom, k + 1, spec.columns[k]!.header, styles.header);
			c = end + 1;
		} else {
			setMerged(ws, headerTop, c + 1, headerBottom, c + 1, column.header, styles.header);
			c++;
		}
	}
	r = headerBottom + 1;

	// Data rows. Widths are fitted to what is written; wrapped text sets its row's height.
	const widths = spec.columns.map((c) => c.width ?? 0);
	const fitted = spec.columns.map((c) => c.width === undefined);
	const caps = spec.columns.map((c) => c.width ?? WIDTH[c.kind].max);
	const cellStyles = spec.columns.map((c) => styles.cell[c.kind]);
	const firstDataRow = r;
	const writeRow = (values: XlsxCell[], rowStyles: Partial<Style>[]) => {
		const row = ws.getRow(r);
		let lines = 1;
		for (let c = 0; c < spec.columns.length; c++) {
			const value = values[c];
			const cell = row.getCell(c + 1);
			const written = writeValue(value);
			if (written !== null) cell.value = written;
			cell.style = value !== null && typeof value === 'object' && !(value instanceof Date) ? styles.tone[value.tone] : rowStyles[c]!;
			if (written === null) continue;
			const width = displayWidth(value, spec.columns[c]!.kind);
			if (fitted[c] && width > widths[c]!) widths[c] = width;
			if (typeof written === 'string' && width > caps[c]! - 1) lines = Math.max(lines, linesIn(written, caps[c]!));
		}
		const height = heightFor(lines);
		if (height) row.height = height;
		r++;
	};
	for (let i = 0; i < spec.rowCount; i++) {
		writeRow(spec.row(i), cellStyles);
		progress?.tick();
	}
	const lastDataRow = r - 1;
	let totalRow: number | undefined;
	if (spec.total) {
		totalRow = r;
		writeRow(spec.total, spec.columns.map((c) => styles.total[c.kind]));
	}

	for (let c = 0; c < spec.columns.length; c++) {
		const column = spec.columns[c]!;
		const limits = WIDTH[column.kind];
		let width = column.width ?? Math.min(limits.max, Math.max(limits.min, widths[c]! + 2));
		// A header may wrap over a few lines, no more: widen the column for a long head.
		if (column.width === undefined) width = Math.max(width, Math.min(limits.max + 6, Math.ceil(textWidth(column.header) / HEADER_LINES) + 2));
		ws.getColumn(c + 1).width = width;
		widths[c] = width;
	}
	// Header heights from the fitted widths: the sections' row, then the heads'.
	if (grouped) ws.getRow(headerTop).height = heightFor(2) ?? 20;
	let headLines = 1;
	for (let c = 0; c < spec.columns.length; c++) headLines = Math.max(headLines, linesIn(spec.columns[c]!.header, widths[c]!));
	ws.getRow(headerBottom).height = Math.max(20, heightFor(headLines) ?? 20);
	for (let line = 0; line < (spec.info?.length ?? 0); line++) {
		const total = widths.reduce((a, b) => a + b, 0);
		const lines = linesIn(spec.info![line]!, total);
		if (lines > 1) ws.getRow(line + 2).height = heightFor(lines)!;
	}

	// The note right under the table, wrapped across its width.
	let lastRow = totalRow ?? lastDataRow;
	let noteRow: number | undefined;
	if (spec.note) {
		noteRow = lastRow + 1;
		setMerged(ws, noteRow, 1, noteRow, n, spec.note, styles.note);
		const lines = linesIn(spec.note, widths.reduce((a, b) => a + b, 0));
		ws.getRow(noteRow).height = heightFor(lines) ?? 18;
		lastRow = noteRow;
	}

	// Signature lines under the table, after a blank row.
	if (spec.footer?.length) {
		r = lastRow + 2;
		for (const items of spec.footer) {
			writeFooter(ws, r, n, items, styles);
			r++;
		}
		lastRow = r - 1;
	}

	const totalWidth = widths.reduce((a, b) => a + b, 0);
	const frozen = Math.min(spec.frozenColumns ?? 0, n - 1);
	ws.views = [{ state: 'frozen', xSplit: frozen, ySplit: headerBottom, topLeftCell: `${columnLetter(frozen + 1)}${headerBottom + 1}`, activeCell: `${columnLetter(frozen + 1)}${headerBottom + 1}` }];
	pageSetup(ws, {
		orientation: spec.orientation ?? (totalWidth > PORTRAIT_WIDTH ? 'landscape' : 'portrait'),
		printArea: `A1:${last}${Math.max(lastRow, headerBottom)}`,
		printTitlesRow: `${headerTop}:${headerBottom}`,
		words
	});
	return { sheet: ws, headerTop, headerBottom, firstDataRow, lastDataRow, ...(totalRow ? { totalRow } : {}), ...(noteRow ? { noteRow } : {}), lastRow, columnCount: n };
}

/** About what fits across a portrait A4 page at 100%, in width units (landscape takes ~140). */
export const PORTRAIT_WIDTH = 100;

export function pageSetup(ws: Worksheet, setup: { orientation: 'portrait' | 'landscape'; printArea: string; printTitlesRow?: string; words: XlsxWords }): void {
	ws.pageSetup = {
		...ws.pageSetup,
		paperSize: 9, // A4
		orientation: setup.orientation,
		fitToPage: true,
		fitToWidth: 1,
		// As many pages down as it takes.
		fitToHeight: 0,
		horizontalCentered: true,
		margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
		printArea: setup.printArea,
		...(setup.printTitlesRow ? { printTitlesRow: setup.printTitlesRow } : {})
	};
	ws.headerFooter = { ...ws.headerFooter, oddFooter: `&C${setup.words.t('export.pageOf')}` };
}

/**
 * Lays out a signature line: the items spread across the columns, each its label with its value
 * ("排查人员（签字）：王五"); a date goes in a cell of its own, as a date.
 */
export function writeFooter(ws: Worksheet, row: number, columns: number, items: FooterItem[], styles: Styles): void {
	const span = Math.max(1, Math.floor(columns / Math.max(1, items.length)));
	items.forEach((item, i) => {
		const start = 1 + i * span;
		if (start > columns) return;
		const end = i === items.length - 1 ? columns : start + span - 1;
		const value = item.value;
		if (value instanceof Date) {
			if (end > start) {
				setMerged(ws, row, start, row, end - 1, item.label, { ...styles.footer, alignment: { horizontal: 'right', vertical: 'middle' } });
				setCell(ws, row, end, value, styles.footerDate);
			} else {
				setCell(ws, row, start, value, styles.footerDate);
			}
			return;
		}
		setMerged(ws, row, start, row, end, item.label + (value ?? ''), styles.footer);
	});
	ws.getRow(row).height = 24;
}

export function setCell(ws: Worksheet, row: number, column: number, value: string | number | Date | null, style: Partial<Style>): void {
	const cell = ws.getCell(row, column);
	if (value !== null && value !== '') cell.value = value;
	cell.style = style;
}

/** Writes a value over a range and merges it (a single cell is just written). */
export function setMerged(ws: Worksheet, top: number, left: number, bottom: number, right: number, value: string | number | Date | null, style: Partial<Style>): void {
	// Every cell of the range takes the style, so a merged header keeps its borders all round.
	for (let r = top; r <= bottom; r++) for (let c = left; c <= right; c++) ws.getCell(r, c).style = style;
	if (bottom > top || right > left) ws.mergeCells(top, left, bottom, right);
	const cell = ws.getCell(top, left);
	if (value !== null && value !== '') cell.value = value;
}
