/**
 * Whether what a signature says was shown is a complete form: the server's half of "a form is
 * signed only when complete" (the app's half is formState.signingBlockers, which says why in
 * the cadre's words). It judges the signed content itself, not the dossier as it is when the
 * record arrives: two cadres editing and signing at once must not strand an honest signature,
 * and a signature over content the form no longer shows already reads 签字后已修改.
 *
 * The content carries what visibility depends on beyond the answers (the household's show-if
 * facts and its headcount), so the same template rules decide here as on the signer's screen.
 */
import type { Answer, FormValue } from '../dossier/layout';
import { checkAnswer } from '../templates/answerSchema';
import { evaluate } from '../templates/conditions';
import { getTemplate } from '../templates/registry';
import { carriedKey, type Template } from '../templates/template';

/** Beyond the answers, what decided which questions a household form showed, and whether its counts were sound. */
export interface SignedHousehold {
	/** Each show-if fact the template reads, as it was (null: not known). */
	facts: Record<string, Answer | null>;
	/** Members on the card and those whose resident box was unanswered; null on village forms. */
	headcount: { total: number; unanswered: number } | null;
}

interface Content {
	template: Template;
	answers: Record<string, FormValue>;
	computed: Record<string, FormValue>;
	household: SignedHousehold | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function readContent(shown: string): Content | string {
	let parsed: unknown;
	try {
		parsed = JSON.parse(shown);
	} catch {
		return 'What was signed is not JSON';
	}
	if (!isRecord(parsed) || typeof parsed.template !== 'string' || !isRecord(parsed.answers) || !isRecord(parsed.computed)) return 'What was signed is not a form';
	const at = parsed.template.lastIndexOf('@');
	const template = at > 0 ? getTemplate(parsed.template.slice(0, at), Number(parsed.template.slice(at + 1))) : undefined;
	if (!template) return `The signed form's template ${parsed.template} is not known`;
	let household: SignedHousehold | null = null;
	if (parsed.household !== undefined) {
		const h = parsed.household;
		const count = isRecord(h) ? h.headcount : undefined;
		const countOk = count === null || (isRecord(count) && Number.isInteger(count.total) && Number.isInteger(count.unanswered));
		if (!isRecord(h) || !isRecord(h.facts) || !countOk) return 'What was signed has malformed household facts';
		household = h as unknown as SignedHousehold;
	}
	return { template, answers: parsed.answers as Record<string, FormValue>, computed: parsed.computed as Record<string, FormValue>, household };
}

/**
 * Why a signature at `<scope>:<form key>:<question>` over `shown` may not stand, or null: the
 * content is of that form's template, the question is one of its signatures, and every question
 * the form showed is answered, fits, and every figure it takes from elsewhere was there and sound.
 */
export function signedFormGap(signatureBase: string, shown: string): string | null {
	const parts = signatureBase.split(':');
	if (parts.length !== 3) return 'A signature sits at <household or village>:<form>:<question>';
	const [, formKey = '', questionId = ''] = parts;
	const content = readContent(shown);
	if (typeof content === 'string') return content;
	const { template, answers, computed, household } = content;
	if (formKey.split('@')[0] !== template.id) return `A signature on ${formKey} signs that form, not ${template.id}`;
	const signatureQuestion = template.sections.flatMap((s) => s.questions).find((q) => q.id === questionId);
	if (signatureQuestion?.type !== 'signature') return `${questionId} is not a signature of ${template.id}`;
	// A fact the content does not name counts as unknown: the question shows and must be answered.
	const facts = (name: string) => household?.facts[name] ?? undefined;
	const plain = answers as Record<string, Answer>;
	for (const section of template.sections) {
		for (const question of section.questions) {
			if (question.type === 'signature' || !evaluate(question.showIf, plain, facts)) continue;
			if (question.type === 'computed') {
				if (!question.required) continue;
				const value = computed[question.id];
				if (value === undefined || value === null) return `Signed incomplete: ${question.id} has no figure`;
				const count = household?.headcount;
				if (question.compute.startsWith('household.') && (!count || count.total === 0 || count.unanswered > 0)) return `Signed incomplete: ${question.id} counts a household not yet known`;
				continue;
			}
			const problem = checkAnswer(question, answers[question.id]);
			if (problem) return `Signed incomplete: ${question.id} ${problem.code}`;
			if (answers[carriedKey(question.id)] !== undefined) return `Signed incomplete: ${question.id} carried over, not confirmed`;
		}
	}
	return null;
}
