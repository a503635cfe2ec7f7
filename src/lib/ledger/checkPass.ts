/**
 * A checker's pass (互查通过): in a cross-check round, the checker signs that they checked a
 * household's form and found nothing more to record. The record keeps, for good, everything the
 * form showed when they signed (as a form signature does: canonical JSON and its SHA-256), so
 * what they saw is never in doubt when a later inspection finds a problem there (漏查,
 * missedChecks.ts). Kept in the village's review document (`passes`), written once by the
 * checker it names; the server takes it only from a checker of that village, for their group and
 * the round they check in.
 */
import { z } from 'zod';
import { actorSchema } from '../organisation/organisation';
import { SIGNATURE_IMAGE_PREFIX, sha256Hex } from '../signing/signature';

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const checkPassSchema = z.object({
	id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
	householdId: id,
	head: z.string().max(40),
	formKey: z.string().min(1).max(80),
	roundId: id,
	groupId: id,
	by: actorSchema,
	at: z.iso.datetime({ offset: true }),
	image: z.string().startsWith(SIGNATURE_IMAGE_PREFIX).max(512 * 1024),
	/** Canonical JSON of everything the form showed (signing/formContent.ts). */
	shown: z.string().max(256 * 1024),
	digest: z.string().regex(/^[0-9a-f]{64}$/)
});
export type CheckPass = z.infer<typeof checkPassSchema>;

/** A pass signed now over what the form shows. */
export function newCheckPass(input: Omit<CheckPass, 'id' | 'at' | 'digest'> & { id: string }, at: Date = new Date()): CheckPass {
	return checkPassSchema.parse({ ...input, at: at.toISOString(), digest: sha256Hex(input.shown) });
}

/** Why a record may not be stored as a pass from this sender (null: it may). The server's rule. */
export function checkPassRefusal(key: string, value: unknown, sender: { id: string; groupId: string | null; roundId: string | null; checker: boolean }): string | null {
	const parsed = checkPassSchema.safeParse(value);
	if (!parsed.success || parsed.data.id !== key) return 'Malformed check pass';
	const pass = parsed.data;
	if (pass.by.id !== sender.id) return 'A check pass is signed by its sender';
	if (!sender.checker || pass.groupId !== sender.groupId) return 'Only a checker of this village passes a household, for their own group';
	if (pass.roundId !== sender.roundId) return 'A check pass names the round the sender checks in';
	if (sha256Hex(pass.shown) !== pass.digest) return 'A check pass’s digest is of what it says was seen';
	return null;
}
