/**
 * What the exports read of a household, once per household: its card (head, type, group, the
 * head's ID number, who counts), a campaign form's answers, its income accounting, the facts
 * show-if conditions read, and the columns every household export starts with.
 */
import * as Y from 'yjs';
import { readForm, type DossierDoc, type HouseholdSummary } from '../../dossier/dossierDoc';
import { CARD_FORM, HOUSEHOLD, type Answer, type FormValue } from '../../dossier/layout';
import type { Campaign } from '../../campaign/campaign';
import { campaignFormKey, INCOME_SHEET } from '../../campaign/campaign';
import { householdIncome, type HouseholdIncome } from '../../accounting/incomeForm';
import { householdCount, isRows, type HouseholdCount } from '../../household/members';
import { householdCard } from '../../templates/householdCard';
import { findQuestion, type LeafQuestion } from '../../templates/template';
import type { ComputeContext } from '../../templates/computations';
import { answerCell, columnKind, questionEntry } from './cells';
import type { TableColumn, XlsxCell } from './sheet';
import type { XlsxWords } from './words';

export interface HouseholdRead {
	summary: HouseholdSummary;
	card: Record<string, FormValue>;
	count: HouseholdCount;
	/** The head's resident ID number as stored (the member whose relation is 户主, else who bears the head's name). */
	headId: string | null;
	income: HouseholdIncome;
	incomeAnswers: Record<string, FormValue>;
	/** The campaign form's answers, when one was asked for (readHousehold's `formKey`). */
	form: Record<string, FormValue>;
	/** What computed questions and show-if conditions read. */
	context: Omit<ComputeContext, 'answers'>;
}

/** The households to export: those asked for, in the dossier's order, or every household listed. */
export function householdsToExport(dossier: DossierDoc, householdIds?: readonly string[]): HouseholdSummary[] {
	const listed = dossier.listHouseholds();
	if (!householdIds) return listed;
	const wanted = new Set(householdIds);
	return listed.filter((h) => wanted.has(h.id));
}

export function headIdOf(card: Record<string, FormValue>, head: string): string | null {
	const members = card.members;
	if (!isRows(members)) return null;
	const rows = Object.values(members);
	const row = rows.find((m) => m.relation === 'head') ?? rows.find((m) => typeof m.name === 'string' && m.name === head);
	const id = row?.id_number;
	return typeof id === 'string' && id !== '' ? id : null;
}

/**
 * Several forms of a household, each as DossierDoc.answers reads it, in one pass over the
 * household's answers: `answers()` walks every answer of the household once per form, and an
 * export reads three forms of 5,000 households. The household's map is found by the layout's
 * contract (layout.ts: `households` → id → `answers`); anything else there reads as no answers.
 */
export function readForms(dossier: DossierDoc, householdId: string, formKeys: readonly string[]): Record<string, FormValue>[] {
	const household = dossier.householdsMap.get(householdId);
	const answers = household instanceof Y.Map ? household.get(HOUSEHOLD.answers) : undefined;
	if (!(answers instanceof Y.Map)) return formKeys.map(() => ({}));
	const buckets = new Map(formKeys.map((k) => [k, { entries: [] as [string, Answer][], flat: {} as Record<string, FormValue>, rows: false }]));
	for (const [key, value] of (answers as Y.Map<Answer>).entries()) {
		const colon = key.indexOf(':');
		const bucket = buckets.get(colon < 0 ? key : key.slice(0, colon));
		if (!bucket) continue;
		bucket.entries.push([key, value]);
		if (key.indexOf(':', colon + 1) >= 0) bucket.rows = true;
		else bucket.flat[key.slice(colon + 1)] = value;
	}
	// A form without repeat rows is its flat answers; one with rows is read as answers() reads it
	// (readForm only iterates what it is given as [key, value] pairs: the form's own entries do).
	return formKeys.map((k) => {
		const bucket = buckets.get(k)!;
		return bucket.rows ? readForm(bucket.entries as unknown as Y.Map<Answer>, k) : bucket.flat;
	});
}

