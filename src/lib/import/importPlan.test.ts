import { describe, expect, it } from 'vitest';
import { CARD_FORM } from '../dossier/layout';
import { groupKey, planImport, type HouseholdPlan } from './importPlan';
import { idNumber, ids, rosterOf, sheet, townshipRoster } from './testing/rosterFixtures';
import { existingDossier } from './testing/dossierFixtures';

const by = { name: '村干部', at: new Date('2024-05-01T08:00:00Z') };

const summary = (h: HouseholdPlan) => ({
	head: h.head,
	matchedBy: h.matchedBy,
	cardChanges: h.cardChanges,
	members: h.members.map((m) => [m.name, m.kind, m.changes.map((c) => `${c.question}: ${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}`)]),
	kept: h.membersKept
});

describe('the import plan', () => {
	it('matches by the head’s ID number, then by name and 村民组 (一组 is 1组), and shows each member added, changed or unchanged', async () => {
		const { dossier, zhang, sun } = existingDossier();
		const plan = planImport(rosterOf(await townshipRoster()), dossier);
		expect(plan.newHouseholds).toEqual([]);
		expect(plan.matchedHouseholds.map((h) => h.householdId)).toEqual([zhang, sun]);
		expect(plan.matchedHouseholds.map(summary)).toEqual([
			{
				head: '张三',
				matchedBy: 'headId',
				cardChanges: [{ question: 'type', before: 'ordinary', after: 'lifted' }],
				members: [
					['张三', 'change', ['health: undefined → "healthy"']],
					['李梅', 'change', ['health: "healthy" → "chronic"']],
					['张小明', 'add', []]
				],
				// 张奶奶 is not in the file: she stays.
				kept: 1
			},
			{
				head: '孙七',
				matchedBy: 'headNameAndGroup',
				cardChanges: [],
				members: [
					['孙七', 'change', [`id_number: undefined → "${ids.sun}"`, 'health: undefined → "disabled"']],
					['孙八', 'add', []]
				],
				kept: 0
			}
		]);
		expect(plan.totals).toMatchObject({ rowsRead: 7, newHouseholds: 0, matchedHouseholds: 2, membersAdded: 2, membersChanged: 3, membersUnchanged: 0, refusedRows: 2, warnings: 1 });
		// The file's refusals come through unchanged: the 王五 household, for its ID stored as a number.
		expect(plan.refused.map((r) => [r.row, r.code])).toEqual([
			[7, 'import.row.sameHousehold'],
			[8, 'import.cell.idAsNumber']
		]);
	});

	it('never clears: an empty cell leaves the answer, a matching one is no change', async () => {
		const { dossier } = existingDossier();
		const plan = planImport(
			rosterOf(
				await sheet([
					['户编号', '户主姓名', '村民组', '联系电话', '姓名', '身份证号', '与户主关系', '健康状况'],
					['1', '张三', '一组', null, '张三', ids.zhang, '户主', null],
					['1', '张三', '一组', null, '李梅', ids.li, '配偶', '健康']
				])
			),
			dossier
		);
		expect(plan.matchedHouseholds.map(summary)).toEqual([
			{
				head: '张三',
				matchedBy: 'headId',
				cardChanges: [],
				members: [
					['张三', 'same', []],
					['李梅', 'same', []]
				],
				kept: 1
			}
		]);
		expect(plan.totals.unchangedHouseholds).toBe(1);
	});

	it('adds a household it cannot match, and refuses an ID number that belongs to another household here or to another village', async () => {
		const { dossier } = existingDossier();
		const other = idNumber('19880808', 88);
		const plan = planImport(
			rosterOf(
				await sheet([
					['户编号', '户主姓名', '户类型', '村民组', '姓名', '身份证号', '与户主关系'],
					['7', '吴一', '一般户', '三组', '吴一', idNumber('19700707', 71), '户主'],
					['7', '吴一', '一般户', '三组', '吴二', idNumber('19950505', 72), '子女'],
					['8', '郑二', '一般户', '三组', '郑二', idNumber('19710101', 81), '户主'],
					['8', '郑二', '一般户', '三组', '钱十', ids.qian, '子女'],
					['9', '冯三', '脱贫户', '四组', '冯三', other, '户主']
				])
			),
			dossier,
			{ otherDossiers: new Map([[other, { dossierId: 'dossier000002', village: '冯庄村', head: '冯三' }]]) }
		);
		expect(plan.newHouseholds.map((h) => [h.head, h.card, h.members.map((m) => m.kind)])).toEqual([['吴一', { head: '吴一', type: 'ordinary', group: '三组' }, ['add', 'add']]]);
		expect(plan.refused).toEqual([
			{ row: 4, code: 'import.row.sameHousehold', params: { rows: '5' } },
			{ row: 5, code: 'import.row.idInOtherHousehold', params: { id: ids.qian, head: '周九' } },
			{ row: 6, code: 'import.row.idInOtherDossier', params: { id: other, village: '冯庄村', head: '冯三' } }
		]);
		expect(plan.duplicates.otherDossiers).toEqual([{ idNumber: other, rows: [6], dossierId: 'dossier000002', village: '冯庄村', head: '冯三' }]);
		expect(plan.duplicates.otherHouseholds).toMatchObject([{ idNumber: ids.qian, rows: [5], head: '周九' }]);
	});

	it('does not match by name where the IDs say they are two people, and refuses a name that fits two households', async () => {
		const { dossier } = existingDossier();
		const twin = dossier.createHousehold({ head: '孙七', type: 'ordinary' }, by);
		dossier.setAnswer(twin, CARD_FORM, 'group', '第一村民组');
		const stranger = idNumber('19770707', 77);
		const plan = planImport(
			rosterOf(
				await sheet([
					['户主姓名', '身份证号', '村民组'],
					['张三', stranger, '一组'],
					['孙七', null, '一组']
				])
			),
			dossier
		);
		// Another 张三 (his ID is not the one on the card): a new household, not an update of the first.
		expect(plan.newHouseholds.map((h) => [h.head, h.headId])).toEqual([['张三', stranger]]);
		expect(plan.refused).toEqual([{ row: 3, code: 'import.row.ambiguousMatch', params: { head: '孙七', count: 2, group: '一组' } }]);
	});

	it('applies yes/no flag columns to the flags already on the card, and refuses a second head', async () => {
		const { dossier, zhang } = existingDossier();
		dossier.setAnswer(zhang, CARD_FORM, 'flags', ['elderly', 'tekun']);
		const plan = planImport(
			rosterOf(
				await sheet([
					['户主姓名', '身份证号', '村民组', '是否低保户', '是否五保户'],
					['张三', ids.zhang, '一组', '是', '否']
				])
			),
			dossier
		);
		expect(plan.matchedHouseholds[0]!.cardChanges).toEqual([{ question: 'flags', before: ['elderly', 'tekun'], after: ['elderly', 'dibao'] }]);

		// The card's head became 孙八 but 孙七's row still says 户主: adding 孙八 as head would make two.
		const { dossier: other, sun } = existingDossier();
		other.setAnswer(sun, CARD_FORM, 'head', '孙八');
		const second = planImport(
			rosterOf(
				await sheet([
					['户主姓名', '村民组', '姓名', '与户主关系'],
					['孙八', '一组', '孙八', '户主']
				])
			),
			other
		);
		expect(second.matchedHouseholds).toEqual([]);
		expect(second.refused).toEqual([{ row: 2, code: 'import.row.secondHead', params: { head: '孙八' } }]);
	});
});

describe('groups', () => {
	it('reads 一组, 第1组, 1组, 第一村民组 and 1 as one group, 张庄组 as 张庄', () => {
		expect(['一组', '第1组', '1组', '第一村民组', '1', '１组', '一'].map(groupKey)).toEqual(Array(7).fill('1'));
		expect(['十二组', '第12村民组', '二十组', '张庄组'].map(groupKey)).toEqual(['12', '12', '20', '张庄']);
	});
});
