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
		// English also has singular forms (`<key>_one`), which Chinese, with one plural form, does not need.
		const singulars = keys(en).filter((k) => k.endsWith('_one'));
		expect(keys(en).filter((k) => !k.endsWith('_one')).sort()).toEqual(keys(zh).sort());
		for (const k of singulars) expect(keys(en)).toContain(k.slice(0, -'_one'.length));
	});

	it('says "1 person", not "1 people", and gives every count in English its singular', async () => {
		const i18next = (await import('i18next')).default.createInstance();
		await i18next.init({ lng: 'en', resources: { en: { translation: en } }, interpolation: { escapeValue: false } });
		expect(i18next.t('dossier.persons', { count: 1 })).toBe('1 person');
		expect(i18next.t('dossier.persons', { count: 4 })).toBe('4 people');
		const raw = (k: string) => k.split('.').reduce<unknown>((o, part) => (o as Record<string, unknown>)[part], en) as string;
		// "{{count}} households", "{{count}} people", "{{count}} finding(s)": each needs its singular.
		const plural = keys(en).filter((k) => !k.endsWith('_one') && /\{\{count\}\} (\w+ )*?(\w+s|people|\w+\(s\))\b/.test(raw(k)) && !raw(k).includes('{{total}}'));
		expect(plural.length).toBeGreaterThan(10);
		expect(plural.filter((k) => !keys(en).includes(`${k}_one`))).toEqual([]);
	});

	it('puts no full-width brackets around English', () => {
		const mixed = keys(en).filter((k) => {
			const text = k.split('.').reduce<unknown>((o, part) => (o as Record<string, unknown>)[part], en) as string;
			return /[（）【】，。：；]/.test(text);
		});
		expect(mixed).toEqual([]);
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

	it('translates every reason a form gives for not being complete', () => {
		const read = (file: string) => readFileSync(join(import.meta.dirname, file), 'utf8');
		const codes = [...(read('../templates/computations.ts') + read('../templates/formState.ts')).matchAll(/'(form\.(?:why|blocked)\.[a-zA-Z]+)'/g)].map((m) => m[1]!);
		expect(codes.length).toBeGreaterThan(5);
		for (const code of codes) expect(keys(zh)).toContain(code);
	});

	it('translates every resident ID problem', () => {
		for (const problem of ['format', 'checksum', 'birthDate', 'birthInFuture']) expect(keys(zh)).toContain(`answer.id_${problem}`);
	});
});
