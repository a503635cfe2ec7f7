/**
 * Cell blocks on the clipboard, the way Excel and WPS put them there and read them back: tab
 * separated text (fields holding a tab, newline or quote are quoted, quotes doubled) and an HTML
 * table. Pure string work, so it runs in tests and in the server without a DOM.
 */

export type Block = string[][];

export function toTsv(block: Block): string {
	const field = (text: string) => (/[\t\n\r"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
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

function cellText(html: string): string {
	// Source line breaks are formatting (Excel indents its HTML); a <br> is a line of the cell.
	const text = html
		.replace(/\s+/g, ' ')
		.replace(/<br\s*\/?>/gi, '\n')
		.replace(/<\/(p|div)>/gi, '\n')
		.replace(/<[^>]*>/g, '');
	return decodeEntities(text)
		.split('\n')
		.map((line) => line.trim())
		.join('\n')
		.trim();
}

/**
 * The first table of an HTML fragment as a block; null when there is none. colspan and rowspan
 * leave the covered cells empty, so the block stays rectangular the way it looked.
 */
export function parseHtmlTable(html: string): Block | null {
	const table = /<table[\s\S]*?<\/table>/i.exec(html.replace(/<!--[\s\S]*?-->/g, '').replace(/<style[\s\S]*?<\/style>/gi, ''));
	if (!table) return null;
	const rows: Block = [];
	const spans: number[] = []; // per column: rows still covered by a rowspan above
	for (const tr of table[0].matchAll(/<tr[^>]*>([\s\S]*?)(?=<tr[\s>]|<\/tbody>|<\/table>|<\/thead>|<\/tfoot>)/gi)) {
		const row: string[] = [];
		let col = 0;
		const take = () => {
			while ((spans[col] ?? 0) > 0) {
				spans[col]!--;
				row.push('');
				col++;
			}
		};
		for (const td of tr[1]!.matchAll(/<t([dh])([^>]*)>([\s\S]*?)(?=<t[dh][\s>]|<\/tr>|$)/gi)) {
			take();
			const attrs = td[2]!;
			const colspan = Math.min(Math.max(Number(/colspan\s*=\s*"?(\d+)/i.exec(attrs)?.[1] ?? 1), 1), 1000);
			const rowspan = Math.min(Math.max(Number(/rowspan\s*=\s*"?(\d+)/i.exec(attrs)?.[1] ?? 1), 1), 10000);
			row.push(cellText(td[3]!.replace(/<\/t[dh]>[\s\S]*$/i, '')));
			for (let k = 0; k < colspan; k++) {
				if (k > 0) row.push('');
				if (rowspan > 1) spans[col] = rowspan - 1;
				col++;
			}
		}
		take();
		rows.push(row);
	}
	return rows.length ? rows : null;
}

/** What a paste carries: an HTML table when there is one (it keeps cell boundaries), else TSV. */
export function readClipboard(data: { html?: string; text?: string }): Block {
	const fromHtml = data.html ? parseHtmlTable(data.html) : null;
	if (fromHtml) return fromHtml;
	return parseTsv(data.text ?? '');
}
