import { describe, expect, it } from 'vitest';
import type { FormValue } from '../dossier/layout';
import { getTemplate } from '../templates/registry';
import { HOUSEHOLD_SCREENING_2022 } from '../templates/official/householdScreening2022';
import { defineTemplate } from '../templates/template';
import { people } from '../ledger/ledgerFixtures';
import {
	backCheckSampleSchema,
	backCheckVisitSchema,
	compareVisit,
	discrepancies,
	drawSample,
	newSeed,
	normaliseSeed,
	sameAnswer,
	sampleRecords,
	sampleRefusal,
	sampleSize,
	seededStream,
	uniformBelow,
	visitRefusal,
	UNATTRIBUTED,
	type BackCheckSample,
	type BackCheckVisit,
	type QuestionComparison,
	type SampleCandidate,
	type SampleHouseholdType,
	type VisitComparison
} from './backCheck';

const { reviewer, checker } = people;

/** `n` households of one type in one village, ids h-<village>-<type>-000… */
function stratum(dossierId: string, type: SampleHouseholdType, n: number): SampleCandidate[] {
	return Array.from({ length: n }, (_, i) => ({ dossierId, type, householdId: `h-${dossierId}-${type}-${String(i).padStart(3, '0')}` }));
}

const township: SampleCandidate[] = [
	...stratum('villageAAA', 'ordinary', 120),
	...stratum('villageAAA', 'lifted', 30),
	...stratum('villageAAA', 'monitored', 3),
	...stratum('villageBBB', 'ordinary', 80),
	...stratum('villageBBB', 'monitored', 7),
	...stratum('villageBBB', 'unknown', 1)
];

/** A fixed shuffle, so "another order" is the same every run. */
function shuffled<T>(list: readonly T[]): T[] {
	const out = [...list];
	const next = seededStream('test order');
	for (let i = out.length - 1; i > 0; i--) {
		const j = uniformBelow(next, i + 1);
		[out[i], out[j]] = [out[j]!, out[i]!];
	}
	return out;
}

const ids = (list: readonly SampleCandidate[]) => list.map((h) => h.householdId);

describe('the seeded generator', () => {
	it('gives the same stream for the same key, another for another', () => {
		const a = seededStream('123456');
		const b = seededStream('123456');
		const c = seededStream('123457');
		const first = Array.from({ length: 5 }, () => a());
		expect(Array.from({ length: 5 }, () => b())).toEqual(first);
		expect(Array.from({ length: 5 }, () => c())).not.toEqual(first);
		for (const u of first) expect(Number.isInteger(u) && u >= 0 && u < 2 ** 32).toBe(true);
	});

	it('draws every index of a small range about equally often', () => {
		const next = seededStream('uniform');
		const counts = [0, 0, 0, 0, 0, 0, 0];
		for (let i = 0; i < 70_000; i++) counts[uniformBelow(next, 7)]!++;
		for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
	});

	it('reads a seed typed in full-width digits or with spaces as the one read out', () => {
		expect(normaliseSeed(' １２３４５６ ')).toBe('123456');
		const a = drawSample({ seed: '１２３４５６', percent: 10, households: township });
		const b = drawSample({ seed: '123456', percent: 10, households: township });
		expect(a).toEqual(b);
		expect(a.seed).toBe('123456');
	});

	it('makes six-digit seeds', () => {
		for (let i = 0; i < 20; i++) expect(newSeed()).toMatch(/^\d{6}$/);
	});
});

