/**
 * Cell blocks on the clipboard, the way Excel and WPS put them there and read them back: tab
 * separated text (fields holding a tab, newline or quote are quoted, quotes doubled) and an HTML
 * table. Pure string work, so it runs in tests and in the server without a DOM.
 */

export type Block = string[][];

/**
 * A cell that would start a formula in Excel or WPS (=, +, -, @, but not a plain negative number)
 * goes out behind the apostrophe those programs read as "this is text": a description typed as
 * "=HYPERLINK(…)" must not come alive in someone's spreadsheet. readCell drops it on the way in.
 */
export function inert(text: string): string {
	return /^[=+\-@]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
}

export function toTsv(block: Block): string {
	const field = (raw: string) => {
		const text = inert(raw);
		return /[\t\n\r"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
	};
	// Each row ends in a line break, as Excel writes it: one empty cell is then "\r\n", not "".
	return block.map((row) => row.map(field).join('\t') + '\r\n').join('');
}

/** Reads TSV as Excel writes it; a trailing line break (Excel always adds one) is not a row. */
export function parseTsv(text: string): Block {
	const rows: Block = [];
	let row: string[] = [];
	let field = '';
	let i = 0;
	let atFieldStart = true;
	while (i < text.length) {
		const ch = text[i]!;
		if (atFieldStart && ch === '"') {
			// A quoted field: runs to the closing quote; "" inside is one quote.
			let j = i + 1;
			let value = '';
			let closed = false;
			while (j < text.length) {
				if (text[j] === '"') {
					if (text[j + 1] === '"') {
						value += '"';
						j += 2;
						continue;
					}
					closed = true;
					j++;
					break;
				}
				value += text[j];
				j++;
			}
			if (closed && (j >= text.length || text[j] === '\t' || text[j] === '\n' || text[j] === '\r')) {
				field = value;
				i = j;
				atFieldStart = false;
				continue;
			}
			// Not a well-formed quoted field: the quote is just a character.
		}
		atFieldStart = false;
		if (ch === '\t') {
			row.push(field);
			field = '';
			atFieldStart = true;
		} else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && text[i + 1] === '\n') i++;
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
			atFieldStart = true;
		} else {
			field += ch;
		}
		i++;
	}
	if (field !== '' || row.length > 0) {
		row.push(field);
		rows.push(row);
	}
	return rows;
}

const escapeHtml = (text: string) =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\n/g, '<br>');

export function toHtml(block: Block): string {
	const rows = block.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('');
	// Excel and WPS keep cell text as text (no date or number guessing) with this style.
	return `<table><style>td{mso-number-format:"\\@";}</style><tbody>${rows}</tbody></table>`;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
	return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
		if (name[0] === '#') {
			const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
			return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
		}
		return ENTITIES[name.toLowerCase()] ?? whole;
	});
}

/**
 * Limits on what a paste may carry: far beyond a village (2,000 households x 120 questions is
 * 240,000 cells), small enough that a hostile page's clipboard cannot stall the tab.
 */
export const MAX_CLIPBOARD_CHARS = 8_000_000;
export const MAX_BLOCK_CELLS = 300_000;

export class ClipboardTooLarge extends Error {
	constructor() {
		super('clipboard block too large');
	}
}

function cellText(html: string): string {
	// Source line breaks are formatting (Excel wraps and indents its HTML); a <br> (Excel writes
	// <br style='mso-data-placement:same-cell'>) is a line of the cell. Tags are matched without
	// crossing a '<', so a run of stray '<' cannot make the scan quadratic.
	const text = html
		.replace(/[ \t\r\n]+/g, ' ')
		.replace(/<br\b[^<>]*>/gi, '\n')
		.replace(/<\/(p|div)\s*>/gi, '\n')
		.replace(/<[^<>]*>/g, '');
	return decodeEntities(text)
		.split('\n')
		.map((line) => line.trim())
		.join('\n')
		.trim();
}

/** `html` without the spans between each `open` and the next `close` (to the end if unclosed). */
function cut(html: string, open: string, close: string): string {
	const lower = html.toLowerCase();
	let out = '';
	let at = 0;
	for (;;) {
		const start = lower.indexOf(open, at);
		if (start < 0) return out + html.slice(at);
		out += html.slice(at, start);
		const end = lower.indexOf(close, start + open.length);
		if (end < 0) return out;
		at = end + close.length;
	}
}

