import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Passwords are hashed with scrypt (memory-hard, in Node's own crypto: no native dependency to
 * build on each Node version). N = 2^15, r = 8 needs 32 MiB per hash, so guessing offline costs
 * memory as well as time. The stored form carries its parameters, so they can be raised later
 * and old hashes still verify: `scrypt$<log2 N>$<r>$<p>$<salt>$<hash>` (base64url).
 */
const LOG_N = 15;
const R = 8;
const P = 1;
const KEY_BYTES = 32;
const MAX_MEMORY = 64 * 1024 * 1024;

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
	return new Promise((resolve, reject) => scryptCallback(password.normalize('NFC'), salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key))));
}

export async function hashPassword(password: string): Promise<string> {
	const salt = randomBytes(16);
	const key = await scrypt(password, salt, KEY_BYTES, { N: 2 ** LOG_N, r: R, p: P, maxmem: MAX_MEMORY });
	return ['scrypt', LOG_N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Checks a password against a stored hash in constant time; a malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const parts = stored.split('$');
	if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
	const [logN, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
	if (![logN, r, p].every(Number.isInteger) || logN < 10 || logN > 20 || r < 1 || r > 32 || p < 1 || p > 4) return false;
	const salt = Buffer.from(parts[4]!, 'base64url');
	const expected = Buffer.from(parts[5]!, 'base64url');
	if (salt.length < 8 || expected.length < 16) return false;
	const key = await scrypt(password, salt, expected.length, { N: 2 ** logN, r, p, maxmem: 256 * 1024 * 1024 });
	return timingSafeEqual(key, expected);
}

/** What a new password must be (long enough, not among the commonest): shared with the app. */
export { PASSWORD_MAX, PASSWORD_MIN, passwordProblem, type PasswordProblem } from '../../src/lib/accounts/passwordRules';