describe('drawing the sample', () => {
	it('is reproducible per seed, and another seed draws another sample', () => {
		const a = drawSample({ seed: '482913', percent: 10, households: township });
		const again = drawSample({ seed: '482913', percent: 10, households: township });
		const other = drawSample({ seed: '482914', percent: 10, households: township });
		expect(again).toEqual(a);
		expect(ids(other.households)).not.toEqual(ids(a.households));
		// Same strata, same counts: the seed moves who, never how many.
		expect(other.strata).toEqual(a.strata);
	});

	it('pins the generator and one draw, so neither can change under stored seeds unnoticed', () => {
		// Worked out apart from this module: Node's SHA-256 of the key, its first 16 bytes as four
		// big-endian words, into sfc32 as published (PractRand; bryc's JavaScript port).
		const stream = seededStream('123456');
		expect(Array.from({ length: 5 }, () => stream())).toEqual([2101868928, 1542567069, 966213526, 4012043406, 2941525135]);
		const draw = drawSample({ seed: '000001', percent: 10, households: stratum('villageAAA', 'lifted', 30) });
		expect(ids(draw.households)).toEqual(['h-villageAAA-lifted-002', 'h-villageAAA-lifted-022', 'h-villageAAA-lifted-027']);
	});

	it('does not depend on the order households are listed in', () => {
		const a = drawSample({ seed: '777', percent: 15, minPerStratum: 2, households: township });
		const b = drawSample({ seed: '777', percent: 15, minPerStratum: 2, households: shuffled(township) });
		const c = drawSample({ seed: '777', percent: 15, minPerStratum: 2, households: [...township].reverse() });
		expect(b).toEqual(a);
		expect(c).toEqual(a);
	});

	it('draws from every stratum: ⌈percent⌉ of it, at least minPerStratum, never more than it holds', () => {
		const draw = drawSample({ seed: '31415', percent: 10, minPerStratum: 2, households: township });
		expect(draw.strata).toEqual([
			{ dossierId: 'villageAAA', type: 'ordinary', size: 120, drawn: 12 },
			{ dossierId: 'villageAAA', type: 'lifted', size: 30, drawn: 3 }, // 10% of 30 is 3 exactly, not ⌈3.0000000000000004⌉ = 4
			{ dossierId: 'villageAAA', type: 'monitored', size: 3, drawn: 2 }, // ⌈0.3⌉ = 1, raised to the minimum of 2
			{ dossierId: 'villageBBB', type: 'ordinary', size: 80, drawn: 8 },
			{ dossierId: 'villageBBB', type: 'monitored', size: 7, drawn: 2 },
			{ dossierId: 'villageBBB', type: 'unknown', size: 1, drawn: 1 } // the minimum, capped at the stratum
		]);
		for (const s of draw.strata) {
			const inStratum = draw.households.filter((h) => h.dossierId === s.dossierId && h.type === s.type);
			expect(inStratum).toHaveLength(s.drawn);
			expect(new Set(ids(inStratum)).size).toBe(s.drawn); // without replacement
			for (const h of inStratum) expect(township).toContainEqual(h);
		}
		expect(draw.households).toHaveLength(28);
	});

	it('returns the households sorted by village, type in the card’s order, id', () => {
		const draw = drawSample({ seed: '5', percent: 20, households: shuffled(township) });
		const rank = ['ordinary', 'lifted', 'monitored', 'unknown'];
		const key = (h: SampleCandidate) => [h.dossierId, rank.indexOf(h.type), h.householdId] as const;
		for (let i = 1; i < draw.households.length; i++) {
			const [a, b] = [key(draw.households[i - 1]!), key(draw.households[i]!)];
			expect(a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] < b[2])))).toBe(true);
		}
	});

	it('leaves one village’s draw alone when households are added in another', () => {
		const before = drawSample({ seed: '2024', percent: 10, households: township });
		const more = [...township, ...stratum('villageBBB', 'ordinary', 200).map((h) => ({ ...h, householdId: h.householdId + 'x' })), ...stratum('villageCCC', 'lifted', 40)];
		const after = drawSample({ seed: '2024', percent: 10, households: more });
		const inA = (d: ReturnType<typeof drawSample>) => d.households.filter((h) => h.dossierId === 'villageAAA');
		expect(inA(after)).toEqual(inA(before));
		// …and a new type in a village leaves that village's other strata alone too.
		const withLiftedInB = drawSample({ seed: '2024', percent: 10, households: [...township, ...stratum('villageBBB', 'lifted', 9)] });
		const ordinaryB = (d: ReturnType<typeof drawSample>) => d.households.filter((h) => h.dossierId === 'villageBBB' && h.type === 'ordinary');
		expect(ordinaryB(withLiftedInB)).toEqual(ordinaryB(before));
	});

	it('draws everyone at 100 percent', () => {
		const draw = drawSample({ seed: 'all', percent: 100, households: shuffled(township) });
		expect(draw.households).toHaveLength(township.length);
		expect(new Set(ids(draw.households))).toEqual(new Set(ids(township)));
		for (const s of draw.strata) expect(s.drawn).toBe(s.size);
	});

	it('counts in whole numbers', () => {
		expect(sampleSize(30, 10)).toBe(3);
		expect(sampleSize(31, 10)).toBe(4);
		expect(sampleSize(1, 1)).toBe(1);
		expect(sampleSize(100, 1)).toBe(1);
		expect(sampleSize(101, 1)).toBe(2);
		expect(sampleSize(5, 10, 3)).toBe(3);
		expect(sampleSize(2, 10, 3)).toBe(2);
		expect(sampleSize(7, 100)).toBe(7);
		expect(sampleSize(7, 50, 0)).toBe(4);
	});

	it('refuses what would make a draw nobody can repeat or trust', () => {
		expect(() => drawSample({ seed: '  ', percent: 10, households: township })).toThrow(RangeError);
		expect(() => drawSample({ seed: '1', percent: 0, households: township })).toThrow(RangeError);
		expect(() => drawSample({ seed: '1', percent: 101, households: township })).toThrow(RangeError);
		expect(() => drawSample({ seed: '1', percent: 12.5, households: township })).toThrow(RangeError);
		expect(() => drawSample({ seed: '1', percent: 10, minPerStratum: -1, households: township })).toThrow(RangeError);
		const twice = [...township, { ...township[0]!, type: 'lifted' as const }];
		expect(() => drawSample({ seed: '1', percent: 10, households: twice })).toThrow(/listed twice/);
		expect(drawSample({ seed: '1', percent: 10, households: [] })).toEqual({ seed: '1', percent: 10, minPerStratum: 1, households: [], strata: [] });
	});
});

