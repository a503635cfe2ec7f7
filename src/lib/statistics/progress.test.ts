/**
 * The campaign's progress (issue 14, point 3) against the fixture township counted by hand
 * (statisticsFixture.ts; the households' table is in statistics.test.ts), with who looks after
 * each household and which records were approved (审定):
 *
 *   户主  帮扶责任人  附件1          审定      问题 (本次行动)
 *   北关村 (第一组)
 *   刘大  王干部      签字 8-06      8-15      fA1 销号
 *   王二  王干部      签字 8-07                fA5 退回，超期
 *   张三  王干部      签字 8-08      8-16      fA2 待审核；fA3 超期
 *   李四  孙帮扶      填完未签 8-08
 *   赵五  孙帮扶      填写中 8-08              fA4 整改中
 *   钱六  —           签字后已修改 8-07
 *   孙七  王干部      (已迁出：不计)  (8-17)
 *   村级                                       fA6 (不计入个人)
 *   南街村 (第二组)
 *   周一  陈干部      签字 8-06      8-15      fB1 销号
 *   吴二  陈干部      签字 8-09                fB2 销号
 *   郑三  孙帮扶      签字 8-10                fB3 超期
 *   冯四  孙帮扶      未开始                   (fB5: 行动前，不计)
 *   陈五  —           填写中 8-08              fB4 整改中
 *
 *   (dates are the forms' 摸排时间; 8-20 is today, day 20 of 8-01–8-25)
 *   王干部: 3户，入户 3，排查 3，审定 2；问题 4，未销号 3，超期 2
 *   孙帮扶: 4户，入户 3，排查 1，审定 0；问题 2，未销号 2，超期 1
 *   陈干部: 2户，入户 2，排查 2，审定 1；问题 2，未销号 0，超期 0
 *   未指定: 2户，入户 2，排查 0，审定 0；问题 1，未销号 1，超期 0
 */
import { describe, expect, it } from 'vitest';
import { AUGUST_2022 } from '../campaign/campaign';
import { suggestedPhases, type Phase } from '../campaign/phases';
import type { Village } from '../organisation/organisation';
import { build, CAMPAIGN, groups, people, PREFIX, TODAY, villageA, villageB, words } from './fixtureTownship';
import { fixtureCaretakers, fixtureReviewed, VILLAGE_A, VILLAGE_B, type VillageSpec } from './statisticsFixture';
import { addFigures, type Figures, type ProgressCounts } from './figures';
import { campaignPeriods, periodRows } from './periods';
import { statisticsReport, villageFigures, type VillageResult } from './statistics';
import { statisticsTables, type StatsTable } from './tables';
import { timelineChart } from './charts';

const a = build(VILLAGE_A, villageA);
const b = build(VILLAGE_B, villageB, people.cadreB, people.checkerOfB, 'g1');

function counted(built: ReturnType<typeof build>, spec: VillageSpec, village: Village, cadre: { id: string }): VillageResult {
	return villageFigures({
		dossier: built.dossier,
		findings: built.review.entries(),
		village,
		groups,
		campaignId: CAMPAIGN,
		today: TODAY,
		caretakers: fixtureCaretakers(spec, PREFIX, { cadre: cadre.id, helper: people.helper.id }),
		reviewed: fixtureReviewed(spec, PREFIX, TODAY)
	});
}
const ok = (r: VillageResult): Figures => {
	if (!r.ok) throw new Error(`excluded: ${r.reason}`);
	return r.figures;
};
const resultA = counted(a, VILLAGE_A, villageA, people.cadreA);
const resultB = counted(b, VILLAGE_B, villageB, people.cadreB);
const A = ok(resultA);
const B = ok(resultB);
/** 004's timetable on the fixture's campaign (the same days: 8月1日–25日), and a phase of another campaign. */
const phases: Phase[] = [
	...suggestedPhases(AUGUST_2022).map((p) => ({ ...p, campaignId: CAMPAIGN })),
	{ id: 'acceptance', campaignId: 'another', name: '验收', startsOn: '2022-08-10', endsOn: '2022-08-30' }
];
const township = statisticsReport({ kind: 'township', name: '洺州镇' }, [resultA, resultB], groups, TODAY, phases)!;
const T = township.figures;

const work = (households: number, screened: number, checked: number, reviewed: number, found: number, open: number, overdue: number): ProgressCounts => ({
	households,
	screened,
	checked,
	reviewed,
	found,
	open,
	overdue
});

