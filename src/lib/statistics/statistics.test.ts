/**
 * The statistics against a township counted by hand (statisticsFixture.ts), figure by figure.
 *
 * 北关村 (A, kept by 第一组, checked by 第二组), 7 households, one withdrawn (孙七: not counted):
 *   户主  类型  标记          人口  附件1              收支 (元, 常住)             
 *   刘大  脱贫  低保          3     签字              60000 / 3 = 20000
 *   王二  一般  —             4(常住3) 签字          100000 / 3 = 33333
 *   张三  监测  重病、低收入  2     签字              12000 / 2 = 6000  低于线；医疗 15000 > 12000：大额刚性
 *   李四  脱贫  老人          1     填完未签          9000 / 1         监测范围 (7300–10950)
 *   赵五  一般  —             5     填写中            无收入明细：未核算
 *   钱六  一般  残疾          2     签字后已修改      40000 / 2 = 20000
 *   → 6户17人，已排查 3户9人；问题 6 条: fA1 销号、fA2 待审核、fA3 超期 (时限 8-15)、fA4 整改中、
 *     fA5 退回且超期 (时限 8-18)、fA6 村级，审核人发现，无时限。
 * 南街村 (B, kept by 第二组, checked by 第一组), 5 households:
 *   周一  监测  低保、残疾    3     签字              45000 / 3 = 15000
 *   吴二  一般  —             2     签字              50000 / 2 = 25000
 *   郑三  脱贫  特困          1     签字              20000
 *   冯四  一般  老人          4     未开始            未核算
 *   陈五  脱贫  突发困难      3     填写中            40000 / 3 = 13333
 *   → 5户13人，已排查 3户6人；问题 4 条: fB1 销号、fB2 销号、fB3 超期 (时限 8-15)、fB4 收支表，整改中；
 *     fB5 在行动开始前登记 (7-11)，不计入本次行动。
 * 全镇 (as of 2022-08-20, day 20 of 8-01–8-25): 11户30人，已排查 6户15人 (54.5%)；问题 10 条，已整改 3，
 *   待审核 1，超期 3，整改率 30.0%；低于线 1户2人，监测范围 1户1人。
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DossierDoc } from '../dossier/dossierDoc';
import { campaignFormKey, campaignSchema } from '../campaign/campaign';
import type { Village } from '../organisation/organisation';
import { formContent, formHeader } from '../signing/formContent';
import { signForm, signatureKey } from '../signing/signature';
import { householdIncome } from '../accounting/incomeForm';
import { CARD_FORM } from '../dossier/layout';
import { campaignTemplate } from '../templates/registry';
import { addFigures, emptyTotals, percentText, ratioText, type Figures } from './figures';
import { statisticsReport, villageFigures, type VillageResult } from './statistics';
import { summaryParagraph } from './summary';
import { statisticsTables, type StatsTable } from './tables';
import { statisticsCharts } from './charts';
import { timeline } from './progress';
import { newCheckPass } from '../ledger/checkPass';
import { at, fixtureCampaign, fixtureId, SIGNATURE_IMAGE, VILLAGE_A, VILLAGE_B, writeDossier } from './statisticsFixture';
import { build, CAMPAIGN, groups, people, PREFIX, TODAY, villageA, villageB, words } from './fixtureTownship';

const a = build(VILLAGE_A, villageA);
const b = build(VILLAGE_B, villageB, people.cadreB, people.checkerOfB, 'g1');
const figuresOf = (built: ReturnType<typeof build>, village: Village, today = TODAY): VillageResult =>
	villageFigures({ dossier: built.dossier, findings: built.review.entries(), village, groups, campaignId: CAMPAIGN, today });
const resultA = figuresOf(a, villageA);
const resultB = figuresOf(b, villageB);
const ok = (r: VillageResult): Figures => {
	if (!r.ok) throw new Error(`excluded: ${r.reason}`);
	return r.figures;
};
const A = ok(resultA);
const B = ok(resultB);
const township = statisticsReport({ kind: 'township', name: '洺州镇' }, [resultA, resultB], groups, TODAY)!;
const T = township.figures;

const states = (checked: number, changedAfterSigning: number, awaitingSignature: number, inProgress: number, notStarted: number) => ({
	checked,
	changedAfterSigning,
	awaitingSignature,
	inProgress,
	notStarted
});
/** Every household whose form is started is screened (visited); none is reviewed unless said. */
const coverage = (households: number, people: number, checked: number, checkedPeople: number, s = states(checked, 0, 0, 0, households - checked), reviewed = 0) => ({
	households,
	people,
	screened: households - s.notStarted,
	checked,
	reviewed,
	checkedPeople,
	states: s
});
const totals = (found: number, rectified: number, awaiting: number, overdue: number, open: number) => ({ found, rectified, awaiting, closed: rectified, overdue, open });
const hp = (households: number, people: number) => ({ households, people });


