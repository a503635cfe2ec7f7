/**
 * A file a cadre picked, read into sheets of raw cells: what each cell holds and of what kind,
 * and which cells are merged, before anything decides what a column means.
 *
 * The format is told by the bytes, never by the name: a township's "xls" is often an HTML table
 * or a CSV that a national system saved under that name, and a picture renamed .xlsx must be
 * refused, not parsed as text. Workbooks are read by SheetJS, which never evaluates a formula:
 * a formula cell gives the value it was last saved with, and one saved without a value (written
 * by a program, never opened in Excel or WPS) is kept as such so it can be refused by name.
 * Text files are decoded here (UTF-8, else GBK, as WPS and older Excel save CSV in China) and
 * parsed by our own CSV reader, which keeps every cell as the text it is: an ID number in a CSV
 * must not become a number on the way in.
 */
import { read, CFB, SSF, type CellObject, type WorkBook, type WorkSheet } from '@e965/xlsx';

/** A number Excel or WPS formats as a date: the day it shows, and its serial. */
export interface SheetDate {
	date: string;
	serial: number;
}

/** A formula saved without its result: nothing to read. */
export interface UncachedFormula {
	formula: string;
}

/** An error value (#N/A, #VALUE! …). */
export interface CellError {
	error: string;
}

/**
 * One cell as the file holds it. Plain values stay primitives, since a roster of 100,000 rows
 * has over a million cells: text, a number, a yes/no; a date, a formula without a value and an
 * error are the exceptions worth an object. Empty cells are null.
 */
export type RawCell = string | number | boolean | SheetDate | UncachedFormula | CellError;

/** 0-based and inclusive, as the sheet's own cell addresses minus one. */
export interface CellRange {
	firstRow: number;
	firstColumn: number;
	lastRow: number;
	lastColumn: number;
}

export interface Sheet {
	name: string;
	/** rows[r][c]: the cell at sheet row r + 1, column c + 1; rows and cells may be missing. */
	rows: (RawCell | null | undefined)[][];
	merges: CellRange[];
	columnCount: number;
	hidden: boolean;
}

/** 'html': an HTML table saved as .xls; 'xml': Excel 2003's XML spreadsheet, as some systems export. */
export type SheetFormat = 'xlsx' | 'xls' | 'ods' | 'html' | 'xml' | 'csv';

export interface SheetFile {
	format: SheetFormat;
	/** How a text file was decoded. */
	encoding: 'utf-8' | 'gbk' | 'utf-16le' | 'utf-16be' | null;
	sheets: Sheet[];
	/** Formula cells saved without a result, anywhere in the file. */
	uncachedFormulas: number;
	/** The workbook counts days from 1904 (old Mac Excel): a bare serial in a date column is read so (readRoster's date1904). */
	date1904: boolean;
}

/** Why a file is not read: an i18n key and its parameters. */
export interface Refusal {
	code: string;
	params?: Record<string, string | number>;
}

export type SheetFileResult = { ok: true; file: SheetFile } | { ok: false; refusal: Refusal };

/**
 * At most this many rows in one sheet, title and header rows included. 100,000 households'
 * members read in a few seconds; twice that is still safe in a browser tab's memory, and more
 * is not one village's roster but a county's, to be split before it is imported.
 */
export const MAX_SHEET_ROWS = 200_000;

