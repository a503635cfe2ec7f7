/**
 * What each cell of a grid over a dossier shows, read lazily and cached per household: a grid of
 * 2,000 households must open by reading only the rows on screen, and a remote edit re-reads only
 * the households it touched (invalidate). Rows are households, or the rows of one repeat group
 * of theirs (members, income lines), keyed `<householdId>/<rowId>`.
 */
import type { DossierDoc } from '../dossier/dossierDoc';
import { CARD_FORM, type FormValue, type RepeatRows } from '../dossier/layout';
import type { Campaign } from '../campaign/campaign';
import { campaignFormKey, INCOME_SHEET } from '../campaign/campaign';
import { figuresOf, householdIncome, type HouseholdIncome } from '../accounting/incomeForm';
import { householdCount } from '../household/members';
import { formatCell, type CellWords } from '../templates/columns';
import { factsOf, isFlagged, questionValue } from '../templates/formState';
import { checkAnswer, type AnswerProblem } from '../templates/answerSchema';
import { evaluate, type Facts } from '../templates/conditions';
import { computedProblem } from '../templates/computations';
import type { Answer } from '../dossier/layout';
import type { GridColumn } from './gridColumns';
import type { GridRows } from './gridSource';

export interface CellView {
	value: FormValue | undefined;
	text: string;
	/** The stored value does not fit its question (a required answer missing is `missing`). */
	problem: AnswerProblem | null;
	missing: boolean;
	/** The answer the form marks as a problem on the ground. */
	flagged: boolean;
	/** The form does not ask this question given the other answers. */
	notAsked: boolean;
}

/** What the rows of a grid are: households, or one repeat group's rows of every household. */
export type RowView = { kind: 'households' } | { kind: 'rows'; formKey: string; groupId: string };

/** A grid row's key: a household id, or `<householdId>/<rowId>` for a repeat group's row. */
export function splitRowKey(rowKey: string): { householdId: string; rowId: string | null } {
	const slash = rowKey.indexOf('/');
	return slash < 0 ? { householdId: rowKey, rowId: null } : { householdId: rowKey.slice(0, slash), rowId: rowKey.slice(slash + 1) };
}

interface HouseholdData {
	card: Record<string, FormValue>;
	forms: Map<string, Record<string, FormValue>>;
	income: HouseholdIncome | undefined;
	/** Cells of this household's rows, by `<rowKey>|<columnId>`. */
	cells: Map<string, CellView>;
	facts: Map<string, RowFacts>;
	/** What show-if conditions read of the household (its card), worked out once per household. */
	conditions: Facts | null;
}

export interface RowFacts {
	type: string;
	flags: string[];
	/** Cells whose value does not fit, or required answers missing. */
	problems: number;
	flagged: number;
	belowLine: boolean | null;
	text: string;
}

export class HouseholdRows implements GridRows {
	private readonly households = new Map<string, HouseholdData>();
	private readonly incomeFormKey: string;

	constructor(
		private readonly dossier: DossierDoc,
		private readonly campaign: Campaign,
		private readonly columns: readonly GridColumn[],
		private readonly words: CellWords,
		readonly view: RowView = { kind: 'households' }
	) {
		this.incomeFormKey = campaignFormKey(INCOME_SHEET, campaign.id);
	}

	/** Every row, households in the order they were entered and each one's rows in their order. */
	rowKeys(): string[] {
		const households = this.dossier.listHouseholds().map((h) => h.id);
		return this.view.kind === 'households' ? households : households.flatMap((id) => this.rowKeysOf(id));
	}

	/** One household's rows (none when it is withdrawn). */
	rowKeysOf(householdId: string): string[] {
		if (!this.dossier.household(householdId)) return [];
		if (this.view.kind === 'households') return [householdId];
		return Object.keys(this.groupRows(this.data(householdId), householdId)).map((rowId) => `${householdId}/${rowId}`);
	}

	/** Rows change by household: a household's edits touch its own rows only. */
	groupOf(rowKey: string): string {
		return splitRowKey(rowKey).householdId;
	}

	householdOf(rowKey: string): string {
		return splitRowKey(rowKey).householdId;
	}

	/** Forgets what was read of these households; the next read sees the document as it is. */
	invalidate(householdIds: Iterable<string>): void {
		for (const id of householdIds) this.households.delete(id);
	}

