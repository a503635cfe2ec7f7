/**
 * The named computations a template's computed questions refer to (`compute: 'income.netIncome'`).
 * Each reads the context a form is shown in, so a figure is typed once (on the income sheet, the
 * household card, the dossier) and shown wherever a form asks for it.
 */
import type { Answer, FormValue } from '../dossier/layout';
import type { IncomeFigures } from '../accounting/incomeSheet';
import type { HouseholdIncome } from '../accounting/incomeForm';
import { COLLECTIVE_INCOME_TARGET_FEN } from './official/villageScreening2022';
import { parseResidentId } from '../household/residentId';
import { hasSpecialAdult, householdCount, type HouseholdCount } from '../household/members';
import { localDay } from '../calendar/calendar';
import type { AnswerProblem } from './answerSchema';
import type { LeafQuestion } from './template';

export interface ComputeContext {
	meta: { township: string; village: string } | null;
	/** The household card's answers, members included (household forms only). */
	card?: Readonly<Record<string, FormValue | undefined>>;
	/** The income accounting for the form's campaign, or why there is none (household forms only). */
	income?: HouseholdIncome | null;
	/**
	 * The form's own answers (for figures derived from another question of the same form); for a
	 * question inside a repeat group, that row's answers.
	 */
	answers: Readonly<Record<string, Answer | undefined>>;
}

type Computation = (ctx: ComputeContext) => Answer | undefined;

const leaf = (value: FormValue | undefined): Answer | undefined =>
	value !== null && typeof value === 'object' && !Array.isArray(value) ? undefined : value;

/** What a member row's ID number says, when it is a valid one. */
function residentFacts(ctx: ComputeContext) {
	const raw = ctx.answers.id_number;
	if (typeof raw !== 'string') return undefined;
	const parsed = parseResidentId(raw, localDay());
	return parsed.ok ? parsed.facts : undefined;
}

const income =
	(pick: (f: IncomeFigures) => Answer | undefined): Computation =>
	(ctx) =>
		ctx.income?.state === 'ok' ? pick(ctx.income.figures) : undefined;

/** Who counts in the household, by the one rule (household/members.ts), from its card. */
export function headcountOf(ctx: Pick<ComputeContext, 'card'>): HouseholdCount | null {
	return ctx.card ? householdCount(ctx.card) : null;
}

const household =
	(pick: (c: HouseholdCount) => number): Computation =>
	(ctx) => {
		const count = headcountOf(ctx);
		return count ? pick(count) : undefined;
	};

export const COMPUTATIONS: Readonly<Record<string, Computation>> = {
	'meta.township': (ctx) => ctx.meta?.township,
	'meta.village': (ctx) => ctx.meta?.village,
	'card.head': (ctx) => leaf(ctx.card?.head),
	'card.type': (ctx) => leaf(ctx.card?.type),
	/** The key-household flags on the card (低保户, 特困户…), for show-if conditions. */
	'card.flags': (ctx) => {
		const flags = ctx.card?.flags;
		return Array.isArray(flags) ? flags.filter((f): f is string => typeof f === 'string') : ctx.card ? [] : undefined;
	},
	'household.members': household((c) => c.total),
	'household.residents': household((c) => c.residents),
	'household.ableToWork': household((c) => c.ableToWork),
	'household.specialAdult': (ctx) => {
		if (!ctx.card) return undefined;
		const today = localDay();
		const special = hasSpecialAdult(ctx.card, today, (id) => {
			const parsed = parseResidentId(id, today);
			return parsed.ok ? parsed.facts.birthDate : null;
		});
		return special ?? undefined;
	},
	'member.birthDate': (ctx) => residentFacts(ctx)?.birthDate,
	'member.sex': (ctx) => residentFacts(ctx)?.sex,
	'income.netIncome': income((f) => f.netIncome),
	'income.wage': income((f) => f.wage),
	'income.business': income((f) => f.business),
	'income.transfer': income((f) => f.transfer),
	'income.property': income((f) => f.property),
	'income.perCapita': income((f) => f.perCapita),
	'income.belowLine': income((f) => f.belowLine),
	'income.largeRigidSpending': income((f) => f.largeRigidSpending),
	'income.education': income((f) => f.rigidParts.education),
	'income.medical': income((f) => f.rigidParts.medical),
	'village.collectiveIncomeBelowTarget': (ctx) => {
		const amount = ctx.answers.v4_collective_income;
		return typeof amount === 'number' && Number.isInteger(amount) ? amount < COLLECTIVE_INCOME_TARGET_FEN : undefined;
	}
};

export function compute(name: string, ctx: ComputeContext): Answer | undefined {
	const fn = COMPUTATIONS[name];
	if (!fn) throw new Error(`unknown computation ${name}`);
	return fn(ctx);
}

/**
 * Why a required computed question has no value, or a value the form cannot stand behind yet:
 * what the form says in place of the figure, and under its signature (issue 12: a 附件1 whose
 * section 1 is empty is not complete). Null when the value is there and sound.
 */
export function computedProblem(question: Extract<LeafQuestion, { type: 'computed' }>, value: Answer | undefined, ctx: Omit<ComputeContext, 'answers'>): AnswerProblem | null {
	if (!question.required) return null;
	// A count of the household is not sound with nobody on the card, or with members not yet
	// known to be resident (household/members.ts).
	if (question.compute.startsWith('household.')) {
		const count = headcountOf(ctx);
		if (count && count.total === 0) return { code: 'form.why.noMembers' };
		if (count && count.unanswered > 0) return { code: 'form.why.residentUnanswered', params: { count: count.unanswered } };
	}
	if (value !== undefined && value !== null) return null;
	if (question.compute.startsWith('income.') && ctx.income) {
		if (ctx.income.state === 'empty') return { code: 'form.why.noIncomeSheet' };
		if (ctx.income.state === 'invalid') return { code: 'form.why.incomeInvalid', params: { count: ctx.income.invalid.length } };
		if (ctx.income.figures.residents === 0) return { code: 'form.why.noResidents' };
	}
	return { code: 'answer.required' };
}
