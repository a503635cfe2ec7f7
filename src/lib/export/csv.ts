/**
 * CSV that Excel and WPS open correctly: UTF-8 with a byte-order mark, CRLF line ends, RFC 4180
 * quoting, and cells that would start a formula (=, +, -, @, tab, CR) made inert with a leading
 * apostrophe, so an answer typed as "=HYPERLINK(…)" stays text in a spreadsheet.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string): string {
	const safe = FORMULA_START.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
	return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: string[][]): string {
	return '\uFEFF' + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
