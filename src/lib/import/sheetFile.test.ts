import { describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { columnLetter, parseCsv, readSheetFile, serialToDay, type SheetFile, type SheetFileResult } from './sheetFile';
import { gbk, idNumber, sheet, utf8, workbook } from './testing/rosterFixtures';

function read(result: SheetFileResult): SheetFile {
	if (!result.ok) throw new Error(`refused: ${result.refusal.code}`);
	return result.file;
}

function refusal(result: SheetFileResult): string {
	if (result.ok) throw new Error('read, not refused');
	return result.refusal.code;
}

const ID = idNumber('19900101', 101);

/** A workbook as SheetJS writes it in another format (xls, ods). */
function sheetjs(rows: unknown[][], bookType: XLSX.BookType): Uint8Array {
	const book = XLSX.utils.book_new();
	XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), '花名册');
	return new Uint8Array(XLSX.write(book, { type: 'array', bookType }));
}

describe('reading a workbook', () => {
	it('keeps each cell as what it is: text, number, date, yes/no; and the merges', async () => {
		const bytes = await sheet(
			[
				['XX村农户花名册'],
				['姓名', '身份证号', '人口数', '出生日期', '是否常住'],
				['张三', ID, 4, new Date(Date.UTC(1990, 0, 1)), true]
			],
			(ws) => {
				ws.mergeCells('A1:E1');
				ws.getCell('D3').numFmt = 'yyyy"年"m"月"d"日"';
			}
		);
		const file = read(readSheetFile(bytes, '花名册.xlsx'));
		expect(file.format).toBe('xlsx');
		const [s] = file.sheets;
		expect(s!.name).toBe('花名册');
		expect(s!.rows[2]).toEqual(['张三', ID, 4, { date: '1990-01-01', serial: 32874 }, true]);
		expect(s!.merges).toEqual([{ firstRow: 0, firstColumn: 0, lastRow: 0, lastColumn: 4 }]);
		expect(s!.columnCount).toBe(5);
	});

	it('takes a formula’s saved result, never calculates, and keeps a formula saved without one', async () => {
		const bytes = await sheet([
			['姓名', '人口数', '备注'],
			['张三', { formula: '2+2', result: 3 }, { formula: 'A2&"户"' }]
		]);
		const file = read(readSheetFile(bytes, 'x.xlsx'));
		// The saved result is 3 (a stale cache): that is what the sheet shows, so that is what is read.
		expect(file.sheets[0]!.rows[1]).toEqual(['张三', 3, { formula: 'A2&"户"' }]);
		expect(file.uncachedFormulas).toBe(1);
	});

	it('reads .xls and .et (BIFF8), .ods, and the HTML tables, XML and text that national systems save as .xls', () => {
		const rows = [
			['姓名', '身份证号', '人口数'],
			['张三', ID, 3]
		];
		for (const [name, bytes, format] of [
			['a.xls', sheetjs(rows, 'biff8'), 'xls'],
			['a.et', sheetjs(rows, 'biff8'), 'xls'],
			['a.ods', sheetjs(rows, 'ods'), 'ods'],
			['a.xls', utf8(`<html><meta charset="utf-8"><body><table><tr><td>姓名</td><td>身份证号</td></tr><tr><td>张三</td><td>${ID}</td></tr></table></body></html>`), 'html'],
			[
				'a.xls',
				gbk(
					`<?xml version="1.0" encoding="gbk"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="花名册"><Table><Row><Cell><Data ss:Type="String">姓名</Data></Cell><Cell><Data ss:Type="String">身份证号</Data></Cell></Row><Row><Cell><Data ss:Type="String">张三</Data></Cell><Cell><Data ss:Type="String">${ID}</Data></Cell></Row></Table></Worksheet></Workbook>`
				),
				'xml'
			],
			['a.xls', gbk(`姓名\t身份证号\r\n张三\t${ID}\r\n`), 'csv']
		] as const) {
			const file = read(readSheetFile(bytes, name));
			expect(file.format, name).toBe(format);
			expect(file.sheets[0]!.rows[1]!.slice(0, 2), name).toEqual(['张三', ID]);
		}
	});

	it('reads a date typed as a date in .xls and .ods as the day it shows', () => {
		const book = XLSX.utils.book_new();
		const ws = XLSX.utils.aoa_to_sheet([['出生日期'], [44774]]);
		ws['A2']!.z = 'yyyy-mm-dd';
		XLSX.utils.book_append_sheet(book, ws, 'S');
		for (const bookType of ['biff8', 'ods'] as const) {
			const file = read(readSheetFile(new Uint8Array(XLSX.write(book, { type: 'array', bookType })), 'a'));
			expect(file.sheets[0]!.rows[1]![0], bookType).toEqual({ date: '2022-08-01', serial: 44774 });
		}
	});

	it('reads 100,000 rows', async () => {
		// exceljs's streaming writer: twice as fast as building the workbook in memory.
		const chunks: Buffer[] = [];
		const out = new PassThrough().on('data', (chunk: Buffer) => chunks.push(chunk));
		const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
		const ws = writer.addWorksheet('花名册');
		ws.addRow(['户编号', '姓名', '身份证号', '与户主关系', '是否常住']).commit();
		for (let i = 0; i < 100_000; i++) ws.addRow([`H${Math.floor(i / 4)}`, `成员${i}`, ID, i % 4 ? '子女' : '户主', '是']).commit();
		await writer.commit();
		const bytes = new Uint8Array(Buffer.concat(chunks));
		const file = read(readSheetFile(bytes, 'big.xlsx'));
		expect(file.sheets[0]!.rows.length).toBe(100_001);
		expect(file.sheets[0]!.rows[100_000]![1]).toBe('成员99999');
	}, 120_000);

	it('refuses a sheet over the row limit, saying which and what the limit is', async () => {
		const rows = Array.from({ length: 31 }, (_, i) => [`成员${i}`, i]);
		const result = readSheetFile(await sheet(rows), 'a.xlsx', { maxRows: 30 });
		expect(result).toEqual({ ok: false, refusal: { code: 'import.file.tooManyRows', params: { sheet: '花名册', max: 30 } } });
		expect(readSheetFile(await sheet(rows.slice(0, 30)), 'a.xlsx', { maxRows: 30 }).ok).toBe(true);
	});
});