/** Larger files are refused before reading: an xlsx of 200,000 rows is well under this. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

export interface ReadOptions {
	maxRows?: number;
}

const refuse = (code: string, params?: Record<string, string | number>): SheetFileResult => ({ ok: false, refusal: params ? { code, params } : { code } });

export function readSheetFile(bytes: Uint8Array, fileName: string, options: ReadOptions = {}): SheetFileResult {
	const maxRows = options.maxRows ?? MAX_SHEET_ROWS;
	if (bytes.length === 0) return refuse('import.file.empty');
	if (bytes.length > MAX_FILE_BYTES) {
		return refuse('import.file.tooLarge', { size: Math.ceil(bytes.length / 1024 / 1024), max: MAX_FILE_BYTES / 1024 / 1024 });
	}
	let result: SheetFileResult;
	if (isZip(bytes)) result = readWorkbook(bytes, 'xlsx', maxRows);
	else if (isCfb(bytes)) result = readCfb(bytes, maxRows);
	else {
		const text = decodeText(bytes);
		if (!text) return refuse('import.file.notSpreadsheet');
		const markup = /^\s*</.test(text.text);
		result = markup ? readMarkup(text.text, text.encoding, maxRows) : readCsv(text.text, text.encoding, maxRows, baseName(fileName));
	}
	if (result.ok && result.file.sheets.every((sheet) => sheet.rows.every((row) => !row || row.every((cell) => cell === null || cell === undefined)))) {
		return refuse('import.file.empty');
	}
	return result;
}

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && (b[2] === 0x03 || b[2] === 0x05 || b[2] === 0x07);
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const isCfb = (b: Uint8Array) => CFB_MAGIC.every((byte, i) => b[i] === byte);

interface CfbEntry {
	name: string;
	content?: ArrayLike<number>;
}

/**
 * An OLE container is an .xls/.et workbook, or a password-protected .xlsx (Office wraps the
 * encrypted package in one: EncryptionInfo and EncryptedPackage streams), or a Word or other
 * Office file. An .xls with an open password says so in a FILEPASS record right after the
 * workbook's first BOF record. Both are refused as encrypted before SheetJS is asked anything.
 */
function readCfb(bytes: Uint8Array, maxRows: number): SheetFileResult {
	let container: { FileIndex: CfbEntry[] };
	try {
		container = CFB.read(bytes, { type: 'array' });
	} catch {
		return refuse('import.file.unreadable');
	}
	const names = new Set(container.FileIndex.map((entry) => entry.name));
	if (names.has('EncryptionInfo') || names.has('EncryptedPackage')) return refuse('import.file.encrypted');
	const workbook = container.FileIndex.find((entry) => entry.name === 'Workbook' || entry.name === 'Book');
	if (!workbook) return refuse('import.file.notSpreadsheet');
	if (workbook.content && hasFilePass(workbook.content)) return refuse('import.file.encrypted');
	return readWorkbook(bytes, 'xls', maxRows);
}

const BOF_RECORDS = [0x0009, 0x0209, 0x0409, 0x0809];
const FILEPASS = 0x002f;

function hasFilePass(stream: ArrayLike<number>): boolean {
	if (stream.length < 8) return false;
	const word = (at: number) => (stream[at] ?? 0) | ((stream[at + 1] ?? 0) << 8);
	if (!BOF_RECORDS.includes(word(0))) return false;
	const next = 4 + word(2);
	return next + 2 <= stream.length && word(next) === FILEPASS;
}

function readMarkup(text: string, encoding: SheetFile['encoding'], maxRows: number): SheetFileResult {
	const xml = /urn:schemas-microsoft-com:office:spreadsheet/i.test(text) || /<Workbook[\s>]/.test(text);
	if (!xml && !/<table[\s>]/i.test(text)) return refuse('import.file.notSpreadsheet');
	const result = readWorkbook(text, xml ? 'xml' : 'html', maxRows);
	if (result.ok) result.file.encoding = encoding;
	return result;
}

