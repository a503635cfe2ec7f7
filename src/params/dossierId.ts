import type { ParamMatcher } from '@sveltejs/kit';
import { isDossierId } from '$lib/sync/protocol';

/** Malformed dossier ids never reach a page: the router answers 404. */
export const match: ParamMatcher = (param) => isDossierId(param);
