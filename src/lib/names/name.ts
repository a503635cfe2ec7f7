import { z } from 'zod';

/**
 * A name of a person, group or place as cadres write it: 1 to 40 characters, trimmed, and no
 * control characters (they never belong in a name and would corrupt exports and prints).
 */
export const shortName = z
	.string()
	.trim()
	.min(1)
	.max(40)
	.regex(/^[^\p{Cc}]+$/u);
