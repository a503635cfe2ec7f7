/**
 * The columns of the household grid: the household card's head and type frozen on the left (who
 * a row is), then the campaign form's columns section by section, all from the templates
 * (columnsOf), so the grid, the form view and the exports show the same questions.
 */
import { CARD_FORM } from '../dossier/layout';
import { columnsOf, type Column } from '../templates/columns';
import type { RepeatQuestion, Template } from '../templates/template';
import { householdCard } from '../templates/householdCard';

export interface GridColumn {
	/** Unique within the grid: `<formKey>:<answer key>`. */
	id: string;
	formKey: string;
	/** The answer key within the form (see Column.key). */
	key: string;
	column: Column;
	/** The repeat group whose rows this column's answers live in (members, income lines). */
	group?: string;
	frozen: boolean;
	/** Width in CSS pixels, from what the column holds. */
	width: number;
}

const FROZEN = ['head', 'type'];

export function widthOf(column: Column): number {
	if (column.description) return 200;
	const q = column.question;
	const kind = q.type === 'computed' ? q.kind : q.type;
	switch (kind) {
		case 'yesno':
			return 84;
		case 'integer':
			return 90;
		case 'money':
			return 112;
		case 'date':
			return 112;
		case 'choice':
			return q.type === 'choice' && q.multiple ? 180 : 112;
		default:
			return q.type === 'text' && (q.multiline || (q.maxLength ?? 0) > 100) ? 220 : 140;
	}
}

function gridColumn(formKey: string, column: Column, frozen: boolean): GridColumn {
	return { id: `${formKey}:${column.key}`, formKey, key: column.key, column, frozen, width: frozen && column.key === 'head' ? 120 : widthOf(column) };
}

/** A form's own copy of the head or type (附件1 repeats them in its header) is the frozen column. */
const repeatsFrozen = (column: Column) => column.question.type === 'computed' && (column.question.compute === 'card.head' || column.question.compute === 'card.type');

/** The frozen card columns, then every column of the form `formKey` filled with `template`. */
export function householdGridColumns(template: Template, formKey: string): GridColumn[] {
	const card = columnsOf(householdCard);
	const frozen = FROZEN.map((key) => card.find((c) => c.key === key)!).map((c) => gridColumn(CARD_FORM, c, true));
	return [...frozen, ...columnsOf(template).filter((c) => !repeatsFrozen(c)).map((c) => gridColumn(formKey, c, false))];
}

/**
 * The columns of a repeat group's rows (a member, an income line): the household's frozen head
 * and type to say whose row it is, then the group's questions (photos aside).
 */
export function repeatGridColumns(template: Template, formKey: string, groupId: string): GridColumn[] {
	const card = columnsOf(householdCard);
	// Here they only say whose row it is: read-only, or a paste of member names down the first
	// column would overwrite the household's head.
	const frozen = FROZEN.map((key) => card.find((c) => c.key === key)!).map((c) => gridColumn(CARD_FORM, { ...c, readOnly: true }, true));
	const section = template.sections.find((s) => s.questions.some((q) => q.id === groupId));
	const group = section?.questions.find((q): q is RepeatQuestion => q.id === groupId && q.type === 'repeat');
	if (!section || !group) return frozen;
	const columns = group.questions
		.filter((q) => q.type !== 'photo' && q.type !== 'signature')
		.map((question): GridColumn => {
			const column: Column = { key: question.id, section: group.label, label: question.label, question, description: false, readOnly: question.type === 'computed' };
			return { id: `${formKey}:${groupId}:${question.id}`, formKey, key: question.id, column, group: groupId, frozen: false, width: widthOf(column) };
		});
	return [...frozen, ...columns];
}

/** Columns a person chose to hide stay hidden; frozen ones always show (they say whose row it is). */
export function visibleColumns(columns: GridColumn[], hidden: ReadonlySet<string>): GridColumn[] {
	return columns.filter((c) => c.frozen || !hidden.has(c.id));
}
