import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DossierDoc } from '../dossier/dossierDoc';
import { CARD_FORM } from '../dossier/layout';
import { applyImport, applyImportAsUpdate, applyImportAsUpdates } from './applyImport';
import { planImport } from './importPlan';
import { idNumber, ids, rosterOf, sheet, townshipRoster } from './testing/rosterFixtures';
import { existingDossier } from './testing/dossierFixtures';

const by = { name: '村干部', at: new Date('2024-06-01T02:00:00Z') };

/** Everything a reader of the dossier sees: households in their order, with their cards. */
function snapshot(dossier: DossierDoc) {
	return dossier.listHouseholds().map((h) => {
		const { members, ...card } = dossier.answers(h.id, CARD_FORM);
		// Rows by their answers, in order: row ids are random.
		return { head: h.head, card, members: Object.values((members ?? {}) as Record<string, unknown>) };
	});
}

describe('applying an import', () => {
	it('writes the plan in one transaction under the caller’s origin', async () => {
		const { dossier, zhang, sun } = existingDossier();
		const plan = planImport(rosterOf(await townshipRoster()), dossier);
		const origins: unknown[] = [];
		dossier.doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
		const origin = Symbol('import');
		const result = applyImport(dossier, plan, { origin, by });
		expect(origins).toEqual([origin]);
		expect(result).toMatchObject({ created: [], updated: [zhang, sun], membersAdded: 2, membersChanged: 3, skipped: [] });

		expect(dossier.answer(zhang, CARD_FORM, 'type')).toBe('lifted');
		expect(dossier.answer(zhang, CARD_FORM, 'phone')).toBe('13900000000');
		const members = dossier.rows(zhang, CARD_FORM, 'members').map(([, v]) => v);
		expect(members).toEqual([
			{ name: '张三', id_number: ids.zhang, relation: 'head', resident: true, health: 'healthy' },
			{ name: '李梅', id_number: ids.li, relation: 'spouse', health: 'chronic', resident: true },
			{ name: '张奶奶', relation: 'parent', resident: true },
			{ name: '张小明', id_number: ids.xiaoming, relation: 'child', health: 'healthy' }
		]);
		expect(dossier.rows(sun, CARD_FORM, 'members').map(([, v]) => [v.name, v.id_number])).toEqual([
			['孙七', ids.sun],
			['孙八', ids.sunba]
		]);
	});

	it('is one undo step: undoing it gives back the dossier as it was', async () => {
		const { dossier } = existingDossier();
		const before = snapshot(dossier);
		const origin = Symbol('import');
		const undo = new Y.UndoManager(dossier.householdsMap, { trackedOrigins: new Set([origin]), captureTimeout: 0 });
		const plan = planImport(
			rosterOf(
				await sheet([
					['户编号', '户主姓名', '户类型', '姓名', '身份证号', '与户主关系'],
					['1', '张三', '脱贫户', '张三', ids.zhang, '户主'],
					['1', '张三', '脱贫户', '张小明', ids.xiaoming, '子'],
					['2', '吴一', '一般户', '吴一', idNumber('19700707', 71), '户主']
				])
			),
			dossier
		);
		applyImport(dossier, plan, { origin, by });
		expect(undo.undoStack).toHaveLength(1);
		expect(snapshot(dossier)).not.toEqual(before);
		undo.undo();
		expect(snapshot(dossier)).toEqual(before);
		expect(undo.undoStack).toHaveLength(0);
	});

	it('creates new households in the file’s order, and leaves a type the file does not give unanswered', async () => {
		const dossier = new DossierDoc();
		const heads = Array.from({ length: 30 }, (_, i) => `户主${String(i).padStart(2, '0')}`);
		const rows = heads.map((head, i) => [head, idNumber('19700101', i * 2 + 1), i === 3 ? null : '一般户']);
		const plan = planImport(rosterOf(await sheet([['户主姓名', '身份证号', '户类型'], ...rows])), dossier);
		const result = applyImport(dossier, plan, { origin: 'import', by });
		expect(result.created).toHaveLength(30);
		expect(dossier.listHouseholds().map((h) => h.head)).toEqual(heads);
		const fourth = dossier.listHouseholds()[3]!;
		expect(fourth.type).toBeUndefined();
		expect(dossier.rows(fourth.id, CARD_FORM, 'members').map(([, v]) => v)).toEqual([{ name: '户主03', relation: 'head', id_number: idNumber('19700101', 7) }]);
	});

	it('does not overwrite what another cadre changed after the preview, and says so', async () => {
		const { dossier, zhang } = existingDossier();
		const plan = planImport(rosterOf(await townshipRoster()), dossier);
		const [liRow] = dossier.rows(zhang, CARD_FORM, 'members').filter(([, v]) => v.name === '李梅');
		dossier.setRowAnswer(zhang, CARD_FORM, 'members', liRow![0], 'health', 'serious', 'another cadre');
		dossier.setAnswer(zhang, CARD_FORM, 'type', 'monitored', 'another cadre');
		const result = applyImport(dossier, plan, { origin: 'import', by });
		expect(result.skipped).toEqual([
			{ row: 4, code: 'import.stale.changed', params: { question: 'type' } },
			{ row: 5, code: 'import.stale.changed', params: { question: 'health' } }
		]);
		expect(dossier.answer(zhang, CARD_FORM, 'type')).toBe('monitored');
		expect(dossier.rows(zhang, CARD_FORM, 'members').find(([id]) => id === liRow![0])![1].health).toBe('serious');
		// The rest of the plan is written.
		expect(dossier.rows(zhang, CARD_FORM, 'members').map(([, v]) => v.name)).toContain('张小明');
	});

	it('does not create a household twice when one with that head’s ID number arrived meanwhile', async () => {
		const dossier = new DossierDoc();
		const id = idNumber('19700707', 71);
		const plan = planImport(rosterOf(await sheet([['户主姓名', '身份证号'], ['吴一', id]])), dossier);
		const meanwhile = dossier.createHousehold({ head: '吴一', type: 'ordinary' }, by);
		dossier.addRow(meanwhile, CARD_FORM, 'members', { name: '吴一', relation: 'head', id_number: id });
		const result = applyImport(dossier, plan, { origin: 'import', by });
		expect(result.created).toEqual([]);
		expect(result.skipped).toEqual([{ row: 2, code: 'import.stale.nowExists', params: { head: '吴一' } }]);
		expect(dossier.listHouseholds()).toHaveLength(1);
	});

	it('does not add a member twice when someone entered them after the preview', async () => {
		const { dossier, zhang } = existingDossier();
		const plan = planImport(rosterOf(await townshipRoster()), dossier);
		dossier.addRow(zhang, CARD_FORM, 'members', { name: '张小明', id_number: ids.xiaoming, relation: 'child' }, 'another cadre');
		const result = applyImport(dossier, plan, { origin: 'import', by });
		expect(result.skipped).toEqual([{ row: 6, code: 'import.stale.memberExists', params: { name: '张小明' } }]);
		expect(dossier.rows(zhang, CARD_FORM, 'members').filter(([, v]) => v.id_number === ids.xiaoming)).toHaveLength(1);
	});

	it('can be written on a copy in a worker: the page applies the one update under its origin, undone in one step', async () => {
		const { dossier } = existingDossier();
		const direct = new DossierDoc();
		Y.applyUpdate(direct.doc, Y.encodeStateAsUpdate(dossier.doc));
		const roster = rosterOf(await townshipRoster());
		const plan = planImport(roster, dossier);
		const before = snapshot(dossier);

		const { update, result } = applyImportAsUpdate(Y.encodeStateAsUpdate(dossier.doc), plan, { origin: 'worker', by });
		expect(result.membersAdded).toBe(2);
		const origin = Symbol('import');
		const undo = new Y.UndoManager(dossier.householdsMap, { trackedOrigins: new Set([origin]), captureTimeout: 0 });
		Y.applyUpdateV2(dossier.doc, update, origin);
		applyImport(direct, planImport(roster, direct), { origin: 'import', by });
		expect(snapshot(dossier)).toEqual(snapshot(direct));
		expect(undo.undoStack).toHaveLength(1);
		undo.undo();
		expect(snapshot(dossier)).toEqual(before);
	});

	it('can be cut into several updates for a page that must not freeze, still one undo step when merged', async () => {
		const { dossier } = existingDossier();
		const before = snapshot(dossier);
		const rows = Array.from({ length: 12 }, (_, i) => [`户主${i}`, idNumber('19700101', i * 2 + 1), '一般户']);
		const plan = planImport(rosterOf(await sheet([['户主姓名', '身份证号', '户类型'], ...rows])), dossier);
		const { updates, result } = applyImportAsUpdates(Y.encodeStateAsUpdate(dossier.doc), plan, { origin: 'worker', by, householdsPerUpdate: 5 });
		expect(updates).toHaveLength(3);
		expect(result.created).toHaveLength(12);
		const origin = Symbol('import');
		const undo = new Y.UndoManager(dossier.householdsMap, { trackedOrigins: new Set([origin]), captureTimeout: 60_000 });
		for (const update of updates) Y.applyUpdateV2(dossier.doc, update, origin);
		undo.stopCapturing();
		expect(dossier.listHouseholds().map((h) => h.head)).toEqual(['张三', '孙七', '周九', ...rows.map((r) => r[0])]);
		expect(undo.undoStack).toHaveLength(1);
		undo.undo();
		expect(snapshot(dossier)).toEqual(before);
	});
});