describe('households checked (附件1 signed, and unchanged since)', () => {
	it('counts 北关村 by hand: 6 households, 17 people; 3 checked, 9 people; 钱六 changed after signing, 李四 awaiting a signature, 赵五 in progress', () => {
		expect(A.coverage).toEqual(coverage(6, 17, 3, 9, states(3, 1, 1, 1, 0)));
		expect(A.byType).toEqual({
			ordinary: coverage(3, 11, 1, 4, states(1, 1, 0, 1, 0)),
			lifted: coverage(2, 4, 1, 3, states(1, 0, 1, 0, 0)),
			monitored: coverage(1, 2, 1, 2),
			unknown: coverage(0, 0, 0, 0)
		});
		expect(A.byFlag).toEqual({
			dibao: coverage(1, 3, 1, 3),
			tekun: coverage(0, 0, 0, 0),
			seriously_ill: coverage(1, 2, 1, 2),
			disabled: coverage(1, 2, 0, 0, states(0, 1, 0, 0, 0)),
			sudden_hardship: coverage(0, 0, 0, 0),
			low_income: coverage(1, 2, 1, 2),
			elderly: coverage(1, 1, 0, 0, states(0, 0, 1, 0, 0))
		});
	});

	it('counts 南街村 by hand: 5 households, 13 people; 3 checked, 6 people; 冯四 not started, 陈五 in progress', () => {
		expect(B.coverage).toEqual(coverage(5, 13, 3, 6, states(3, 0, 0, 1, 1)));
		expect(B.byType).toEqual({
			ordinary: coverage(2, 6, 1, 2, states(1, 0, 0, 0, 1)),
			lifted: coverage(2, 4, 1, 1, states(1, 0, 0, 1, 0)),
			monitored: coverage(1, 3, 1, 3),
			unknown: coverage(0, 0, 0, 0)
		});
		expect(B.byFlag.dibao).toEqual(coverage(1, 3, 1, 3));
		expect(B.byFlag.disabled).toEqual(coverage(1, 3, 1, 3));
		expect(B.byFlag.tekun).toEqual(coverage(1, 1, 1, 1));
		expect(B.byFlag.sudden_hardship).toEqual(coverage(1, 3, 0, 0, states(0, 0, 0, 1, 0)));
	});

	it('adds the township up from its villages: 11 households, 30 people; 6 checked, 15 people', () => {
		expect(T.villages).toBe(2);
		expect(T.coverage).toEqual(coverage(11, 30, 6, 15, states(6, 1, 1, 2, 1)));
		expect(T.byType.ordinary).toEqual(coverage(5, 17, 2, 6, states(2, 1, 0, 1, 1)));
		expect(T.byType.lifted).toEqual(coverage(4, 8, 2, 4, states(2, 0, 1, 1, 0)));
		expect(T.byType.monitored).toEqual(coverage(2, 5, 2, 5));
		expect(Object.fromEntries(Object.entries(T.byFlag).map(([k, c]) => [k, [c.households, c.checked, c.people, c.checkedPeople]]))).toEqual({
			dibao: [2, 2, 6, 6],
			tekun: [1, 1, 1, 1],
			seriously_ill: [1, 1, 2, 2],
			disabled: [2, 1, 5, 3],
			sudden_hardship: [1, 0, 3, 0],
			low_income: [1, 1, 2, 2],
			// 冯四 is 老人户 too, and not visited yet.
			elderly: [2, 0, 5, 0]
		});
		expect(T).toEqual(addFigures([A, B]));
		expect(addFigures([B, A])).toEqual(T);
	});

	it('counts a form again once it is signed again, as its own screen would', () => {
		const dossier = new DossierDoc(new Y.Doc());
		writeDossier(dossier, VILLAGE_A, { dossierId: villageA.dossierId, prefix: PREFIX, today: TODAY, cadre: people.cadreA });
		const campaign = dossier.campaigns()[0]!;
		const form = campaignTemplate(campaign, 'household')!;
		const formKey = campaignFormKey(form.id, campaign.id);
		for (const key of ['A4', 'A6']) {
			const id = fixtureId(PREFIX, key);
			const card = dossier.answers(id, CARD_FORM);
			const context = { meta: dossier.meta(), card, income: householdIncome(card, dossier.answers(id, campaignFormKey('income-sheet', campaign.id)), campaign) };
			const shown = formContent(form, dossier.answers(id, formKey), context, formHeader(dossier.meta(), card['head'], campaign));
			dossier.sign(signatureKey({ householdId: id }, formKey, 'checker_signature'), signForm(`again-${key}-0001`, shown, people.cadreA, SIGNATURE_IMAGE, new Date(at(TODAY, -1))));
		}
		const again = ok(villageFigures({ dossier, findings: [], village: villageA, groups, campaignId: CAMPAIGN, today: TODAY }));
		expect(again.coverage).toEqual(coverage(6, 17, 5, 12, states(5, 0, 0, 1, 0)));
		expect(again.days[addDay(-1)]).toEqual({ screened: 0, checked: 2, reviewed: 0, found: 0, rectified: 0 });
	});

	it('leaves out, and says so, a village this device has no copy of, or whose dossier lacks the campaign', () => {
		const empty = villageFigures({ dossier: new DossierDoc(new Y.Doc()), findings: [], village: villageB, groups, campaignId: CAMPAIGN, today: TODAY });
		expect(empty).toMatchObject({ ok: false, reason: 'notOnDevice' });
		const other = villageFigures({ dossier: a.dossier, findings: [], village: villageA, groups, campaignId: 'another-campaign', today: TODAY });
		expect(other).toMatchObject({ ok: false, reason: 'noCampaign' });
		const report = statisticsReport({ kind: 'township', name: '洺州镇' }, [resultA, empty], groups, TODAY)!;
		expect(report.figures).toEqual(addFigures([A]));
		expect(report.excluded).toEqual([{ village: villageB, reason: 'notOnDevice' }]);
		expect(statisticsReport({ kind: 'township', name: '洺州镇' }, [empty, other], groups, TODAY)).toBeNull();
	});
});

