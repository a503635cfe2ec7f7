/**
 * The HTTP API's request and response shapes, shared by the app and the server. Every request
 * body is parsed with these schemas at the server's edge; errors answer with a stable code from
 * ERROR_CODES that the UI translates (i18n key `error.<code>`).
 */
import { z } from 'zod';
import { DOSSIER_ID_PATTERN } from './protocol';

const name = z
	.string()
	.trim()
	.min(1)
	.max(40)
	// Control characters never belong in a place name and would corrupt exports.
	.regex(/^[^\p{Cc}]+$/u);

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

export const ERROR_CODES = [
	'badRequest',
	'badJson',
	'tooLarge',
	'notFound',
	'methodNotAllowed',
	'invalidDossier',
	'conflict',
	'internal'
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
	error: { code: ErrorCode; message: string; fields?: Record<string, string> };
}
