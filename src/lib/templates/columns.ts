/**
 * A template's columns: the same questions the form view shows, flattened for the grid and for
 * exports. Repeat groups, signatures and photos are not cells of a household row (members and
 * income lines get their own row views); each problem-flagging yes/no brings its description.
 */
import type { Answer, FormValue } from '../dossier/layout';
import { fenToMoney } from './answerInput';
import { describeKey, type LeafQuestion, type LocalizedText, type Template } from './template';
import type { HouseholdCount } from '../household/members';

export interface Column {
	/** The answer key within the form (question id, or `<id>__desc` for a description). */
	key: string;
	section: LocalizedText;
	label: LocalizedText;
	question: LeafQuestion;
	/** A problem description column rather than the question's own answer. */
	description: boolean;
	readOnly: boolean;
}

export function columnsOf(template: Template): Column[] {
	const columns: Column[] = [];
	for (const section of template.sections) {
		for (const question of section.questions) {
			if (question.type === 'repeat' || question.type === 'signature' || question.type === 'photo') continue;
			columns.push({ key: question.id, section: section.title, label: question.label, question, description: false, readOnly: question.type === 'computed' });
			if (question.type === 'yesno' && question.problemWhen) {
				columns.push({
					key: describeKey(question.id),
					section: section.title,
					label: { zh: `${question.label.zh}（问题描述）`, en: `${question.label.en} (problem described)` },
					question,
					description: true,
					readOnly: false
				});
			}
		}
	}
	return columns;
}

export interface CellWords {
	yes: string;
	no: string;
	locale: 'zh' | 'en';
	/** A household's count in words ("4 人，常住 3 人"); without it a headcount shows its number. */
	headcount?: (count: HouseholdCount) => string;
}

/**
 * A cell as text. A value that does not fit its question is shown as it was written. `headcount`:
 * the household's count, for a headcount column.
 */
export function formatCell(column: Column, value: FormValue | undefined, words: CellWords, headcount: HouseholdCount | null = null): string {
	if (column.description) return value === undefined || value === null ? '' : typeof value === 'string' ? value : String(value);
	return formatAnswer(column.question, value, words, headcount);
}

/**
 * An answer as text, the way exports, prints and cells show it: yuan, 是/否 (or the form's own
 * 有/无), option labels, a household's count with its residents beside it.
 */
export function formatAnswer(q: LeafQuestion, value: FormValue | undefined, words: CellWords, headcount: HouseholdCount | null = null): string {
	if (value === undefined || value === null) return '';
	const kind = q.type === 'computed' ? q.kind : q.type;
	const options = q.type === 'choice' || q.type === 'computed' ? (q.options ?? []) : [];
	const label = (v: Answer) => options.find((o) => o.value === v)?.label[words.locale] ?? String(v);
	if (kind === 'money' && typeof value === 'number' && Number.isInteger(value)) return fenToMoney(value, q.type === 'money' ? q.unit : undefined);
	if (kind === 'yesno' && typeof value === 'boolean') {
		const labels = yesNoLabels(q);
		return value ? (labels?.yes[words.locale] ?? words.yes) : (labels?.no[words.locale] ?? words.no);
	}
	if (kind === 'headcount' && typeof value === 'number' && headcount && words.headcount) return words.headcount(headcount);
	if (Array.isArray(value)) return value.map(label).join('、');
	if (kind === 'choice' && typeof value === 'string') return label(value);
	if (typeof value === 'object') return '';
	return String(value);
}

/** The words a yes/no question answers in, when the form has its own (有/无). */
export function yesNoLabels(q: LeafQuestion): { yes: LocalizedText; no: LocalizedText } | undefined {
	return q.type === 'yesno' || q.type === 'computed' ? q.labels : undefined;
}
