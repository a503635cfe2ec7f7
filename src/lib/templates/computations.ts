/**
 * The named computations a template's computed questions refer to (`compute: 'income.netIncome'`).
 * Each reads the context a form is shown in, so a figure is typed once (on the income sheet, the
 * household card, the dossier) and shown wherever a form asks for it.
 */
import type { Answer, FormValue } from '../dossier/layout';
import type { IncomeFigures } from '../accounting/incomeSheet';
import { COLLECTIVE_INCOME_TARGET_FEN } from './official/villageScreening2022';
import { parseResidentId } from '../household/residentId';
import { localDay } from '../calendar/calendar';

export interface ComputeContext {
	meta: { township: string; village: string } | null;
	/** The household card's answers, members included (household forms only). */
	card?: Readonly<Record<string, FormValue | undefined>>;
	/** The income sheet's figures for the form's campaign (household forms only). */
	income?: IncomeFigures | null;
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
		ctx.income ? pick(ctx.income) : undefined;

export const COMPUTATIONS: Readonly<Record<string, Computation>> = {
	'meta.township': (ctx) => ctx.meta?.township,
	'meta.village': (ctx) => ctx.meta?.village,
	'card.head': (ctx) => leaf(ctx.card?.head),
	'card.type': (ctx) => leaf(ctx.card?.type),
	'card.memberCount': (ctx) => {
		const members = ctx.card?.members;
		return members && typeof members === 'object' && !Array.isArray(members) ? Object.keys(members).length : 0;
	},
	'member.birthDate': (ctx) => residentFacts(ctx)?.birthDate,
	'member.sex': (ctx) => residentFacts(ctx)?.sex,
	'income.members': income((f) => f.residents),
	'income.ableToWork': income((f) => f.ableToWork),
	'income.netIncome': income((f) => f.netIncome),
	'income.wage': income((f) => f.wage),
	'income.business': income((f) => f.business),
	'income.transfer': income((f) => f.transfer),
	'income.property': income((f) => f.property),
	'income.perCapita': income((f) => f.perCapita),
	'income.belowLine': income((f) => f.belowLine),
	'income.hasRigidSpending': income((f) => f.hasRigidSpending),
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