const at = '2022-08-20T08:00:00.000+08:00';

function visit(overrides: Partial<BackCheckVisit> = {}): BackCheckVisit {
	return {
		id: 'visit0001',
		sampleId: 'sample0001',
		householdId: 'h-villageAAA-lifted-008',
		formKey: 'household-screening-2022@aug2022',
		answers: { s2_unsafe: false, s12_satisfied: true, s3_college: false },
		by: reviewer,
		at,
		note: '户主在家，逐项核对',
		...overrides
	};
}

describe('sample and visit records', () => {
	const draw = drawSample({ seed: ' 123456', percent: 10, households: township });
	const records = sampleRecords(draw, { roundId: 'r1', campaignId: 'aug2022', drawnBy: reviewer, at: new Date(at), id: 'sample0001' });

	it('gives each village its part of the draw, under one id', () => {
		expect([...records.keys()]).toEqual(['villageAAA', 'villageBBB']);
		const a = records.get('villageAAA')!;
		expect(a).toMatchObject({ id: 'sample0001', roundId: 'r1', campaignId: 'aug2022', seed: '123456', percent: 10, minPerStratum: 1, drawnBy: reviewer });
		expect(a.households).toEqual(ids(draw.households.filter((h) => h.dossierId === 'villageAAA')));
		expect(records.get('villageBBB')!.id).toBe('sample0001');
		// The stored part is enough to repeat the draw.
		const redrawn = drawSample({ seed: a.seed, percent: a.percent, minPerStratum: a.minPerStratum, households: township });
		expect(ids(redrawn.households.filter((h) => h.dossierId === 'villageAAA'))).toEqual(a.households);
	});

	it('round-trip through their schemas', () => {
		const sample = records.get('villageAAA')!;
		const stored: unknown = JSON.parse(JSON.stringify(sample));
		expect(backCheckSampleSchema.parse(stored)).toEqual(sample);
		const v = visit({ answers: { s2_unsafe: true, surveyed_on: '2022-08', multi: ['a', 'b'], cleared: null, rows: { r1: { name: '刘大', age: 60 } } } });
		expect(backCheckVisitSchema.parse(JSON.parse(JSON.stringify(v)))).toEqual(v);
		// A sample stored before minPerStratum was known reads as 1.
		const { minPerStratum: _omitted, ...older } = sample;
		expect(backCheckSampleSchema.parse(older).minPerStratum).toBe(1);
	});

	it('stay bounded', () => {
		const sample = records.get('villageAAA')!;
		expect(backCheckSampleSchema.safeParse({ ...sample, households: [] }).success).toBe(false);
		expect(backCheckSampleSchema.safeParse({ ...sample, households: ['h1', 'h1'] }).success).toBe(false);
		expect(backCheckSampleSchema.safeParse({ ...sample, households: Array.from({ length: 5001 }, (_, i) => `h${i}`) }).success).toBe(false);
		expect(backCheckSampleSchema.safeParse({ ...sample, seed: ' 123456' }).success).toBe(false);
		expect(backCheckSampleSchema.safeParse({ ...sample, percent: 0 }).success).toBe(false);
		expect(backCheckSampleSchema.safeParse({ ...sample, at: '2022-08-20T08:00:00' }).success).toBe(false);
		const many = Object.fromEntries(Array.from({ length: 401 }, (_, i) => [`q${i}`, true]));
		expect(backCheckVisitSchema.safeParse(visit({ answers: many })).success).toBe(false);
		expect(backCheckVisitSchema.safeParse(visit({ answers: { long: 'x'.repeat(2001) } })).success).toBe(false);
		expect(backCheckVisitSchema.safeParse(visit({ note: '很'.repeat(501) })).success).toBe(false);
		expect(backCheckVisitSchema.safeParse(visit({ formKey: 'Not A Key' })).success).toBe(false);
	});

	it('are taken only from a reviewer, in their own name, under their own id', () => {
		const sample: BackCheckSample = records.get('villageAAA')!;
		const asReviewer = { id: reviewer.id, reviewer: true };
		expect(sampleRefusal('sample0001', sample, asReviewer)).toBeNull();
		expect(sampleRefusal('sample0001', sample, { id: 'p-reviewer2', reviewer: true })).toMatch(/sender’s name/);
		expect(sampleRefusal('sample0001', sample, { id: reviewer.id, reviewer: false })).toMatch(/reviewer/);
		expect(sampleRefusal('sample0002', sample, asReviewer)).toMatch(/Malformed/);
		expect(sampleRefusal('sample0001', { ...sample, percent: 'ten' }, asReviewer)).toMatch(/Malformed/);

		expect(visitRefusal('visit0001', visit(), asReviewer)).toBeNull();
		expect(visitRefusal('visit0001', visit({ by: checker }), asReviewer)).toMatch(/sender’s name/);
		expect(visitRefusal('visit0001', visit({ by: checker }), { id: checker.id, reviewer: false })).toMatch(/reviewer/);
		expect(visitRefusal('visit0002', visit(), asReviewer)).toMatch(/Malformed/);
		expect(visitRefusal('visit0001', null, asReviewer)).toMatch(/Malformed/);
	});
});

