import { describe, expect, it } from 'vitest';
import { computeIncome, divideFen, type IncomeSheet } from './incomeSheet';

const line2022 = { lineFen: 7300_00, monitoringFactor: 1.5 };
const line2017 = { lineFen: 4000_00, monitoringFactor: 1.5 };
const person = (ableToWork = true, resident = true) => ({ resident, ableToWork });

const sheet = (over: Partial<IncomeSheet>): IncomeSheet => ({
	members: [],
	lines: [],
	productionCosts: 0,
	education: 0,
	medicalOutOfPocket: 0,
	...over
});

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

describe('computeIncome', () => {
	it('works a four-person household by hand', () => {
		// Wages 18,000.00; business receipts 9,500.50 less costs 2,000.25 = 7,500.25;
		// transfers 3,120.00; property 300.10. Net = 28,920.35 yuan; ÷ 4 = 7,230.0875 → 7,230.09.
		const figures = computeIncome(
			sheet({
				members: [person(), person(), person(false), person(false)],
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
			hasRigidSpending: true,
			belowLine: true
		});
		expect(figures.flags).toEqual([{ kind: 'belowLine', perCapita: 7_230_09, line: 7300_00 }]);
	});

	it('lets the campaign set the line: the same household is above 2017’s 4,000', () => {
		const s = sheet({ members: [person(), person()], lines: [{ category: 'wage', amount: 10_000_00 }] });
		expect(computeIncome(s, line2022).belowLine).toBe(true); // 5,000 < 7,300
		const in2017 = computeIncome(s, line2017);
		expect(in2017.belowLine).toBe(false); // 5,000 ≥ 4,000
		expect(in2017.flags).toEqual([{ kind: 'monitoringBand', perCapita: 5_000_00, line: 4000_00, upper: 6000_00 }]);
	});

	it('flags the monitoring band up to and including 1.5x the line, and not beyond', () => {
		const at = (perCapitaYuan: number) =>
			computeIncome(sheet({ members: [person()], lines: [{ category: 'wage', amount: perCapitaYuan * 100 }] }), line2022).flags.map((f) => f.kind);
		expect(at(7299)).toEqual(['belowLine']);
		expect(at(7300)).toEqual(['monitoringBand']);
		expect(at(10950)).toEqual(['monitoringBand']); // 7,300 × 1.5
		expect(at(10951)).toEqual([]);
	});

	it('subtracts production costs, and negative business income lowers the net', () => {
		const figures = computeIncome(
			sheet({
				members: [person(), person(), person()],
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
		const figures = computeIncome(sheet({ members: [person(true, false)], lines: [{ category: 'transfer', amount: 100_00 }] }), line2022);
		expect(figures).toMatchObject({ members: 1, residents: 0, ableToWork: 0, perCapita: null, belowLine: null });
		expect(figures.flags).toEqual([{ kind: 'noResidents' }]);
	});

	it('flags rigid spending above net income, with the figures that justify it', () => {
		const figures = computeIncome(
			sheet({ members: [person(), person()], lines: [{ category: 'wage', amount: 30_000_00 }], education: 12_000_00, medicalOutOfPocket: 20_000_01 }),
			line2022
		);
		expect(figures.flags).toEqual([{ kind: 'rigidAboveIncome', rigid: 32_000_01, netIncome: 30_000_00 }]);
	});

	it('rounds per-capita income to the fen once', () => {
		// 10,000.00 yuan among 3: 3,333.333… → 3,333.33; 0.02 among 3 → 0.01 (0.00666… rounds up)
		const a = computeIncome(sheet({ members: [person(), person(), person()], lines: [{ category: 'wage', amount: 10_000_00 }] }), line2022);
		expect(a.perCapita).toBe(3_333_33);
		const b = computeIncome(sheet({ members: [person(), person(), person()], lines: [{ category: 'wage', amount: 2 }] }), line2022);
		expect(b.perCapita).toBe(1);
	});
});
