/**
 * Where a government sheet's header is, and what each column is titled. Such sheets rarely
 * start at A1 with one row of titles: a title ("XX村农户花名册") merged across the top, a line
 * naming the unit and the date, then a header of one or two rows where a parent cell merged
 * across its children groups them ("家庭成员信息" over 姓名 / 身份证号 / 与户主关系) and columns
 * without children are merged down through both rows; sometimes a row numbering the columns
 * (1, 2, 3 …) before the data. A CSV saved from such a sheet keeps the words but loses the
 * merges, so a parent stands over its first child only, and is carried to the right here.
 *
 * The header row is the one with the most words a roster uses (isKnownTitle); the rows
 * around it join the header when merges or known words tie them to it.
 */
import { columnLetter, type CellRange, type RawCell, type Refusal, type Sheet } from './sheetFile';
import { isKnownTitle } from './importFields';

export interface ColumnTitle {
	/** 0-based column index. */
	index: number;
	/** As the sheet shows it: A, B, … AA. */
	letter: string;
	/** Parent titles first, the column's own last: ["家庭成员信息", "身份证号"]. */
	path: string[];
	/** The path as one line, for people: "家庭成员信息 / 身份证号". */
	title: string;
}

export interface HeaderBlock {
	/** 0-based rows of the header, inclusive. */
	firstHeaderRow: number;
	lastHeaderRow: number;
	/** 0-based row of the first data row (after a column-numbering row, if any). */
	firstDataRow: number;
	/** The text of the rows above the header (title, unit, date), for the preview. */
	titles: string[];
	/** Columns with a title, left to right. */
	columns: ColumnTitle[];
}

/** The end of a sheet's title (花名册, 登记表, 名单) or a date in it: not a header's words. */
const TITLE_LIKE = /(表|册|单|统计|汇总)$|\d{4}\s*年/;
/** Words a parent title groups its children with. */
const GROUP_WORDS = /信息|情况|成员|户主|家庭|基本|人员|状况|类别/;

/** A header is looked for in this many rows from the top. */
const SCAN_ROWS = 40;
const MAX_HEADER_ROWS = 4;

export function findHeader(sheet: Sheet): HeaderBlock | null {
	const scan = Math.min(sheet.rows.length, SCAN_ROWS);
	if (scan === 0) return null;
	const grid = new HeaderGrid(sheet, scan + MAX_HEADER_ROWS);
	let best = -1;
	let bestKnown = 0;
	for (let r = 0; r < scan; r++) {
		const known = grid.knownCount(r);
		if (known > bestKnown) {
			best = r;
			bestKnown = known;
		}
	}
	if (best < 0) best = firstWordyRow(grid, scan);
	if (best < 0) return null;

	let top = best;
	let bottom = best;
	while (top > 0 && bottom - top + 1 < MAX_HEADER_ROWS && grid.isParentOf(top - 1, top)) top--;
	while (bottom + 1 < grid.height && bottom - top + 1 < MAX_HEADER_ROWS && grid.isChildOf(bottom + 1, top, bottom)) bottom++;

	const columns: ColumnTitle[] = [];
	for (let c = 0; c < sheet.columnCount; c++) {
		const path: string[] = [];
		for (let r = top; r <= bottom; r++) {
			const text = grid.titleAt(r, c, r < bottom);
			if (text !== '' && path[path.length - 1] !== text) path.push(text);
		}
		if (path.length > 0) columns.push({ index: c, letter: columnLetter(c), path, title: path.join(' / ') });
	}
	if (columns.length === 0) return null;

	let firstDataRow = bottom + 1;
	for (let skipped = 0; skipped < 3 && firstDataRow < sheet.rows.length && isNumberingRow(sheet.rows[firstDataRow]); skipped++) firstDataRow++;

	const titles: string[] = [];
	for (let r = 0; r < top; r++) {
		const text = grid.rowTexts(r).join(' ');
		if (text !== '') titles.push(text);
	}
	return { firstHeaderRow: top, lastHeaderRow: bottom, firstDataRow, titles, columns };
}