describe('comparing a second visit with the first', () => {
	const screening = getTemplate(HOUSEHOLD_SCREENING_2022, 1)!;

	it('sets the official form’s asked questions side by side, in the form’s order, and skips what is not asked', () => {
		const first: Record<string, FormValue> = { surveyed_on: '2022-08', s2_unsafe: false, s3_college: false, s12_satisfied: true, s2_unsafe__desc: '' };
		const second: Record<string, FormValue> = {
			s12_satisfied: false,
			s2_unsafe: false,
			s4_insurance_known: true, // never answered the first time
			s1_net: 123400, // computed: follows the income sheet, nobody answers it
			household_type: 'lifted', // computed from the card
			checker_signature: 'signed', // a signature belongs to the visit
			s3_college: null, // not answered this time
			s5_central_supply: '  ' // blank
		};
		const result = compareVisit(screening, first, second);
		expect(result.map((c) => [c.questionId, c.same])).toEqual([
			['s2_unsafe', true],
			['s4_insurance_known', false],
			['s12_satisfied', false]
		]);
		expect(result[1]).toMatchObject({ first: undefined, second: true });
		expect(result[0]!.label.zh).toBe('①现住房是否为不安全住房');
	});

	it('compares multiple choices as sets, text after trimming, numbers and yes/no exactly', () => {
		const template = defineTemplate({
			id: 'visit-test',
			version: 1,
			title: { zh: '测试', en: 'Test' },
			sections: [
				{
					id: 'only',
					title: { zh: '一', en: 'One' },
					questions: [
						{ id: 'aid', type: 'choice', multiple: true, label: { zh: '享受政策', en: 'Aid' }, options: [{ value: 'dibao', label: { zh: '低保', en: 'Dibao' } }, { value: 'tekun', label: { zh: '特困', en: 'Tekun' } }, { value: 'other', label: { zh: '其他', en: 'Other' } }] },
						{ id: 'aid2', type: 'choice', multiple: true, label: { zh: '享受政策2', en: 'Aid 2' }, options: [{ value: 'dibao', label: { zh: '低保', en: 'Dibao' } }] },
						{ id: 'phone', type: 'text', label: { zh: '电话', en: 'Phone' } },
						{ id: 'size', type: 'integer', label: { zh: '人数', en: 'Size' } },
						{ id: 'owes', type: 'money', label: { zh: '欠款', en: 'Owes' } },
						{ id: 'signed', type: 'signature', label: { zh: '签字', en: 'Signed' } },
						{ id: 'pics', type: 'photo', label: { zh: '照片', en: 'Photos' } },
						{ id: 'members', type: 'repeat', label: { zh: '成员', en: 'Members' }, questions: [{ id: 'name', type: 'text', label: { zh: '姓名', en: 'Name' } }] }
					]
				}
			]
		});
		const first: Record<string, FormValue> = { aid: ['tekun', 'dibao'], aid2: ['dibao'], phone: ' 13800000000', size: 4, owes: 150000, pics: ['a'], members: { r1: { name: '刘大' } } };
		const second: Record<string, FormValue> = { aid: ['dibao', 'tekun'], aid2: ['dibao', 'other'], phone: '13800000000 ', size: 5, owes: 150000, signed: 'x', pics: ['b'], members: { r9: { name: '刘大' } } };
		expect(compareVisit(template, first, second).map((c) => [c.questionId, c.same])).toEqual([
			['aid', true],
			['aid2', false],
			['phone', true],
			['size', false],
			['owes', true]
		]);
	});

	it('never takes a missing, cleared or mistyped first answer as the same', () => {
		expect(sameAnswer(undefined, true)).toBe(false);
		expect(sameAnswer(null, false)).toBe(false);
		expect(sameAnswer('4', 4)).toBe(false);
		expect(sameAnswer(true, 'true')).toBe(false);
		expect(sameAnswer(['a', 'a'], ['a'])).toBe(true);
		expect(sameAnswer('是', '是 ')).toBe(true);
		expect(sameAnswer('a', ['a'])).toBe(false);
	});
});