describe('households visited, checked and approved', () => {
	it('counts a household visited once its form is started, and approved as the 审定 given say (never a withdrawn one)', () => {
		expect([A.coverage.screened, A.coverage.checked, A.coverage.reviewed]).toEqual([6, 3, 2]);
		// 冯四's form is not started.
		expect([B.coverage.screened, B.coverage.checked, B.coverage.reviewed]).toEqual([4, 3, 1]);
		expect([T.coverage.screened, T.coverage.checked, T.coverage.reviewed]).toEqual([10, 6, 3]);
		expect([T.byType.lifted.reviewed, T.byType.monitored.reviewed, T.byType.ordinary.reviewed]).toEqual([1, 2, 0]);
		expect(Object.fromEntries(Object.entries(T.byFlag).map(([k, c]) => [k, c.reviewed]))).toEqual({
			dibao: 2,
			tekun: 0,
			seriously_ill: 1,
			disabled: 1,
			sudden_hardship: 0,
			low_income: 1,
			elderly: 0
		});
		// 审定 on 8-15 (刘大, 周一) and 8-16 (张三); 孙七's (8-17) is a withdrawn household's.
		expect(Object.fromEntries(Object.entries(T.days).map(([day, d]) => [day, d.reviewed]).filter(([, n]) => n))).toEqual({ '2022-08-15': 2, '2022-08-16': 1 });
		expect(T).toEqual(addFigures([A, B]));
	});

	it('counts nothing approved, and nobody’s work, when it is given neither', () => {
		const plain = ok(villageFigures({ dossier: a.dossier, findings: a.review.entries(), village: villageA, groups, campaignId: CAMPAIGN, today: TODAY }));
		expect(plain.coverage.reviewed).toBe(0);
		expect(plain.byPerson).toEqual({});
		expect(plain.byGroup).toEqual({ g1: work(6, 6, 3, 0, 6, 5, 2) });
	});

	it('says where the township stands with the nine key kinds: all visited but one 老人户', () => {
		expect(T.byFlag.elderly).toMatchObject({ households: 2, screened: 1 });
		expect(T.byType.lifted).toMatchObject({ households: 4, screened: 4 });
	});
});

describe('work by group and by caretaker', () => {
	it('counts each keeping group’s villages, and adds them up', () => {
		expect(A.byGroup).toEqual({ g1: work(6, 6, 3, 2, 6, 5, 2) });
		expect(B.byGroup).toEqual({ g2: work(5, 4, 3, 1, 4, 2, 1) });
		expect(T.byGroup).toEqual({ g1: work(6, 6, 3, 2, 6, 5, 2), g2: work(5, 4, 3, 1, 4, 2, 1) });
	});

	it('counts each caretaker’s households and the problems on them, across villages; the village’s own problems are nobody’s', () => {
		expect(A.byPerson).toEqual({ 'p-cadre-a': work(3, 3, 3, 2, 4, 3, 2), 'p-helper': work(2, 2, 0, 0, 1, 1, 0), none: work(1, 1, 0, 0, 0, 0, 0) });
		expect(B.byPerson).toEqual({ 'p-cadre-b': work(2, 2, 2, 1, 2, 0, 0), 'p-helper': work(2, 1, 1, 0, 1, 1, 1), none: work(1, 1, 0, 0, 1, 1, 0) });
		expect(T.byPerson).toEqual({
			'p-cadre-a': work(3, 3, 3, 2, 4, 3, 2),
			'p-cadre-b': work(2, 2, 2, 1, 2, 0, 0),
			'p-helper': work(4, 3, 1, 0, 2, 2, 1),
			none: work(2, 2, 0, 0, 1, 1, 0)
		});
	});
});