function readWorkbook(data: Uint8Array | string, format: SheetFormat, maxRows: number): SheetFileResult {
	let book: WorkBook;
	try {
		book = read(data, {
			type: typeof data === 'string' ? 'string' : 'array',
			dense: true,
			// Formulas only to know a cell has one; nothing is ever calculated.
			cellFormula: true,
			// Number formats, to tell a date from a number.
			cellNF: true,
			cellText: false,
			cellHTML: false,
			cellDates: false,
			// Formula cells without a cached value arrive as stubs; other stubs are empty cells.
			sheetStubs: true,
			// Read one row past the limit, to know the limit was passed without reading the rest.
			sheetRows: maxRows + 1,
			// An HTML table's cells are text: left as such, an ID number is not turned into a number.
			raw: format === 'html',
			bookVBA: false,
			bookDeps: false,
			WTF: false
		});
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		if (/password|encrypt/i.test(message)) return refuse('import.file.encrypted');
		if (/not a spreadsheet|Unknown Namespace|Cannot find|Unsupported|Unrecognized|Invalid HTML|corrupt|zip/i.test(message)) return refuse('import.file.notSpreadsheet');
		return refuse('import.file.unreadable');
	}
	if (typeof data !== 'string' && format === 'xlsx' && isOds(data)) format = 'ods';
	const date1904 = !!book.Workbook?.WBProps?.date1904;
	const sheets: Sheet[] = [];
	let uncachedFormulas = 0;
	for (const [index, name] of book.SheetNames.entries()) {
		const ws = book.Sheets[name];
		if (!ws) continue;
		const converted = convertSheet(name, ws, date1904);
		if (converted.filledRows > maxRows || runsPast(ws, maxRows)) return refuse('import.file.tooManyRows', { sheet: name, max: maxRows });
		uncachedFormulas += converted.uncached;
		converted.sheet.hidden = !!book.Workbook?.Sheets?.[index]?.Hidden;
		sheets.push(converted.sheet);
		// The workbook's copy is no longer needed: halve the peak memory of a large file.
		delete book.Sheets[name];
	}
	if (sheets.length === 0) return refuse('import.file.empty');
	return { ok: true, file: { format, encoding: null, sheets, uncachedFormulas, date1904 } };
}

/**
 * An OpenDocument zip has a content.xml and no [Content_Types].xml (OOXML's); the names are
 * plain text in the zip's central directory, at its end.
 */
function isOds(bytes: Uint8Array): boolean {
	const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - 65_558)));
	return tail.includes('content.xml') && !tail.includes('[Content_Types].xml');
}

/**
 * Whether the sheet goes on beyond the rows read: the read stopped at the limit's row and the
 * sheet's own range reaches further. (A range that claims a million rows is common and harmless
 * when the rows actually read end well before the limit.)
 */
function runsPast(ws: WorkSheet, maxRows: number): boolean {
	const data = (ws as { '!data'?: unknown[] })['!data'] ?? [];
	if (data.length <= maxRows) return false;
	const full = /\d+$/.exec(String(ws['!fullref'] ?? ws['!ref'] ?? ''));
	return !!full && Number(full[0]) > maxRows + 1;
}

const ERROR_CODES: Record<number, string> = { 0x00: '#NULL!', 0x07: '#DIV/0!', 0x0f: '#VALUE!', 0x17: '#REF!', 0x1d: '#NAME?', 0x24: '#NUM!', 0x2a: '#N/A', 0x2b: '#GETTING_DATA' };

function convertSheet(name: string, ws: WorkSheet, date1904: boolean): { sheet: Sheet; filledRows: number; uncached: number } {
	const data = ((ws as { '!data'?: (CellObject | undefined)[][] })['!data'] ?? []) as (CellObject | undefined)[][];
	const rows: (RawCell | null | undefined)[][] = new Array(data.length);
	let columnCount = 0;
	let filledRows = 0;
	let uncached = 0;
	for (let r = 0; r < data.length; r++) {
		const source = data[r];
		if (!source) {
			rows[r] = [];
			continue;
		}
		const row: (RawCell | null)[] = new Array(source.length);
		let filled = false;
		for (let c = 0; c < source.length; c++) {
			const cell = source[c];
			const value = cell ? rawCell(cell, date1904) : null;
			row[c] = value;
			if (value !== null) {
				filled = true;
				if (c + 1 > columnCount) columnCount = c + 1;
				if (typeof value === 'object' && 'formula' in value) uncached++;
			}
		}
		rows[r] = row;
		if (filled) filledRows++;
	}
	const merges = (ws['!merges'] ?? []).map((m) => ({ firstRow: m.s.r, firstColumn: m.s.c, lastRow: m.e.r, lastColumn: m.e.c }));
	return { sheet: { name, rows, merges, columnCount, hidden: false }, filledRows, uncached };
}

