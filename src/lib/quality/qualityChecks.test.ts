import { describe, expect, it } from 'vitest';
import { DossierDoc } from '../dossier/dossierDoc';
import { CARD_FORM } from '../dossier/layout';
import { AUGUST_2022, campaignFormKey, INCOME_SHEET, type Campaign } from '../campaign/campaign';
import { checkCharacter } from '../household/residentId';
import { ReviewDoc } from '../review/reviewDoc';
import { elsewhereById, qualityIssues, issueHousehold } from './qualityChecks';
import { latestDecisions } from './decision';

const by = { name: '王干部' };
const TODAY = '2023-08-10';
const id = (first17: string) => first17 + checkCharacter(first17);
const NEXT: Campaign = { ...AUGUST_2022, id: 'aug2023', name: '2023年排查', startsOn: '2023-08-01', endsOn: '2023-08-31' };

function village() {
	const dossier = new DossierDoc();
	dossier.addCampaign(AUGUST_2022);
	dossier.addCampaign(NEXT);
	const household = (head: string, members: Record<string, unknown>[]) => {
		const hid = dossier.createHousehold({ head, type: 'ordinary' }, by);
		for (const m of members) dossier.addRow(hid, CARD_FORM, 'members', m as Record<string, string | boolean>);
		return hid;
	};
	const shared = id('13042519700101001');
	const liu = household('刘大', [
		{ name: '刘大', relation: 'head', id_number: shared, resident: true },
		// Born in 1901: 122 years old on TODAY (a number before 1900 is no ID number at all).
		{ name: '刘老', relation: 'parent', id_number: id('13042519010101002'), resident: true }
	]);
	const wang = household('王二', [
		{ name: '王二', relation: 'head', id_number: id('13042519800202003'), resident: true },
		{ name: '刘大', relation: 'other', id_number: shared.toLowerCase(), resident: true },
		// Born after TODAY.
		{ name: '王小', relation: 'child', id_number: id('13042520240101004'), resident: true }
	]);
	// Two heads.
	const zhang = household('张三', [
		{ name: '张三', relation: 'head', resident: true },
		{ name: '张四', relation: 'head', resident: true }
	]);
	// Income from 10,000 a head to 3,000 a head: down 70%.
	const line = (hid: string, campaign: Campaign, amount: number) => dossier.addRow(hid, campaignFormKey(INCOME_SHEET, campaign.id), 'lines', { category: 'wage', amount });
	line(zhang, AUGUST_2022, 20_000_00);
	line(zhang, NEXT, 6_000_00);
	// 10,000 to 12,000: within the share.
	line(liu, AUGUST_2022, 20_000_00);
	line(liu, NEXT, 24_000_00);
	return { dossier, liu, wang, zhang, shared };
}

describe('数据核查', () => {
	it('finds one ID number twice, impossible ages, households without one 户主, and income that jumped', () => {
		const { dossier, liu, wang, zhang, shared } = village();
		const issues = qualityIssues({ dossier, today: TODAY });
		expect(issues.map((i) => i.kind).sort()).toEqual(['age', 'age', 'duplicateId', 'incomeJump', 'relations']);
		const dup = issues.find((i) => i.kind === 'duplicateId')!;
		expect(dup).toMatchObject({ idNumber: shared, here: [{ householdId: liu, name: '刘大' }, { householdId: wang, name: '刘大' }] });
		expect(issues.filter((i) => i.kind === 'age').map((i) => (i.kind === 'age' ? [i.person.name, i.age] : null))).toEqual([
			['刘老', 122],
			['王小', null]
		]);
		expect(issues.find((i) => i.kind === 'relations')).toMatchObject({ householdId: zhang, heads: 2, members: 2 });
		expect(issues.find((i) => i.kind === 'incomeJump')).toMatchObject({ householdId: zhang, from: { perCapita: 10_000_00 }, to: { perCapita: 3_000_00 }, percent: -70 });
		expect(issueHousehold(dup)).toEqual({ householdId: liu, rowId: dup.kind === 'duplicateId' ? dup.here[0]!.rowId : '' });
		expect(new Set(issues.map((i) => i.key)).size).toBe(issues.length);
	});

	it('takes the campaign’s own share for income, and other villages’ people when known', () => {
		const { dossier, liu } = village();
		dossier.doc.getMap('campaigns').set(NEXT.id, { ...NEXT, incomeJumpPercent: 80 });
		const withOther = qualityIssues({ dossier, today: TODAY, elsewhere: new Map([[id('13042519800202003'), [{ dossierId: 'village0002', village: '南关村', head: null }]]]) });
		expect(withOther.filter((i) => i.kind === 'incomeJump')).toEqual([]);
		const elsewhere = withOther.find((i) => i.kind === 'duplicateId' && i.idNumber === id('13042519800202003'));
		expect(elsewhere).toMatchObject({ here: [{ name: '王二' }], elsewhere: [{ village: '南关村', head: null }] });
		// Still one issue for the number kept twice here.
		expect(withOther.filter((i) => i.kind === 'duplicateId' && i.here.some((p) => p.householdId === liu))).toHaveLength(1);
	});

	it('gathers other villages’ people by ID number, each village once', () => {
		const map = elsewhereById([
			['X1', { dossierId: 'v1', village: '南关村', head: '赵大' }],
			['X1', { dossierId: 'v1', village: '南关村', head: '赵大' }],
			['X1', { dossierId: 'v2', village: '西关村', head: '' }]
		]);
		expect(map.get('X1')).toEqual([
			{ dossierId: 'v1', village: '南关村', head: '赵大' },
			{ dossierId: 'v2', village: '西关村', head: null }
		]);
	});

	it('keeps the latest decision on each issue, in its author’s name', () => {
		const review = new ReviewDoc('village0001');
		review.decide({ check: 'relations:h1:2', verdict: 'notAProblem', by: { id: 'p1', name: '王干部' }, note: '兄弟二人分户未办', at: '2023-08-10T01:00:00.000Z' });
		review.decide({ check: 'age:h2:r1', verdict: 'notAProblem', by: { id: 'p1', name: '王干部' }, note: '', at: '2023-08-10T01:00:00.000Z' });
		review.decide({ check: 'age:h2:r1', verdict: 'reopened', by: { id: 'p2', name: '李审核' }, note: '身份证号待核', at: '2023-08-11T01:00:00.000Z' });
		const held = review.decisions();
		expect(held.get('relations:h1:2')).toMatchObject({ verdict: 'notAProblem', by: { name: '王干部' } });
		expect(held.get('age:h2:r1')).toMatchObject({ verdict: 'reopened', by: { name: '李审核' } });
		expect(latestDecisions([{ garbage: true }, null]).size).toBe(0);
	});
});
