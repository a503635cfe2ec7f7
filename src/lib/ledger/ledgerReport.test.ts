import { describe, expect, it } from 'vitest';
import { ReviewDoc } from '../review/reviewDoc';
import { filterLedger, groupRecords, ledgerTable, totals } from './ledgerReport';
import { people, reviewerSigned, sampleFinding } from './ledgerFixtures';
import type { Group, Village } from '../organisation/organisation';
import { lookupOf, namesFrom } from '../organisation/personName';

const { cadre, reviewer, checker } = people;
/** The township's people as the organisation names them. */
const names = namesFrom(lookupOf(Object.values(people)));
const groups: Group[] = [
	{ id: 'g-a', name: '第一组', createdAt: '2022-08-01T00:00:00.000Z', dissolvedAt: null },
	{ id: 'g-b', name: '第二组', createdAt: '2022-08-01T00:00:01.000Z', dissolvedAt: null }
];
const villages: Village[] = [
	{ dossierId: 'village0001', name: '北关村', groupId: 'g-a' },
	{ dossierId: 'village0002', name: '南街村', groupId: 'g-b' }
];

/** Two villages' review documents, read together as the township's ledger. */
function ledger() {
	const north = new ReviewDoc('village0001');
	north.raise(sampleFinding({ id: 'f1' }));
	north.raise(sampleFinding({ id: 'f2', description: '饮水有异味', deadline: '2022-08-15' }));
	north.raise(sampleFinding({ id: 'f3', description: '公益岗替岗' }));
	const south = new ReviewDoc('village0002');
	south.raise(sampleFinding({ id: 'f4', dossierId: 'village0002', village: '南街村', checkerGroupId: 'g-a', description: '档案不全' }));
	north.transition('f1', { type: 'submit', by: cadre, role: 'owner', measure: '已加固' }, ['owner']);
	north.transition('f3', { type: 'submit', by: cadre, role: 'owner', measure: '已更换' }, ['owner']);
	north.transition('f3', { type: 'close', by: reviewer, role: 'reviewer', ...reviewerSigned }, ['reviewer']);
	return [...north.entries(), ...south.entries()];
}

describe('ledger reports', () => {
	it('adds up found, rectified, closed and overdue as the township reports them', () => {
		expect(totals(ledger(), '2022-08-20')).toEqual({ found: 4, rectified: 1, awaiting: 1, closed: 1, overdue: 1, open: 3 });
		expect(totals(ledger(), '2022-08-26')).toEqual({ found: 4, rectified: 1, awaiting: 1, closed: 1, overdue: 2, open: 3 });
		expect(totals([], '2022-08-26')).toEqual({ found: 0, rectified: 0, awaiting: 0, closed: 0, overdue: 0, open: 0 });
	});

	it('holds each group to account as checker and as the checked', () => {
		const records = groupRecords(ledger(), groups, villages, '2022-08-20');
		expect(records.map((r) => [r.group.id, r.raised.found, r.against.found, r.against.overdue])).toEqual([
			['g-a', 1, 3, 1],
			['g-b', 3, 1, 0]
		]);
	});

	it('filters by state, overdue, group and text', () => {
		const rows = ledger();
		const ids = (r: typeof rows) => r.map((x) => x.finding.id).sort();
		expect(ids(filterLedger(rows, { states: ['submitted'] }, villages, '2022-08-20', names))).toEqual(['f1']);
		expect(ids(filterLedger(rows, { overdueOnly: true }, villages, '2022-08-20', names))).toEqual(['f2']);
		expect(ids(filterLedger(rows, { againstGroupId: 'g-b' }, villages, '2022-08-20', names))).toEqual(['f4']);
		expect(ids(filterLedger(rows, { raisedByGroupId: 'g-a' }, villages, '2022-08-20', names))).toEqual(['f4']);
		expect(ids(filterLedger(rows, { text: '异味' }, villages, '2022-08-20', names))).toEqual(['f2']);
	});

	it('writes the ledger in the columns kept on paper', () => {
		const table = ledgerTable(
			ledger().filter((r) => r.finding.id === 'f3'),
			{ locale: 'zh', header: ['村', '户主'], state: (s) => s, villageForm: '村表', date: (iso) => iso.slice(0, 10), name: names },
			'2022-08-20'
		);
		expect(table[1]).toEqual(['北关村', '刘大', '2. 住房保障', '公益岗替岗', '检查员老赵', '检查员老赵', '2022-08-08', '', '2022-08-25', '已更换', '', 'closed', '审核员老李', table[1]![13]]);
	});

	it('names people by the organisation, by id, whatever name a record holds', () => {
		// A checker's device wrote the reviewer's name beside the checker's own id (the server
		// checks the id only), and assigned the cadre under another name.
		const forged = { id: checker.id, name: reviewer.name };
		const review = new ReviewDoc('village0001');
		review.raise(sampleFinding({ id: 'f9', raisedBy: forged, signature: { ...sampleFinding().signature, by: forged }, responsible: { id: cadre.id, name: '冒名' } }));
		review.transition('f9', { type: 'submit', by: { id: cadre.id, name: '冒名' }, role: 'owner', measure: '已加固' }, ['owner']);
		review.transition('f9', { type: 'close', by: { id: reviewer.id, name: checker.name }, role: 'reviewer', ...reviewerSigned }, ['reviewer']);
		const rows = review.entries();
		const words = { locale: 'zh' as const, header: [], state: (s: string) => s, villageForm: '村表', date: (iso: string) => iso.slice(0, 10), name: names };
		const row = ledgerTable(rows, words, '2022-08-20')[1]!;
		expect([row[4], row[5], row[7], row[12]]).toEqual([checker.name, checker.name, cadre.name, reviewer.name]);
		// The text search finds the finder by the name the organisation gives them, not the stored one.
		expect(filterLedger(rows, { text: checker.name }, villages, '2022-08-20', names)).toHaveLength(1);
		expect(filterLedger(rows, { text: reviewer.name }, villages, '2022-08-20', names)).toHaveLength(0);
		// Someone the organisation does not know keeps the name the record holds.
		const unknown = namesFrom(lookupOf([]));
		const asStored = ledgerTable(rows, { ...words, name: unknown }, '2022-08-20')[1]!;
		expect([asStored[4], asStored[7], asStored[12]]).toEqual([reviewer.name, '冒名', checker.name]);
	});
});
