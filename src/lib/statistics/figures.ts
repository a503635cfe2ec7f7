/**
 * The figures a township reports for a campaign (issue 13, point 6), as plain counts. Every
 * figure is a count of households, people or findings and every breakdown is keyed by a stable
 * id, so a township's figures are exactly the sum of its villages' (`addFigures`): the township
 * total never disagrees with the village rows printed above it, and a village that syncs late
 * changes the total by its own row and nothing else. Ratios are never stored, only worked out
 * from two counts where they are shown (`ratio`), since a sum of rates means nothing.
 */
import type { MonitoringStepKind } from '../household/monitoring';
import { HOUSEHOLD_TYPES } from '../dossier/layout';
import { LEDGER_STATES, type LedgerState } from '../ledger/ledger';
import type { Totals } from '../ledger/ledgerReport';

/**
 * Where a household's campaign form (附件1) stands; each household is in exactly one.
 * `checked` is the only one that counts as 已排查: see checkState.ts for the rule.
 */
export const CHECK_STATES = ['checked', 'changedAfterSigning', 'awaitingSignature', 'inProgress', 'notStarted'] as const;
export type CheckState = (typeof CHECK_STATES)[number];

/** 户类型 as the card has it, and `unknown` for a card whose type is missing or not one of the three. */
export const TYPE_KEYS = [...HOUSEHOLD_TYPES, 'unknown'] as const;
export type TypeKey = (typeof TYPE_KEYS)[number];

/**
 * The key-household flags of the card (householdCard.ts), in the card's order. With 脱贫户 and
 * 监测户 they are the nine kinds 004 says must all be visited (9 类重点户必到).
 */
export const FLAG_KEYS = ['dibao', 'tekun', 'seriously_ill', 'disabled', 'sudden_hardship', 'low_income', 'elderly'] as const;
export type FlagKey = (typeof FLAG_KEYS)[number];

/** How much of a set of households is checked: households and people, to check and checked. */
export interface Coverage {
	/** Households to check (应排查): every household not withdrawn. */
	households: number;
	/** Their people: every member row on the card (家庭人口), resident or not. */
	people: number;
	/**
	 * Households visited (已入户): their campaign form is started (any state but `notStarted`).
	 * 004's 9类重点户必到 says each key household must be gone to (到), beside 重点人必访 and
	 * 基础信息必核: a visit, not yet a signed form. So a key kind is covered when all its
	 * households are visited, whether or not their forms are signed (`checked` says that).
	 */
	screened: number;
	checked: number;
	/** Households whose record the township has approved (审定) and still holds (VillageInput.reviewed). */
	reviewed: number;
	checkedPeople: number;
	/** The households in each state; they sum to `households`. */
	states: Record<CheckState, number>;
}

export interface HouseholdsAndPeople {
	households: number;
	people: number;
}

/** From the income accounting sheets (accounting/), by each village's own campaign record. */
export interface IncomeCounts {
	/** Households with figures (a sheet with at least one income line, and someone resident). */
	assessed: HouseholdsAndPeople;
	belowLine: HouseholdsAndPeople;
	/** Only counted in villages whose campaign record names a band (see `bandVillages`). */
	inBand: HouseholdsAndPeople;
	largeRigidSpending: HouseholdsAndPeople;
	/** No figures yet: no income line, amounts that do not fit, or nobody resident. */
	unassessed: HouseholdsAndPeople;
	/** Villages whose campaign record has a monitoring band: with none, `inBand` says nothing. */
	bandVillages: number;
}

export interface ProblemCounts {
	/** The ledger's own totals (ledgerReport.totals): 发现, 已整改 (销号), 待审核, 超期 … */
	totals: Totals;
	states: Record<LedgerState, number>;
	/** By category id (problems.ts: the form's sections, `village`, `other`). */
	byCategory: Record<string, Totals>;
	/** By the checking group that raised them; `other` for those no checking group raised. */
	raisedBy: Record<string, Totals>;
	/** By the group that keeps the village (that must rectify them); `none` for a village nobody keeps. */
	against: Record<string, Totals>;
}

/**
 * What happened on one day: households screened (their form's 摸排时间, else the day it was
 * signed), whose form was signed, whose record was approved (审定); findings raised, closed.
 */
export interface DayCounts {
	screened: number;
	checked: number;
	reviewed: number;
	found: number;
	rectified: number;
}

/**
 * How far the work on a set of households has come: for a keeping group (its villages') or a
 * person (the households they look after, 帮扶责任人), and the findings on those households.
 * Counts of work, never a rank: the tables list them in the organisation's order.
 */
export interface ProgressCounts {
	households: number;
	screened: number;
	checked: number;
	reviewed: number;
	/** Findings raised on these households (a person's), or in these villages (a group's). */
	found: number;
	/** Not yet closed (未销号). */
	open: number;
	overdue: number;
}

/** The nine kinds of key household 004 says must all be visited (9类重点户必到): two types and seven flags. */
export const KEY_KINDS = ['lifted', 'monitored', ...FLAG_KEYS] as const;
export type KeyKind = (typeof KEY_KINDS)[number];

