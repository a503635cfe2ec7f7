/**
 * Who may open and write which room, in one place: every decision about a connection or an
 * update goes through `accessTo`, and anything it does not grant is denied.
 *
 * | room                 | read                                          | write                          |
 * |----------------------|-----------------------------------------------|--------------------------------|
 * | `org/<township>`     | every account of that township                | its administrators              |
 * | `<village>`          | keeping group, checkers of a running round    | the keeping group; administrators|
 * |                      | (and 7 days after it ends), reviewers,         | its identity and campaigns only |
 * |                      | administrators                                 |                                 |
 * | `<village>/review`   | as the village                                | new records in one's own name:  |
 * |                      |                                               | findings and steps by role,     |
 * |                      |                                               | comments by any reader          |
 * |                      |                                               | (reviewRules)                   |
 *
 * A village belongs to the township whose organisation lists it; nobody has any right in a
 * village their township's organisation does not have. Roles come from the organisation as it
 * is at the moment of each decision, so a round that ends or a cadre who moves group changes
 * what the next update may do.
 */
import type { RoomRef } from '../../src/lib/sync/protocol';
import { CHECKER_GRACE_DAYS, type OrganisationDoc } from '../../src/lib/organisation/organisationDoc';
import type { Role } from '../../src/lib/ledger/ledger';
import type { Principal } from '../accounts/accountService';

export interface Access {
	read: boolean;
	/**
	 * 'all': any change; 'review': new review records only (reviewRules); 'setup': a village's
	 * identity and campaigns only (an administrator setting up a dossier); 'none': nothing.
	 */
	write: 'none' | 'all' | 'review' | 'setup';
	/** The principal's roles in the village (for review writes). */
	roles: Role[];
	groupId: string | null;
	/** The round in which the principal's group checks this village now (with the grace days), if any. */
	roundId: string | null;
}

const NONE: Access = { read: false, write: 'none', roles: [], groupId: null, roundId: null };

export function accessTo(principal: Principal, room: RoomRef, org: OrganisationDoc | null, day: string): Access {
	if (room.kind === 'organisation') {
		if (room.townshipId !== principal.townshipId) return NONE;
		return { read: true, write: principal.admin ? 'all' : 'none', roles: [], groupId: null, roundId: null };
	}
	if (!org || !org.village(room.dossierId)) return NONE;
	const roles = org.ledgerRoles(principal.userId, room.dossierId, day, CHECKER_GRACE_DAYS);
	const read = roles.length > 0 || principal.admin;
	if (!read) return NONE;
	const groupId = org.person(principal.userId)?.groupId ?? null;
	const roundId = groupId ? (org.checkingRound(groupId, room.dossierId, day, CHECKER_GRACE_DAYS)?.id ?? null) : null;
	if (room.kind === 'dossier') return { read, write: roles.includes('owner') ? 'all' : principal.admin ? 'setup' : 'none', roles, groupId, roundId };
	// Any reader may comment and mark comments seen; findings and ledger steps need the role
	// (reviewRules checks each against `roles`).
	return { read, write: 'review', roles, groupId, roundId };
}
