import { describe, expect, it } from 'vitest';
import { bandUpperFen, computeIncome, decimalRatio, divideFen, type IncomeSheet } from './incomeSheet';
import type { IncomeRules } from '../campaign/campaign';
import type { HouseholdCount } from '../household/members';

const percent100 = { percentOfNetIncome: 100 };
const line2022: IncomeRules = { lineFen: 7300_00, band: null, largeRigidSpending: percent100 };
const line2017: IncomeRules = { lineFen: 4000_00, band: { factor: 1.5 }, largeRigidSpending: percent100 };
const withBand: IncomeRules = { ...line2022, band: { factor: 1.5 } };

/** A household of `residents` resident members (`able` of them able to work), and others. */
const household = (residents: number, able = residents, over: Partial<HouseholdCount> = {}): HouseholdCount => ({
	total: residents,
	residents,
	unanswered: 0,
	ableToWork: able,
	...over
});

const sheet = (over: Partial<IncomeSheet>): IncomeSheet => ({
	household: household(1),
	lines: [],
	productionCosts: 0,
	education: 0,
	medicalOutOfPocket: 0,
	...over
});

const wages = (fen: number, residents: number, rules: IncomeRules = line2022) =>
	computeIncome(sheet({ household: household(residents), lines: [{ category: 'wage', amount: fen }] }), rules);

describe('divideFen', () => {
	it.each([
		[1000, 3, 333], // 3.333… fen
		[1001, 2, 501], // 500.5 rounds away from zero
		[1000, 4, 250],
		[-1001, 2, -501],
		[-1000, 3, -333],
		[0, 5, 0]
	])('%d / %d = %d', (total, parts, expected) => {
		expect(divideFen(total, parts)).toBe(expected);
	});
	it('refuses a zero count', () => {
		expect(() => divideFen(100, 0)).toThrow(RangeError);
	});
});

describe('decimalRatio', () => {
	it('reads a factor by the digits it is written with', () => {
		expect(decimalRatio(1.5)).toEqual({ num: 15n, den: 10n });
		expect(decimalRatio(2)).toEqual({ num: 2n, den: 1n });
		expect(decimalRatio(1.1)).toEqual({ num: 11n, den: 10n });
		expect(decimalRatio(1.25)).toEqual({ num: 125n, den: 100n });
	});
});

describe('the line is decided on exact fen (issue 12)', () => {
	it('21,899.99 yuan over 3 residents is below 7,300, though per person it shows as 7,300.00', () => {
		const figures = wages(21_899_99, 3, withBand);
		expect(figures.perCapita).toBe(7_300_00); // 7,299.9966… rounded for display only
		expect(figures.belowLine).toBe(true);
		expect(figures.inBand).toBe(false);
		expect(figures.flags).toEqual([{ kind: 'belowLine', perCapita: 7_300_00, line: 7300_00, residents: 3, netIncome: 21_899_99, threshold: 21_900_00 }]);
	});

	it('one fen either side of line × residents', () => {
		expect(wages(21_899_98, 3).belowLine).toBe(true);
		expect(wages(21_899_99, 3).belowLine).toBe(true);
		expect(wages(21_900_00, 3).belowLine).toBe(false); // exactly the line is not below it
		expect(wages(21_900_01, 3).belowLine).toBe(false);
		// Per-capita figures that round to the line from below or above do not decide anything.
		expect(wages(21_900_01, 3).perCapita).toBe(7_300_00);
	});

	it('decides the band’s upper edge exactly too, and rounds it only to show it', () => {
		// 1.5 × 7,300 = 10,950 per person: 32,850.00 for three is in the band, a fen more is not.
		expect(wages(32_850_00, 3, withBand).inBand).toBe(true);
		expect(wages(32_850_01, 3, withBand).inBand).toBe(false);
		expect(wages(32_850_01, 3, withBand).flags).toEqual([]);
		// 1.1 × 7,300 is 8,030 exactly (not 8,030.000000000001 as floating point has it).
		const tenth: IncomeRules = { ...line2022, band: { factor: 1.1 } };
		expect(wages(8_030_00, 1, tenth).inBand).toBe(true);
		expect(bandUpperFen(tenth)).toBe(8_030_00);
		// An edge of a fraction of a fen per person: 7,300.01 × 1.5 = 10,950.015 yuan.
		const odd: IncomeRules = { ...line2022, lineFen: 7300_01, band: { factor: 1.5 } };
		expect(bandUpperFen(odd)).toBe(10_950_02);
		expect(wages(21_900_03, 2, odd).inBand).toBe(true); // 10,950.015 each: exactly the edge
		expect(wages(21_900_04, 2, odd).inBand).toBe(false);
	});
});

