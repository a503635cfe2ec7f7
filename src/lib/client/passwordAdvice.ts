/**
 * What to tell someone choosing a password the rules refuse (src/lib/accounts/passwordRules.ts),
 * checked on the device before sending, and from the server's answer (`fields.reason` of a
 * weakPassword error) when an older app let one through.
 */
import { passwordProblem } from '../accounts/passwordRules';
import { t } from '../i18n/i18n.svelte';

/** The advice for a refusal reason; anything else gets the general rule. */
export function weakPasswordAdvice(reason: string | undefined): string {
	if (reason === 'common') return t('password.common');
	if (reason === 'repeated') return t('password.repeated');
	if (reason === 'length') return t('password.length');
	return t('error.weakPassword');
}

/** Null when the password will do; otherwise what is wrong with it. */
export function passwordAdvice(password: string): string | null {
	const problem = passwordProblem(password);
	return problem ? weakPasswordAdvice(problem) : null;
}
