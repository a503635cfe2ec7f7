import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { zh } from '../i18n/zh';
import { en } from '../i18n/en';

const lookup = (catalogue: object, key: string): unknown => key.split('.').reduce<unknown>((o, part) => (o as Record<string, unknown> | undefined)?.[part], catalogue);

describe('the reasons an import gives', () => {
	it('are in both catalogues, every one of them', () => {
		const dir = import.meta.dirname;
		const source = readdirSync(dir)
			.filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
			.map((name) => readFileSync(join(dir, name), 'utf8'))
			.join('\n');
		const codes = [...new Set([...source.matchAll(/'((?:import|answer)\.[a-zA-Z]+(?:\.[a-zA-Z]+)*)'/g)].map((m) => m[1]!))];
		expect(codes.length).toBeGreaterThan(30);
		expect(codes.filter((code) => typeof lookup(zh, code) !== 'string')).toEqual([]);
		expect(codes.filter((code) => typeof lookup(en, code) !== 'string')).toEqual([]);
	});
});
