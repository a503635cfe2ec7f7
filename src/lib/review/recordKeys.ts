/**
 * What a flat answer key of a household's record is, in the words of its form: which form, which
 * question, which row of a repeat group (a member by name where the row has one). The review of a
 * record lists its changes and its reasons by these, so a reviewer reads "家庭成员「赵二」· 身份证号"
 * rather than `card:members:Ab3…:id_number`.
 */
import { CARD_FORM, type Answer } from '../dossier/layout';
import { INCOME_SHEET, type Campaign } from '../campaign/campaign';
import { campaignIncomeTemplate, campaignTemplate } from '../templates/registry';
import { householdCard } from '../templates/householdCard';
import { DESCRIBE_SUFFIX, type LeafQuestion, type LocalizedText, type Question, type Template } from '../templates/template';
import type { RecordAnswers } from './recordReview';

/** The three forms of a household's record, in the order the card shows them. */
export const RECORD_FORMS = ['card', 'income', 'screening'] as const;
export type RecordForm = (typeof RECORD_FORMS)[number];

export interface KeyMeaning {
	key: string;
	form: RecordForm | null;
	/** The form key (`card`, `<template>@<campaign>`) and the top-level question, as a link into the card needs them. */
	formKey: string;
	questionId: string;
	/** The question (a repeat group for a row added or removed), when the template knows it. */
	group: Question | null;
	/** The question answered, in a row or not; null for a row's own key (its order). */
	question: LeafQuestion | null;
	/** The row's name (a member's 姓名) or its number among the rows, for a key in a repeat group. */
	row: string | null;
	/** A yes/no question's "describe the problem" text. */
	description: boolean;
}

/** The templates of a campaign's record, by form. */
export function recordTemplates(campaign: Campaign): Record<RecordForm, { formKey: string; template: Template } | null> {
	const screening = campaignTemplate(campaign, 'household');
	return {
		card: { formKey: CARD_FORM, template: householdCard },
		income: { formKey: `${INCOME_SHEET}@${campaign.id}`, template: campaignIncomeTemplate(campaign) },
		screening: screening ? { formKey: `${screening.id}@${campaign.id}`, template: screening } : null
	};
}

function rowName(record: RecordAnswers, formKey: string, groupId: string, rowId: string): string {
	const name = record[`${formKey}:${groupId}:${rowId}:name`];
	if (typeof name === 'string' && name.trim()) return name.trim();
	const prefix = `${formKey}:${groupId}:`;
	const rows = Object.entries(record)
		.filter(([k]) => k.startsWith(prefix) && k.split(':').length === 3)
		.sort((a, b) => Number(a[1]) - Number(b[1]) || a[0].localeCompare(b[0]))
		.map(([k]) => k.slice(prefix.length));
	const at = rows.indexOf(rowId);
	return at >= 0 ? String(at + 1) : '?';
}

/**
 * What a key means in a campaign's record. `records` are read, first to last, for the row's name
 * (the record now, then the one before, so a removed member is still named).
 */
export function keyMeaning(key: string, campaign: Campaign, ...records: RecordAnswers[]): KeyMeaning {
	const parts = key.split(':');
	const formKey = parts[0] ?? '';
	const templates = recordTemplates(campaign);
	const form = (RECORD_FORMS as readonly string[]).find((f) => templates[f as RecordForm]?.formKey === formKey) as RecordForm | undefined;
	const template = form ? templates[form]!.template : null;
	const top = (id: string) => template?.sections.flatMap((s) => s.questions).find((q) => q.id === id) ?? null;
	const meaning: KeyMeaning = { key, form: form ?? null, formKey, questionId: parts[1] ?? '', group: null, question: null, row: null, description: false };
	if (parts.length === 2) {
		const raw = parts[1]!;
		meaning.description = raw.endsWith(DESCRIBE_SUFFIX);
		meaning.questionId = meaning.description ? raw.slice(0, -DESCRIBE_SUFFIX.length) : raw;
		const q = top(meaning.questionId);
		meaning.group = q;
		meaning.question = q && q.type !== 'repeat' ? q : null;
		return meaning;
	}
	const group = top(parts[1]!);
	meaning.group = group;
	const rowId = parts[2]!;
	const named = records.map((r) => rowName(r, formKey, parts[1]!, rowId)).find((n) => n !== '?');
	meaning.row = named ?? '?';
	if (parts.length >= 4 && group?.type === 'repeat') meaning.question = group.questions.find((q) => q.id === parts[3]) ?? null;
	return meaning;
}

/** A key's label in one language: "家庭成员「赵二」· 身份证号", "② 家庭纯收入（说明）". */
export function keyLabel(meaning: KeyMeaning, locale: 'zh' | 'en', words: { describe: string; row: string }): string {
	const text = (l: LocalizedText | undefined) => l?.[locale] ?? '';
	const base = text(meaning.group?.label) || meaning.questionId;
	if (meaning.row === null) return meaning.description ? `${base}（${words.describe}）` : base;
	const row = /^\d+$/.test(meaning.row) ? words.row.replace('{{n}}', meaning.row) : `「${meaning.row}」`;
	return meaning.question ? `${base}${row} · ${text(meaning.question.label)}` : `${base}${row}`;
}

/** A record's answer for display: its question's words where known, else the raw value. */
export function isRowOrder(meaning: KeyMeaning, value: Answer | undefined): boolean {
	return meaning.row !== null && meaning.question === null && typeof value === 'number';
}