describe('refusing what is not a readable spreadsheet', () => {
	it('refuses a picture, a PDF, a Word file and binary noise, whatever they are named', () => {
		const CFB = XLSX.CFB;
		const word = CFB.utils.cfb_new();
		CFB.utils.cfb_add(word, 'WordDocument', new Uint8Array(512));
		const docx = CFB.utils.cfb_new();
		CFB.utils.cfb_add(docx, '[Content_Types].xml', utf8('<Types/>'));
		CFB.utils.cfb_add(docx, 'word/document.xml', utf8('<w:document/>'));
		const noise = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
		const files: [string, Uint8Array][] = [
			['photo.xlsx', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])],
			['roster.xls', utf8('%PDF-1.4\n%\u00e2\u00e3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n\u0000\u0001\u0002')],
			['roster.doc', new Uint8Array(CFB.write(word, { type: 'array' }))],
			['roster.docx', new Uint8Array(CFB.write(docx, { type: 'array', fileType: 'zip' }))],
			['roster.csv', noise]
		];
		for (const [name, bytes] of files) expect(refusal(readSheetFile(bytes, name)), name).toBe('import.file.notSpreadsheet');
	});

	it('refuses a password-protected .xlsx (an OLE container with EncryptionInfo) as encrypted', () => {
		const CFB = XLSX.CFB;
		const container = CFB.utils.cfb_new();
		CFB.utils.cfb_add(container, 'EncryptionInfo', new Uint8Array([4, 0, 4, 0, 0x40, 0, 0, 0]));
		CFB.utils.cfb_add(container, 'EncryptedPackage', new Uint8Array(2048));
		expect(refusal(readSheetFile(new Uint8Array(CFB.write(container, { type: 'array' })), '花名册.xlsx'))).toBe('import.file.encrypted');
	});

	it('refuses an .xls with an open password (a FILEPASS record after the BOF) as encrypted', () => {
		const CFB = XLSX.CFB;
		const container = CFB.read(sheetjs([['姓名'], ['张三']], 'biff8'), { type: 'array' });
		const entry = CFB.find(container, 'Workbook');
		const stream = Uint8Array.from(entry.content as ArrayLike<number>);
		const afterBof = 4 + (stream[2]! | (stream[3]! << 8));
		// RC4 encryption header: type 1, version 1.1, salt, verifier and its hash (48 bytes).
		const filePass = new Uint8Array(4 + 54);
		filePass.set([0x2f, 0x00, 54, 0x00, 0x01, 0x00, 0x01, 0x00, 0x01, 0x00]);
		const encrypted = new Uint8Array(stream.length + filePass.length);
		encrypted.set(stream.subarray(0, afterBof));
		encrypted.set(filePass, afterBof);
		encrypted.set(stream.subarray(afterBof), afterBof + filePass.length);
		entry.content = encrypted;
		entry.size = encrypted.length;
		const bytes = new Uint8Array(CFB.write(container, { type: 'array' }));
		expect(refusal(readSheetFile(bytes, '花名册.xls'))).toBe('import.file.encrypted');
	});

	it('refuses an empty file and a workbook with nothing in it', async () => {
		expect(refusal(readSheetFile(new Uint8Array(0), 'a.xlsx'))).toBe('import.file.empty');
		expect(refusal(readSheetFile(await workbook((wb) => wb.addWorksheet('Sheet1')), 'a.xlsx'))).toBe('import.file.empty');
		expect(refusal(readSheetFile(utf8('\r\n\r\n'), 'a.csv'))).toBe('import.file.empty');
	});
});