/**
 * The first table of an HTML fragment as a block; null when there is none. colspan and rowspan
 * leave the covered cells empty, so the block stays rectangular the way it looked. Scans with
 * indexOf and tag patterns that cannot backtrack, and stops at MAX_BLOCK_CELLS.
 */
export function parseHtmlTable(html: string): Block | null {
	if (html.length > MAX_CLIPBOARD_CHARS) throw new ClipboardTooLarge();
	const clean = cut(cut(html, '<!--', '-->'), '<style', '</style>');
	const lower = clean.toLowerCase();
	const start = lower.indexOf('<table');
	if (start < 0) return null;
	const end = lower.indexOf('</table>', start);
	const table = clean.slice(start, end < 0 ? clean.length : end);
	const rows: Block = [];
	const spans: number[] = []; // per column: rows still covered by a rowspan above
	let cells = 0;
	// Each piece after a split is one row's (or cell's) content up to the next one's start tag.
	const trPieces = table.split(/<tr(?=[\s>])[^<>]*>/i).slice(1);
	for (const trPiece of trPieces) {
		const rowHtml = trPiece.split(/<\/tr\s*>/i)[0]!;
		const row: string[] = [];
		let col = 0;
		const take = () => {
			while ((spans[col] ?? 0) > 0) {
				spans[col]!--;
				row.push('');
				col++;
			}
		};
		const starts = [...rowHtml.matchAll(/<t[dh](?=[\s>])([^<>]*)>/gi)];
		starts.forEach((td, i) => {
			take();
			const attrs = td[1]!;
			const from = td.index! + td[0].length;
			const to = i + 1 < starts.length ? starts[i + 1]!.index! : rowHtml.length;
			const colspan = Math.min(Math.max(Number(/colspan\s*=\s*["']?(\d{1,4})/i.exec(attrs)?.[1] ?? 1), 1), 1000);
			const rowspan = Math.min(Math.max(Number(/rowspan\s*=\s*["']?(\d{1,5})/i.exec(attrs)?.[1] ?? 1), 1), 10000);
			row.push(cellText(rowHtml.slice(from, to).split(/<\/t[dh]\s*>/i)[0]!));
			for (let k = 0; k < colspan; k++) {
				if (k > 0) row.push('');
				if (rowspan > 1) spans[col] = rowspan - 1;
				col++;
			}
		});
		take();
		cells += row.length;
		if (cells > MAX_BLOCK_CELLS) throw new ClipboardTooLarge();
		rows.push(row);
	}
	return rows.length ? rows : null;
}

/**
 * What a paste carries. The text (TSV) is taken when it has the same shape as the HTML table:
 * it keeps spaces and line breaks exactly, where HTML source formatting blurs them. The HTML
 * table is used when only it keeps the cells apart (a cell with a tab or line break that the
 * text flavour did not quote). Throws ClipboardTooLarge beyond the limits.
 */
export function readClipboard(data: { html?: string; text?: string }): Block {
	const text = data.text ?? '';
	if (text.length > MAX_CLIPBOARD_CHARS) throw new ClipboardTooLarge();
	const fromText = text ? dropTrailingEmptyRows(parseTsv(text)) : [];
	let size = 0;
	for (const row of fromText) size += row.length;
	if (size > MAX_BLOCK_CELLS) throw new ClipboardTooLarge();
	const fromHtml = data.html ? parseHtmlTable(data.html) : null;
	if (!fromHtml) return fromText;
	const sameShape = fromText.length === fromHtml.length && fromText.every((row, i) => row.length === fromHtml[i]!.length);
	return sameShape ? fromText : fromHtml;
}

/** Text copied from a document or a chat often ends in blank lines, which are not rows to paste. */
function dropTrailingEmptyRows(block: Block): Block {
	let end = block.length;
	// One empty cell copied is a clear; only blank lines after something are dropped.
	while (end > 1 && block[end - 1]!.every((cell) => cell === '')) end--;
	return end === block.length ? block : block.slice(0, end);
}
