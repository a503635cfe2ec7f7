import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { OrganisationDoc } from './organisationDoc';
import type { Person } from './organisation';
import { addDays } from '../calendar/calendar';

function sync(a: Y.Doc, b: Y.Doc) {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

const person = (id: string, name: string, groupId: string | null, reviewer = false): Person => ({ id, name, phone: '', groupId, reviewer, leftAt: null });
const at = (s: number) => new Date(Date.UTC(2022, 7, 1, 0, 0, s)).toISOString();

function township(): OrganisationDoc {
	const org = new OrganisationDoc();
	org.setTownshipName('洺州镇');
	org.saveGroup({ id: 'g1', name: '第一组', createdAt: at(1), dissolvedAt: null });
	org.saveGroup({ id: 'g2', name: '第二组', createdAt: at(2), dissolvedAt: null });
	org.savePerson(person('p1', '王干部', 'g1'));
	org.savePerson(person('p2', '赵检查', 'g2'));
	org.savePerson(person('p3', '李审核', null, true));
	org.saveVillage({ dossierId: 'village-a01', name: '北关村', groupId: 'g1' });
	org.saveVillage({ dossierId: 'village-b01', name: '南街村', groupId: 'g2' });
	org.saveRound({ id: 'r1', name: '第一轮互查', startsOn: '2022-08-06', endsOn: '2022-08-12', createdAt: at(3), createdBy: '乡镇' });
	org.setRotation('r1', { 'village-a01': 'g2', 'village-b01': 'g1' });
	return org;
}

describe('OrganisationDoc', () => {
	it('gives each person their roles in a village: keeper, checker during a round, reviewer', () => {
		const org = township();
		expect(org.rolesIn('p1', 'village-a01', '2022-08-08')).toEqual({ owner: true, checker: false, reviewer: false });
		expect(org.rolesIn('p2', 'village-a01', '2022-08-08')).toEqual({ owner: false, checker: true, reviewer: false });
		// Outside the round's days the checker has no business in the village.
		expect(org.rolesIn('p2', 'village-a01', '2022-08-13')).toEqual({ owner: false, checker: false, reviewer: false });
		// ...except within a grace after the round (the server's, for work made offline).
		const endsOn = org.round('r1')!.endsOn;
		expect(org.rolesIn('p2', 'village-a01', addDays(endsOn, 7), 7).checker).toBe(true);
		expect(org.rolesIn('p2', 'village-a01', addDays(endsOn, 8), 7).checker).toBe(false);
		expect(org.rolesIn('p3', 'village-a01', '2022-08-13')).toEqual({ owner: false, checker: false, reviewer: true });
		expect(org.rolesIn('nobody', 'village-a01', '2022-08-08')).toEqual({ owner: false, checker: false, reviewer: false });
		// Someone who left keeps their record but loses their roles.
		org.savePerson({ ...org.person('p1')!, leftAt: '2022-08-07T00:00:00.000Z' });
		expect(org.rolesIn('p1', 'village-a01', '2022-08-08').owner).toBe(false);
		expect(org.members('g1')).toEqual([]);
	});

	it('keeps concurrent edits of different records from two devices', () => {
		const a = township();
		const b = new OrganisationDoc();
		sync(a.doc, b.doc);
		a.savePerson(person('p4', '孙干部', 'g1'));
		b.saveGroup({ id: 'g3', name: '第三组', createdAt: at(4), dissolvedAt: null });
		a.setCheck('r1', 'village-a01', 'g2');
		b.setCheck('r1', 'village-b01', 'g2');
		a.setCaretaker('village-a01', 'h1', 'p1');
		b.setCaretaker('village-a01', 'h2', 'p4');
		sync(a.doc, b.doc);
		for (const org of [a, b]) {
			expect(org.people().map((p) => p.id).sort()).toEqual(['p1', 'p2', 'p3', 'p4']);
			expect(org.groups().map((g) => g.name)).toEqual(['第一组', '第二组', '第三组']);
			expect(org.rotation('r1')).toEqual({ 'village-a01': 'g2', 'village-b01': 'g2' });
			expect(org.caretakersIn('village-a01')).toEqual(new Map([['p1', ['h1']], ['p4', ['h2']]]));
		}
	});

	it('keeps concurrent edits of different fields of one person', () => {
		const a = township();
		const b = new OrganisationDoc();
		sync(a.doc, b.doc);
		a.updatePerson('p1', { phone: '13900000001' });
		b.updatePerson('p1', { groupId: 'g2' });
		sync(a.doc, b.doc);
		for (const org of [a, b]) expect(org.person('p1')).toMatchObject({ phone: '13900000001', groupId: 'g2' });
	});

	it('gives a group nothing in its own village even if a rotation sends it there', () => {
		const org = township();
		org.setCheck('r1', 'village-a01', 'g1');
		expect(org.rolesIn('p1', 'village-a01', '2022-08-08')).toEqual({ owner: true, checker: false, reviewer: false });
		expect(org.checksOf('g1', '2022-08-08').map((c) => c.dossierId)).toEqual(['village-b01']);
		// A village the township does not have gives nobody a role, reviewers included.
		expect(org.rolesIn('p3', 'village-zzz', '2022-08-08')).toEqual({ owner: false, checker: false, reviewer: false });
	});

	it('refuses a malformed record on write and skips one on read', () => {
		const org = township();
		expect(() => org.savePerson(person('p9', '', 'g1'))).toThrow();
		expect(() => org.savePerson({ ...person('p9', '钱', 'g1'), phone: '12345' })).toThrow();
		expect(() => org.saveRound({ id: 'r2', name: '倒着', startsOn: '2022-08-10', endsOn: '2022-08-01', createdAt: at(5), createdBy: 'x' })).toThrow();
		org.doc.getMap('people').set('evil', { name: '<script>', groupId: 42 });
		// A record under another's key (which would list one person twice) is skipped too.
		org.doc.getMap('people').set('impostor', { id: 'p1', name: '假冒', phone: '', groupId: 'g1', reviewer: true, leftAt: null });
		expect(org.people().map((p) => p.id).sort()).toEqual(['p1', 'p2', 'p3']);
		expect(org.person('impostor')).toBeNull();
	});

	it('replaces a rotation, clearing villages no longer in it', () => {
		const org = township();
		org.setRotation('r1', { 'village-a01': 'g2' });
		expect(org.rotation('r1')).toEqual({ 'village-a01': 'g2' });
		expect(org.checkingRound('g2', 'village-a01', '2022-08-06')?.id).toBe('r1');
		expect(org.checkingRound('g1', 'village-b01', '2022-08-06')).toBeNull();
		expect(org.checksOf('g2', '2022-08-06').map((c) => [c.round.id, c.dossierId])).toEqual([['r1', 'village-a01']]);
		expect(org.checksOf('g2', '2022-08-13')).toEqual([]);
	});

	it('tells its observers of a change to a field of a person or group, not only of new records', () => {
		const org = township();
		let calls = 0;
		const stop = org.observe(() => calls++);
		org.updatePerson('p2', { name: '赵国强' });
		expect(calls).toBe(1);
		org.updatePerson('p2', { groupId: 'g1' });
		org.saveGroup({ ...org.group('g2')!, name: '第二互查组' });
		expect(calls).toBe(3);
		stop();
		org.updatePerson('p2', { name: '赵检查' });
		expect(calls).toBe(3);
	});
});

describe('the township part of a form (附件2 乡镇工作)', () => {
	it('is one set of answers per campaign, kept in the organisation and merged from two devices', () => {
		const a = new OrganisationDoc(new Y.Doc());
		const b = new OrganisationDoc(new Y.Doc());
		a.setTownshipAnswer('village-screening-2022@aug2022', 't_meeting_missing', false);
		b.setTownshipAnswer('village-screening-2022@aug2022', 't_has_workshop', true);
		b.setTownshipAnswer('village-screening-2022@sep2022', 't_has_workshop', false);
		Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc));
		Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
		for (const org of [a, b]) {
			expect(org.townshipAnswers('village-screening-2022@aug2022')).toEqual({ t_meeting_missing: false, t_has_workshop: true });
			expect(org.townshipAnswers('village-screening-2022@sep2022')).toEqual({ t_has_workshop: false });
		}
		a.setTownshipAnswer('village-screening-2022@aug2022', 't_has_workshop', undefined);
		expect(a.townshipAnswers('village-screening-2022@aug2022')).toEqual({ t_meeting_missing: false });
	});
});
