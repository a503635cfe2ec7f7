import { describe, expect, it } from 'vitest';
import { FINDING_COLUMNS, FindingRows } from './findingRows';
import { findingSchema } from '../ledger/finding';
import { sampleFinding } from '../ledger/ledgerFixtures';
import type { LedgerEntry } from '../review/reviewDoc';
import type { LedgerStatus } from '../ledger/ledger';
import { queryRows } from './rowQuery';
import { lookupOf, namesFrom } from '../organisation/personName';
import { people } from '../ledger/ledgerFixtures';

const words = { locale: 'zh' as const, state: (s: string) => ({ open: '待整改', closed: '已销号' })[s] ?? s, overdue: '超期', villageForm: '乡村排查表', date: (iso: string) => iso.slice(0, 10), name: namesFrom(lookupOf(Object.values(people))) };
const entry = (id: string, state: LedgerStatus['state'], raisedAt: string, village = false): LedgerEntry => {
	const base = findingSchema.parse(sampleFinding({ id, raisedAt, ...(village ? { target: { kind: 'village' } } : {}) }));
	return { finding: base, status: { state, deadline: '2022-08-25', responsible: null, measure: null, closed: null } as unknown as LedgerStatus };
};

describe('finding rows', () => {
	it('lists findings as read-only rows in the ledger’s words, overdue marked', () => {
		let entries = [entry('f2', 'open', '2022-08-09T02:00:00.000Z'), entry('f1', 'closed', '2022-08-08T02:00:00.000Z', true)];
		const rows = new FindingRows(() => entries, words, '2022-08-30');
		expect(rows.rowKeys()).toEqual(['f1', 'f2']);
		const col = (id: string) => FINDING_COLUMNS.find((c) => c.key === id)!;
		expect(rows.cell('f2', col('head')).text).toBe('刘大');
		expect(rows.cell('f1', col('head')).text).toBe('乡村排查表');
		expect(rows.cell('f2', col('state'))).toMatchObject({ text: '待整改 · 超期', flagged: true });
		expect(rows.householdOf('f2')).toBe('h1');
		expect(rows.householdOf('f1')).toBeNull();
		expect(FINDING_COLUMNS.every((c) => c.column.readOnly)).toBe(true);
		// Overdue first when sorted by state; the search reads every column.
		expect(queryRows(rows.rowKeys(), {}, { columnId: 'finding:state', descending: false }, (id) => rows.rowFacts(id), (id) => rows.value(id, col('state')))).toEqual(['f2', 'f1']);
		expect(queryRows(rows.rowKeys(), { text: '乡村' }, null, (id) => rows.rowFacts(id), () => undefined)).toEqual(['f1']);
		entries = [entries[0]!];
		rows.invalidate();
		expect(rows.rowKeys()).toEqual(['f2']);
	});

	it('names the finder, the responsible cadre and who closed it by the organisation, by id', () => {
		const { checker, cadre, reviewer } = people;
		const forged = { id: checker.id, name: reviewer.name };
		const finding = findingSchema.parse(sampleFinding({ id: 'f1', raisedBy: forged, signature: { ...sampleFinding().signature, by: forged } }));
		const status = { state: 'closed', deadline: null, responsible: { id: cadre.id, name: '冒名' }, measure: '已加固', closed: { by: { id: reviewer.id, name: checker.name }, at: '2022-08-20T02:00:00.000Z' } };
		const entries: LedgerEntry[] = [{ finding, status: status as unknown as LedgerStatus }];
		const col = (id: string) => FINDING_COLUMNS.find((c) => c.key === id)!;
		const rows = new FindingRows(() => entries, words, '2022-08-30');
		expect(['raisedBy', 'responsible', 'closedBy'].map((id) => rows.cell('f1', col(id)).text)).toEqual([checker.name, cadre.name, reviewer.name]);
		expect(rows.value('f1', col('raisedBy'))).toBe(checker.name);
		expect(rows.rowFacts('f1').text).not.toContain('冒名');
		// A person the organisation does not have keeps the name the record holds.
		const unknown = new FindingRows(() => entries, { ...words, name: namesFrom(lookupOf([])) }, '2022-08-30');
		expect(['raisedBy', 'responsible', 'closedBy'].map((id) => unknown.cell('f1', col(id)).text)).toEqual([reviewer.name, '冒名', checker.name]);
	});
});
