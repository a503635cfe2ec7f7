/**
 * What each cell of the household grid shows, read from the dossier lazily and cached per
 * household: a grid of 2,000 households must open by reading only the rows on screen, and a
 * remote edit re-reads only the households it touched (invalidate).
 */
import type { DossierDoc } from '../dossier/dossierDoc';
import { CARD_FORM, type FormValue } from '../dossier/layout';
import type { Campaign } from '../campaign/campaign';
import { campaignFormKey, INCOME_SHEET } from '../campaign/campaign';
import { readIncomeSheet } from '../accounting/incomeForm';
import { computeIncome, type IncomeFigures } from '../accounting/incomeSheet';
import { formatCell, type CellWords } from '../templates/columns';
import { isFlagged, questionValue } from '../templates/formState';
import { checkAnswer, type AnswerProblem } from '../templates/answerSchema';
import { evaluate } from '../templates/conditions';
import type { Answer } from '../dossier/layout';
import type { GridColumn } from './gridColumns';

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

interface RowData {
	card: Record<string, FormValue>;
	forms: Map<string, Record<string, FormValue>>;
	income: IncomeFigures | null | undefined;
	cells: Map<string, CellView>;
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

export class HouseholdRows {
	private readonly rows = new Map<string, RowData>();
	private readonly facts = new Map<string, RowFacts>();
	private readonly incomeFormKey: string;

	constructor(
		private readonly dossier: DossierDoc,
		private readonly campaign: Campaign,
		private readonly columns: readonly GridColumn[],
		private readonly words: CellWords
	) {
		this.incomeFormKey = campaignFormKey(INCOME_SHEET, campaign.id);
	}

	/** Forgets what was read of these households; the next read sees the document as it is. */
	invalidate(householdIds: Iterable<string>): void {
		for (const id of householdIds) {
			this.rows.delete(id);
			this.facts.delete(id);
		}
	}

	private row(householdId: string): RowData {
		let row = this.rows.get(householdId);
		if (!row) {
			row = { card: this.dossier.answers(householdId, CARD_FORM), forms: new Map(), income: undefined, cells: new Map() };
			this.rows.set(householdId, row);
		}
		return row;
	}

	private income(row: RowData, householdId: string): IncomeFigures | null {
		if (row.income === undefined) {
			const read = readIncomeSheet(row.card, this.dossier.answers(householdId, this.incomeFormKey));
			row.income = read.ok ? computeIncome(read.sheet, { lineFen: this.campaign.povertyLineFen, monitoringFactor: this.campaign.monitoringFactor }) : null;
		}
		return row.income;
	}

	private formAnswers(row: RowData, householdId: string, formKey: string): Record<string, FormValue> {
		if (formKey === CARD_FORM) return row.card;
		let answers = row.forms.get(formKey);
		if (!answers) row.forms.set(formKey, (answers = this.dossier.answers(householdId, formKey)));
		return answers;
	}

	/** The value a cell holds as stored (computed cells: as computed). */
	value(householdId: string, column: GridColumn): FormValue | undefined {
		return this.cell(householdId, column).value;
	}

	cell(householdId: string, column: GridColumn): CellView {
		const row = this.row(householdId);
		const cached = row.cells.get(column.id);
		if (cached) return cached;
		const answers = this.formAnswers(row, householdId, column.formKey);
		const q = column.column.question;
		let value: FormValue | undefined;
		if (column.column.description) value = answers[column.key];
		else if (q.type === 'computed') {
			const needsIncome = q.compute.startsWith('income.');
			value = questionValue(q, answers, { meta: this.dossier.meta(), card: row.card, income: needsIncome ? this.income(row, householdId) : null });
		} else value = answers[column.key];
		const notAsked = !evaluate(q.showIf, answers as Record<string, Answer>);
		const problem = column.column.description ? null : checkAnswer(q, value);
		const view: CellView = {
			value,
			text: formatCell(column.column, value, this.words),
			problem: problem && problem.code !== 'answer.required' ? problem : null,
			missing: !notAsked && problem?.code === 'answer.required',
			flagged: !column.column.description && isFlagged(q, value),
			notAsked
		};
		row.cells.set(column.id, view);
		return view;
	}

	/** What filters and the search read of a household; reads every cell of its row once. */
	rowFacts(householdId: string): RowFacts {
		let facts = this.facts.get(householdId);
		if (facts) return facts;
		const row = this.row(householdId);
		let problems = 0;
		let flagged = 0;
		const words: string[] = [];
		for (const column of this.columns) {
			const cell = this.cell(householdId, column);
			if (cell.problem || cell.missing) problems++;
			if (cell.flagged) flagged++;
			if (cell.text) words.push(cell.text);
		}
		const belowLine = this.income(row, householdId)?.belowLine ?? null;
		const flags = row.card.flags;
		facts = {
			type: typeof row.card.type === 'string' ? row.card.type : '',
			flags: Array.isArray(flags) ? flags : [],
			problems,
			flagged,
			belowLine,
			text: words.join('\u0001').toLowerCase()
		};
		this.facts.set(householdId, facts);
		return facts;
	}
}