function rawCell(cell: CellObject, date1904: boolean): RawCell | null {
	switch (cell.t) {
		case 's': {
			const text = typeof cell.v === 'string' ? cell.v : String(cell.v ?? '');
			return text === '' ? null : text;
		}
		case 'n': {
			const value = cell.v as number;
			if (typeof value !== 'number' || !Number.isFinite(value)) return null;
			if (cell.z !== undefined && value >= 1 && SSF.is_date(cell.z)) {
				const date = serialToDay(value, date1904);
				if (date) return { date, serial: value };
			}
			return value;
		}
		case 'b':
			return !!cell.v;
		case 'd': {
			const at = cell.v instanceof Date ? cell.v : new Date(String(cell.v));
			if (Number.isNaN(at.getTime())) return null;
			const date = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
			return { date, serial: Number.NaN };
		}
		case 'e':
			return { error: ERROR_CODES[cell.v as number] ?? '#ERROR' };
		case 'z':
			return cell.f ? { formula: cell.f } : null;
		default:
			return null;
	}
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The day an Excel serial shows. The 1900 system counts a 29 February 1900 that never was
 * (Lotus's bug, kept by Excel), so serials from 61 on are a day ahead of plain counting; the
 * 1904 system (old Mac workbooks) starts on 1 January 1904. The time of day is dropped.
 */
export function serialToDay(serial: number, date1904 = false): string | null {
	if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return null;
	const whole = Math.floor(serial);
	let epoch: number;
	if (date1904) epoch = Date.UTC(1904, 0, 1);
	else if (whole >= 61) epoch = Date.UTC(1899, 11, 30);
	else if (whole === 60) return null;
	else epoch = Date.UTC(1899, 11, 31);
	const at = new Date(epoch + whole * 86_400_000);
	return `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`;
}

/**
 * Text as a person saved it: a byte-order mark says which Unicode; otherwise UTF-8 when the
 * bytes are valid UTF-8 (ASCII is), else GBK, which is what Excel and WPS write for "CSV" on a
 * Chinese Windows. Null when the bytes are not text at all (a picture, a PDF, a zip).
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: NonNullable<SheetFile['encoding']> } | null {
	let text: string;
	let encoding: NonNullable<SheetFile['encoding']>;
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
		text = new TextDecoder('utf-8').decode(bytes.subarray(3));
		encoding = 'utf-8';
	} else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
		text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
		encoding = 'utf-16le';
	} else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
		text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
		encoding = 'utf-16be';
	} else {
		try {
			text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
			encoding = 'utf-8';
		} catch {
			text = new TextDecoder('gbk').decode(bytes);
			encoding = 'gbk';
		}
	}
	return looksLikeText(text) ? { text, encoding } : null;
}

/** No NUL, and hardly any control characters or undecodable bytes: what binary files are full of. */
function looksLikeText(text: string): boolean {
	const sample = text.length > 65_536 ? text.slice(0, 65_536) : text;
	if (sample.trim() === '') return true;
	let odd = 0;
	for (let i = 0; i < sample.length; i++) {
		const code = sample.charCodeAt(i);
		if (code === 0) return false;
		if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) || code === 0xfffd) odd++;
	}
	return odd <= sample.length / 200;
}

/** A text file has one sheet, named as the file is (花名册.csv → 花名册), so a refusal names it as the cadre knows it. */
function baseName(fileName: string): string {
	const name = fileName.split(/[\\/]/).pop() ?? '';
	return name.replace(/\.[^.]*$/, '') || 'CSV';
}

