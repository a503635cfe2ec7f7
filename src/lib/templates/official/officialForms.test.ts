/**
 * Walks 附件1 and 附件2 in the source document and checks that every question on them is in the
 * templates: each template question's `source` must appear, in order, in the form's text, and
 * every check box (□) and every amount to fill in (…元) of the form must fall inside some
 * question's source. A dropped or
 * reordered question fails here.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { householdScreening2022 } from './householdScreening2022';
import { villageScreening2022 } from './villageScreening2022';
import { questions, type Template } from '../template';

const SEEDS = join(import.meta.dirname, '../../../../../shared/seeds');
const planFile = readdirSync(SEEDS).find((f) => f.startsWith('004_'));
const plan = readFileSync(join(SEEDS, planFile!), 'utf8');

/** The transcription ignores layout: whitespace goes, and the OCR's 团 for □ is read as □. */
function normalise(text: string): string {
	return text.replace(/\s+/g, '').replace(/是团否/g, '是□否');
}

function attachment(n: 1 | 2): string {
	const start = plan.indexOf(`附件 ${n}\n`);
	const end = n === 1 ? plan.indexOf('附件 2\n') : plan.length;
	expect(start).toBeGreaterThan(0);
	return normalise(plan.slice(start, end));
}

function walk(template: Template, text: string) {
	const covered = new Array<boolean>(text.length).fill(false);
	let cursor = 0;
	const missing: string[] = [];
	for (const question of questions(template)) {
		if (!question.source) continue;
		const source = normalise(question.source);
		const at = text.indexOf(source, cursor);
		if (at < 0) {
			missing.push(`${question.id}: ${question.source}`);
			continue;
		}
		for (let i = at; i < at + source.length; i++) covered[i] = true;
		cursor = at + source.length;
	}
	const uncovered: string[] = [];
	for (let i = 0; i < text.length; i++) {
		// Check boxes, and the amounts in yuan the form asks to fill in.
		if ((text[i] === '□' || text[i] === '元') && !covered[i]) uncovered.push(text.slice(Math.max(0, i - 30), i + 3));
	}
	return { missing, uncovered };
}

describe.each([
	['附件1 household screening', householdScreening2022, 1 as const, 30],
	['附件2 township and village screening', villageScreening2022, 2 as const, 24]
])('%s', (_name, template, n, yesNoCount) => {
	it('transcribes every question of the form, in order', () => {
		const { missing, uncovered } = walk(template, attachment(n));
		expect(missing).toEqual([]);
		expect(uncovered).toEqual([]);
	});

	it('has one question per yes/no pair on the form', () => {
		const text = attachment(n);
		const onForm = (text.match(/是□否□/g) ?? []).length + (text.match(/有□无□/g) ?? []).length;
		expect(onForm).toBe(yesNoCount);
		const inTemplate = questions(template).filter((q) => q.type === 'yesno' || (q.type === 'computed' && q.kind === 'yesno'));
		expect(inTemplate).toHaveLength(yesNoCount);
	});

	it('ends with the checker’s signature', () => {
		const last = questions(template).at(-1)!;
		expect(last).toMatchObject({ type: 'signature', required: true });
	});

	it('says for every yes/no on the form which answer is a problem, except the plain facts', () => {
		const plainFacts = new Set(['s1_rigid', 't_has_workshop', 'v5_has_projects']);
		const unmarked = questions(template)
			.filter((q) => (q.type === 'yesno' || (q.type === 'computed' && q.kind === 'yesno')) && !('problemWhen' in q && q.problemWhen))
			.map((q) => q.id)
			.filter((id) => !plainFacts.has(id));
		expect(unmarked).toEqual([]);
	});
});

it('a dropped question is caught', () => {
	const broken = structuredClone(householdScreening2022);
	broken.sections[3]!.questions.splice(1, 1); // drop 3② (dropout)
	expect(walk(broken, attachment(1)).uncovered).toHaveLength(2);
});

it('a dropped amount is caught', () => {
	const broken = structuredClone(householdScreening2022);
	broken.sections[1]!.questions.splice(4, 1); // drop 生产经营性纯收入
	expect(walk(broken, attachment(1)).uncovered).toHaveLength(1);
});
