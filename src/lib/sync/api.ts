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
	'conflict',
	'internal'
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
	error: { code: ErrorCode; message: string; fields?: Record<string, string> };
}
