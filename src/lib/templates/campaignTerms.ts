/**
 * A form's words that belong to its campaign, not its template: the line a household's income is
 * compared with, named as the campaign names it, and the campaign's bar for "large" rigid
 * spending. A template writes `{{line}}` or `{{rigid}}` in a label; the form shown for a campaign
 * reads them filled in, so no label carries one year's figure (issue 12: "收入是否低于贫困线
 * （2022年为7300元）" printed 2022's line on every campaign's form).
 */
import type { Campaign } from '../campaign/campaign';
import { incomeRules } from '../campaign/campaign';
import { fenToYuan } from './answerInput';
import type { LocalizedText, Question, Template } from './template';

export interface FormTerms {
	/** The line with its amount: "监测线（7300元）", or the amount alone when the campaign names none. */
	line: LocalizedText;
	/** When rigid spending is large: "超过家庭纯收入", "超过家庭纯收入的50%", "超过10000元". */
	rigid: LocalizedText;
}

/** Yuan as a label writes them: whole yuan without decimals (7300), otherwise to the fen. */
export function yuanWords(fen: number): string {
	return fen % 100 === 0 ? String(fen / 100) : fenToYuan(fen);
}

/** The line of a campaign in words, for labels and messages. */
export function lineWords(campaign: Campaign): LocalizedText {
	const yuan = yuanWords(campaign.povertyLineFen);
	return campaign.lineName
		? { zh: `${campaign.lineName}（${yuan}元）`, en: `the ${campaign.lineName} (${yuan} yuan)` }
		: { zh: `${yuan}元`, en: `${yuan} yuan` };
}

/** The campaign's bar for large rigid spending, in words. */
export function rigidWords(campaign: Campaign): LocalizedText {
	const rule = incomeRules(campaign).largeRigidSpending;
	if ('amountFen' in rule) {
		const yuan = yuanWords(rule.amountFen);
		return { zh: `超过${yuan}元`, en: `above ${yuan} yuan` };
	}
	if (rule.percentOfNetIncome === 100) return { zh: '超过家庭纯收入', en: 'above the household’s net income' };
	return { zh: `超过家庭纯收入的${rule.percentOfNetIncome}%`, en: `above ${rule.percentOfNetIncome}% of the household’s net income` };
}

/** Where a label is shown with no campaign at hand (a comment thread listed across villages). */
export const GENERIC_TERMS: FormTerms = {
	line: { zh: '本次行动的标准', en: 'the campaign’s line' },
	rigid: { zh: '超过本次行动的标准', en: 'above the campaign’s bar' }
};

export function campaignTerms(campaign: Campaign): FormTerms {
	return { line: lineWords(campaign), rigid: rigidWords(campaign) };
}

const PLACEHOLDER = /\{\{(\w+)\}\}/g;

/** The placeholders a text uses. */
export function placeholdersOf(text: string): string[] {
	return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

function fill(text: LocalizedText, terms: FormTerms): LocalizedText {
	const one = (s: string, locale: 'zh' | 'en') =>
		s.replace(PLACEHOLDER, (whole, name: string) => (name in terms ? terms[name as keyof FormTerms][locale] : whole));
	return { zh: one(text.zh, 'zh'), en: one(text.en, 'en') };
}

function fillLabels<Q extends { label: LocalizedText; help?: LocalizedText | undefined }>(question: Q, terms: FormTerms): Q {
	return question.help ? { ...question, label: fill(question.label, terms), help: fill(question.help, terms) } : { ...question, label: fill(question.label, terms) };
}

function fillQuestion(question: Question, terms: FormTerms): Question {
	if (question.type === 'repeat') return { ...fillLabels(question, terms), questions: question.questions.map((q) => fillLabels(q, terms)) };
	return fillLabels(question, terms);
}

const filledCache = new WeakMap<Template, Map<string, Template>>();

/**
 * The template as shown for a campaign: its labels with the campaign's terms. The same template
 * and terms give the same object, so what is built per template (answer schemas, columns) is
 * built once.
 */
export function withTerms(template: Template, terms: FormTerms): Template {
	let byTerms = filledCache.get(template);
	if (!byTerms) filledCache.set(template, (byTerms = new Map()));
	const key = JSON.stringify(terms);
	let filled = byTerms.get(key);
	if (!filled) {
		filled = {
			...template,
			sections: template.sections.map((s) => ({ ...s, title: fill(s.title, terms), questions: s.questions.map((q) => fillQuestion(q, terms)) }))
		};
		byTerms.set(key, filled);
	}
	return filled;
}