const addDay = (days: number) => at(TODAY, days).slice(0, 10);

describe('income accounting by each village’s campaign record', () => {
	it('finds 张三 below the line, 李四 in the band, 张三’s medical bill large, 赵五 and 冯四 not accounted', () => {
		expect(A.income).toEqual({ assessed: hp(5, 12), belowLine: hp(1, 2), inBand: hp(1, 1), largeRigidSpending: hp(1, 2), unassessed: hp(1, 5), bandVillages: 1 });
		expect(B.income).toEqual({ assessed: hp(4, 9), belowLine: hp(0, 0), inBand: hp(0, 0), largeRigidSpending: hp(0, 0), unassessed: hp(1, 4), bandVillages: 1 });
		expect(T.income).toEqual({ assessed: hp(9, 21), belowLine: hp(1, 2), inBand: hp(1, 1), largeRigidSpending: hp(1, 2), unassessed: hp(2, 9), bandVillages: 2 });
	});
});

describe('problems, by the ledger’s own totals', () => {
	it('counts 北关村: 6 found, 1 rectified (销号), 1 awaiting review, 2 overdue, 5 not closed', () => {
		expect(A.problems.totals).toEqual(totals(6, 1, 1, 2, 5));
		expect(A.problems.states).toEqual({ open: 2, rectifying: 1, submitted: 1, returned: 1, closed: 1 });
		expect(A.problems.raisedBy).toEqual({ g2: totals(5, 1, 1, 2, 4), other: totals(1, 0, 0, 0, 1) });
		expect(A.problems.against).toEqual({ g1: totals(6, 1, 1, 2, 5) });
	});

	it('counts 南街村: 4 found (not the one raised before the campaign), 2 rectified, 1 overdue', () => {
		expect(B.problems.totals).toEqual(totals(4, 2, 0, 1, 2));
		expect(B.problems.states).toEqual({ open: 1, rectifying: 1, submitted: 0, returned: 0, closed: 2 });
		expect(B.problems.raisedBy).toEqual({ g1: totals(4, 2, 0, 1, 2) });
		expect(B.problems.against).toEqual({ g2: totals(4, 2, 0, 1, 2) });
	});

	it('adds up the township: 10 found, 3 rectified, 1 awaiting, 3 overdue; by the twelve sections, the village form and other', () => {
		expect(T.problems.totals).toEqual(totals(10, 3, 1, 3, 7));
		const byCategory = Object.fromEntries(Object.entries(T.problems.byCategory).filter(([, x]) => x.found > 0));
		expect(byCategory).toEqual({
			// 陈五's income sheet is section 1's source.
			s1_income: totals(1, 0, 0, 0, 1),
			s2_housing: totals(2, 2, 0, 0, 0),
			s4_health: totals(1, 0, 1, 0, 1),
			s5_water: totals(1, 1, 0, 0, 0),
			s9_finance: totals(1, 0, 0, 1, 1),
			s10_records: totals(1, 0, 0, 0, 1),
			s12_responsibility: totals(1, 0, 0, 1, 1),
			village: totals(1, 0, 0, 0, 1),
			other: totals(1, 0, 0, 1, 1)
		});
		expect(township.categories.map((c) => c.id)).toEqual([
			's1_income',
			's2_housing',
			's3_education',
			's4_health',
			's5_water',
			's6_assistance',
			's7_training',
			's8_jobs',
			's9_finance',
			's10_records',
			's11_tidiness',
			's12_responsibility',
			'village',
			'other'
		]);
		expect(T.problems.byCategory.s3_education).toEqual(emptyTotals());
		expect(T.problems.raisedBy).toEqual({ g1: totals(4, 2, 0, 1, 2), g2: totals(5, 1, 1, 2, 4), other: totals(1, 0, 0, 0, 1) });
		expect(T.problems.against).toEqual({ g1: totals(6, 1, 1, 2, 5), g2: totals(4, 2, 0, 1, 2) });
		expect(township.groups.map((g) => g.name)).toEqual(['第一组', '第二组']);
	});

	it('judges overdue on the day asked: after the campaign every finding still open with a deadline is late', () => {
		const later = ok(figuresOf(a, villageA, '2022-09-01'));
		// fA3, fA5 as before, and fA4 (rectifying, due 8-25); fA2 is with the reviewer, fA6 has no deadline.
		expect(later.problems.totals).toEqual(totals(6, 1, 1, 3, 5));
	});
});

