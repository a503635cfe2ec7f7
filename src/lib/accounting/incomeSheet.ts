/**
 * Income accounting (收支核算表): a household's income and spending over a campaign's period,
 * and the figures and risk flags that follow from them. All amounts are integer fen.
 *
 * Whether a household is below the line, in the monitoring band, or has large rigid spending is
 * decided on exact fen: `netIncome < line × residents`, never on the per-capita figure, which is
 * rounded to the fen for display only (issue 12: 21,899.99 yuan over 3 residents is 7,299.996…
 * each, below a line of 7,300, though it shows as 7,300.00).
 */
import type { HouseholdCount } from '../household/members';
import type { IncomeRules } from '../campaign/campaign';

export const INCOME_CATEGORIES = ['wage', 'business', 'transfer', 'property'] as const;
export type IncomeCategory = (typeof INCOME_CATEGORIES)[number];

export interface IncomeLine {
	category: IncomeCategory;
	/** Fen; business lines are gross receipts, their costs are separate. */
	amount: number;
	note?: string;
}

export interface IncomeSheet {
	/** Who counts in the household, by the one rule of household/members.ts. */
	household: HouseholdCount;
	lines: IncomeLine[];
	/** Production and business costs, fen, deducted from business receipts. */
	productionCosts: number;
	/** Rigid spending (刚性支出), fen. */
	education: number;
	medicalOutOfPocket: number;
}

export type RiskFlag =
	/** `threshold` is line × residents: the household income the line asks for. */
	| { kind: 'belowLine'; perCapita: number; line: number; residents: number; netIncome: number; threshold: number }
	/** `upper` is the band's edge per person, rounded to the fen for display. */
	| { kind: 'monitoringBand'; perCapita: number; line: number; upper: number }
	| { kind: 'largeRigidSpending'; rigid: number; netIncome: number; rule: IncomeRules['largeRigidSpending'] }
	| { kind: 'noResidents' }
	/** Members whose "resident" box is unanswered: counted as not resident until it is answered. */
	| { kind: 'residentUnanswered'; count: number };

export interface IncomeFigures {
	members: number;
	residents: number;
	/** Members whose resident box is unanswered (not counted as resident). */
	unansweredResidents: number;
	ableToWork: number;
	wage: number;
	/** Net of production costs; may be negative. */
	business: number;
	transfer: number;
	property: number;
	netIncome: number;
	/** Rounded to the fen, for display. Null when nobody is resident: a per-capita figure of nothing is not zero. */
	perCapita: number | null;
	rigid: number;
	rigidParts: { education: number; medical: number };
	/** 大额刚性支出 by the campaign's rule. */
	largeRigidSpending: boolean;
	/** Exact: net income below line × residents. Null when nobody is resident. */
	belowLine: boolean | null;
	/** Exact: at or above the line and at or below the band's upper edge. Null without residents or band. */
	inBand: boolean | null;
	flags: RiskFlag[];
}

/** Integer division of fen rounded half away from zero. */
export function divideFen(total: number, parts: number): number {
	if (!Number.isSafeInteger(total) || !Number.isInteger(parts) || parts <= 0) throw new RangeError('divideFen needs integer fen and a positive count');
	const sign = total < 0 ? -1 : 1;
	const abs = Math.abs(total);
	const q = Math.floor(abs / parts);
	const r = abs - q * parts;
	return sign * (2 * r >= parts ? q + 1 : q);
}

/**
 * A decimal factor (1.5, 1.25, 1.3333) as an exact ratio of integers, from the digits it is
 * written with: 1.5 × 7,300.00 is 10,950.00 exactly, not 1.5's binary approximation times it.
 */
export function decimalRatio(factor: number): { num: bigint; den: bigint } {
	if (!Number.isFinite(factor)) throw new RangeError('a factor is a finite number');
	const [whole, fraction = ''] = factor.toFixed(12).replace(/0+$/, '').split('.');
	const den = 10n ** BigInt(fraction.length);
	return { num: BigInt(whole! + fraction), den };
}

function sum(values: number[]): number {
	let total = 0;
	for (const v of values) total += v;
	if (!Number.isSafeInteger(total)) throw new RangeError('amount out of range');
	return total;
}

/** Half away from zero, for a positive divisor. */
function roundDiv(n: bigint, d: bigint): bigint {
	const sign = n < 0n ? -1n : 1n;
	const abs = n < 0n ? -n : n;
	return sign * ((2n * abs + d) / (2n * d));
}

/** The band's upper edge per person as num / den fen, exactly; null without a band. */
function bandRatio(rules: IncomeRules): { num: bigint; den: bigint } | null {
	if (!rules.band) return null;
	if ('upperFen' in rules.band) return { num: BigInt(rules.band.upperFen), den: 1n };
	const { num, den } = decimalRatio(rules.band.factor);
	return { num: BigInt(rules.lineFen) * num, den };
}

/** The band's upper edge per person in fen, rounded for display (comparisons use it exactly). */
export function bandUpperFen(rules: IncomeRules): number | null {
	const ratio = bandRatio(rules);
	return ratio ? Number(roundDiv(ratio.num, ratio.den)) : null;
}

export function computeIncome(sheet: IncomeSheet, rules: IncomeRules): IncomeFigures {
	const byCategory = (c: IncomeCategory) => sum(sheet.lines.filter((l) => l.category === c).map((l) => l.amount));
	const { total, residents, unanswered, ableToWork } = sheet.household;
	const wage = byCategory('wage');
	const business = byCategory('business') - sheet.productionCosts;
	const transfer = byCategory('transfer');
	const property = byCategory('property');
	const netIncome = sum([wage, business, transfer, property]);
	const perCapita = residents > 0 ? divideFen(netIncome, residents) : null;
	const rigid = sum([sheet.education, sheet.medicalOutOfPocket]);

	const flags: RiskFlag[] = [];
	if (unanswered > 0) flags.push({ kind: 'residentUnanswered', count: unanswered });
	let belowLine: boolean | null = null;
	let inBand: boolean | null = null;
	if (perCapita === null) {
		flags.push({ kind: 'noResidents' });
	} else {
		const net = BigInt(netIncome);
		const people = BigInt(residents);
		const threshold = BigInt(rules.lineFen) * people;
		belowLine = net < threshold;
		const ratio = bandRatio(rules);
		// net / residents ≤ num / den, cross-multiplied: no rounding anywhere.
		if (ratio) inBand = !belowLine && net * ratio.den <= ratio.num * people;
		if (belowLine) flags.push({ kind: 'belowLine', perCapita, line: rules.lineFen, residents, netIncome, threshold: Number(threshold) });
		else if (inBand && ratio) flags.push({ kind: 'monitoringBand', perCapita, line: rules.lineFen, upper: Number(roundDiv(ratio.num, ratio.den)) });
	}

	const rule = rules.largeRigidSpending;
	const largeRigidSpending = 'amountFen' in rule ? rigid > rule.amountFen : rigid > 0 && BigInt(rigid) * 100n > BigInt(netIncome) * BigInt(rule.percentOfNetIncome);
	if (largeRigidSpending) flags.push({ kind: 'largeRigidSpending', rigid, netIncome, rule });

	return {
		members: total,
		residents,
		unansweredResidents: unanswered,
		ableToWork,
		wage,
		business,
		transfer,
		property,
		netIncome,
		perCapita,
		rigid,
		rigidParts: { education: sheet.education, medical: sheet.medicalOutOfPocket },
		largeRigidSpending,
		belowLine,
		inBand,
		flags
	};
}
