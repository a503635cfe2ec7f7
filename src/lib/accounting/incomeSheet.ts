/**
 * Income accounting (收支核算表): a household's income and spending over a campaign's period,
 * and the figures and risk flags that follow from them. All amounts are integer fen; nothing
 * here touches floating-point money except the one division for the per-capita figure, which is
 * rounded to the fen (half away from zero) exactly once.
 */

export const INCOME_CATEGORIES = ['wage', 'business', 'transfer', 'property'] as const;
export type IncomeCategory = (typeof INCOME_CATEGORIES)[number];

export interface IncomeLine {
	category: IncomeCategory;
	/** Fen; business lines are gross receipts, their costs are separate. */
	amount: number;
	note?: string;
}

export interface IncomeSheet {
	/** Resident members (家庭常住人口) and how many of them can work. */
	members: { resident: boolean; ableToWork: boolean }[];
	lines: IncomeLine[];
	/** Production and business costs, fen, deducted from business receipts. */
	productionCosts: number;
	/** Rigid spending (刚性支出), fen. */
	education: number;
	medicalOutOfPocket: number;
}

export interface PovertyLine {
	/** Per-capita net income line for the campaign, fen (7,300 yuan in 2022, 4,000 in 2017). */
	lineFen: number;
	/** Upper edge of the monitoring band as a multiple of the line (1.5 by default). */
	monitoringFactor: number;
}

export type RiskFlag =
	| { kind: 'belowLine'; perCapita: number; line: number }
	| { kind: 'monitoringBand'; perCapita: number; line: number; upper: number }
	| { kind: 'rigidAboveIncome'; rigid: number; netIncome: number }
	| { kind: 'noResidents' };

export interface IncomeFigures {
	members: number;
	residents: number;
	ableToWork: number;
	wage: number;
	/** Net of production costs; may be negative. */
	business: number;
	transfer: number;
	property: number;
	netIncome: number;
	/** Null when nobody is resident: a per-capita figure of nothing is not zero. */
	perCapita: number | null;
	rigid: number;
	rigidParts: { education: number; medical: number };
	hasRigidSpending: boolean;
	belowLine: boolean | null;
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

function sum(values: number[]): number {
	let total = 0;
	for (const v of values) total += v;
	if (!Number.isSafeInteger(total)) throw new RangeError('amount out of range');
	return total;
}

export function computeIncome(sheet: IncomeSheet, poverty: PovertyLine): IncomeFigures {
	const byCategory = (c: IncomeCategory) => sum(sheet.lines.filter((l) => l.category === c).map((l) => l.amount));
	const residents = sheet.members.filter((m) => m.resident).length;
	const wage = byCategory('wage');
	const business = byCategory('business') - sheet.productionCosts;
	const transfer = byCategory('transfer');
	const property = byCategory('property');
	const netIncome = wage + business + transfer + property;
	const perCapita = residents > 0 ? divideFen(netIncome, residents) : null;
	const rigid = sheet.education + sheet.medicalOutOfPocket;

	const flags: RiskFlag[] = [];
	let belowLine: boolean | null = null;
	if (perCapita === null) {
		flags.push({ kind: 'noResidents' });
	} else {
		belowLine = perCapita < poverty.lineFen;
		// The band's edge is itself money: round it to the fen like any other amount.
		const upper = Math.round(poverty.lineFen * poverty.monitoringFactor);
		if (belowLine) flags.push({ kind: 'belowLine', perCapita, line: poverty.lineFen });
		else if (perCapita <= upper) flags.push({ kind: 'monitoringBand', perCapita, line: poverty.lineFen, upper });
	}
	if (rigid > 0 && rigid > netIncome) flags.push({ kind: 'rigidAboveIncome', rigid, netIncome });

	return {
		members: sheet.members.length,
		residents,
		ableToWork: sheet.members.filter((m) => m.resident && m.ableToWork).length,
		wage,
		business,
		transfer,
		property,
		netIncome,
		perCapita,
		rigid,
		rigidParts: { education: sheet.education, medical: sheet.medicalOutOfPocket },
		hasRigidSpending: rigid > 0,
		belowLine,
		flags
	};
}