function readCsv(text: string, encoding: SheetFile['encoding'], maxRows: number, name: string): SheetFileResult {
	const parsed = parseCsv(text, { maxRows });
	if (parsed.truncated) return refuse('import.file.tooManyRows', { sheet: name, max: maxRows });
	let columnCount = 0;
	const rows: (RawCell | null)[][] = parsed.rows.map((fields) => {
		const row = fields.map((field) => (field === '' ? null : field));
		for (let c = row.length - 1; c >= 0; c--) {
			if (row[c] !== null) {
				if (c + 1 > columnCount) columnCount = c + 1;
				break;
			}
		}
		return row;
	});
	return { ok: true, file: { format: 'csv', encoding, sheets: [{ name, rows, merges: [], columnCount, hidden: false }], uncachedFormulas: 0, date1904: false } };
}

/**
 * Comma, tab (Excel's "Unicode text") or semicolon (European Excel): whichever splits the first
 * lines into the most fields, the same number of them on every line.
 */
export function guessDelimiter(text: string): string {
	const lines = text.split(/\r\n|\n|\r/, 20).filter((line) => line.trim() !== '');
	let best = ',';
	let bestScore = 0;
	for (const delimiter of [',', '\t', ';']) {
		const counts = lines.map((line) => line.replace(/"[^"]*"/g, '').split(delimiter).length - 1);
		const nonZero = counts.filter((n) => n > 0);
		if (nonZero.length === 0) continue;
		const mode = Math.max(...nonZero);
		const score = nonZero.filter((n) => n === mode).length * mode;
		if (score > bestScore) {
			best = delimiter;
			bestScore = score;
		}
	}
	return best;
}

/**
 * RFC 4180 as spreadsheets write it: quoted fields with doubled quotes, line breaks inside
 * quotes, CRLF, LF or CR between records. A quote inside an unquoted field is a character.
 * Stops after maxRows records and says so.
 */
export function parseCsv(text: string, options: { delimiter?: string; maxRows?: number } = {}): { rows: string[][]; truncated: boolean } {
	const delimiter = options.delimiter ?? guessDelimiter(text);
	const maxRows = options.maxRows ?? Infinity;
	const rows: string[][] = [];
	let row: string[] = [];
	let i = 0;
	const n = text.length;
	while (i < n) {
		let field: string;
		if (text[i] === '"') {
			let value = '';
			i++;
			for (;;) {
				const close = text.indexOf('"', i);
				if (close < 0) {
					value += text.slice(i);
					i = n;
					break;
				}
				value += text.slice(i, close);
				if (text[close + 1] === '"') {
					value += '"';
					i = close + 2;
				} else {
					i = close + 1;
					break;
				}
			}
			// Anything between the closing quote and the delimiter belongs to the field, as Excel reads it.
			let end = i;
			while (end < n && text[end] !== delimiter && text[end] !== '\n' && text[end] !== '\r') end++;
			field = value + text.slice(i, end);
			i = end;
		} else {
			let end = i;
			while (end < n && text[end] !== delimiter && text[end] !== '\n' && text[end] !== '\r') end++;
			field = text.slice(i, end);
			i = end;
		}
		row.push(field);
		if (i >= n) break;
		if (text[i] === delimiter) {
			i++;
			if (i >= n) row.push('');
			continue;
		}
		// End of record: CRLF, LF or CR.
		i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
		rows.push(row);
		row = [];
		if (rows.length > maxRows) return { rows: rows.slice(0, maxRows), truncated: true };
	}
	if (row.length > 0 && !(row.length === 1 && row[0] === '')) rows.push(row);
	if (rows.length > maxRows) return { rows: rows.slice(0, maxRows), truncated: true };
	return { rows, truncated: false };
}

/** The column's letters as the sheet shows them: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
	let letters = '';
	for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
	return letters;
}