describe('progress against the campaign’s dates', () => {
	it('is on day 20 of 25, and counts day by day what was signed, found and closed', () => {
		expect(township.progress).toEqual({ days: 25, elapsed: 20, phase: 'running' });
		// Screened on each form's 摸排时间: 刘大, 周一 (8-06); 王二, 钱六 (8-07); 张三, 李四, 赵五, 陈五 (8-08);
		// 吴二 (8-09); 郑三 (8-10). 冯四's form is not started.
		const d = (screened: number, checked: number, found: number, rectified: number) => ({ screened, checked, reviewed: 0, found, rectified });
		expect(T.days).toEqual({
			'2022-08-06': d(2, 2, 0, 0),
			'2022-08-07': d(2, 1, 1, 0),
			'2022-08-08': d(4, 1, 2, 0),
			'2022-08-09': d(1, 1, 2, 0),
			'2022-08-10': d(1, 1, 2, 0),
			'2022-08-11': d(0, 0, 2, 0),
			'2022-08-12': d(0, 0, 1, 0),
			'2022-08-13': d(0, 0, 0, 1),
			'2022-08-14': d(0, 0, 0, 1),
			'2022-08-16': d(0, 0, 0, 1)
		});
		expect(T.screenedUndated).toBe(0);
		const line = timeline(township.campaign, T.days, TODAY);
		expect(line.days).toHaveLength(25);
		expect([line.days[0], line.days[19], line.days[24]]).toEqual(['2022-08-01', TODAY, '2022-08-25']);
		expect(line.checked.slice(4, 11)).toEqual([0, 2, 3, 4, 5, 6, 6]);
		expect([line.checked[19], line.found[19], line.rectified[19]]).toEqual([6, 10, 3]);
		expect(line.found[9]).toBe(7);
		// The days still to come are drawn empty.
		expect(line.found.slice(20)).toEqual([null, null, null, null, null]);
	});

	it('has not begun before its first day and is whole after its last', () => {
		expect(statisticsReport({ kind: 'township', name: '洺州镇' }, [resultA], groups, '2022-07-20')!.progress).toEqual({ days: 25, elapsed: 0, phase: 'upcoming' });
		expect(statisticsReport({ kind: 'township', name: '洺州镇' }, [resultA], groups, '2022-09-20')!.progress).toEqual({ days: 25, elapsed: 25, phase: 'ended' });
		const after = timeline(township.campaign, T.days, '2022-09-20');
		expect(after.days).toHaveLength(25);
		expect(after.rectified.at(-1)).toBe(3);
		expect(timeline(township.campaign, T.days, '2022-07-20').found.every((n) => n === null)).toBe(true);
	});
});

