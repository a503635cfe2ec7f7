import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { OrganisationDoc } from './organisationDoc';
import { lookupOf, nameOf, namesFrom } from './personName';
import type { Person } from './organisation';

const person = (id: string, name: string, leftAt: string | null = null): Person => ({ id, name, phone: '', groupId: null, reviewer: false, leftAt });

function township(): OrganisationDoc {
	const org = new OrganisationDoc();
	org.savePerson(person('p-checker', '赵检查'));
	org.savePerson(person('p-reviewer', '李审核'));
	org.savePerson(person('p-gone', '钱离任', '2022-09-01T00:00:00.000Z'));
	return org;
}

describe('names by person id', () => {
	it('names whoever a record names by the organisation, not by the name the record holds', () => {
		const org = township();
		// A checker's device wrote the reviewer's name beside the checker's own id.
		expect(nameOf({ id: 'p-checker', name: '李审核' }, org)).toBe('赵检查');
		expect(nameOf({ id: 'p-reviewer', name: '李审核' }, org)).toBe('李审核');
		// Someone who left the township is still named by it.
		expect(nameOf({ id: 'p-gone', name: '别人' }, org)).toBe('钱离任');
	});

	it('falls back to the stored name for someone the organisation has no record of', () => {
		const org = township();
		expect(nameOf({ id: 'p-removed', name: '孙旧人' }, org)).toBe('孙旧人');
		expect(nameOf({ id: 'name:周某', name: '周某' }, org)).toBe('周某');
		// A layout-1 form signature named only a name.
		expect(nameOf({ id: null, name: '吴签字' }, org)).toBe('吴签字');
		// No organisation at all (no township chosen yet).
		expect(nameOf({ id: 'p-checker', name: '李审核' }, null)).toBe('李审核');
	});

	it('reads a person record that does not parse as no record', () => {
		const org = township();
		org.doc.getMap('people').set('p-bad', { id: 'p-bad', name: '' });
		expect(nameOf({ id: 'p-bad', name: '存名' }, org)).toBe('存名');
	});

	it('follows a rename made in the organisation, on another device too', () => {
		const org = township();
		const other = new OrganisationDoc(new Y.Doc());
		Y.applyUpdate(other.doc, Y.encodeStateAsUpdate(org.doc));
		const names = namesFrom(other);
		expect(names({ id: 'p-checker', name: 'x' })).toBe('赵检查');
		org.updatePerson('p-checker', { name: '赵国强' });
		Y.applyUpdate(other.doc, Y.encodeStateAsUpdate(org.doc, Y.encodeStateVector(other.doc)));
		expect(names({ id: 'p-checker', name: 'x' })).toBe('赵国强');
	});

	it('looks people up in a list as in the document', () => {
		const org = township();
		const list = lookupOf(org.people());
		for (const actor of [
			{ id: 'p-checker', name: '李审核' },
			{ id: 'p-gone', name: '别人' },
			{ id: 'p-removed', name: '孙旧人' },
			{ id: null, name: '吴签字' }
		])
			expect(nameOf(actor, list)).toBe(nameOf(actor, org));
	});
});
