import { describe, expect, it } from 'vitest';
import { checkAnswer } from './answerSchema';
import { defineTemplate, findQuestion, type Question, type TemplateInput } from './template';
import { householdCard } from './householdCard';

const q = (raw: TemplateInput['sections'][number]['questions'][number]) => defineTemplate({ id: 't', version: 1, title: { zh: '测', en: 'T' }, sections: [{ id: 's', title: { zh: '节', en: 'S' }, questions: [raw] }] }).sections[0]!.questions[0]! as Question;

describe('checkAnswer', () => {
	it('treats empty as unanswered, a problem only when required', () => {
		const optional = q({ id: 'a', type: 'text', label: { zh: '甲', en: 'A' } });
		const required = q({ id: 'a', type: 'text', label: { zh: '甲', en: 'A' }, required: true });
		expect(checkAnswer(optional, undefined)).toBeNull();
		expect(checkAnswer(required, '')).toEqual({ code: 'answer.required' });
		expect(checkAnswer(required, null)).toEqual({ code: 'answer.required' });
	});

	it('checks integers and money in fen without coercion', () => {
		const size = q({ id: 'n', type: 'integer', label: { zh: '人', en: 'N' }, min: 1 });
		expect(checkAnswer(size, 3)).toBeNull();
		expect(checkAnswer(size, '3')?.code).toBe('answer.notInteger');
		expect(checkAnswer(size, 2.5)?.code).toBe('answer.notInteger');
		expect(checkAnswer(size, -1)).toEqual({ code: 'answer.tooSmall', params: { min: 1 } });
		const money = q({ id: 'm', type: 'money', label: { zh: '钱', en: 'M' }, min: 0 });
		expect(checkAnswer(money, 730000)).toBeNull();
		expect(checkAnswer(money, 7300.5)?.code).toBe('answer.notMoney');
		expect(checkAnswer(money, 'abc')?.code).toBe('answer.notMoney');
	});

	it('checks choices, yes/no and dates', () => {
		const type = findQuestion(householdCard, 'type')!;
		expect(checkAnswer(type, 'lifted')).toBeNull();
		expect(checkAnswer(type, 'rich')?.code).toBe('answer.notAnOption');
		const yn = q({ id: 'y', type: 'yesno', label: { zh: '是否', en: 'Y' } });
		expect(checkAnswer(yn, false)).toBeNull();
		expect(checkAnswer(yn, 'yes')?.code).toBe('answer.notYesNo');
		const date = q({ id: 'd', type: 'date', label: { zh: '日', en: 'D' }, notInFuture: true });
		expect(checkAnswer(date, '2022-08-06')).toBeNull();
		expect(checkAnswer(date, '2022-02-30')?.code).toBe('answer.notDate');
		expect(checkAnswer(date, '2999-01-01')?.code).toBe('answer.dateInFuture');
	});

	it('rejects a template with duplicate question ids', () => {
		expect(() =>
			defineTemplate({
				id: 't',
				version: 1,
				title: { zh: '测', en: 'T' },
				sections: [
					{ id: 's', title: { zh: '节', en: 'S' }, questions: [
						{ id: 'a', type: 'yesno', label: { zh: '甲', en: 'A' } },
						{ id: 'a', type: 'yesno', label: { zh: '乙', en: 'B' } }
					] }
				]
			})
		).toThrow(/duplicate question id a/);
	});
});
