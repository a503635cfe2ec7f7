/**
 * Answers as typed cells, and each question's entry in the data dictionary (口径). One rule for
 * every export: a template's question decides its column's kind (money, date, 是/否, ID as
 * text …), how its stored answer is written, and what the dictionary says about it.
 *
 * Stored answers (README "Answer encodings"): money is integer fen and is written in yuan (or
 * 万元) as a number; dates are `YYYY-MM-DD` and are written as dates; yes/no is written in the
 * form's words (是/否, or 有/无 where the form says so); choices as their labels. A value that
 * does not fit its question is written as it stands, in red, never coerced or dropped.
 */
import type { FormValue } from '../../dossier/layout';
import { isCalendarDay } from '../../calendar/calendar';
import type { Column } from '../../templates/columns';
import { yesNoLabels } from '../../templates/columns';
import type { LeafQuestion, Template } from '../../templates/template';
import type { ColumnKind, DictionaryEntry, XlsxCell } from './sheet';
import type { XlsxWords } from './words';

export const FEN_PER_YUAN = 100;
export const FEN_PER_WAN = 1_000_000;

/** The kind a question's answer is, computed ones by what they compute. */
export function answerKind(question: LeafQuestion): string {
	return question.type === 'computed' ? question.kind : question.type;
}

/** The kind of column a question (or its problem description) makes. */
export function columnKind(question: LeafQuestion, description = false): ColumnKind {
	if (description) return 'longText';
	switch (question.type) {
		case 'text':
			if (question.format) return 'id';
			return question.multiline || (question.maxLength ?? 0) > 100 ? 'longText' : 'text';
		case 'integer':
			return 'integer';
		case 'money':
			return question.unit === 'wan' ? 'wan' : 'money';
		case 'date':
			return question.precision === 'month' ? 'month' : 'date';
		case 'yesno':
			return 'short';
		case 'choice':
			return question.multiple ? 'text' : 'short';
		case 'photo':
			return 'integer';
		case 'signature':
			return 'text';
		case 'computed':
			switch (question.kind) {
				case 'integer':
				case 'headcount':
					return 'integer';
				case 'money':
					return 'money';
				case 'yesno':
				case 'choice':
					return 'short';
				default:
					return 'text';
			}
	}
}

/** A calendar day as a date cell: midnight UTC, which Excel shows as that day anywhere. */
export function dayCell(day: string): Date {
	const [y, m, d] = day.split('-').map(Number) as [number, number, number];
	return new Date(Date.UTC(y, m - 1, d));
}

const invalid = (value: unknown): XlsxCell => ({ text: Array.isArray(value) ? value.join('、') : typeof value === 'object' ? JSON.stringify(value) : String(value), tone: 'invalid' });

function optionLabel(question: LeafQuestion, value: string, words: XlsxWords): string | null {
	const options = question.type === 'choice' || question.type === 'computed' ? (question.options ?? []) : [];
	const found = options.find((o) => o.value === value);
	return found ? words.label(found.label) : null;
}

/** The words a yes/no answers in on this question's form: 是/否, or its own (有/无). */
export function yesNoWords(question: LeafQuestion, words: XlsxWords): { yes: string; no: string } {
	const labels = yesNoLabels(question);
	return labels ? { yes: words.label(labels.yes), no: words.label(labels.no) } : { yes: words.yes, no: words.no };
}

/**
 * A stored (or computed) answer as a cell of a table. Money and integers are numbers, dates
 * are dates, yes/no and choices are their words; a headcount is its number (the residents, as
 * the form's ① counts them).
 */
export function answerCell(question: LeafQuestion, value: FormValue | undefined, words: XlsxWords): XlsxCell {
	if (value === undefined || value === null || value === '') return null;
	switch (answerKind(question)) {
		case 'money':
			if (typeof value !== 'number' || !Number.isSafeInteger(value)) return invalid(value);
			return question.type === 'money' && question.unit === 'wan' ? value / FEN_PER_WAN : value / FEN_PER_YUAN;
		case 'integer':
		case 'headcount':
			return typeof value === 'number' && Number.isSafeInteger(value) ? value : invalid(value);
		case 'yesno': {
			if (typeof value !== 'boolean') return invalid(value);
			const yn = yesNoWords(question, words);
			return value ? yn.yes : yn.no;
		}
		case 'date':
			return typeof value === 'string' && isCalendarDay(value) ? dayCell(value) : invalid(value);
		case 'choice': {
			if (Array.isArray(value)) {
				const labels = value.map((v) => optionLabel(question, v, words));
				return labels.every((l) => l !== null) ? labels.join('、') : invalid(value);
			}
			if (typeof value !== 'string') return invalid(value);
			return optionLabel(question, value, words) ?? invalid(value);
		}
		case 'photo':
			return Array.isArray(value) ? value.length : invalid(value);
		case 'text':
			if (typeof value === 'string') return value;
			return typeof value === 'number' || typeof value === 'boolean' ? invalid(value) : null;
		default:
			return typeof value === 'object' ? null : invalid(value);
	}
}