describe('computeIncome', () => {
	it('works a four-person household by hand', () => {
		// Wages 18,000.00; business receipts 9,500.50 less costs 2,000.25 = 7,500.25;
		// transfers 3,120.00; property 300.10. Net = 28,920.35 yuan; ÷ 4 = 7,230.0875 → 7,230.09.
		const figures = computeIncome(
			sheet({
				household: household(4, 2),
				lines: [
					{ category: 'wage', amount: 12_000_00 },
					{ category: 'wage', amount: 6_000_00 },
					{ category: 'business', amount: 9_500_50 },
					{ category: 'transfer', amount: 3_120_00 },
					{ category: 'property', amount: 300_10 }
				],
				productionCosts: 2_000_25,
				education: 1_500_00,
				medicalOutOfPocket: 800_00
			}),
			line2022
		);
		expect(figures).toMatchObject({
			members: 4,
			residents: 4,
			ableToWork: 2,
			wage: 18_000_00,
			business: 7_500_25,
			transfer: 3_120_00,
			property: 300_10,
			netIncome: 28_920_35,
			perCapita: 7_230_09,
			rigid: 2_300_00,
			largeRigidSpending: false, // 2,300 is well within the 28,920.35 the household earned
			belowLine: true
		});
		expect(figures.flags).toEqual([{ kind: 'belowLine', perCapita: 7_230_09, line: 7300_00, residents: 4, netIncome: 28_920_35, threshold: 29_200_00 }]);
	});

	it('lets the campaign set the line and the band: the same household is in 2017’s band', () => {
		const s = sheet({ household: household(2), lines: [{ category: 'wage', amount: 10_000_00 }] });
		expect(computeIncome(s, line2022).belowLine).toBe(true); // 5,000 < 7,300
		const in2017 = computeIncome(s, line2017);
		expect(in2017.belowLine).toBe(false); // 5,000 ≥ 4,000
		expect(in2017.flags).toEqual([{ kind: 'monitoringBand', perCapita: 5_000_00, line: 4000_00, upper: 6000_00 }]);
	});

	it('has no band unless the campaign names one, as a factor or an amount', () => {
		expect(wages(8_000_00, 1, line2022)).toMatchObject({ belowLine: false, inBand: null, flags: [] });
		const upTo9000: IncomeRules = { ...line2022, band: { upperFen: 9000_00 } };
		expect(wages(9_000_00, 1, upTo9000).flags).toEqual([{ kind: 'monitoringBand', perCapita: 9_000_00, line: 7300_00, upper: 9000_00 }]);
		expect(wages(9_000_01, 1, upTo9000).flags).toEqual([]);
		expect(bandUpperFen(line2022)).toBeNull();
	});

	it('subtracts production costs, and negative business income lowers the net', () => {
		const figures = computeIncome(
			sheet({
				household: household(3),
				lines: [
					{ category: 'business', amount: 3_000_00 },
					{ category: 'wage', amount: 20_000_00 }
				],
				productionCosts: 5_000_00
			}),
			line2022
		);
		expect(figures.business).toBe(-2_000_00);
		expect(figures.netIncome).toBe(18_000_00);
		expect(figures.perCapita).toBe(6_000_00);
	});

	it('has no per-capita figure and no line test with zero resident members', () => {
		const figures = computeIncome(sheet({ household: household(0, 0, { total: 1 }), lines: [{ category: 'transfer', amount: 100_00 }] }), line2022);
		expect(figures).toMatchObject({ members: 1, residents: 0, ableToWork: 0, perCapita: null, belowLine: null, inBand: null });
		expect(figures.flags).toEqual([{ kind: 'noResidents' }]);
	});

	it('says when members are not yet known to be resident, and does not count them', () => {
		// Four members, two resident, one not, one unanswered: 12,000 over the two known residents.
		const figures = computeIncome(sheet({ household: household(2, 1, { total: 4, unanswered: 1 }), lines: [{ category: 'wage', amount: 12_000_00 }] }), line2022);
		expect(figures).toMatchObject({ members: 4, residents: 2, unansweredResidents: 1, perCapita: 6_000_00 });
		expect(figures.flags.map((f) => f.kind)).toEqual(['residentUnanswered', 'belowLine']);
	});

	it('rounds per-capita income to the fen once', () => {
		// 10,000.00 yuan among 3: 3,333.333… → 3,333.33; 0.02 among 3 → 0.01 (0.00666… rounds up)
		expect(wages(10_000_00, 3).perCapita).toBe(3_333_33);
		expect(wages(2, 3).perCapita).toBe(1);
	});
});

describe('large rigid spending (大额刚性支出) by the campaign’s rule', () => {
	const spending = (net: number, education: number, medical: number, rule: IncomeRules['largeRigidSpending'] = percent100) =>
		computeIncome(sheet({ household: household(2), lines: [{ category: 'wage', amount: net }], education, medicalOutOfPocket: medical }), { ...line2022, largeRigidSpending: rule });

	it('by default: more than the household’s whole net income, not any spending at all', () => {
		expect(spending(30_000_00, 12_000_00, 20_000_01)).toMatchObject({ rigid: 32_000_01, largeRigidSpending: true });
		expect(spending(30_000_00, 12_000_00, 20_000_01).flags).toContainEqual({ kind: 'largeRigidSpending', rigid: 32_000_01, netIncome: 30_000_00, rule: percent100 });
		expect(spending(30_000_00, 10_000_00, 20_000_00).largeRigidSpending).toBe(false); // equal is not more
		expect(spending(30_000_00, 1_00, 0).largeRigidSpending).toBe(false); // 1 yuan is spending, not large
		expect(spending(0, 0, 0).largeRigidSpending).toBe(false);
		expect(spending(0, 0, 1).largeRigidSpending).toBe(true); // anything with no income to meet it
	});

	it('by a share of net income or by an amount, when the campaign says so', () => {
		const half = { percentOfNetIncome: 50 };
		expect(spending(30_000_00, 15_000_00, 0, half).largeRigidSpending).toBe(false);
		expect(spending(30_000_00, 15_000_00, 1, half).largeRigidSpending).toBe(true);
		const tenThousand = { amountFen: 10_000_00 };
		expect(spending(100_000_00, 5_000_00, 5_000_00, tenThousand).largeRigidSpending).toBe(false);
		expect(spending(100_000_00, 5_000_00, 5_000_01, tenThousand).largeRigidSpending).toBe(true);
	});
});