describe('reading a CSV', () => {
	const text = `户主姓名,身份证号,备注\r\n张三,${ID},"住东头，""老张"""\r\n李四,${ID.slice(0, 17)}x,"两行\r\n备注"\r\n`;

	it('reads UTF-8 with a BOM: quotes, doubled quotes, commas and line breaks inside quotes, CRLF', () => {
		const file = read(readSheetFile(utf8(text, true), 'a.csv'));
		expect(file.encoding).toBe('utf-8');
		expect(file.sheets[0]!.rows).toEqual([
			['户主姓名', '身份证号', '备注'],
			['张三', ID, '住东头，"老张"'],
			['李四', `${ID.slice(0, 17)}x`, '两行\r\n备注']
		]);
	});

	it('reads GBK (WPS and Excel on a Chinese Windows) and UTF-8 without a BOM alike', () => {
		const fromGbk = read(readSheetFile(gbk(text), 'a.csv'));
		const fromUtf8 = read(readSheetFile(utf8(text), 'a.csv'));
		expect(fromGbk.encoding).toBe('gbk');
		expect(fromUtf8.encoding).toBe('utf-8');
		expect(fromGbk.sheets[0]!.rows).toEqual(fromUtf8.sheets[0]!.rows);
		expect(fromGbk.sheets[0]!.rows[1]![0]).toBe('张三');
	});

	it('reads Excel’s "Unicode text": UTF-16 with tabs', () => {
		const body = '姓名\t身份证号\n张三\t' + ID + '\n';
		const bytes = new Uint8Array(2 + body.length * 2);
		bytes.set([0xff, 0xfe]);
		for (let i = 0; i < body.length; i++) {
			bytes[2 + i * 2] = body.charCodeAt(i) & 0xff;
			bytes[3 + i * 2] = body.charCodeAt(i) >> 8;
		}
		const file = read(readSheetFile(bytes, 'a.txt'));
		expect(file.encoding).toBe('utf-16le');
		expect(file.sheets[0]!.rows[1]).toEqual(['张三', ID]);
	});

	it('keeps every cell as text, so an ID number is never turned into a number', () => {
		const file = read(readSheetFile(utf8(`身份证号,人口数\n${ID},04\n`), 'a.csv'));
		expect(file.sheets[0]!.rows[1]).toEqual([ID, '04']);
	});

	it('reads 100,000 rows and refuses 200,001', () => {
		const line = `张三,${ID},子女\n`;
		expect(read(readSheetFile(utf8('姓名,身份证号,与户主关系\n' + line.repeat(100_000)), 'a.csv')).sheets[0]!.rows.length).toBe(100_001);
		const result = readSheetFile(utf8(line.repeat(200_001)), '全镇花名册.csv');
		expect(result).toEqual({ ok: false, refusal: { code: 'import.file.tooManyRows', params: { sheet: '全镇花名册', max: 200_000 } } });
	});

	it('parses the corners of the format', () => {
		expect(parseCsv('a,b\nc,d')).toEqual({ rows: [['a', 'b'], ['c', 'd']], truncated: false });
		expect(parseCsv('a,\n,b\r\n')).toEqual({ rows: [['a', ''], ['', 'b']], truncated: false });
		expect(parseCsv('"a\nb",c\rd,e')).toEqual({ rows: [['a\nb', 'c'], ['d', 'e']], truncated: false });
		expect(parseCsv('x;y;z\n1;2;3').rows).toEqual([['x', 'y', 'z'], ['1', '2', '3']]);
		expect(parseCsv('a"b,c').rows).toEqual([['a"b', 'c']]);
		expect(parseCsv('1\n2\n3\n', { maxRows: 2 })).toEqual({ rows: [['1'], ['2']], truncated: true });
	});
});

describe('Excel serial days', () => {
	it('counts from 1900 with Excel’s phantom 29 February, and from 1904 for old Mac workbooks', () => {
		expect(serialToDay(1)).toBe('1900-01-01');
		expect(serialToDay(59)).toBe('1900-02-28');
		expect(serialToDay(60)).toBeNull();
		expect(serialToDay(61)).toBe('1900-03-01');
		expect(serialToDay(44774)).toBe('2022-08-01');
		expect(serialToDay(44774.75)).toBe('2022-08-01');
		expect(serialToDay(43312, true)).toBe('2022-08-01');
		expect(serialToDay(0)).toBeNull();
	});

	it('names columns as the sheet does', () => {
		expect([0, 25, 26, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
	});
});
