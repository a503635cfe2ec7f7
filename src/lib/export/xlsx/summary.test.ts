import { describe, expect, it } from 'vitest';
import type { Worksheet } from 'exceljs';
import { householdSummaryXlsx } from './summary';
import { xlsxWords } from './words';
import { CAMPAIGN_V2, fixtureDossier, HEAD_ID_DIGITS, HEAD_ID_X, mergesOf, readBack, signHousehold, withV2 } from './xlsxFixtures';
import { AUGUST_2022 } from '../../campaign/campaign';
import { columnLetter } from './sheet';

const zh = xlsxWords('zh');
const now = new Date('2024-05-01T08:00:00');

/** The column (1-based) whose second header row reads `head` (under `group`, when given). */
function columnOf(ws: Worksheet, head: string, group?: string): number {
	for (let c = 1; c <= ws.columnCount; c++) {
		if (ws.getCell(4, c).value === head && (group === undefined || ws.getCell(3, c).value === group)) return c;
	}
	throw new Error(`no column ${group ?? ''} / ${head}`);
}

describe('附件1 汇总表', () => {
	it('writes every household in rows under a two-row header, sections merged over their questions', async () => {
		const { dossier } = fixtureDossier();
		const progress: [number, number, string][] = [];
		const file = await householdSummaryXlsx(dossier, AUGUST_2022, { words: zh, now, onProgress: (done, total, phase) => progress.push([done, total, phase]) });
		expect(file.fileName).toBe('东街村-附件1汇总表-2024-05-01.xlsx');
		const wb = await readBack(file.bytes);
		expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总表', '数据口径']);
		const ws = wb.getWorksheet('汇总表')!;

		// Title, the facts line, then the header in rows 3–4.
		expect(ws.getCell('A1').value).toBe('巩固脱贫成果“八月攻坚”整改专项行动入户问题排查表汇总表');
		expect(String(ws.getCell('A2').value)).toContain('乡镇：洺州镇');
		expect(String(ws.getCell('A2').value)).toContain('共 3 户');
		expect(ws.getCell('A1').font?.name).toBe('黑体');
		const merges = mergesOf(wb, '汇总表');
		// 序号 spans both header rows; 2. 住房保障 is merged over its six questions and their descriptions.
		expect(merges).toContain('A3:A4');
		const unsafe = columnOf(ws, '①现住房是否为不安全住房', '2. 住房保障');
		const housing = merges.find((m) => m.startsWith(`${columnLetter(unsafe)}3:`))!;
		expect(housing).toBe(`${columnLetter(unsafe)}3:${columnLetter(unsafe + 11)}3`);
		expect(ws.getCell(3, unsafe + 11).value).toBe('2. 住房保障');
		expect(ws.getCell(4, unsafe + 1).value).toBe('①现住房是否为不安全住房（问题描述）');

		// Frozen: the header rows and 序号, 户主, 身份证号.
		expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 3, ySplit: 4 });
		// Printed: A4 landscape, one page wide, the header repeated, the print area the table and its footer.
		expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:4' });
		expect(ws.pageSetup.printArea).toBe(`A1:${columnLetter(ws.columnCount)}9`);

		// Rows: the dossier's order, the withdrawn household left out.
		expect([5, 6, 7].map((r) => ws.getCell(r, 2).value)).toEqual(['张三', '李明', '王芳']);
		expect(ws.getCell(8, 2).value).toBeNull();
		expect(ws.getCell(9, 1).value).toContain('填报人（签字）');
		expect(progress.at(-1)).toEqual([3, 3, 'file']);
		expect(progress.filter((p) => p[2] === 'rows').at(-1)).toEqual([3, 3, 'rows']);
	});

	it('keeps ID numbers as text, money as numbers in yuan, 是/否 as the form says them', async () => {
		const { dossier } = fixtureDossier();
		const wb = await readBack((await householdSummaryXlsx(dossier, AUGUST_2022, { words: zh, now })).bytes);
		const ws = wb.getWorksheet('汇总表')!;
		const cell = (row: number, head: string, group?: string) => ws.getCell(row, columnOf(ws, head, group));

		expect(ws.getCell(4, 3).value).toBe('户主身份证号');
		expect(ws.getCell('C5').value).toBe(HEAD_ID_X);
		expect(ws.getCell('C6').value).toBe(HEAD_ID_DIGITS);
		expect(typeof ws.getCell('C6').value).toBe('string');
		expect(ws.getCell('C6').numFmt).toBe('@');
		expect(ws.getCell('D5').value).toBe('脱贫户');
		expect(ws.getCell('E5').value).toBe('一组');

		// Section 1 from the card and the income sheet: residents counted, money in yuan to the fen.
		expect(cell(5, '①家里人口（口人）').value).toBe(2);
		expect(cell(5, '其中有劳动能力（人）').value).toBe(1);
		expect(cell(5, '②2021年10月以来家庭纯收入（元）').value).toBe(16000.5);
		expect(cell(5, '②2021年10月以来家庭纯收入（元）').numFmt).toBe('#,##0.00');
		expect(cell(5, '生产经营性纯收入（元）').value).toBe(2500);
		expect(cell(5, '医疗合规报销后自付费用（元）').value).toBe(6000.01);
		expect(cell(5, '收入是否低于7300元').value).toBe('否');
		// The form's own words for ③: 有/无.
		expect(cell(5, '③家里有无大额刚性支出（超过家庭纯收入为大额）').value).toBe('无');
		// Text in an amount of the income sheet: no figures, never a zero.
		expect(cell(6, '②2021年10月以来家庭纯收入（元）').value).toBeNull();
		expect(cell(7, '②2021年10月以来家庭纯收入（元）').value).toBeNull();

		// A dated answer is a date.
		const surveyed = cell(5, '摸排时间');
		expect(surveyed.value).toEqual(new Date(Date.UTC(2022, 7, 6)));
		expect(surveyed.numFmt).toBe('yyyy"年"m"月"');

		// Yes/no, and the description only beside an answer flagged as a problem; an answer
		// the form stopped asking (李明's house is safe) is not exported; text stays text.
		expect(cell(5, '①现住房是否为不安全住房').value).toBe('是');
		expect(cell(5, '①现住房是否为不安全住房（问题描述）').value).toBe('=屋顶漏雨，墙体开裂');
		expect(cell(5, '①现住房是否为不安全住房（问题描述）').formula).toBeUndefined();
		expect(cell(5, '是否未鉴定（问题描述）').value).toBeNull();
		expect(cell(5, '②是否按危房类别进行修缮或重建并验收达标').value).toBe('否');
		expect(cell(6, '②是否按危房类别进行修缮或重建并验收达标').value).toBeNull();
		expect(cell(6, '③是否有因贫困上不起大学现象（问题描述）').value).toBe('大学学费困难');
		expect(cell(5, '对驻村帮扶工作是否满意（问题描述）').value).toBe('希望多来走访');
		// The sign-plate question is asked of lifted and monitored households only: 李明's is empty.
		expect(cell(5, '脱贫户、监测户是否有标示牌，是否与资料和实际一致').style.border?.left?.style).toBe('thin');
	});

	it('names every column in the dictionary with its question, unit, values and template version', async () => {
		const { dossier } = fixtureDossier();
		const wb = await readBack((await householdSummaryXlsx(dossier, AUGUST_2022, { words: zh, now })).bytes);
		const ws = wb.getWorksheet('汇总表')!;
		const dict = wb.getWorksheet('数据口径')!;
		expect(dict.getCell('A1').value).toBe('数据口径说明');
		const heads = (dict.getRow(3).values as unknown[]).slice(1);
		expect(heads).toEqual(['序号', '工作表', '列', '表头', '问题', '原表文字', '类型', '单位', '允许值', '来源', '说明']);
		// One row per column of the summary, in order, with its letter.
		expect(dict.rowCount - 3).toBe(ws.columnCount);
		const rowOf = (letter: string) => {
			for (let r = 4; r <= dict.rowCount; r++) if (dict.getCell(r, 3).value === letter) return dict.getRow(r);
			throw new Error(letter);
		};
		const net = columnLetter(columnOf(ws, '②2021年10月以来家庭纯收入（元）'));
		const netRow = rowOf(net);
		expect(netRow.getCell(4).value).toBe('1. 2021年10月以来家庭收支情况 / ②2021年10月以来家庭纯收入（元）');
		expect(netRow.getCell(7).value).toBe('金额');
		expect(netRow.getCell(8).value).toBe('元');
		expect(netRow.getCell(10).value).toBe('household-screening-2022@1');
		expect(String(netRow.getCell(11).value)).toContain('收支核算表');
		const unsafe = rowOf(columnLetter(columnOf(ws, '①现住房是否为不安全住房')));
		expect(unsafe.getCell(9).value).toBe('是 / 否');
		expect(unsafe.getCell(6).value).toBe('①现住房是否为不安全住房(是□否□)');
		const rigid = rowOf(columnLetter(columnOf(ws, '③家里有无大额刚性支出（超过家庭纯收入为大额）')));
		expect(rigid.getCell(9).value).toBe('有 / 无');
		const id = rowOf('C');
		expect(id.getCell(4).value).toBe('户主身份证号');
		expect(String(id.getCell(11).value)).toContain('以文本保存');
		expect(rowOf('D').getCell(9).value).toBe('一般户、脱贫户、监测户');
		expect(rowOf('D').getCell(10).value).toBe('household-card@2');
	});

	it('speaks English with the English words', async () => {
		const { dossier } = fixtureDossier();
		const en = xlsxWords('en');
		const file = await householdSummaryXlsx(dossier, AUGUST_2022, { words: en, now });
		const wb = await readBack(file.bytes);
		expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', 'Data dictionary']);
		const ws = wb.getWorksheet('Summary')!;
		expect(ws.getCell(4, 2).value).toBe('Head of household');
		expect(ws.getCell(5, columnOf(ws, '① Is the current house unsafe?')).value).toBe('Yes');
		expect(String(ws.getCell('A2').value)).toContain('3 households');
		expect(file.fileName).toBe('东街村-Annex1-summary-2024-05-01.xlsx');
	});
});