export interface Figures {
	/** Villages these figures add up. */
	villages: number;
	coverage: Coverage;
	byType: Record<TypeKey, Coverage>;
	/** A household with two flags counts under both: these do not add up to `coverage`. */
	byFlag: Record<FlagKey, Coverage>;
	income: IncomeCounts;
	/** 漏查 (ledger/missedChecks.ts): later findings on questions a checker passed, by that checker and their group. */
	missed: { total: number; byGroup: Record<string, number>; byChecker: Record<string, number> };
	/** Households by where their monitoring lifecycle stands (household/monitoring.ts); never included: not counted. */
	monitoring: Record<MonitoringStepKind, HouseholdsAndPeople>;
	problems: ProblemCounts;
	/** By calendar day (YYYY-MM-DD); only days on which something happened. */
	days: Record<string, DayCounts>;
	/** Households screened whose form says no day (no 摸排时间 and no signature): in no day of `days`. */
	screenedUndated: number;
	/** By the group that keeps the village (`none`: nobody keeps it). */
	byGroup: Record<string, ProgressCounts>;
	/**
	 * By the person who looks after the household (帮扶责任人; `none`: nobody is named); findings
	 * on the village as a whole are no one person's. Empty when no caretakers were given.
	 */
	byPerson: Record<string, ProgressCounts>;
}

const zeroStates = (): Record<CheckState, number> => Object.fromEntries(CHECK_STATES.map((s) => [s, 0])) as Record<CheckState, number>;

export const emptyCoverage = (): Coverage => ({ households: 0, people: 0, screened: 0, checked: 0, reviewed: 0, checkedPeople: 0, states: zeroStates() });

export const emptyProgress = (): ProgressCounts => ({ households: 0, screened: 0, checked: 0, reviewed: 0, found: 0, open: 0, overdue: 0 });

export const emptyDay = (): DayCounts => ({ screened: 0, checked: 0, reviewed: 0, found: 0, rectified: 0 });

/** The coverage of one of the nine key kinds. */
export function keyKindCoverage(figures: Pick<Figures, 'byType' | 'byFlag'>, kind: KeyKind): Coverage {
	return kind === 'lifted' || kind === 'monitored' ? figures.byType[kind] : (figures.byFlag[kind] ?? emptyCoverage());
}

/** Whether every household of a kind has been visited; null where there is none of that kind. */
export function covered(coverage: Pick<Coverage, 'households' | 'screened'>): boolean | null {
	return coverage.households === 0 ? null : coverage.screened === coverage.households;
}

export const emptyTotals = (): Totals => ({ found: 0, rectified: 0, awaiting: 0, closed: 0, overdue: 0, open: 0 });

const hp = (): HouseholdsAndPeople => ({ households: 0, people: 0 });

export function emptyFigures(): Figures {
	return {
		villages: 0,
		coverage: emptyCoverage(),
		byType: Object.fromEntries(TYPE_KEYS.map((k) => [k, emptyCoverage()])) as Record<TypeKey, Coverage>,
		byFlag: Object.fromEntries(FLAG_KEYS.map((k) => [k, emptyCoverage()])) as Record<FlagKey, Coverage>,
		income: { assessed: hp(), belowLine: hp(), inBand: hp(), largeRigidSpending: hp(), unassessed: hp(), bandVillages: 0 },
		monitoring: { included: hp(), assisted: hp(), riskCleared: hp() },
		missed: { total: 0, byGroup: {}, byChecker: {} },
		problems: {
			totals: emptyTotals(),
			states: Object.fromEntries(LEDGER_STATES.map((s) => [s, 0])) as Record<LedgerState, number>,
			byCategory: {},
			raisedBy: {},
			against: {}
		},
		days: {},
		screenedUndated: 0,
		byGroup: {},
		byPerson: {}
	};
}

/** Adds `b` into `a`, field by field: every figure is a count, so this is the whole of "township = sum of villages". */
function addInto(a: Record<string, unknown>, b: Record<string, unknown>): void {
	for (const [key, value] of Object.entries(b)) {
		if (typeof value === 'number') a[key] = ((a[key] as number | undefined) ?? 0) + value;
		else if (value && typeof value === 'object') {
			if (!a[key] || typeof a[key] !== 'object') a[key] = {};
			addInto(a[key] as Record<string, unknown>, value as Record<string, unknown>);
		}
	}
}

/** The sum of several villages' figures (or of none: all zero). */
export function addFigures(parts: readonly Figures[]): Figures {
	const sum = emptyFigures();
	for (const part of parts) addInto(sum as unknown as Record<string, unknown>, part as unknown as Record<string, unknown>);
	return sum;
}

/** `part` of `whole` as a fraction, or null when there is no whole to be a part of. */
export function ratio(part: number, whole: number): number | null {
	return whole > 0 ? part / whole : null;
}

/** A fraction as a percentage with one decimal ("54.5%"), rounded half up on the exact counts; "—" for none. */
export function percentText(part: number, whole: number): string {
	if (whole <= 0) return '—';
	// Per mille, rounded half up in integers: 1/8 is 12.5%, not 12.499999…%.
	const permille = Math.floor((2000 * part + whole) / (2 * whole));
	return `${Math.floor(permille / 10)}.${permille % 10}%`;
}

/** A stored fraction (table cells) as percentText shows it; the nudge keeps 0.0375 from reading 3.7%. */
export function ratioText(value: number | null): string {
	if (value === null) return '—';
	const permille = Math.round(value * 1000 + 1e-9);
	return `${Math.floor(permille / 10)}.${permille % 10}%`;
}
