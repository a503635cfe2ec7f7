import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DossierDoc } from '../dossier/dossierDoc';
import { CARD_FORM } from '../dossier/layout';
import { HouseholdListFacts } from './listFacts';

describe('household list facts', () => {
	it('are read once per household and again only after a change touches that household', () => {
		const dossier = new DossierDoc(new Y.Doc());
		const a = dossier.createHousehold({ head: '张三', type: 'ordinary' }, { name: '干部' });
		const b = dossier.createHousehold({ head: '李四', type: 'ordinary' }, { name: '干部' });
		dossier.setAnswer(a, CARD_FORM, 'group', '一组');
		dossier.addRow(a, CARD_FORM, 'members', { name: '张三', resident: true });
		const facts = new HouseholdListFacts(dossier);
		const changed = new Set<string>();
		dossier.observeHouseholds((ids) => ids.forEach((id) => changed.add(id)));

		expect(facts.of(a)).toEqual({ group: '一组', count: { total: 1, residents: 1, unanswered: 0, ableToWork: 0 } });
		expect(facts.of(b).count.total).toBe(0);

		dossier.addRow(a, CARD_FORM, 'members', { name: '张小', resident: null });
		dossier.setAnswer(b, CARD_FORM, 'group', '二组');
		// Not forgotten yet: the cached facts stand (the session forgets on every transaction).
		expect(facts.of(a).count.total).toBe(1);
		facts.forget(changed);
		expect(facts.of(a).count).toEqual({ total: 2, residents: 1, unanswered: 1, ableToWork: 0 });
		expect(facts.of(b).group).toBe('二组');
	});

	it('give a household the same row object until it changes', () => {
		const dossier = new DossierDoc(new Y.Doc());
		const a = dossier.createHousehold({ head: '张三', type: 'ordinary' }, { name: '干部' });
		const facts = new HouseholdListFacts(dossier);
		const summary = dossier.household(a)!;
		const row = facts.row(summary);
		expect(row).toMatchObject({ id: a, head: '张三', group: '', count: { total: 0 } });
		expect(facts.row(summary)).toBe(row);
		dossier.setAnswer(a, CARD_FORM, 'group', '三组');
		facts.forget([a]);
		expect(facts.row(summary)).not.toBe(row);
		expect(facts.row(summary).group).toBe('三组');
		const renamed = { ...summary, head: '张叁' };
		expect(facts.row(renamed).head).toBe('张叁');
	});
});
