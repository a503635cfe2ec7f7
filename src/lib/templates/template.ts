/**
 * The template format: a form as data. One template is the single source of a form's zod
 * schema (answerSchema), its form view, its grid columns and its export columns.
 * Templates are validated with zod when loaded, so a malformed template fails loudly at the
 * boundary rather than half-rendering.
 */
import { z } from 'zod';

export const localizedText = z.object({ zh: z.string().min(1), en: z.string().min(1) });
export type LocalizedText = z.infer<typeof localizedText>;

const questionId = z.string().regex(/^[a-z][a-z0-9_]*$/, 'question ids are lower_snake_case');
const answerLiteral = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const factName = z.string().regex(/^(card|household)\.[A-Za-z]+$/, 'facts are card.* or household.* computations');

/** When a question is shown. Hidden questions are neither required nor validated. */
export type Condition =
	| { q: string; eq: string | number | boolean | null }
	| { q: string; in: (string | number | boolean)[] }
	| { q: string; answered: boolean }
	/**
	 * A fact about the household the form does not ask (its type on the card, who lives in it),
	 * by computation name (computations.ts). A fact not known yet shows the question: better a
	 * question too many than a problem missed.
	 */
	| { fact: string; eq: string | number | boolean }
	| { fact: string; in: (string | number | boolean)[] }
	| { all: Condition[] }
	| { any: Condition[] }
	| { not: Condition };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
	z.union([
		z.object({ q: questionId, eq: answerLiteral }).strict(),
		z.object({ q: questionId, in: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1) }).strict(),
		z.object({ q: questionId, answered: z.boolean() }).strict(),
		z.object({ fact: factName, eq: z.union([z.string(), z.number(), z.boolean()]) }).strict(),
		z.object({ fact: factName, in: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1) }).strict(),
		z.object({ all: z.array(conditionSchema).min(1) }).strict(),
		z.object({ any: z.array(conditionSchema).min(1) }).strict(),
		z.object({ not: conditionSchema }).strict()
	])
);

const base = {
	id: questionId,
	label: localizedText,
	help: localizedText.optional(),
	required: z.boolean().optional(),
	showIf: conditionSchema.optional(),
	/**
	 * The words of the official form this question transcribes, verbatim (whitespace aside). A
	 * test walks the source documents and fails when a question of theirs has no transcription.
	 */
	source: z.string().min(2).optional()
};

const choiceOption = z.object({ value: z.string().min(1), label: localizedText });

/**
 * The kinds of value a computed question yields, so its column and export know how to show it.
 * A `headcount` is an integer count of household members, shown with the resident count beside
 * it where the two differ ("4 人，常住 3 人", household/members.ts).
 */
export const computedKinds = ['integer', 'money', 'yesno', 'text', 'choice', 'headcount'] as const;

/** Labels when the paper form says 有/无 rather than 是/否. */
const yesNoLabels = z.object({ yes: localizedText, no: localizedText });

const leafQuestions = [
	z.object({
		...base,
		type: z.literal('text'),
		maxLength: z.number().int().positive().optional(),
		multiline: z.boolean().optional(),
		/** A checked format: an 18-digit resident ID number, or a phone number. */
		format: z.enum(['residentId', 'phone']).optional()
	}),
	z.object({ ...base, type: z.literal('integer'), min: z.number().int().optional(), max: z.number().int().optional(), unit: localizedText.optional() }),
	z.object({
		...base,
		type: z.literal('money'),
		/**
		 * The unit the form asks in: 元 (default) or 万元 (附件2's "实际 万元"). The answer is
		 * integer fen either way; only what is typed and shown differs.
		 */
		unit: z.enum(['yuan', 'wan']).optional(),
		/** Bounds in fen. */
		min: z.number().int().optional(),
		max: z.number().int().optional()
	}),
	z.object({
		...base,
		type: z.literal('yesno'),
		/**
		 * Which answer means a problem on the ground ("是否存在…问题": yes; "是否知晓…": no). Such an
		 * answer asks for a description and, with the review issue, proposes a finding.
		 */
		problemWhen: z.enum(['yes', 'no']).optional(),
		labels: yesNoLabels.optional()
	}),
	z.object({ ...base, type: z.literal('date'), notInFuture: z.boolean().optional(), precision: z.enum(['day', 'month']).optional() }),
	z.object({ ...base, type: z.literal('choice'), multiple: z.boolean().optional(), options: z.array(choiceOption).min(1) }),
	/** A drawn signature with who and when; stored with the dossier's signatures, not its answers. */
	z.object({ ...base, type: z.literal('signature') }),
	/** Photos as content hashes of blobs kept beside the document. */
	z.object({ ...base, type: z.literal('photo'), maxPhotos: z.number().int().positive().optional() }),
	/**
	 * A value derived by a named computation of the domain (e.g. the income sheet), never typed.
	 * `required`: the form is not complete (and cannot be signed) until the value exists; the
	 * computation says why it does not (computations.ts, whyMissing).
	 */
	z.object({
		...base,
		type: z.literal('computed'),
		compute: z.string().regex(/^[a-z][a-zA-Z0-9]*\.[a-zA-Z0-9.]+$/),
		kind: z.enum(computedKinds),
		problemWhen: z.enum(['yes', 'no']).optional(),
		options: z.array(choiceOption).optional(),
		/** A computed yes/no prints the form's own words too (有□无□). */
		labels: yesNoLabels.optional()
	})
] as const;