/**
 * A problem description column's cell: the description the form shows beside a flagged answer.
 */
export function descriptionCell(value: FormValue | undefined): XlsxCell {
	if (value === undefined || value === null || value === '') return null;
	return typeof value === 'string' ? value : invalid(value);
}

/** A question's unit, as its column's dictionary entry says it. */
export function unitOf(question: LeafQuestion, words: XlsxWords): string | undefined {
	const kind = answerKind(question);
	if (kind === 'money') return words.t(question.type === 'money' && question.unit === 'wan' ? 'export.unit.wan' : 'export.unit.yuan');
	if (kind === 'headcount') return words.t('export.unit.person');
	if (question.type === 'integer' && question.unit) return words.label(question.unit);
	if (kind === 'photo') return words.t('export.unit.photo');
	return undefined;
}

/** What a question's answer may be, in the words the export writes it in. */
export function allowedValues(question: LeafQuestion, words: XlsxWords): string | undefined {
	const kind = answerKind(question);
	if (kind === 'yesno') {
		const yn = yesNoWords(question, words);
		return `${yn.yes} / ${yn.no}`;
	}
	if (kind === 'choice') {
		const options = question.type === 'choice' || question.type === 'computed' ? (question.options ?? []) : [];
		return options.length ? options.map((o) => words.label(o.label)).join('、') : undefined;
	}
	if (question.type === 'money' || question.type === 'integer') {
		const scale = question.type === 'money' ? (question.unit === 'wan' ? FEN_PER_WAN : FEN_PER_YUAN) : 1;
		const min = question.min === undefined ? undefined : question.min / scale;
		const max = question.max === undefined ? undefined : question.max / scale;
		if (min !== undefined && max !== undefined) return words.t('export.values.between', { min, max });
		if (min !== undefined) return words.t('export.values.atLeast', { min });
		if (max !== undefined) return words.t('export.values.atMost', { max });
	}
	if (question.type === 'text' && question.format === 'residentId') return words.t('export.values.residentId');
	if (question.type === 'text' && question.maxLength) return words.t('export.values.maxLength', { count: question.maxLength });
	return undefined;
}

/** The kind of value in the dictionary's words (文字, 金额, 是否 …). */
export function typeWords(question: LeafQuestion, words: XlsxWords, description = false): string {
	if (description) return words.t('export.type.text');
	const kind = answerKind(question);
	if (question.type === 'text' && question.format) return words.t('export.type.id');
	if (kind === 'choice' && question.type === 'choice' && question.multiple) return words.t('export.type.multiple');
	if (question.type === 'date' && question.precision === 'month') return words.t('export.type.month');
	return words.t(`export.type.${kind}`);
}

/** `household-screening-2022@1`, or `@1、2` for a question several versions share. */
export function sourceOf(templateId: string, versions: readonly number[]): string {
	return `${templateId}@${versions.join('、')}`;
}

/**
 * The dictionary entry of a template's column: its question, type, unit, allowed values, the
 * template version(s) it comes from, and what to know about it (computed, a description).
 */
export function questionEntry(column: Column, template: Pick<Template, 'id'>, versions: readonly number[], words: XlsxWords, notes: string[] = []): DictionaryEntry {
	const q = column.question;
	const all = [...notes];
	if (column.description) {
		const flag = q.type === 'yesno' || q.type === 'computed' ? q.problemWhen : undefined;
		const yn = yesNoWords(q, words);
		all.unshift(words.t('export.note.description', { question: words.label(q.label), answer: flag === 'no' ? yn.no : yn.yes }));
	} else if (q.type === 'computed') {
		all.unshift(words.t(`export.note.computed.${q.compute.split('.')[0]}`));
		if (q.kind === 'headcount') all.push(words.t('export.note.residents'));
	}
	if (!column.description && q.type === 'text' && q.format) all.push(words.t('export.note.idText'));
	const entry: DictionaryEntry = {
		question: words.label(column.label),
		type: typeWords(q, words, column.description),
		source: sourceOf(template.id, versions)
	};
	if (!column.description) {
		if (q.source) entry.original = q.source;
		const unit = unitOf(q, words);
		if (unit) entry.unit = unit;
		const values = allowedValues(q, words);
		if (values) entry.values = values;
	}
	if (all.length) entry.note = all.join(words.locale === 'zh' ? '；' : '; ');
	return entry;
}
