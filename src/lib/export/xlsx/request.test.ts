import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AUGUST_2022 } from '../../campaign/campaign';
import { buildXlsx } from './request';
import { namesIn } from '../../organisation/personName';
import { CHECKER, fixtureDossier, fixtureLedger, readBack, signHousehold } from './xlsxFixtures';

describe('an export asked of the worker as plain data', () => {
	it('rebuilds the dossier from its state and names people by the organisation', async () => {
		const { dossier, ids } = fixtureDossier();
		signHousehold(dossier, ids.zhang, 1, '2022-08-08T02:00:00.000Z');
		const state = Y.encodeStateAsUpdate(dossier.doc);
		const phases: string[] = [];
		const file = await buildXlsx({ kind: 'forms', locale: 'zh', names: { [CHECKER.id]: '王五（组长）' }, dossier: state, campaign: AUGUST_2022 }, (_done, _total, phase) => phases.push(phase));
		const wb = await readBack(file.bytes);
		const texts = wb.worksheets.flatMap((ws) => ws.getSheetValues().flat().map(String));
		expect(texts.some((t) => t.includes('王五（组长）'))).toBe(true);
		expect(phases).toContain('file');
		expect(file.fileName).toMatch(/\.xlsx$/);
	});

	it('exports a ledger and a table without a dossier', async () => {
		const ledger = await buildXlsx({ kind: 'ledger', locale: 'zh', names: {}, rows: fixtureLedger(), scope: 'village', village: '东街村', today: '2022-09-01' });
		expect((await readBack(ledger.bytes)).worksheets.length).toBeGreaterThan(1);
		const table = await buildXlsx({
			kind: 'table',
			locale: 'en',
			names: {},
			title: 'View',
			columns: [{ header: 'Head', kind: 'text' }],
			rows: [[{ value: '刘大', text: '刘大' }]]
		});
		const sheet = (await readBack(table.bytes)).worksheets[0]!;
		expect(sheet.getSheetValues().flat().map(String)).toContain('刘大');
	});

	it('collects the names a page’s naming function gives everyone a value names', () => {
		const rows = [{ finding: { raisedBy: { id: 'p1', name: '旧名' }, events: [{ by: { id: 'p2', name: '李' } }] } }];
		expect(namesIn(rows, (a) => (a.id === 'p1' ? '新名' : a.name))).toEqual({ p1: '新名', p2: '李' });
	});
});