describe('the paragraph written upward', () => {
	it('says the township’s figures in the reports’ words, and in English', () => {
		expect(summaryParagraph(township)).toEqual({
			zh:
				'截至2022年8月20日，洺州镇在巩固脱贫成果“八月攻坚”整改专项行动中共排查农户6户15人（应排查11户30人，排查率54.5%），其中脱贫户2户、监测户2户；' +
				'发现问题10条，已整改3条，整改率30.0%，待审核1条，超期未整改3条；' +
				'经收支核算，人均纯收入低于7300元的农户1户2人，处于监测范围的农户1户1人。',
			en:
				'As of 20 August 2022, 洺州镇 had checked 6 households (15 people) in the campaign 巩固脱贫成果“八月攻坚”整改专项行动, of 11 households (30 people) to check (54.5%), including 2 lifted-out and 2 monitored households; ' +
				'10 problems were found, of which 3 have been rectified (30.0%), 1 awaits review and 3 are overdue; ' +
				'by income accounting, 1 household (2 people) has a per-capita net income below 7,300 yuan and 1 household (1 person) is in the monitoring band.'
		});
	});

	it('says one village’s', () => {
		const report = statisticsReport({ kind: 'village', dossierId: villageA.dossierId, name: '北关村' }, [resultA], groups, TODAY)!;
		expect(summaryParagraph(report).zh).toBe(
			'截至2022年8月20日，北关村在巩固脱贫成果“八月攻坚”整改专项行动中共排查农户3户9人（应排查6户17人，排查率50.0%），其中脱贫户1户、监测户1户；' +
				'发现问题6条，已整改1条，整改率16.7%，待审核1条，超期未整改2条；' +
				'经收支核算，人均纯收入低于7300元的农户1户2人，处于监测范围的农户1户1人。'
		);
	});

	it('says no problems were found, names the line as the campaign does, and leaves out a band the campaign does not have', () => {
		const dossier = new DossierDoc(new Y.Doc());
		const campaign = campaignSchema.parse({ ...fixtureCampaign(TODAY), id: 'no-band', lineName: '监测线', monitoringFactor: undefined });
		dossier.init({ id: villageB.dossierId, township: '洺州镇', village: '南街村', createdBy: '王干部' });
		dossier.addCampaign(campaign);
		dossier.createHousehold({ head: '周一', type: 'lifted' }, { name: '王干部' }, 'h1');
		dossier.addRow('h1', CARD_FORM, 'members', { name: '周一', relation: 'head', resident: true });
		dossier.addRow('h1', campaignFormKey('income-sheet', campaign.id), 'lines', { category: 'wage', amount: 500000 });
		const result = villageFigures({ dossier, findings: [], village: villageB, groups, campaignId: 'no-band', today: TODAY });
		const report = statisticsReport({ kind: 'village', dossierId: villageB.dossierId, name: '南街村' }, [result], groups, TODAY)!;
		expect(report.figures.income).toMatchObject({ belowLine: hp(1, 1), inBand: hp(0, 0), bandVillages: 0 });
		expect(summaryParagraph(report)).toEqual({
			zh: '截至2022年8月20日，南街村在巩固脱贫成果“八月攻坚”整改专项行动中共排查农户0户0人（应排查1户1人，排查率0.0%）；未发现问题；经收支核算，人均纯收入低于监测线（7300元）的农户1户1人。',
			en:
				'As of 20 August 2022, 南街村 had checked 0 households (0 people) in the campaign 巩固脱贫成果“八月攻坚”整改专项行动, of 1 household (1 person) to check (0.0%); no problems were found; ' +
				'by income accounting, 1 household (1 person) has a per-capita net income below 7,300 yuan.'
		});
	});

	it('rounds rates half up on the exact counts', () => {
		expect([percentText(1, 8), percentText(1, 6), percentText(2, 3), percentText(1, 16), percentText(0, 0)]).toEqual(['12.5%', '16.7%', '66.7%', '6.3%', '—']);
		expect([ratioText(1 / 8), ratioText(3 / 80), ratioText(2 / 3), ratioText(null)]).toEqual(['12.5%', '3.8%', '66.7%', '—']);
	});
});

