import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AUGUST_2022 } from './campaign';
import { checkPhase, fillFromPlan, phaseSchema, screeningPeriod, phasesDuring, phaseStatusText, phaseTitle, phaseToday, sortPhases, suggestedPhases, type Phase } from './phases';
import { dayRangeText } from '../calendar/dayRange';
import { OrganisationDoc } from '../organisation/organisationDoc';

const phase = (id: string, name: string, startsOn: string, endsOn: string, campaignId = AUGUST_2022.id): Phase => ({ id, campaignId, name, startsOn, endsOn });

describe('a campaign’s phases', () => {
	it('suggests 004’s timetable for 004’s campaign, word for word and day for day, and nothing for another', () => {
		// 三、整改要求: (一) 大培训 8月1-5日, (二) 大排查 8月6-12日, (三) 大整改 8月13-25日; no 验收 is named.
		expect(suggestedPhases(AUGUST_2022).map((p) => [p.name, p.startsOn, p.endsOn])).toEqual([
			['培训', '2022-08-01', '2022-08-05'],
			['排查', '2022-08-06', '2022-08-12'],
			['整改', '2022-08-13', '2022-08-25']
		]);
		for (const p of suggestedPhases(AUGUST_2022)) {
			expect(phaseSchema.parse(p)).toEqual(p);
			expect(checkPhase(p, AUGUST_2022)).toEqual({ errors: [], warnings: [] });
		}
		expect(suggestedPhases({ id: 'dec2022' })).toEqual([]);
	});

	it('sorts phases by when they run and finds those of a day or a week, overlapping ones included', () => {
		const phases = [phase('c', '整改', '2022-08-10', '2022-08-25'), phase('a', '培训', '2022-08-01', '2022-08-05'), phase('b', '排查', '2022-08-06', '2022-08-12')];
		expect(sortPhases(phases).map((p) => p.id)).toEqual(['a', 'b', 'c']);
		// 边查边改: 8月10日 is in both.
		expect(phaseToday(phases, '2022-08-10')).toEqual({ current: [phases[2], phases[0]], next: null, over: false });
		expect(phaseToday(phases, '2022-08-03')).toMatchObject({ current: [phases[1]], next: phases[2] });
		expect(phaseToday(phases, '2022-07-20')).toEqual({ current: [], next: phases[1], over: false });
		expect(phaseToday(phases, '2022-08-26')).toEqual({ current: [], next: null, over: true });
		expect(phaseToday([], '2022-08-26')).toEqual({ current: [], next: null, over: false });
		// A week from Monday 8月1日 runs through 培训 into 排查.
		expect(phasesDuring(phases, '2022-08-01', '2022-08-07').map((p) => p.name)).toEqual(['培训', '排查']);
		expect(phasesDuring(phases, '2022-08-26', '2022-08-31')).toEqual([]);
	});

	it('refuses a phase without a name or real days, or ending before it starts; warns of one outside the campaign', () => {
		expect(checkPhase({ name: ' ', startsOn: '2022-02-30', endsOn: '' }, AUGUST_2022).errors).toEqual(['name', 'startsOn', 'endsOn']);
		expect(checkPhase({ name: '验收', startsOn: '2022-08-26', endsOn: '2022-08-20' }, AUGUST_2022)).toEqual({ errors: ['order'], warnings: ['afterCampaign'] });
		expect(checkPhase({ name: '准备', startsOn: '2022-07-28', endsOn: '2022-08-30' }, AUGUST_2022)).toEqual({ errors: [], warnings: ['beforeCampaign', 'afterCampaign'] });
		expect(phaseSchema.safeParse(phase('x', '验收', '2022-08-26', '2022-08-20')).success).toBe(false);
		expect(phaseSchema.safeParse(phase('x', '验\u0000收', '2022-08-20', '2022-08-26')).success).toBe(false);
	});

	it('is read as 排查阶段, with its days as the township writes them', () => {
		expect(phaseTitle('排查')).toEqual({ zh: '排查阶段', en: '排查' });
		expect(phaseTitle('验收阶段').zh).toBe('验收阶段');
		expect(phaseTitle('整改提升期').zh).toBe('整改提升期');
		expect(dayRangeText('2022-08-06', '2022-08-12')).toEqual({ zh: '8月6日—12日', en: '6–12 Aug' });
		expect(dayRangeText('2022-07-28', '2022-08-03')).toEqual({ zh: '7月28日—8月3日', en: '28 Jul – 3 Aug' });
		expect(dayRangeText('2022-12-28', '2023-01-03')).toEqual({ zh: '2022年12月28日—2023年1月3日', en: '28 Dec 2022 – 3 Jan 2023' });
		expect(dayRangeText('2022-08-06', '2022-08-06')).toEqual({ zh: '8月6日', en: '6 Aug' });
	});
});