describe('period by period', () => {
	it('cuts a campaign into Monday-to-Sunday weeks, the first from its first day and the last to its last; or into days', () => {
		expect(campaignPeriods({ startsOn: '2022-08-01', endsOn: '2022-08-25' }, 'week').map((p) => [p.index, p.startsOn, p.endsOn])).toEqual([
			[1, '2022-08-01', '2022-08-07'],
			[2, '2022-08-08', '2022-08-14'],
			[3, '2022-08-15', '2022-08-21'],
			[4, '2022-08-22', '2022-08-25']
		]);
		// Starting on a Thursday: a first week of four days.
		expect(campaignPeriods({ startsOn: '2022-08-04', endsOn: '2022-08-20' }, 'week').map((p) => [p.startsOn, p.endsOn])).toEqual([
			['2022-08-04', '2022-08-07'],
			['2022-08-08', '2022-08-14'],
			['2022-08-15', '2022-08-20']
		]);
		expect(campaignPeriods({ startsOn: '2022-08-07', endsOn: '2022-08-07' }, 'week')).toEqual([{ index: 1, startsOn: '2022-08-07', endsOn: '2022-08-07' }]);
		expect(campaignPeriods({ startsOn: '2022-08-01', endsOn: '2022-08-25' }, 'day')).toHaveLength(25);
	});

	it('counts what was done each week and to date, and the phases each week falls in; the week to come is empty', () => {
		const rows = periodRows(township.campaign, T.days, TODAY, township.phases, 'week');
		const of = (d: { screened: number; checked: number; reviewed: number; found: number; rectified: number } | null) => d && [d.screened, d.checked, d.reviewed, d.found, d.rectified];
		expect(rows.map((r) => [r.phases.map((p) => p.name), of(r.during), of(r.cumulative)])).toEqual([
			[['培训', '排查'], [4, 3, 0, 1, 0], [4, 3, 0, 1, 0]],
			[['排查', '整改'], [6, 3, 0, 9, 2], [10, 6, 0, 10, 2]],
			[['整改'], [0, 0, 3, 0, 1], [10, 6, 3, 10, 3]],
			[['整改'], null, null]
		]);
		// The last total is the campaign's whole.
		expect(of(rows[2]!.cumulative)).toEqual([T.coverage.screened, T.coverage.checked, T.coverage.reviewed, T.problems.totals.found, T.problems.totals.rectified]);
		// The other campaign's 验收 is not this campaign's.
		expect(township.phases.map((p) => p.name)).toEqual(['培训', '排查', '整改']);
	});

	it('counts what came before the campaign in its first period', () => {
		// A campaign from 8月8日: the first week's 6 visits, 3 signatures and 9 problems, and the week before's 4, 3 and 1.
		const rows = periodRows({ startsOn: '2022-08-08', endsOn: '2022-08-25' }, T.days, TODAY, [], 'week');
		expect(rows[0]!.during).toEqual({ screened: 10, checked: 6, reviewed: 0, found: 10, rectified: 2 });
		expect(rows[0]!.phases).toEqual([]);
	});
});