describe('漏查 in the figures', () => {
	it('counts later findings on questions a checker had passed, against that checker and group', () => {
		// Suppose 赵检查 of 第九组 had passed 刘大 (A1) and 张三 (A3) in round 0, a fortnight ago.
		const pass = (householdId: string, n: number) =>
			newCheckPass(
				{ id: `pass-a-${n}`, householdId, head: '', formKey: campaignFormKey(campaignTemplate(a.dossier.campaigns()[0]!, 'household')!.id, CAMPAIGN), roundId: 'round-0', groupId: 'g9', by: people.checkerOfA, image: SIGNATURE_IMAGE, shown: '{}' },
				new Date(at(TODAY, -15))
			);
		const passes = [pass(fixtureId(PREFIX, 'A1'), 1), pass(fixtureId(PREFIX, 'A3'), 2)];
		const figures = ok(villageFigures({ dossier: a.dossier, findings: a.review.entries(), village: villageA, groups, campaignId: CAMPAIGN, today: TODAY, passes }));
		// Found on their questions since: fA1 (A1), fA2 and fA3 (A3); fA4 (A5) was never passed, fA5 is
		// the household as a whole, fA6 the village form.
		expect(figures.missed).toEqual({ total: 3, byGroup: { g9: 3 }, byChecker: { [people.checkerOfA.id]: 3 } });
		expect(A.missed.total).toBe(0);
	});
});