describe('discrepancy arithmetic', () => {
	const label = (q: string) => ({ zh: q, en: q });
	const c = (questionId: string, same: boolean): QuestionComparison => ({ questionId, label: label(questionId), first: true, second: same, same });
	const items: VisitComparison[] = [
		// 老赵 (group B) checked 刘大 and 王二; 小周 (group C) checked 张三; nobody is recorded for 李四.
		{ dossierId: 'villageAAA', householdId: 'h1', head: '刘大', checkerId: 'p-zhao', groupId: 'g-b', comparisons: [c('q1', false), c('q2', false), c('q3', true)] },
		{ dossierId: 'villageAAA', householdId: 'h2', head: '王二', checkerId: 'p-zhao', groupId: 'g-b', comparisons: [c('q1', true), c('q2', true), c('q3', true)] },
		{ dossierId: 'villageBBB', householdId: 'h1', head: '张三', checkerId: 'p-zhou', groupId: 'g-c', comparisons: [c('q1', false), c('q3', true)] },
		{ dossierId: 'villageBBB', householdId: 'h4', head: '李四', checkerId: null, groupId: null, comparisons: [c('q2', false)] },
		{ dossierId: 'villageBBB', householdId: 'h5', head: '赵五', checkerId: 'p-zhou', groupId: 'g-c', comparisons: [] }
	];
	const result = discrepancies(items);
	const liuDa = { dossierId: 'villageAAA', householdId: 'h1', head: '刘大' };
	const zhangSan = { dossierId: 'villageBBB', householdId: 'h1', head: '张三' };
	const liSi = { dossierId: 'villageBBB', householdId: 'h4', head: '李四' };

	it('counts questions compared and differing overall, each differing household once', () => {
		// 9 comparisons; differing: 刘大 q1 q2, 张三 q1, 李四 q2 = 4. 刘大 differs twice and is listed once.
		expect(result.overall).toEqual({ compared: 9, differing: 4, households: [liuDa, zhangSan, liSi] });
	});

	it('by question, in the order questions first appear', () => {
		expect([...result.byQuestion.keys()]).toEqual(['q1', 'q2', 'q3']);
		expect(result.byQuestion.get('q1')).toEqual({ compared: 3, differing: 2, households: [liuDa, zhangSan], label: label('q1') });
		expect(result.byQuestion.get('q2')).toEqual({ compared: 3, differing: 2, households: [liuDa, liSi], label: label('q2') });
		expect(result.byQuestion.get('q3')).toEqual({ compared: 3, differing: 0, households: [], label: label('q3') });
	});

	it('by checker and by group, with nobody recorded under UNATTRIBUTED', () => {
		expect(UNATTRIBUTED).toBe('');
		expect(result.byChecker).toEqual(
			new Map([
				['p-zhao', { compared: 6, differing: 2, households: [liuDa] }],
				['p-zhou', { compared: 2, differing: 1, households: [zhangSan] }],
				[UNATTRIBUTED, { compared: 1, differing: 1, households: [liSi] }]
			])
		);
		expect(result.byGroup).toEqual(
			new Map([
				['g-b', { compared: 6, differing: 2, households: [liuDa] }],
				['g-c', { compared: 2, differing: 1, households: [zhangSan] }],
				[UNATTRIBUTED, { compared: 1, differing: 1, households: [liSi] }]
			])
		);
		// The parts add up to the whole.
		const sum = (m: Map<string, { compared: number; differing: number }>) => [...m.values()].reduce((s, r) => [s[0]! + r.compared, s[1]! + r.differing], [0, 0]);
		expect(sum(result.byChecker)).toEqual([9, 4]);
		expect(sum(result.byGroup)).toEqual([9, 4]);
		expect(sum(result.byQuestion)).toEqual([9, 4]);
	});

	it('lists a household visited twice once', () => {
		const twice = discrepancies([items[0]!, items[0]!]);
		expect(twice.overall).toEqual({ compared: 6, differing: 4, households: [liuDa] });
	});

	it('is all zeros with nothing compared', () => {
		const none = discrepancies([]);
		expect(none.overall).toEqual({ compared: 0, differing: 0, households: [] });
		expect(none.byQuestion.size + none.byChecker.size + none.byGroup.size).toBe(0);
	});

	it('adds up compareVisit’s output on the official form', () => {
		const screening = getTemplate(HOUSEHOLD_SCREENING_2022, 1)!;
		const comparisons = compareVisit(screening, { s2_unsafe: true, s11_untidy: false }, { s2_unsafe: false, s11_untidy: false });
		const r = discrepancies([{ dossierId: 'villageAAA', householdId: 'h1', head: '刘大', checkerId: 'p-zhao', groupId: 'g-b', comparisons }]);
		expect(r.overall).toEqual({ compared: 2, differing: 1, households: [liuDa] });
		expect(r.byQuestion.get('s2_unsafe')?.label.zh).toBe('①现住房是否为不安全住房');
		expect(r.byQuestion.get('s11_untidy')).toMatchObject({ compared: 1, differing: 0 });
	});
});
