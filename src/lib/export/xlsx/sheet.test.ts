import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { columnLetter, linesIn, textWidth, uniqueSheetName } from './sheet';
import { xlsxWords } from './words';
import { signedVersion, unionColumns } from './versions';
import { newWorkbook } from './workbook';
import { householdScreening2022 } from '../../templates/official/householdScreening2022';
import { householdScreeningV2 } from './xlsxFixtures';
import { LEDGER_STATES } from '../../ledger/ledger';
import { LEDGER_COLUMNS } from './ledger';

describe('sheet helpers', () => {
	it('names columns as Excel does', () => {
		expect([1, 26, 27, 52, 53, 702, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
	});

	it('measures Chinese text at two units a character and wraps it', () => {
		expect(textWidth('张三')).toBe(4);
		expect(textWidth('41052219800101100X')).toBe(18);
		expect(textWidth('（是）')).toBe(6);
		expect(linesIn('一二三四五六七八九十', 11)).toBe(2);
		expect(linesIn('第一行\n第二行', 20)).toBe(2);
	});

	it('gives every sheet a name Excel accepts, unique in the workbook', () => {
		const wb = newWorkbook(xlsxWords('zh'), new Date());
		wb.addWorksheet('1 张三');
		expect(uniqueSheetName(wb, '1 张三')).toBe('1 张三(2)');
		expect(uniqueSheetName(wb, 'a/b:c*d?[e]')).toBe('a_b_c_d__e_');
		expect(uniqueSheetName(wb, '很'.repeat(40))).toHaveLength(31);
	});
});

describe('template versions', () => {
	it('reads the version a signature says it signed', () => {
		expect(signedVersion(JSON.stringify({ template: 'household-screening-2022@2' }), 'household-screening-2022')).toBe(2);
		expect(signedVersion(JSON.stringify({ template: 'village-screening-2022@1' }), 'household-screening-2022')).toBeNull();
		// Layout 1 signed the answers alone.
		expect(signedVersion('{"s2_unsafe":true}', 'household-screening-2022')).toBeNull();
		expect(signedVersion('not json', 'household-screening-2022')).toBeNull();
	});

	it('unites versions in one order, whichever order they are given in', () => {
		const a = unionColumns([householdScreening2022, householdScreeningV2]).map((c) => `${c.key}@${c.versions.join(',')}`);
		expect(unionColumns([householdScreeningV2, householdScreening2022]).map((c) => `${c.key}@${c.versions.join(',')}`)).toEqual(a);
		expect(a.slice(a.indexOf('s2_unsafe@1,2'), a.indexOf('s2_unsafe@1,2') + 4)).toEqual(['s2_unsafe@1,2', 's2_unsafe__desc@1,2', 's2_plate_missing@2', 's2_plate_missing__desc@2']);
		expect(a).toContain('s3_college@1');
		// One version alone is its own columns.
		expect(unionColumns([householdScreening2022]).map((c) => c.key)).toEqual(unionColumns([householdScreening2022, householdScreening2022]).map((c) => c.key));
	});
});

describe('words', () => {
	it('has every catalogue message the exports ask for, in both languages', () => {
		// Keys built at run time (`export.type.${kind}`) are not seen by the catalogue test.
		const dynamic = [
			...['index', 'sheet', 'column', 'header', 'question', 'original', 'type', 'unit', 'values', 'source', 'note', 'title'].map((k) => `export.dictionary.${k}`),
			...['text', 'id', 'integer', 'money', 'yesno', 'date', 'month', 'choice', 'multiple', 'headcount', 'photo', 'signature'].map((k) => `export.type.${k}`),
			...['meta', 'card', 'household', 'income', 'member', 'village'].map((k) => `export.note.computed.${k}`),
			...['found', 'rectified', 'awaiting', 'closed', 'overdue', 'open'].flatMap((k) => [`export.ledgerTotals.${k}`, `export.ledgerTotals.${k}Note`]),
			...LEDGER_COLUMNS.map((c) => `ledger.column.${c}`),
			...LEDGER_STATES.map((s) => `ledger.state.${s}`),
			'export.unit.yuan',
			'export.unit.wan'
		];
		const literal = new Set<string>();
		for (const file of readdirSync(import.meta.dirname).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
			for (const m of readFileSync(join(import.meta.dirname, file), 'utf8').matchAll(/'((?:export|ledger|print|household|dossier|answer|app)\.[a-zA-Z.]+)'/g)) literal.add(m[1]!);
		}
		for (const locale of ['zh', 'en'] as const) {
			const words = xlsxWords(locale);
			const missing = [...dynamic, ...literal].filter((key) => words.t(key) === key);
			expect(missing, locale).toEqual([]);
		}
	});

	it('fills parameters and picks the English singular', () => {
		expect(xlsxWords('zh').t('export.info.households', { count: 1 })).toBe('共 1 户');
		expect(xlsxWords('en').t('export.info.households', { count: 1 })).toBe('1 household');
		expect(xlsxWords('en').t('export.info.households', { count: 2 })).toBe('2 households');
		expect(xlsxWords('zh').headcount({ total: 4, residents: 3, unanswered: 0, ableToWork: 1 })).toBe('4 人，常住 3 人');
	});
});