describe('tables (what the page shows and an export writes)', () => {
	const cell = (table: StatsTable, row: string, column: string) => {
		const r = row === 'total' ? table.footer : table.rows.find((x) => x.key === row);
		return r?.cells[table.columns.findIndex((c) => c.key === column)];
	};

	it('has the township’s figures, each table’s total the sum of its rows, every label translated', async () => {
		const w = await words('zh');
		const tables = statisticsTables(township, w);
		// No caretakers given: no table of each caretaker's work.
		expect(tables.map((t) => t.id)).toEqual(['progress', 'periods', 'villageWork', 'groupWork', 'villages', 'types', 'keyHouseholds', 'keyVisits', 'categories', 'groups', 'income', 'monitoring', 'missed']);
		const byId = Object.fromEntries(tables.map((t) => [t.id, t]));
		// 张三 (2 people) is being assisted; 李四's risk was cleared; nobody else was ever included.
		expect(byId.monitoring!.rows.map((r) => r.cells)).toEqual([
			['监测中（已纳入，尚未帮扶）', 0, 0],
			['帮扶中', 1, 2],
			['风险已消除', 1, 1]
		]);
		expect(byId.progress!.rows.map((r) => r.cells)).toEqual([
			['时间进度（天）', 20, 25, 0.8],
			['排查进度（户）', 6, 11, 6 / 11],
			['整改进度（条）', 3, 10, 0.3]
		]);
		const villages = byId.villages!;
		expect(villages.columns.map((c) => c.group ?? '')).toEqual(['', '', '农户', '农户', '农户', '农户', '问题', '问题', '问题', '问题', '收支核算', '收支核算']);
		expect(villages.rows.map((r) => r.cells)).toEqual([
			['北关村', '第一组', 6, 3, 9, 0.5, 6, 1, 2, 1 / 6, 1, 1],
			['南街村', '第二组', 5, 3, 6, 0.6, 4, 2, 1, 0.5, 0, 0]
		]);
		expect(villages.footer!.cells).toEqual(['合计', '', 11, 6, 15, 6 / 11, 10, 3, 3, 0.3, 1, 1]);
		const types = byId.types!;
		expect(types.columns.map((c) => c.label)).toEqual(['户类型', '应排查户数', '已排查', '签字后已修改', '待签字', '填写中', '未开始', '应排查人数', '已排查人数', '排查率']);
		expect(types.rows.map((r) => r.cells)).toEqual([
			['一般户', 5, 2, 1, 0, 1, 1, 17, 6, 0.4],
			['脱贫户', 4, 2, 0, 1, 1, 0, 8, 4, 0.5],
			['监测户', 2, 2, 0, 0, 0, 0, 5, 5, 1]
		]);
		expect(types.footer!.cells).toEqual(['合计', 11, 6, 1, 1, 2, 1, 30, 15, 6 / 11]);
		// 9类重点户必到: visited (form started) beside checked; 冯四 (老人户) is not visited yet.
		expect(byId.keyHouseholds!.columns.map((c) => c.label)).toEqual(['类别', '应排查户数', '已入户', '已排查户数', '应排查人数', '已排查人数', '排查率', '是否全部入户']);
		expect(byId.keyHouseholds!.rows.map((r) => r.cells)).toEqual([
			['脱贫户', 4, 4, 2, 8, 4, 0.5, '是'],
			['监测户', 2, 2, 2, 5, 5, 1, '是'],
			['低保户', 2, 2, 2, 6, 6, 1, '是'],
			['特困（五保）户', 1, 1, 1, 1, 1, 1, '是'],
			['重病户', 1, 1, 1, 2, 2, 1, '是'],
			['残疾户', 2, 2, 1, 5, 3, 0.5, '是'],
			['突发困难户', 1, 1, 0, 3, 0, 0, '是'],
			['低收入人群', 1, 1, 1, 2, 2, 1, '是'],
			['老人户', 2, 1, 0, 5, 0, 0, '否']
		]);
		// Village by village, how many of each kind are not visited: — where a village has none of the kind.
		expect(byId.keyVisits!.rows.map((r) => r.cells)).toEqual([
			['北关村', 0, 0, 0, null, 0, 0, null, 0, 0, '是'],
			['南街村', 0, 0, 0, 0, null, 0, 0, null, 1, '否']
		]);
		expect(byId.keyVisits!.footer!.cells).toEqual(['合计', 0, 0, 0, 0, 0, 0, 0, 0, 1, '否']);
		const categories = byId.categories!;
		expect(categories.rows).toHaveLength(14);
		expect(cell(categories, 's2_housing', 'category')).toBe('2. 住房保障');
		expect(cell(categories, 's2_housing', 'rectified')).toBe(2);
		expect(cell(categories, 'village', 'category')).toBe('乡村排查（附件2）');
		expect(categories.footer!.cells).toEqual(['合计', 10, 3, 1, 7, 3, 0.3]);
		const groupsTable = byId.groups!;
		expect(groupsTable.rows.map((r) => r.cells)).toEqual([
			['第一组', 4, 2, 1, 6, 1, 1, 2, 1 / 6],
			['第二组', 5, 1, 2, 4, 2, 0, 1, 0.5],
			['非互查发现（审核人等）', 1, 0, 0, null, null, null, null, null]
		]);
		expect(groupsTable.footer!.cells).toEqual(['合计', 10, 3, 3, 10, 3, 1, 3, 0.3]);
		expect(byId.income!.rows.map((r) => r.cells)).toEqual([
			['已核算收入', 9, 21],
			['人均纯收入低于7300元', 1, 2],
			['处于监测范围', 1, 1],
			['有大额刚性支出', 1, 2],
			['尚未核算（无收入明细或无常住人口）', 2, 9]
		]);
		// Every table whose rows add up says so in its 合计 row.
		for (const table of tables.filter((t) => t.footer && t.id !== 'groups')) {
			table.columns.forEach((column, i) => {
				if (column.kind !== 'count') return;
				const sum = table.rows.reduce((n, r) => n + (r.cells[i] as number), 0);
				expect(table.footer!.cells[i], `${table.id}.${column.key}`).toBe(sum);
			});
		}
		const texts = tables.flatMap((t) => [t.title, t.note ?? '', ...t.columns.flatMap((c) => [c.label, c.group ?? '']), ...t.rows.map((r) => String(r.cells[0]))]);
		expect(texts.filter((x) => x.startsWith('stats.'))).toEqual([]);
	});

	it('reads in English, and leaves out the villages table for one village', async () => {
		const w = await words('en');
		const report = statisticsReport({ kind: 'village', dossierId: villageB.dossierId, name: '南街村' }, [resultB], groups, TODAY)!;
		const tables = statisticsTables(report, w);
		expect(tables.map((t) => t.id)).toEqual(['progress', 'periods', 'groupWork', 'types', 'keyHouseholds', 'categories', 'groups', 'income', 'monitoring', 'missed']);
		const texts = tables.flatMap((t) => [t.title, t.note ?? '', ...t.columns.flatMap((c) => [c.label, c.group ?? '']), ...t.rows.map((r) => String(r.cells[0]))]);
		// Names are the organisation's, in Chinese in either language; every word of the app's is English.
		const names = new Set(groups.map((g) => g.name));
		expect(texts.filter((x) => x.startsWith('stats.') || (/[\u4e00-\u9fff]/.test(x) && !names.has(x)))).toEqual([]);
		expect(tables.find((t) => t.id === 'types')!.rows[0]!.cells[0]).toBe('Ordinary');
	});
});

