import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DossierDoc } from '../dossier/dossierDoc';
import { CARD_FORM } from '../dossier/layout';
import { ImportJob } from './importJob';

const csv = (text: string) => new TextEncoder().encode(text);
const ROSTER = [
	'东街村农户花名册',
	'户编号,户主姓名,村民组,姓名,身份证号,与户主关系,是否常住',
	'1,刘大,一组,刘大,110105198001010016,户主,是',
	'1,刘大,一组,王芳,110105198203040029,配偶,是',
	'2,张三,二组,张三,110105197505050033,户主,否'
].join('\n');

function village(): DossierDoc {
	const dossier = new DossierDoc();
	dossier.init({ id: 'v1', township: '洺州镇', village: '东街村', createdBy: '王干部' });
	return dossier;
}

describe('an import, step by step as the page walks it', () => {
	it('reads, guesses the columns, previews and writes in chunks that add up to the plan', () => {
		const job = new ImportJob();
		const read = job.read(csv(ROSTER), '花名册.csv');
		if (!read.ok) throw new Error(read.code);
		expect(read.titles).toContain('东街村农户花名册');
		expect(read.dataRows).toBe(3);
		expect(read.sample[0]).toContain('刘大');
		expect(read.remembered).toBe(false);
		const dossier = village();
		const state = Y.encodeStateAsUpdate(dossier.doc);
		const preview = job.preview(read.mapping, state, new Map(), '2026-12-03');
		if (!preview.ok) throw new Error(JSON.stringify(preview.problems));
		expect(preview.plan.totals).toMatchObject({ newHouseholds: 2, membersAdded: 3 });
		const { parts, writing } = job.write(state, { name: '王干部' }, 1);
		expect(parts).toBe(2);
		const createdByPart: string[][] = [];
		let next = writing.next();
		for (; !next.done; next = writing.next()) {
			Y.applyUpdateV2(dossier.doc, next.value.update);
			createdByPart.push(next.value.created);
		}
		const result = next.value;
		expect(result.created).toHaveLength(2);
		expect(createdByPart).toEqual([[result.created[0]], [result.created[1]]]);
		expect(dossier.listHouseholds().map((h) => h.head)).toEqual(['刘大', '张三']);
		expect(dossier.answers(result.created[0]!, CARD_FORM).group).toBe('一组');
	});

	it('starts from the mapping remembered for the same header, and refuses what cannot be read', () => {
		const job = new ImportJob();
		const first = job.read(csv(ROSTER), 'a.csv');
		if (!first.ok) throw new Error(first.code);
		const again = job.read(csv(ROSTER.replace('东街村', '西街村')), 'b.csv', (key) => (key === first.sourceKey ? { 'household.head': 1 } : null));
		expect(again.ok && again.remembered && again.mapping).toEqual({ 'household.head': 1 });
		expect(job.read(csv('这不是表格'), 'x.csv')).toMatchObject({ ok: false });
		const mapping = job.preview({}, Y.encodeStateAsUpdate(village().doc), new Map(), '2026-12-03');
		expect(mapping.ok).toBe(false);
	});
});
