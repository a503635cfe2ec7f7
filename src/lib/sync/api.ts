/**
 * The HTTP API's request and response shapes, shared by the app and the server. Every request
 * body is parsed with these schemas at the server's edge; errors answer with a stable code from
 * ERROR_CODES that the UI translates (i18n key `error.<code>`).
 */
import { z } from 'zod';
import { DOSSIER_ID_PATTERN } from './protocol';
import { shortName } from '../names/name';

const name = shortName;

export const dossierRegistration = z.object({
	id: z.string().regex(DOSSIER_ID_PATTERN),
	township: name,
	village: name,
	createdAt: z.iso.datetime({ offset: true }),
	createdBy: z.string().trim().min(1).max(64)
});
export type DossierRegistration = z.infer<typeof dossierRegistration>;

export const dossierRecord = dossierRegistration;
export type DossierRecordDto = z.infer<typeof dossierRecord>;
export const dossierList = z.object({ dossiers: z.array(dossierRecord) });

export const townshipRegistration = z.object({
	id: z.string().regex(DOSSIER_ID_PATTERN),
	name,
	createdAt: z.iso.datetime({ offset: true }),
	createdBy: z.string().trim().min(1).max(64)
});
export type TownshipRegistration = z.infer<typeof townshipRegistration>;
export const townshipList = z.object({ townships: z.array(townshipRegistration) });

/** A signed-in account as the app sees it (never its password hash). */
export const account = z.object({
	id: z.string(),
	username: z.string(),
	name: z.string(),
	townshipId: z.string(),
	townshipName: z.string(),
	admin: z.boolean(),
	disabled: z.boolean()
});
export type Account = z.infer<typeof account>;

export const loginRequest = z.object({
	username: z.string().trim().min(1).max(64),
	password: z.string().min(1).max(200),
	/** The device's own id, recorded with everything it sends. */
	device: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/)
});

export const passwordChange = z.object({ current: z.string().min(1).max(200), next: z.string().min(8).max(200) });

export const syncTokenRequest = z.object({
	scope: z.discriminatedUnion('kind', [
		z.object({ kind: z.literal('village'), dossierId: z.string().regex(DOSSIER_ID_PATTERN) }),
		z.object({ kind: z.literal('organisation') })
	])
});
export const syncTokenResponse = z.object({ token: z.string(), expiresAt: z.string() });

/** An administrator opens an account for a person of the township's organisation. */
export const newAccount = z.object({
	/** The person's id in the organisation (the account takes it as its own). */
	id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
	username: z
		.string()
		.trim()
		.min(2)
		.max(64)
		.regex(/^[^\s\p{Cc}]+$/u),
	name,
	password: z.string().min(8).max(200),
	admin: z.boolean().default(false)
});

export const accountChange = z.object({
	disabled: z.boolean().optional(),
	admin: z.boolean().optional(),
	password: z.string().min(8).max(200).optional(),
	name: name.optional()
});
export const accountList = z.object({ accounts: z.array(account) });

/**
 * ID numbers of an import's file, asked of the township's other villages (one request per
 * PEOPLE_PER_REQUEST, to stay within the API's body size).
 */
export const PEOPLE_PER_REQUEST = 2500;
export const peopleElsewhereRequest = z.object({
	idNumbers: z
		.array(z.string().regex(/^\d{17}[\dXx]$/))
		.min(1)
		.max(PEOPLE_PER_REQUEST)
});
export const peopleElsewhereResponse = z.object({
	people: z.array(z.object({ idNumber: z.string(), dossierId: z.string().regex(DOSSIER_ID_PATTERN), village: z.string(), head: z.string().nullable() }))
});

/** `GET /api/dossiers/<id>/history?household=<id>&since=<iso>`: every answer of a household changed since then, oldest first. */
export const householdChangesResponse = z.object({
	entries: z.array(z.object({ at: z.string(), user: z.object({ id: z.string(), name: z.string() }), key: z.string(), value: z.unknown() }))
});

/** Photos: content-addressed by SHA-256 (lowercase hex), images only, at most 5 MB each. */
export const BLOB_HASH_PATTERN = /^[0-9a-f]{64}$/;
export const BLOB_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const MAX_BLOB_BYTES = 5 * 1024 * 1024;

export const ERROR_CODES = [
	'badHash',
	'unsupportedType',
	'badRequest',
	'badJson',
	'tooLarge',
	'notFound',
	'methodNotAllowed',
	'invalidDossier',
	'invalidTownship',
	'unauthorized',
	'forbidden',
	'badCredentials',
	'tooManyAttempts',
	'weakPassword',
	'usernameTaken',
	'conflict',
	'internal'
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
	error: { code: ErrorCode; message: string; fields?: Record<string, string> };
}