describe('columns across template versions', () => {
	it('keeps the union of every version’s columns in a stable order; a household reads with its own version', async () => {
		const { dossier, ids } = fixtureDossier(CAMPAIGN_V2);
		// 张三 signed under version 1 (the fixture); 李明 and 王芳 are on version 2, the campaign's now.
		dossier.setAnswer(ids.li, 'household-screening-2022@aug2022', 's2_plate_missing', true);
		dossier.setAnswer(ids.li, 'household-screening-2022@aug2022', 's2_plate_missing__desc', '标示牌脱落');
		dossier.setAnswer(ids.zhang, 'household-screening-2022@aug2022', 's2_plate_missing', true);
		const read = async (ids?: string[]) => {
			const wb = await readBack((await householdSummaryXlsx(dossier, CAMPAIGN_V2, { words: zh, now, resolve: withV2, householdIds: ids })).bytes);
			return wb.getWorksheet('汇总表')!;
		};
		const ws = await read();
		const heads = (sheet: Worksheet) => Array.from({ length: sheet.columnCount }, (_, i) => sheet.getCell(4, i + 1).value);
		const all = heads(ws);
		// Version 2's new question right after the one it follows; version 1's dropped one kept.
		const unsafe = all.indexOf('①现住房是否为不安全住房（问题描述）');
		expect(all[unsafe + 1]).toBe('是否未悬挂住房安全标示牌');
		expect(all[unsafe + 2]).toBe('是否未悬挂住房安全标示牌（问题描述）');
		expect(all).toContain('③是否有因贫困上不起大学现象');
		// The newest wording heads a reworded question.
		expect(all).toContain('①学生资助政策是否落实不到位');

		const plate = columnOf(ws, '是否未悬挂住房安全标示牌');
		const college = columnOf(ws, '③是否有因贫困上不起大学现象');
		// 张三's form is version 1: the new question reads empty for him, whatever is stored.
		expect(ws.getCell(5, plate).value).toBeNull();
		expect(ws.getCell(5, college).value).toBe('否');
		// 李明's is version 2: it has the new question and not the dropped one.
		expect(ws.getCell(6, plate).value).toBe('是');
		expect(ws.getCell(6, plate + 1).value).toBe('标示牌脱落');
		expect(ws.getCell(6, college).value).toBeNull();

		// Exporting only version-2 households, or all, gives the same columns in the same place
		// as long as the campaign's versions are the same.
		signHousehold(dossier, ids.wang, 2, '2022-08-09T02:00:00.000Z');
		expect(heads(await read([ids.zhang, ids.wang]))).toEqual(all);

		// The dictionary says which versions have a question.
		const dict = (await readBack((await householdSummaryXlsx(dossier, CAMPAIGN_V2, { words: zh, now, resolve: withV2 })).bytes)).getWorksheet('数据口径')!;
		const entry = (letter: string) => {
			for (let r = 4; r <= dict.rowCount; r++) if (dict.getCell(r, 3).value === letter) return dict.getRow(r);
			throw new Error(letter);
		};
		expect(entry(columnLetter(plate)).getCell(10).value).toBe('household-screening-2022@2');
		expect(String(entry(columnLetter(plate)).getCell(11).value)).toContain('仅 @2 版有此题');
		expect(entry(columnLetter(college)).getCell(10).value).toBe('household-screening-2022@1');
		expect(entry(columnLetter(columnOf(ws, '①现住房是否为不安全住房'))).getCell(10).value).toBe('household-screening-2022@1、2');
	});

	it('has only the campaign’s version when no form was signed under another', async () => {
		const { dossier } = fixtureDossier();
		const wb = await readBack((await householdSummaryXlsx(dossier, AUGUST_2022, { words: zh, now, resolve: withV2 })).bytes);
		const ws = wb.getWorksheet('汇总表')!;
		expect(() => columnOf(ws, '是否未悬挂住房安全标示牌')).toThrow();
	});
});