export function readHousehold(dossier: DossierDoc, summary: HouseholdSummary, campaign: Campaign, formKey?: string, meta = dossier.meta()): HouseholdRead {
	const incomeKey = campaignFormKey(INCOME_SHEET, campaign.id);
	const [card, incomeAnswers, form] = readForms(dossier, summary.id, formKey ? [CARD_FORM, incomeKey, formKey] : [CARD_FORM, incomeKey]) as [Record<string, FormValue>, Record<string, FormValue>, Record<string, FormValue>?];
	const income = householdIncome(card, incomeAnswers, campaign);
	return {
		summary,
		card,
		count: householdCount(card),
		headId: headIdOf(card, summary.head),
		income,
		incomeAnswers,
		form: form ?? {},
		context: { meta, card, income }
	};
}

const cardQuestion = (id: string) => findQuestion(householdCard, id) as LeafQuestion;
const memberQuestion = (id: string) => {
	const members = findQuestion(householdCard, 'members');
	return (members?.type === 'repeat' ? members.questions.find((q) => q.id === id) : undefined) as LeafQuestion;
};

/** The columns every household table starts with: 序号, the head and their ID number, type, group. */
export function leadingColumns(words: XlsxWords): TableColumn[] {
	const card = { id: householdCard.id };
	const cardSource = [householdCard.version];
	const entry = (id: string) => questionEntry({ key: id, section: householdCard.sections[0]!.title, label: cardQuestion(id).label, question: cardQuestion(id), description: false, readOnly: false }, card, cardSource, words);
	const idQuestion = memberQuestion('id_number');
	return [
		{ header: words.t('export.column.index'), kind: 'integer', width: 6, dictionary: { type: words.t('export.type.integer'), source: words.t('export.source.export') } },
		{ header: words.label(cardQuestion('head').label), kind: 'text', dictionary: entry('head') },
		{
			header: words.t('export.column.headId'),
			kind: 'id',
			width: 21,
			dictionary: {
				...questionEntry({ key: 'id_number', section: householdCard.sections[1]!.title, label: idQuestion.label, question: idQuestion, description: false, readOnly: false }, card, cardSource, words),
				question: words.t('export.column.headId'),
				note: [words.t('export.note.headId'), words.t('export.note.idText')].join(words.locale === 'zh' ? '；' : '; ')
			}
		},
		{ header: words.label(cardQuestion('type').label), kind: 'short', dictionary: entry('type') },
		{ header: words.label(cardQuestion('group').label), kind: 'text', dictionary: entry('group') }
	];
}

/** How many of the leading columns stay in view when scrolling right: 序号, the head, the ID. */
export const FROZEN_LEADING = 3;

export function leadingCells(index: number, household: HouseholdRead, words: XlsxWords): XlsxCell[] {
	const group = household.card.group;
	return [
		index + 1,
		household.summary.head,
		household.headId,
		answerCell(cardQuestion('type'), household.summary.type as FormValue | undefined, words),
		typeof group === 'string' ? group : null
	];
}

/** Members of the card as they are laid out in the income sheets: the card's own questions. */
export const MEMBER_FIELDS = ['name', 'relation', 'id_number', 'resident', 'able_to_work'] as const;

export function memberColumns(words: XlsxWords): TableColumn[] {
	return MEMBER_FIELDS.map((id) => {
		const q = memberQuestion(id);
		return {
			header: words.label(q.label),
			kind: columnKind(q),
			dictionary: questionEntry({ key: id, section: householdCard.sections[1]!.title, label: q.label, question: q, description: false, readOnly: false }, { id: householdCard.id }, [householdCard.version], words)
		};
	});
}

export function memberCells(row: Record<string, FormValue>, words: XlsxWords): XlsxCell[] {
	return MEMBER_FIELDS.map((id) => answerCell(memberQuestion(id), row[id], words));
}

export { cardQuestion, memberQuestion };