	private data(householdId: string): HouseholdData {
		let data = this.households.get(householdId);
		if (!data) {
			data = { card: this.dossier.answers(householdId, CARD_FORM), forms: new Map(), income: undefined, cells: new Map(), facts: new Map(), conditions: null };
			this.households.set(householdId, data);
		}
		return data;
	}

	private income(data: HouseholdData, householdId: string): HouseholdIncome {
		if (data.income === undefined) data.income = householdIncome(data.card, this.dossier.answers(householdId, this.incomeFormKey), this.campaign);
		return data.income;
	}

	private formAnswers(data: HouseholdData, householdId: string, formKey: string): Record<string, FormValue> {
		if (formKey === CARD_FORM) return data.card;
		let answers = data.forms.get(formKey);
		if (!answers) data.forms.set(formKey, (answers = this.dossier.answers(householdId, formKey)));
		return answers;
	}

	private groupRows(data: HouseholdData, householdId: string): RepeatRows {
		if (this.view.kind !== 'rows') return {};
		const group = this.formAnswers(data, householdId, this.view.formKey)[this.view.groupId];
		return group && typeof group === 'object' && !Array.isArray(group) ? (group as RepeatRows) : {};
	}

	/** The value a cell holds as stored (computed cells: as computed). */
	value(rowKey: string, column: GridColumn): FormValue | undefined {
		return this.cell(rowKey, column).value;
	}

	cell(rowKey: string, column: GridColumn): CellView {
		const { householdId, rowId } = splitRowKey(rowKey);
		const data = this.data(householdId);
		const cacheKey = `${rowKey}|${column.id}`;
		const cached = data.cells.get(cacheKey);
		if (cached) return cached;
		const answers: Readonly<Record<string, FormValue | undefined>> =
			column.group && rowId !== null ? (this.groupRows(data, householdId)[rowId] ?? {}) : this.formAnswers(data, householdId, column.formKey);
		const q = column.column.question;
		let value: FormValue | undefined;
		// A computed cell that is missing, or not yet sound (a count with unanswered resident
		// boxes), is marked missing, as the form view says it is.
		let computedMissing = false;
		if (column.column.description) value = answers[column.key];
		else if (q.type === 'computed') {
			const needsIncome = q.compute.startsWith('income.');
			const ctx = { meta: this.dossier.meta(), card: data.card, income: needsIncome ? this.income(data, householdId) : null };
			value = questionValue(q, answers as Record<string, FormValue>, ctx);
			computedMissing = computedProblem(q, value as Answer | undefined, ctx) !== null;
		} else value = answers[column.key];
		// Facts are card.* and household.* computations: the card alone decides them.
		data.conditions ??= factsOf({ meta: this.dossier.meta(), card: data.card, income: null, answers: {} });
		const notAsked = !evaluate(q.showIf, answers as Record<string, Answer>, data.conditions);
		const problem = column.column.description ? null : checkAnswer(q, value);
		const view: CellView = {
			value,
			text: formatCell(column.column, value, this.words, q.type === 'computed' && q.kind === 'headcount' ? householdCount(data.card) : null),
			problem: problem && problem.code !== 'answer.required' ? problem : null,
			missing: !notAsked && (problem?.code === 'answer.required' || computedMissing),
			flagged: !column.column.description && isFlagged(q, value),
			notAsked
		};
		data.cells.set(cacheKey, view);
		return view;
	}

	/** What filters and the search read of a row; reads every cell of it once. */
	rowFacts(rowKey: string): RowFacts {
		const { householdId } = splitRowKey(rowKey);
		const data = this.data(householdId);
		let facts = data.facts.get(rowKey);
		if (facts) return facts;
		let problems = 0;
		let flagged = 0;
		const words: string[] = [];
		for (const column of this.columns) {
			const cell = this.cell(rowKey, column);
			if (cell.problem || cell.missing) problems++;
			if (cell.flagged) flagged++;
			if (cell.text) words.push(cell.text);
		}
		const belowLine = figuresOf(this.income(data, householdId))?.belowLine ?? null;
		const flags = data.card.flags;
		facts = {
			type: typeof data.card.type === 'string' ? data.card.type : '',
			flags: Array.isArray(flags) ? flags : [],
			problems,
			flagged,
			belowLine,
			text: words.join('\u0001').toLowerCase()
		};
		data.facts.set(rowKey, facts);
		return facts;
	}
}