describe('phases in the organisation document', () => {
	const sync = (a: Y.Doc, b: Y.Doc) => {
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
	};

	it('keeps each campaign’s phases apart, one record a phase, and removes one', () => {
		const org = new OrganisationDoc();
		for (const p of suggestedPhases(AUGUST_2022)) org.savePhase(p);
		org.savePhase(phase('acceptance', '验收', '2022-12-20', '2022-12-30', 'dec2022'));
		expect(org.phases(AUGUST_2022.id).map((p) => p.name)).toEqual(['培训', '排查', '整改']);
		expect(org.phases('dec2022').map((p) => p.name)).toEqual(['验收']);
		expect([...org.doc.getMap('phases').keys()].sort()).toEqual(['aug2022/rectification', 'aug2022/screening', 'aug2022/training', 'dec2022/acceptance']);
		org.savePhase({ ...org.phases(AUGUST_2022.id)[2]!, endsOn: '2022-08-31' });
		expect(org.phases(AUGUST_2022.id).map((p) => p.endsOn)).toEqual(['2022-08-05', '2022-08-12', '2022-08-31']);
		org.removePhase(AUGUST_2022.id, 'training');
		expect(org.phases(AUGUST_2022.id).map((p) => p.name)).toEqual(['排查', '整改']);
		expect(() => org.savePhase(phase('bad', '', '2022-08-01', '2022-08-02'))).toThrow();
	});

	it('skips a record that does not parse or sits under another campaign’s key', () => {
		const org = new OrganisationDoc();
		org.doc.getMap('phases').set('aug2022/x', { id: 'x', campaignId: 'aug2022', name: '培训' });
		org.doc.getMap('phases').set('dec2022/y', phase('y', '验收', '2022-08-01', '2022-08-02'));
		org.doc.getMap('phases').set('aug2022/z', phase('z', '整改', '2022-08-13', '2022-08-25'));
		expect(org.allPhases().map((p) => p.id)).toEqual(['z']);
	});

	it('two administrators filling in 004’s phases at once write the same three records, and keep each other’s other phases', () => {
		const a = new OrganisationDoc();
		const b = new OrganisationDoc();
		for (const p of suggestedPhases(AUGUST_2022)) a.savePhase(p);
		for (const p of suggestedPhases(AUGUST_2022)) b.savePhase(p);
		b.savePhase(phase('acceptance', '验收', '2022-08-26', '2022-08-31'));
		sync(a.doc, b.doc);
		for (const org of [a, b]) expect(org.phases(AUGUST_2022.id).map((p) => p.name)).toEqual(['培训', '排查', '整改', '验收']);
	});
});

describe('where today stands, in words', () => {
	it('says the phase of the day with its days, the next one between phases, and that all have ended', async () => {
		const i18next = (await import('i18next')).default.createInstance();
		const { zh } = await import('../i18n/zh');
		await i18next.init({ lng: 'zh', resources: { zh: { translation: zh } }, interpolation: { escapeValue: false } });
		const words = { t: (key: string, params?: Record<string, unknown>) => i18next.t(key, params ?? {}), label: (text: { zh: string }) => text.zh };
		const phases = suggestedPhases(AUGUST_2022);
		expect(phaseStatusText(words, phases, '2022-08-08')).toBe('今天处于：排查阶段（8月6日—12日）');
		expect(phaseStatusText(words, [...phases, phase('x', '回头看', '2022-08-10', '2022-08-14')], '2022-08-13')).toBe('今天处于：回头看阶段（8月10日—14日）、整改阶段（8月13日—25日）');
		expect(phaseStatusText(words, phases, '2022-07-30')).toBe('下一阶段：培训阶段（8月1日—5日）');
		expect(phaseStatusText(words, phases, '2022-09-01')).toBe('各阶段均已结束');
		expect(phaseStatusText(words, [], '2022-08-08')).toBeNull();
	});
});

describe('filling in the plan’s phases', () => {
	it('writes the plan’s three and takes away a hand-made phase of the same name, keeping the others', () => {
		const plan = suggestedPhases(AUGUST_2022);
		const byHand = [phase('h1', ' 排查 ', '2022-08-05', '2022-08-11'), phase('h2', '验收', '2022-08-26', '2022-08-31'), plan[0]!];
		expect(fillFromPlan(byHand, plan)).toEqual({ save: plan, remove: [byHand[0]] });
		expect(fillFromPlan(plan, plan)).toEqual({ save: plan, remove: [] });
	});
});

describe('the screening period', () => {
	it('is the screening phase where the township set one, else the campaign’s dates', () => {
		expect(screeningPeriod(suggestedPhases(AUGUST_2022), AUGUST_2022)).toEqual({ startsOn: '2022-08-06', endsOn: '2022-08-12' });
		const own = [{ id: 'p1', campaignId: 'aug2022', name: '入户摸排', startsOn: '2022-08-03', endsOn: '2022-08-09' }];
		expect(screeningPeriod(own, AUGUST_2022)).toEqual({ startsOn: '2022-08-03', endsOn: '2022-08-09' });
		expect(screeningPeriod([], AUGUST_2022)).toEqual({ startsOn: AUGUST_2022.startsOn, endsOn: AUGUST_2022.endsOn });
	});
});

