import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DossierDoc } from './dossierDoc';
import { CARD_FORM } from './layout';
import { HouseholdIndex } from './householdIndex';

describe('household index', () => {
	it('stays equal to a fresh listing through creation, renames, withdrawals and a colleague’s changes', () => {
		const doc = new Y.Doc();
		const dossier = new DossierDoc(doc);
		const first = dossier.createHousehold({ head: '张三', type: 'ordinary' }, { name: '干部', at: new Date('2026-01-01T00:00:00Z') });
		const index = new HouseholdIndex(dossier);
		let changes: Set<string>[] = [];
		dossier.observeHouseholds((ids) => changes.push(ids));
		expect(index.rebuild()).toEqual(dossier.listHouseholds());
		const check = () => {
			let list = index.refresh([]);
			for (const ids of changes) list = index.refresh(ids);
			changes = [];
			expect(list).toEqual(dossier.listHouseholds());
			return list;
		};

		const second = dossier.createHousehold({ head: '李四', type: 'monitored' }, { name: '干部', at: new Date('2025-12-31T00:00:00Z') });
		expect(check().map((h) => h.head)).toEqual(['李四', '张三']);
		const before = index.refresh([]);
		dossier.setAnswer(first, CARD_FORM, 'phone', '13800000000');
		expect(check()).toBe(before);
		dossier.setAnswer(first, CARD_FORM, 'head', '张叁');
		expect(check().map((h) => h.head)).toEqual(['李四', '张叁']);
		dossier.removeHousehold(second, { name: '干部' }, '重复录入');
		expect(check().map((h) => h.head)).toEqual(['张叁']);

		const colleague = new Y.Doc();
		Y.applyUpdate(colleague, Y.encodeStateAsUpdate(doc));
		new DossierDoc(colleague).createHousehold({ head: '王五', type: 'lifted' }, { name: '同事', at: new Date('2026-02-01T00:00:00Z') });
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(colleague, Y.encodeStateVector(doc)));
		expect(check().map((h) => h.head)).toEqual(['张叁', '王五']);
	});
});
