/**
 * Rosters as townships send them, made in memory for the tests and the benchmark: workbooks
 * written with exceljs (as Excel would save them: merges, number formats, formulas with and
 * without their results), text files in GBK or UTF-8, and valid ID numbers to fill them.
 */
import ExcelJS from 'exceljs';
import { checkCharacter } from '../../household/residentId';
import { findRosterSheet } from '../headerRows';
import { guessMapping, type ColumnMapping } from '../columnMapping';
import { readRoster, type Roster } from '../roster';
import { readSheetFile } from '../sheetFile';

/** A valid 18-character ID number: area, birth date (YYYYMMDD), sequence (odd: male). */
export function idNumber(birth: string, sequence: number, area = '410102'): string {
	const first17 = `${area}${birth}${String(sequence).padStart(3, '0')}`;
	return first17 + checkCharacter(first17);
}

/** An ID number whose check character is X (for the lower-case x cases). */
export function idNumberEndingInX(): string {
	for (let seq = 1; seq < 1000; seq++) {
		const id = idNumber('19800101', seq);
		if (id.endsWith('X')) return id;
	}
	throw new Error('no X in a thousand sequences');
}

export async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	build(wb);
	return new Uint8Array(await wb.xlsx.writeBuffer());
}

export type SheetRow = (string | number | boolean | Date | null | { formula: string; result?: string | number })[];

/** One sheet of rows, then whatever merges and formats `finish` adds. */
export async function sheet(rows: SheetRow[], finish?: (ws: ExcelJS.Worksheet) => void, name = '花名册'): Promise<Uint8Array> {
	return workbook((wb) => {
		const ws = wb.addWorksheet(name);
		for (const row of rows) ws.addRow(row.map((v) => (v === null ? undefined : v)));
		finish?.(ws);
	});
}

let gbkTable: Map<string, number[]> | null = null;

/** Text as GBK bytes, as WPS and Excel save a CSV on a Chinese Windows (no encoder ships with JS, so the decoder is inverted). */
export function gbk(text: string): Uint8Array {
	if (!gbkTable) {
		gbkTable = new Map();
		const decoder = new TextDecoder('gbk');
		for (let lead = 0x81; lead <= 0xfe; lead++) {
			for (let trail = 0x40; trail <= 0xfe; trail++) {
				if (trail === 0x7f) continue;
				const char = decoder.decode(new Uint8Array([lead, trail]));
				if (char.length === 1 && char !== '\ufffd' && !gbkTable.has(char)) gbkTable.set(char, [lead, trail]);
			}
		}
	}
	const bytes: number[] = [];
	for (const char of text) {
		const code = char.codePointAt(0)!;
		if (code < 0x80) bytes.push(code);
		else {
			const pair = gbkTable.get(char);
			if (!pair) throw new Error(`no GBK for ${char}`);
			bytes.push(...pair);
		}
	}
	return new Uint8Array(bytes);
}

export const utf8 = (text: string, bom = false): Uint8Array => {
	const body = new TextEncoder().encode(text);
	if (!bom) return body;
	const out = new Uint8Array(body.length + 3);
	out.set([0xef, 0xbb, 0xbf]);
	out.set(body, 3);
	return out;
};

const RELATIONS = ['户主', '配偶', '长子', '长女', '儿媳', '孙子', '孙女', '母亲', '次子', '次女'];

/**
 * A village roster of `households` × `members`, one row per member, as the township's
 * 花名册: a title merged across, a two-row header with merged parents, the household number
 * and head merged down each household's rows.
 */
