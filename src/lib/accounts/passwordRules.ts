/**
 * What a new password must be, shared by the server (which enforces it on every way a password
 * is set: a change, an administrator's reset, a new account, the admin command line) and the app
 * (which says what is wrong before sending). Sign-in throttling limits a guesser to a few tries an
 * hour per account and address, so what matters is that the first tries miss: a password on the
 * commonest list, or one character typed eight times, would not.
 */
import { COMMON_PASSWORDS } from './commonPasswords';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 200;

/** Why a password is refused: too short or too long, among the commonest, or one character repeated. */
export type PasswordProblem = 'length' | 'common' | 'repeated';

const COMMON = new Set(COMMON_PASSWORDS);

/** Full-width digits and letters (a Chinese keyboard's) count as their ASCII selves, case aside. */
function canonical(password: string): string {
	return password.normalize('NFKC').trim().toLowerCase();
}

export function passwordProblem(password: string): PasswordProblem | null {
	// UTF-16 units, as the API's schemas count (a Chinese character is one).
	if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) return 'length';
	const plain = canonical(password);
	if (COMMON.has(plain)) return 'common';
	if (/^(.)\1*$/su.test(plain)) return 'repeated';
	return null;
}