/** Without a word we know: the first row of at least two short texts and nothing else. */
function firstWordyRow(grid: HeaderGrid, scan: number): number {
	for (let r = 0; r < scan; r++) {
		const cells = grid.ownCells(r);
		if (cells.length >= 2 && cells.every((c) => typeof c.value === 'string' && c.value.length <= 30)) return r;
	}
	return -1;
}

/** 1, 2, 3 … (or ①, (1), 一) under the titles: the paper form's column numbers, not data. */
function isNumberingRow(row: readonly (RawCell | null | undefined)[] | undefined): boolean {
	if (!row) return false;
	const values = row.filter((cell): cell is RawCell => cell !== null && cell !== undefined);
	if (values.length < 3) return false;
	const numbers = values.map((cell) => (typeof cell === 'number' ? cell : typeof cell === 'string' ? numberingValue(cell) : NaN));
	return numbers.every((n, i) => Number.isInteger(n) && (i === 0 || n === numbers[i - 1]! + 1));
}

function numberingValue(text: string): number {
	const t = text.trim().replace(/^[(（]\s*/, '').replace(/\s*[)）]$/, '');
	if (/^\d{1,3}$/.test(t)) return Number(t);
	const circled = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳'.indexOf(t);
	return circled >= 0 && t.length === 1 ? circled + 1 : NaN;
}

/** The top of a sheet with its merges resolved, for reading titles. */
class HeaderGrid {
	readonly height: number;
	readonly width: number;
	private readonly sheet: Sheet;
	/** The merge covering each cell, by r * width + c. */
	private readonly covered = new Map<number, CellRange>();

	constructor(sheet: Sheet, height: number) {
		this.sheet = sheet;
		this.height = Math.min(sheet.rows.length, height);
		this.width = Math.max(sheet.columnCount, 1);
		for (const m of sheet.merges) {
			if (m.firstRow >= this.height) continue;
			for (let r = m.firstRow; r <= Math.min(m.lastRow, this.height - 1); r++) {
				for (let c = m.firstColumn; c <= Math.min(m.lastColumn, this.width - 1); c++) this.covered.set(r * this.width + c, m);
			}
		}
	}

	private text(cell: RawCell | null | undefined): string {
		if (cell === null || cell === undefined) return '';
		if (typeof cell === 'string') return cell.replace(/\s+/g, ' ').trim();
		if (typeof cell === 'number') return String(cell);
		if (typeof cell === 'boolean') return '';
		return 'date' in cell ? cell.date : '';
	}

	/** The cells written in this row itself (a merge's text counts in its first cell only). */
	ownCells(r: number): { c: number; value: RawCell }[] {
		const row = this.sheet.rows[r] ?? [];
		const cells: { c: number; value: RawCell }[] = [];
		for (let c = 0; c < row.length; c++) {
			const value = row[c];
			if (value !== null && value !== undefined && !(typeof value === 'string' && value.trim() === '')) cells.push({ c, value });
		}
		return cells;
	}

	rowTexts(r: number): string[] {
		return this.ownCells(r)
			.map((cell) => this.text(cell.value))
			.filter((t) => t !== '');
	}

	knownCount(r: number): number {
		let known = 0;
		for (const cell of this.ownCells(r)) if (typeof cell.value === 'string' && isKnownTitle(cell.value)) known++;
		return known;
	}

	merge(r: number, c: number): CellRange | undefined {
		return this.covered.get(r * this.width + c);
	}

	/** A cell's text with merges filled in: what a person sees in that cell. */
	mergedText(r: number, c: number): string {
		const m = this.merge(r, c);
		return this.text(m ? this.sheet.rows[m.firstRow]?.[m.firstColumn] : this.sheet.rows[r]?.[c]);
	}