export const leafQuestionSchema = z.discriminatedUnion('type', [...leafQuestions]);
export type LeafQuestion = z.infer<typeof leafQuestionSchema>;

export const repeatQuestionSchema = z.object({
	...base,
	type: z.literal('repeat'),
	/** The questions asked once per row (household members, income lines). */
	questions: z.array(leafQuestionSchema).min(1),
	minRows: z.number().int().nonnegative().optional(),
	maxRows: z.number().int().positive().optional()
});
export type RepeatQuestion = z.infer<typeof repeatQuestionSchema>;

export const questionSchema = z.discriminatedUnion('type', [...leafQuestions, repeatQuestionSchema]);
export type Question = z.infer<typeof questionSchema>;
export type QuestionType = Question['type'];
export type QuestionOf<T extends QuestionType> = Extract<Question, { type: T }>;

export const sectionSchema = z.object({
	id: questionId,
	title: localizedText,
	/**
	 * 'township': the section is about the township, not the village (附件2's 乡镇工作): answered
	 * once per campaign for the whole township and kept in its organisation, shown in every
	 * village's form, never copied into each.
	 */
	level: z.literal('township').optional(),
	questions: z.array(questionSchema).min(1)
});
export type Section = z.infer<typeof sectionSchema>;

export const templateSchema = z
	.object({
		id: z.string().regex(/^[a-z][a-z0-9_-]*$/),
		version: z.number().int().positive(),
		title: localizedText,
		/** Where its answers live: one form per household, or one per village dossier. */
		scope: z.enum(['household', 'village']).default('household'),
		/**
		 * The printed table's first two column heads as the paper form has them (附件1: 事项 /
		 * 排查问卷内容; 附件2: 项目 / 排查内容). Absent: 附件1's.
		 */
		print: z.object({ section: localizedText, question: localizedText }).optional(),
		sections: z.array(sectionSchema).min(1)
	})
	.superRefine((template, ctx) => {
		const seen = new Set<string>();
		const add = (id: string) => {
			if (seen.has(id)) ctx.addIssue({ code: 'custom', message: `duplicate question id ${id}` });
			seen.add(id);
		};
		for (const section of template.sections) {
			for (const question of section.questions) {
				add(question.id);
				if (question.type === 'repeat') for (const inner of question.questions) add(`${question.id}.${inner.id}`);
			}
		}
		for (const section of template.sections) {
			for (const question of section.questions) {
				for (const ref of conditionRefs(question.showIf)) {
					if (!seen.has(ref)) ctx.addIssue({ code: 'custom', message: `${question.id}: showIf refers to unknown question ${ref}` });
				}
			}
		}
	});
export type Template = z.infer<typeof templateSchema>;
export type TemplateInput = z.input<typeof templateSchema>;

function conditionRefs(condition: Condition | undefined): string[] {
	if (!condition) return [];
	if ('all' in condition) return condition.all.flatMap(conditionRefs);
	if ('any' in condition) return condition.any.flatMap(conditionRefs);
	if ('not' in condition) return conditionRefs(condition.not);
	return 'fact' in condition ? [] : [condition.q];
}

function conditionFacts(condition: Condition | undefined): string[] {
	if (!condition) return [];
	if ('all' in condition) return condition.all.flatMap(conditionFacts);
	if ('any' in condition) return condition.any.flatMap(conditionFacts);
	if ('not' in condition) return conditionFacts(condition.not);
	return 'fact' in condition ? [condition.fact] : [];
}

/** The household facts a template's show-if conditions read, each once. */
export function factNames(template: Template): string[] {
	return [...new Set(template.sections.flatMap((s) => s.questions.flatMap((q) => conditionFacts(q.showIf))))];
}

export function defineTemplate(raw: TemplateInput): Template {
	return templateSchema.parse(raw);
}

export function questions(template: Template): Question[] {
	return template.sections.flatMap((s) => s.questions);
}

export function findQuestion(template: Template, id: string): Question | undefined {
	for (const section of template.sections) {
		const found = section.questions.find((q) => q.id === id);
		if (found) return found;
	}
	return undefined;
}

/** The key of the free-text "describe the problem" answer that belongs to a yes/no question. */
export function describeKey(questionId: string): string {
	return questionId + DESCRIBE_SUFFIX;
}
export const DESCRIBE_SUFFIX = '__desc';
export const CARRIED_SUFFIX = '__from';

/**
 * The key marking an answer as carried over rather than found this round (减负: collected once):
 * its value says where from (`campaign:<id>`, `list:<name>`). The mark stays until a cadre
 * confirms the answer or gives another; a form with marks left is not signed.
 */
export function carriedKey(questionId: string): string {
	return questionId + CARRIED_SUFFIX;
}

/**
 * Whether a question's answer may start from an earlier round: what is asked again, not what
 * belongs to this round only (the day of the visit, photos taken, signatures, figures computed).
 */
export function isCarryable(question: Question): boolean {
	return question.type !== 'date' && question.type !== 'photo' && question.type !== 'signature' && question.type !== 'computed' && question.type !== 'repeat';
}
