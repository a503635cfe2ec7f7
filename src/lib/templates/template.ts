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

const base = {
	id: questionId,
	label: localizedText,
	required: z.boolean().optional()
};

const choiceOption = z.object({ value: z.string().min(1), label: localizedText });

export const questionSchema = z.discriminatedUnion('type', [
	z.object({ ...base, type: z.literal('text'), maxLength: z.number().int().positive().optional() }),
	z.object({
		...base,
		type: z.literal('integer'),
		min: z.number().int().optional(),
		max: z.number().int().optional()
	}),
	z.object({
		...base,
		type: z.literal('money'),
		/** Bounds in fen. */
		min: z.number().int().optional(),
		max: z.number().int().optional()
	}),
	z.object({ ...base, type: z.literal('yesno') }),
	z.object({ ...base, type: z.literal('date'), notInFuture: z.boolean().optional() }),
	z.object({
		...base,
		type: z.literal('choice'),
		multiple: z.boolean().optional(),
		options: z.array(choiceOption).min(1)
	})
]);
export type Question = z.infer<typeof questionSchema>;
export type QuestionType = Question['type'];

export const sectionSchema = z.object({
	id: questionId,
	title: localizedText,
	questions: z.array(questionSchema).min(1)
});
export type Section = z.infer<typeof sectionSchema>;

export const templateSchema = z
	.object({
		id: z.string().regex(/^[a-z][a-z0-9_-]*$/),
		version: z.number().int().positive(),
		title: localizedText,
		sections: z.array(sectionSchema).min(1)
	})
	.superRefine((template, ctx) => {
		const seen = new Set<string>();
		for (const section of template.sections) {
			for (const question of section.questions) {
				if (seen.has(question.id)) {
					ctx.addIssue({ code: 'custom', message: `duplicate question id ${question.id}` });
				}
				seen.add(question.id);
			}
		}
	});
export type Template = z.infer<typeof templateSchema>;

export function defineTemplate(raw: unknown): Template {
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