describe('progress tables', () => {
	const cells = (table: StatsTable | undefined) => table!.rows.map((r) => r.cells);

	it('has the weeks, each village’s, group’s and caretaker’s work in the organisation’s order, and the nine kinds by village', async () => {
		const w = { ...(await words('zh')), person: (id: string) => Object.values(people).find((p) => p.id === id)?.name ?? id };
		const tables = statisticsTables(township, w);
		expect(tables.map((t) => t.id).slice(0, 5)).toEqual(['progress', 'periods', 'villageWork', 'groupWork', 'personWork']);
		const byId = Object.fromEntries(tables.map((t) => [t.id, t]));

		const periods = byId.periods!;
		expect(periods.title).toBe('各周进度');
		expect(periods.columns.map((c) => [c.group ?? '', c.label])).toEqual([
			['', '周'],
			['', '起止日期'],
			['', '所处阶段'],
			...['本期', '累计'].flatMap((g) => ['已入户', '已排查', '已审定', '发现问题', '已整改'].map((l) => [g, l]))
		]);
		expect(cells(periods)).toEqual([
			['第1周', '8月1日—7日', '培训、排查', 4, 3, 0, 1, 0, 4, 3, 0, 1, 0],
			['第2周', '8月8日—14日', '排查、整改', 6, 3, 0, 9, 2, 10, 6, 0, 10, 2],
			['第3周', '8月15日—21日', '整改', 0, 0, 3, 0, 1, 10, 6, 3, 10, 3],
			['第4周', '8月22日—25日', '整改', null, null, null, null, null, null, null, null, null, null]
		]);
		expect(periods.footer).toBeUndefined();
		expect(periods.note).toMatch(/^周一至周日为一周，第一周从行动开始日算起。已入户按/);

		expect(cells(byId.villageWork)).toEqual([
			['北关村', '第一组', 6, 6, 3, 2, 6, 5, 2],
			['南街村', '第二组', 5, 4, 3, 1, 4, 2, 1]
		]);
		expect(byId.villageWork!.footer!.cells).toEqual(['合计', '', 11, 10, 6, 3, 10, 7, 3]);
		expect(byId.groupWork!.columns.map((c) => c.label)).toEqual(['责任组', '户数', '已入户', '已排查', '已审定', '发现问题', '未销号', '超期']);
		expect(cells(byId.groupWork)).toEqual([
			['第一组', 6, 6, 3, 2, 6, 5, 2],
			['第二组', 5, 4, 3, 1, 4, 2, 1]
		]);
		// By name (陈, 孙, 王 in pinyin order), never by how much each has done; nobody named last.
		expect(cells(byId.personWork)).toEqual([
			['陈干部', 2, 2, 2, 1, 2, 0, 0],
			['孙帮扶', 4, 3, 1, 0, 2, 2, 1],
			['王干部', 3, 3, 3, 2, 4, 3, 2],
			['未指定帮扶责任人', 2, 2, 0, 0, 1, 1, 0]
		]);
		// The village form's problem (fA6) is nobody's: 9 of the 10 found.
		expect(byId.personWork!.footer!.cells).toEqual(['合计', 11, 10, 6, 3, 9, 6, 3]);
		expect(tables.flatMap((t) => t.columns.map((c) => c.label)).some((l) => /排名|名次|rank/i.test(l))).toBe(false);
		expect(byId.keyVisits!.columns.map((c) => c.label)).toEqual(['村', '脱贫户', '监测户', '低保户', '特困（五保）户', '重病户', '残疾户', '突发困难户', '低收入人群', '老人户', '是否全部入户']);
	});

	it('has a row a day when asked, in English too', async () => {
		const zh = statisticsTables(township, await words('zh'), { period: 'day' }).find((t) => t.id === 'periods')!;
		expect(zh.title).toBe('每日进度');
		expect(zh.rows).toHaveLength(25);
		expect(zh.rows.find((r) => r.key === '2022-08-08')!.cells).toEqual(['8月8日', '排查', 4, 1, 0, 2, 0, 8, 4, 0, 3, 0]);
		expect(zh.rows.find((r) => r.key === '2022-08-21')!.cells.slice(2).every((c) => c === null)).toBe(true);
		const en = statisticsTables(township, await words('en')).find((t) => t.id === 'periods')!;
		expect(en.rows[0]!.cells.slice(0, 3)).toEqual(['Week 1', '1–7 Aug', '培训, 排查']);
		expect(en.columns.map((c) => c.label).slice(3, 8)).toEqual(['Visited', 'Checked', 'Approved', 'Problems found', 'Rectified']);
		expect(en.note).toMatch(/counted from the campaign’s first day\. Visited counts/);
	});

	it('says how many visited households have no screening day', async () => {
		const undated = { ...township, figures: { ...T, screenedUndated: 2 } };
		expect(statisticsTables(undated, await words('zh')).find((t) => t.id === 'periods')!.note).toContain('另有 2 户已开始填写入户排查表但未填摸排时间');
		expect(statisticsTables(undated, await words('en')).find((t) => t.id === 'periods')!.note).toContain('2 more households have a form started but no screening date');
	});
});

describe('the progress chart', () => {
	it('draws the running totals against the phases, as bands named by the township', async () => {
		const chart = timelineChart(township, await words('zh'));
		const series = chart.option.series as { name: string; data: (number | null)[]; markArea?: { data: [{ name: string; xAxis: string }, { xAxis: string }][] } }[];
		expect(series.map((s) => [s.name, s.data[19]])).toEqual([
			['已入户', 10],
			['已排查户数', 6],
			['已审定', 3],
			['发现问题', 10],
			['已整改', 3]
		]);
		expect(series[0]!.markArea!.data.map(([from, to]) => [from.name, from.xAxis, to.xAxis])).toEqual([
			// Each band runs to the start of the day after its last: the lines hold a day's count until the next.
			['培训', '08-01', '08-06'],
			['排查', '08-06', '08-13'],
			['整改', '08-13', '08-25']
		]);
		// A phase running past the campaign is drawn to its last day; with no phases, no bands.
		const longer = timelineChart({ ...township, phases: [{ ...phases[2]!, endsOn: '2022-09-10' }] }, await words('zh'));
		expect((longer.option.series as { markArea?: { data: [unknown, { xAxis: string }][] } }[])[0]!.markArea!.data[0]![1].xAxis).toBe('08-25');
		const none = timelineChart({ ...township, phases: [] }, await words('zh'));
		expect((none.option.series as { markArea?: unknown }[])[0]!.markArea).toBeUndefined();
	});
});
