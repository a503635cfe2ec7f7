import { describe, expect, it } from 'vitest';
import type { Worksheet } from 'exceljs';
import { householdFormsXlsx, villageFormXlsx } from './forms';
import { xlsxWords } from './words';
import { fixtureDossier, mergesOf, readBack, TOWNSHIP_ANSWERS } from './xlsxFixtures';
import { AUGUST_2022 } from '../../campaign/campaign';

const zh = xlsxWords('zh');
const now = new Date('2024-05-01T08:00:00');

/** The row whose question (column B) reads `label`, or null. */
function rowOf(ws: Worksheet, label: string): number | null {
	for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, 2).value === label && ws.getCell(r, 2).isMerged === false) return r;
	return null;
}
const answerOf = (ws: Worksheet, label: string) => ws.getCell(rowOf(ws, label) ?? 0, 3);
const noteOf = (ws: Worksheet, label: string) => ws.getCell(rowOf(ws, label) ?? 0, 4);

describe('附件1 per household, as the paper form', () => {
	it('lays out one sheet per household: title, header lines, sections down the side, ticks and figures, the signature', async () => {
		const { dossier } = fixtureDossier();
		const progress: number[] = [];
		const file = await householdFormsXlsx(dossier, AUGUST_2022, { words: zh, now, onProgress: (done) => progress.push(done) });
		expect(file.fileName).toBe('东街村-附件1入户排查表-2024-05-01.xlsx');
		const wb = await readBack(file.bytes);
		expect(wb.worksheets.map((w) => w.name)).toEqual(['1 张三', '2 李明', '3 王芳', '数据口径']);
		expect(progress.at(-1)).toBe(3);
		const ws = wb.getWorksheet('1 张三')!;

		expect(ws.getCell('A1').value).toBe('附件1');
		expect(ws.getCell('A2').value).toBe('巩固脱贫成果“八月攻坚”整改专项行动入户问题排查表');
		expect(ws.getCell('A2').font?.name).toBe('黑体');
		expect(ws.getCell('A6').font?.name).toBe('宋体');
		expect(String(ws.getCell('A3').value)).toBe('乡镇：洺州镇\u3000\u3000村：东街村\u3000\u3000摸排时间：2022年8月');
		expect(String(ws.getCell('A4').value)).toBe('户类型：☐一般户 ☑脱贫户 ☐监测户\u3000\u3000户主姓名：张三\u3000\u3000人口：3 人，常住 2 人');
		expect((ws.getRow(5).values as unknown[]).slice(1)).toEqual(['事项', '排查问卷内容', '情况', '如有问题请详细描述']);

		const merges = mergesOf(wb, '1 张三');
		expect(merges).toContain('A2:D2');
		// Section 1's eleven rows under its name, down the side.
		expect(merges).toContain('A6:A16');
		expect(ws.getCell('A6').value).toBe('1. 2021年10月以来家庭收支情况');
		expect(ws.getCell('A6').border?.left?.style).toBe('thin');

		// Figures as numbers; the count with its residents beside it.
		expect(answerOf(ws, '①家里人口（口人）').value).toBe(2);
		expect(noteOf(ws, '①家里人口（口人）').value).toBe('3 人，常住 2 人');
		expect(answerOf(ws, '②2021年10月以来家庭纯收入（元）').value).toBe(16000.5);
		expect(answerOf(ws, '②2021年10月以来家庭纯收入（元）').numFmt).toBe('#,##0.00');
		// Yes/no ticked as on paper, in the form's own words where it has them.
		expect(answerOf(ws, '收入是否低于7300元').value).toBe('☐是\u3000☑否');
		expect(answerOf(ws, '③家里有无大额刚性支出（超过家庭纯收入为大额）').value).toBe('☐有\u3000☑无');
		expect(answerOf(ws, '①现住房是否为不安全住房').value).toBe('☑是\u3000☐否');
		expect(noteOf(ws, '①现住房是否为不安全住房').value).toBe('=屋顶漏雨，墙体开裂');
		// A stale description beside an answer that is no longer a problem is not shown.
		expect(noteOf(ws, '是否未鉴定').value).toBeNull();
		expect(answerOf(ws, '补助资金是否未发放到位').value).toBe('☐是\u3000☐否');

		// The signature line: who signed, and the date as a date.
		const last = ws.rowCount;
		expect(ws.getCell(last, 1).value).toBe('排查人员（签字）：王五');
		expect(ws.getCell(last, 3).value).toBe('签字日期：');
		expect(ws.getCell(last, 4).value).toEqual(new Date(Date.UTC(2022, 7, 8)));
		expect(ws.getCell(last, 4).numFmt).toBe('yyyy"年"m"月"d"日"');

		// Printed as A4 portrait, fitted to the width, the table's head repeated; its head frozen.
		expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, printTitlesRow: '5:5', printArea: `A1:D${last}` });
		expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
		expect(ws.getColumn(2).width).toBe(46);
	});

	it('shows the questions each household’s form asks, why a figure is missing once, and an unsigned form', async () => {
		const { dossier } = fixtureDossier();
		const wb = await readBack((await householdFormsXlsx(dossier, AUGUST_2022, { words: zh, now })).bytes);
		const li = wb.getWorksheet('2 李明')!;
		// Asked of lifted and monitored households only; and only after an unsafe house.
		expect(rowOf(li, '脱贫户、监测户是否有标示牌，是否与资料和实际一致')).toBeNull();
		expect(rowOf(li, '②是否按危房类别进行修缮或重建并验收达标')).toBeNull();
		expect(rowOf(wb.getWorksheet('3 王芳')!, '脱贫户、监测户是否有标示牌，是否与资料和实际一致')).not.toBeNull();
		// The income sheet has text in an amount: no figure, the reason said once, in grey.
		expect(answerOf(li, '②2021年10月以来家庭纯收入（元）').value).toBeNull();
		expect(noteOf(li, '②2021年10月以来家庭纯收入（元）').value).toBe('收支核算有 1 项填写有误，请先改正');
		expect(noteOf(li, '②2021年10月以来家庭纯收入（元）').font?.italic).toBe(true);
		expect(noteOf(li, '其中工资性收入（元）').value).toBeNull();
		expect(noteOf(li, '③是否有因贫困上不起大学现象').value).toBe('大学学费困难');
		expect(li.getCell(li.rowCount, 1).value).toBe('排查人员（签字）：（未签字）');
		expect(noteOf(wb.getWorksheet('3 王芳')!, '②2021年10月以来家庭纯收入（元）').value).toBe('还没有收支核算：请先在“收支核算”中添加收入');
	});

	it('names the signer as the organisation names them, and exports only the households asked for', async () => {
		const { dossier, ids } = fixtureDossier();
		const file = await householdFormsXlsx(dossier, AUGUST_2022, { words: zh, now, householdIds: [ids.zhang], names: (a) => (a.id === 'p-checker' ? '王五伍' : a.name) });
		const wb = await readBack(file.bytes);
		expect(wb.worksheets.map((w) => w.name)).toEqual(['1 张三', '数据口径']);
		const ws = wb.getWorksheet('1 张三')!;
		expect(ws.getCell(ws.rowCount, 1).value).toBe('排查人员（签字）：王五伍');
		// The dictionary lists the form's questions, on every household's sheet.
		const dict = wb.getWorksheet('数据口径')!;
		const row = [...Array(dict.rowCount).keys()].map((i) => dict.getRow(i + 1)).find((r) => r.getCell(4).value === '2. 住房保障 / ①现住房是否为不安全住房')!;
		expect(row.getCell(2).value).toBe('各户工作表');
		expect(row.getCell(3).value).toBeNull();
		expect(row.getCell(9).value).toBe('是 / 否');
	});
});