describe('charts', () => {
	it('draws households by state per village, problems by category, and the running totals', async () => {
		const w = await words('zh');
		const [coverageChart, timelineChart, categoryChart] = statisticsCharts(township, w);
		const series = (chart: typeof coverageChart) => chart!.option.series as { name: string; data: number[] }[];
		expect(coverageChart!.option.yAxis).toMatchObject({ data: ['北关村', '南街村'] });
		expect(series(coverageChart).map((s) => [s.name, s.data])).toEqual([
			['已排查', [3, 3]],
			['签字后已修改', [1, 0]],
			['待签字', [1, 0]],
			['填写中', [1, 1]],
			['未开始', [0, 1]]
		]);
		expect(series(categoryChart).map((s) => s.data.reduce((x, y) => x + y, 0))).toEqual([10, 3, 3]);
		// Visited, checked, approved, found, rectified by 8月20日.
		expect(series(timelineChart).map((s) => s.data[19])).toEqual([10, 6, 0, 10, 3]);
		expect(timelineChart!.option.xAxis).toMatchObject({ data: expect.arrayContaining(['08-01', '08-20', '08-25']) });
		// The axis names a section without the period, which the chart's title gives.
		expect(categoryChart!.option.yAxis).toMatchObject({ data: expect.arrayContaining(['1. 家庭收支情况', '2. 住房保障', '乡村排查（附件2）']) });
	});
});
