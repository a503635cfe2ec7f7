import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { zh } from './zh';
import { en } from './en';

function keys(obj: object, prefix = ''): string[] {
	return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keys(v as object, prefix + k + '.')));
}

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sources(path);
		return /\.(svelte|ts)$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
	});
}

describe('message catalogue', () => {
	it('has the same keys in Chinese and English', () => {
		expect(keys(en).sort()).toEqual(keys(zh).sort());
	});

	it('has every key the code uses', () => {
		const known = new Set(keys(zh));
		const used = new Set<string>();
		for (const file of sources(join(import.meta.dirname, '../..'))) {
			for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z]+\.[a-zA-Z.]+)'/g)) used.add(m[1]!);
		}
		expect(used.size).toBeGreaterThan(10);
		expect([...used].filter((k) => !known.has(k))).toEqual([]);
	});

	it('translates every answer problem code the schemas produce', () => {
		const answerSchema = readFileSync(join(import.meta.dirname, '../templates/answerSchema.ts'), 'utf8');
		const codes = [...answerSchema.matchAll(/'(answer\.[a-zA-Z]+)'/g)].map((m) => m[1]!);
		expect(codes.length).toBeGreaterThan(5);
		for (const code of codes) expect(keys(zh)).toContain(code);
	});

	it('translates every resident ID problem', () => {
		for (const problem of ['format', 'checksum', 'birthDate', 'birthInFuture']) expect(keys(zh)).toContain(`answer.id_${problem}`);
	});
});