describe('附件2, the village form', () => {
	it('lays out the form with the township’s part from the organisation and 万元 to the digit', async () => {
		const { dossier } = fixtureDossier();
		const file = await villageFormXlsx(dossier, AUGUST_2022, { words: zh, now, townshipAnswers: TOWNSHIP_ANSWERS });
		expect(file.fileName).toBe('东街村-附件2乡村排查表-2024-05-01.xlsx');
		const wb = await readBack(file.bytes);
		expect(wb.worksheets.map((w) => w.name)).toEqual(['乡村排查表', '数据口径']);
		const ws = wb.getWorksheet('乡村排查表')!;
		expect(ws.getCell('A1').value).toBe('附件2');
		expect(ws.getCell('A3').value).toBe('乡镇：洺州镇\u3000\u3000摸排时间：2022年8月');
		// The form's own column heads (项目 / 排查内容).
		expect((ws.getRow(4).values as unknown[]).slice(1)).toEqual(['项目', '排查内容', '情况', '如有问题请详细描述']);
		expect(ws.getCell('A5').value).toBe('乡镇工作');
		expect(mergesOf(wb, '乡村排查表')).toContain('A5:A9');
		// The organisation's answer, not the copy an older app left in the village.
		expect(answerOf(ws, '①乡级党委政府是否未及时召开会议专题研究部署、解决巩固脱贫成果相关问题').value).toBe('☐是\u3000☑否');
		expect(answerOf(ws, '帮扶车间带动比例是否达标').value).toBe('☐是\u3000☑否');
		expect(answerOf(ws, '村').value).toBe('东街村');
		expect(answerOf(ws, '村类型').value).toBe('☑脱贫村 ☐一般村');
		expect(noteOf(ws, '②是否存在应纳未纳、应扶未扶、未审慎退出、程序不规范等问题').value).toBe('一户应纳未纳');
		const income = answerOf(ws, '村集体经济收入（实际，万元）');
		expect(income.value).toBe(3.4567);
		expect(income.numFmt).toBe('#,##0.00####');
		// Computed from the amount: below 50,000 yuan.
		expect(answerOf(ws, '①是否存在村集体经济收入未达到5万元以上问题').value).toBe('☑是\u3000☐否');
		expect(rowOf(ws, '是否开工')).toBeNull();
		expect(ws.getCell(ws.rowCount, 1).value).toBe('排查人员（签字）：（未签字）');

		const dict = wb.getWorksheet('数据口径')!;
		const entry = (header: string) => [...Array(dict.rowCount).keys()].map((i) => dict.getRow(i + 1)).find((r) => r.getCell(4).value === header)!;
		expect(entry('4. 产业就业帮扶 / 村集体经济收入（实际，万元）').getCell(8).value).toBe('万元');
		expect(entry('4. 产业就业帮扶 / 村集体经济收入（实际，万元）').getCell(9).value).toBe('不小于 0');
		expect(String(entry('乡镇工作 / ②乡镇是否有帮扶车间').getCell(11).value)).toContain('乡镇填写，各村相同');
		expect(entry('乡镇工作 / ②乡镇是否有帮扶车间').getCell(10).value).toBe('village-screening-2022@1');
	});

	it('reads without the township’s part: those rows stay unticked', async () => {
		const { dossier } = fixtureDossier();
		const wb = await readBack((await villageFormXlsx(dossier, AUGUST_2022, { words: xlsxWords('en'), now })).bytes);
		const ws = wb.getWorksheet('Village form')!;
		expect(ws.getCell('A1').value).toBe('Annex 2');
		expect(answerOf(ws, '① Has the township Party committee and government failed to meet in time on consolidating poverty-alleviation gains?').value).toBe('☐Yes\u3000☐No');
		expect((ws.getRow(4).values as unknown[]).slice(1)).toEqual(['Item', 'What is checked', 'Answer', 'Problem described']);
	});
});