	/**
	 * The title a cell gives its column. In a parent row with no merges (a CSV), an empty cell
	 * under-titles the children to its right of the nearest parent on its left, as far as that
	 * parent's group goes: up to the next parent, and only over columns that have a title below.
	 */
	titleAt(r: number, c: number, parentRow: boolean): string {
		const own = this.mergedText(r, c);
		if (own !== '' || !parentRow || this.merge(r, c)) return own;
		if (this.mergedText(r + 1, c) === '') return '';
		for (let left = c - 1; left >= 0; left--) {
			if (this.merge(r, left)) return '';
			const text = this.mergedText(r, left);
			if (text !== '') return this.mergedText(r + 1, left) !== '' && !/[:：]/.test(text) ? text : '';
			if (this.mergedText(r + 1, left) === '') return '';
		}
		return '';
	}

	/** Whether row `r` is a parent row over the header row `top`. */
	isParentOf(r: number, top: number): boolean {
		const cells = this.ownCells(r);
		if (cells.length === 0) return false;
		// A merge reaching down into the header (序号 over both rows) ties the two rows together.
		for (let c = 0; c < this.width; c++) {
			const m = this.merge(top, c);
			if (m && m.firstRow <= r && m.lastRow >= top) return true;
		}
		if (this.knownCount(r) >= 2) return true;
		const texts = cells.map((cell) => (typeof cell.value === 'string' ? cell.value.trim() : ''));
		// A title ("冯老村农户花名册", "2022年8月"), or a "填报单位：… 填报日期：…" line, is not a parent.
		if (texts.some((t) => t === '' || t.length > 20 || /[:：]/.test(t) || TITLE_LIKE.test(t))) return false;
		const used = this.usedWidth(top);
		for (const cell of cells) {
			const m = this.merge(r, cell.c);
			if (m && m.firstRow === r && m.lastColumn > m.firstColumn && m.lastColumn - m.firstColumn + 1 < used) return true;
		}
		if (cells.length < 2) return false;
		// Without merges (a CSV): a column titled only above (序号 over both rows), or a group
		// ("家庭成员信息") titled only over its first child.
		if (cells.some((cell) => this.mergedText(top, cell.c) === '')) return true;
		return texts.some((t) => GROUP_WORDS.test(t)) && cells.some((cell) => cell.c + 1 < this.width && this.mergedText(r, cell.c + 1) === '' && this.mergedText(top, cell.c + 1) !== '');
	}

	/** Whether row `r` holds the children of the header rows `top`..`bottom` above it. */
	isChildOf(r: number, top: number, bottom: number): boolean {
		const cells = this.ownCells(r);
		if (cells.length === 0) return false;
		if (cells.some((cell) => typeof cell.value !== 'string')) return false;
		let reachesDown = false;
		let spansOver = false;
		for (let c = 0; c < this.width; c++) {
			const m = this.merge(bottom, c);
			if (!m) continue;
			if (m.lastRow >= r && m.firstRow >= top) reachesDown = true;
			if (m.firstRow === bottom && m.lastRow === bottom && m.lastColumn > m.firstColumn && this.mergedText(r, c) !== '') spansOver = true;
		}
		if (spansOver) return true;
		const known = this.knownCount(r);
		if (reachesDown && known >= 1) return true;
		return known >= 2 && known * 2 >= cells.length;
	}

	private usedWidth(r: number): number {
		const cells = this.ownCells(r);
		return cells.length ? cells[cells.length - 1]!.c - cells[0]!.c + 1 : 0;
	}
}

/** Why a sheet gives nothing to import: no header was found in it. */
export function noHeader(sheet: Sheet): Refusal {
	return { code: 'import.file.noHeader', params: { sheet: sheet.name } };
}

/**
 * The sheet a roster is on: among the visible sheets (hidden ones are lookup lists), the one
 * whose header the most columns of a roster title; the first of equals.
 */
export function findRosterSheet(sheets: readonly Sheet[]): { sheet: Sheet; header: HeaderBlock } | null {
	let best: { sheet: Sheet; header: HeaderBlock; known: number } | null = null;
	for (const sheet of sheets) {
		if (sheet.hidden) continue;
		const header = findHeader(sheet);
		if (!header) continue;
		const known = header.columns.filter((c) => isKnownTitle(c.path[c.path.length - 1]!)).length;
		if (!best || known > best.known) best = { sheet, header, known };
	}
	return best ? { sheet: best.sheet, header: best.header } : null;
}
