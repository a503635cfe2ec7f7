import { describe, expect, it } from 'vitest';
import type { Worksheet } from 'exceljs';
import { incomeXlsx } from './income';
import { xlsxWords } from './words';
import { fixtureDossier, HEAD_ID_DIGITS, HEAD_ID_X, mergesOf, readBack } from './xlsxFixtures';
import { AUGUST_2022 } from '../../campaign/campaign';

const zh = xlsxWords('zh');
const now = new Date('2024-05-01T08:00:00');

const column = (ws: Worksheet, head: string) => {
	for (let c = 1; c <= ws.columnCount; c++) if (ws.getCell(4, c).value === head) return c;
	throw new Error(head);
};

describe('收支核算表', () => {
	it('puts every household in rows with its spending and figures, and every income line on a sheet of its own', async () => {
		const { dossier } = fixtureDossier();
		const file = await incomeXlsx(dossier, AUGUST_2022, { layout: 'rows', words: zh, now });
		expect(file.fileName).toBe('东街村-收支核算表-2024-05-01.xlsx');
		const wb = await readBack(file.bytes);
		expect(wb.worksheets.map((w) => w.name)).toEqual(['收支核算汇总', '收入明细', '数据口径']);
		const ws = wb.getWorksheet('收支核算汇总')!;
		expect(ws.getCell('A1').value).toBe('家庭收支核算表');
		expect(ws.getCell(3, column(ws, '人均纯收入（元）')).value).toBe('核算结果');
		const cell = (row: number, head: string) => ws.getCell(row, column(ws, head));
		expect(cell(5, '户主身份证号').value).toBe(HEAD_ID_X);
		expect(cell(5, '家庭人口').value).toBe(3);
		expect(cell(5, '家庭常住人口').value).toBe(2);
		expect(cell(5, '收入明细（条）').value).toBe(3);
		expect(cell(5, '生产经营费用支出（元）').value).toBe(500);
		expect(cell(5, '家庭纯收入（元）').value).toBe(16000.5);
		expect(cell(5, '人均纯收入（元）').value).toBe(8000.25);
		expect(cell(5, '人均纯收入（元）').numFmt).toBe('#,##0.00');
		expect(cell(5, '人均纯收入是否低于7300元').value).toBe('否');
		expect(cell(5, '有无大额刚性支出（超过家庭纯收入为大额）').value).toBe('无');
		// Text in an amount is written as it stands, in red, and the sheet has no figures.
		expect(cell(6, '教育支出（元）').value).toBe('两千');
		expect(cell(6, '教育支出（元）').font?.color?.argb).toBe('FFC00000');
		expect(cell(6, '家庭纯收入（元）').value).toBeNull();
		expect(cell(6, '户主身份证号').value).toBe(HEAD_ID_DIGITS);
		expect(cell(7, '收入明细（条）').value).toBe(0);
		expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 3, ySplit: 4 });

		const lines = wb.getWorksheet('收入明细')!;
		expect((lines.getRow(3).values as unknown[]).slice(1)).toEqual(['序号', '户主姓名', '户主身份证号', '类别', '金额（元）', '说明', '证明照片']);
		expect((lines.getRow(4).values as unknown[]).slice(1)).toEqual([1, '张三', HEAD_ID_X, '工资性收入', 12000, '县城打工']);
		expect(lines.getCell('E6').value).toBe(1500.5);
		expect(lines.getCell('B7').value).toBe('李明');
		expect(lines.rowCount).toBe(7);

		const dict = wb.getWorksheet('数据口径')!;
		const entry = (sheet: string, header: string) => [...Array(dict.rowCount).keys()].map((i) => dict.getRow(i + 1)).find((r) => r.getCell(2).value === sheet && String(r.getCell(4).value).endsWith(header))!;
		expect(entry('收支核算汇总', '人均纯收入（元）').getCell(10).value).toBe('income-sheet@1');
		expect(entry('收支核算汇总', '人均纯收入（元）').getCell(8).value).toBe('元');
		expect(entry('收入明细', '类别').getCell(9).value).toBe('工资性收入、生产经营性收入、转移性收入、财产性收入');
		expect(entry('收入明细', '金额（元）').getCell(9).value).toBe('不小于 0');
	});

	it('lays out one household per sheet as the paper sheet', async () => {
		const { dossier, ids } = fixtureDossier();
		const wb = await readBack((await incomeXlsx(dossier, AUGUST_2022, { layout: 'sheets', words: zh, now, householdIds: [ids.zhang, ids.li] })).bytes);
		expect(wb.worksheets.map((w) => w.name)).toEqual(['1 张三', '2 李明', '数据口径']);
		const ws = wb.getWorksheet('1 张三')!;
		expect(ws.getCell('A1').value).toBe('家庭收支核算表');
		expect(String(ws.getCell('A3').value)).toContain('人口：3 人，常住 2 人');
		// Members, with the ID number as text.
		expect(ws.getCell('A5').value).toBe('家庭成员');
		expect((ws.getRow(6).values as unknown[]).slice(1)).toEqual(['序号', '姓名', '与户主关系', '身份证号', '家庭常住人口', '有劳动能力']);
		expect((ws.getRow(7).values as unknown[]).slice(1)).toEqual([1, '张三', '户主', HEAD_ID_X, '是', '是']);
		expect(ws.getCell('D7').numFmt).toBe('@');
		// Income lines, the note over two columns.
		expect(ws.getCell('A11').value).toBe('收入明细');
		expect(ws.getCell('C13').value).toBe(12000);
		expect(ws.getCell('D13').value).toBe('县城打工');
		expect(mergesOf(wb, '1 张三')).toContain('D13:E13');
		// Spending and the figures, label and value.
		const find = (label: string) => {
			for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === label) return ws.getCell(r, 5);
			throw new Error(label);
		};
		expect(find('医疗合规报销后自付费用（元）').value).toBe(6000.01);
		expect(find('人均纯收入（元）').value).toBe(8000.25);
		expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', printArea: `A1:F${ws.rowCount}` });
	});
});