export async function rosterWorkbook(households: number, members: number): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('花名册');
	ws.addRow(['洺州镇冯老村农户花名册']);
	ws.addRow(['序号', '户编号', '户主信息', null, null, null, '家庭成员信息', null, null, null, null, null]);
	ws.addRow([null, null, '户主姓名', '户类型', '村民组', '联系电话', '姓名', '身份证号', '与户主关系', '健康状况', '劳动能力', '是否常住']);
	ws.mergeCells('A1:L1');
	ws.mergeCells('A2:A3');
	ws.mergeCells('B2:B3');
	ws.mergeCells('C2:F2');
	ws.mergeCells('G2:L2');
	let n = 0;
	for (let h = 0; h < households; h++) {
		const head = `户主${h}`;
		const first = ws.rowCount + 1;
		for (let m = 0; m < members; m++) {
			n++;
			const birth = m === 0 ? '19600101' : `19${70 + (m % 30)}0${1 + (m % 9)}15`;
			ws.addRow([
				n,
				`H${String(h).padStart(5, '0')}`,
				head,
				h % 3 === 0 ? '脱贫户' : h % 3 === 1 ? '一般户' : '监测户',
				`${(h % 9) + 1}组`,
				`138${String(h).padStart(8, '0')}`,
				m === 0 ? head : `成员${h}_${m}`,
				idNumber(birth, (h * members + m) % 1000, String(410102 + Math.floor((h * members + m) / 1000)).padStart(6, '0')),
				m === 0 ? RELATIONS[0] : RELATIONS[1 + ((m - 1) % (RELATIONS.length - 1))],
				m % 4 === 3 ? '长期慢性病' : '健康',
				m % 5 === 4 ? '否' : '是',
				'是'
			]);
		}
		if (members > 1) {
			ws.mergeCells(first, 2, first + members - 1, 2);
			ws.mergeCells(first, 3, first + members - 1, 3);
		}
	}
	return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The pipeline the import worker runs: read, find the header, guess the mapping, read the rows. */
export function rosterOf(bytes: Uint8Array, name = 'a.xlsx', adjust?: (mapping: ColumnMapping) => void): Roster {
	const file = readSheetFile(bytes, name);
	if (!file.ok) throw new Error(file.refusal.code);
	const found = findRosterSheet(file.file.sheets);
	if (!found) throw new Error('no header');
	const { mapping } = guessMapping(found.header.columns);
	adjust?.(mapping);
	return readRoster(found.sheet, found.header, mapping, { today: '2024-06-01', date1904: file.file.date1904 });
}

export const ids = {
	zhang: idNumber('19650304', 11),
	li: idNumber('19680512', 22),
	xiaoming: idNumberEndingInX(),
	wang: idNumber('19700101', 33),
	zhao: idNumber('19720202', 44),
	sun: idNumber('19500101', 55),
	sunba: idNumber('19800101', 67),
	qian: idNumber('19850505', 85)
};

/** A 花名册 as a township keeps it: a title, a two-row header, households merged down their rows. */
export const TOWNSHIP_ROSTER: SheetRow[] = [
	['冯老村农户花名册'],
	['户编号', '户主姓名', '户类型', '村民组', '家庭成员信息', null, null, null, '人口数'],
	[null, null, null, null, '姓名', '身份证号', '与户主关系', '健康状况', null],
	['H1', '张三', '脱贫户', '一组', '张三', ids.zhang, '户主', '健康', 3],
	[null, null, null, null, '李梅', ids.li, '妻', '长期慢性病', null],
	[null, null, null, null, '张 小 明', ids.xiaoming.toLowerCase(), '长子', '健康', null],
	['H2', '王五', '一般户', '二组', '王五', ids.wang, '户主', '健康', 2],
	['H2', '王五', '一般户', '二组', '赵六', Number(ids.zhao), '配偶', '健康', 2],
	['H3', '孙七', '脱贫不稳定户', '1组', '孙七', ids.sun, '本人', '残疾', 3],
	[null, null, null, null, '孙八', ids.sunba, '子', '健康', null],
	['合计', null, null, null, null, null, null, null, 7],
	['注：身份证号一列请设为文本格式']
];

export async function townshipRoster(): Promise<Uint8Array> {
	return sheet(TOWNSHIP_ROSTER, (ws) => {
		ws.mergeCells('A1:I1');
		for (const col of ['A', 'B', 'C', 'D', 'I']) ws.mergeCells(`${col}2:${col}3`);
		ws.mergeCells('E2:H2');
		for (const col of ['A', 'B', 'C', 'D', 'I']) ws.mergeCells(`${col}4:${col}6`);
		ws.mergeCells('A12:I12');
	});
}
