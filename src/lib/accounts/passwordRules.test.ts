import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS } from './commonPasswords';
import { PASSWORD_MAX, PASSWORD_MIN, passwordProblem } from './passwordRules';

describe('password rules', () => {
	it('refuses the commonest passwords, whatever their case or width', () => {
		for (const p of ['12345678', '88888888', '5201314520', 'woaini1314', 'a12345678', 'qq123456', 'password', 'admin123', '1qaz2wsx', '147258369', 'abc12345'])
			expect(passwordProblem(p), p).toBe('common');
		expect(passwordProblem('WoAiNi1314')).toBe('common');
		expect(passwordProblem('PassWord')).toBe('common');
		// Typed on a Chinese keyboard in full width.
		expect(passwordProblem('１２３４５６７８')).toBe('common');
		expect(passwordProblem(' 12345678 ')).toBe('common');
	});

	it('refuses one character repeated, and what is too short or too long', () => {
		expect(passwordProblem('11111111')).not.toBeNull();
		for (const p of ['aaaaaaaa', '22222222', '7777777777', 'ZZZZZZZZZ', 'Aaaaaaaa', '哈哈哈哈哈哈哈哈', '........']) expect(passwordProblem(p), p).toBe('repeated');
		for (const p of ['', '123456', '666666', '000000', 'a1b2c3', 'x'.repeat(PASSWORD_MAX + 1)]) expect(passwordProblem(p), p).toBe('length');
	});

	it('accepts what is long enough and not on the list', () => {
		for (const p of ['correct horse', '八月攻坚2022', 'zhangming-2022', 'aaaaaaab', '11111112', 'woaini13145', 'x'.repeat(PASSWORD_MIN - 1) + 'y']) expect(passwordProblem(p), p).toBeNull();
	});

	it('ships a list written as the check reads it, every entry refused', () => {
		expect(COMMON_PASSWORDS.length).toBeGreaterThanOrEqual(100);
		expect(new Set(COMMON_PASSWORDS).size).toBe(COMMON_PASSWORDS.length);
		for (const p of COMMON_PASSWORDS) {
			expect(p, p).toBe(p.normalize('NFKC').trim().toLowerCase());
			expect(passwordProblem(p), p).not.toBeNull();
		}
	});
});
