import type { ParamMatcher } from '@sveltejs/kit';

/** Ids of groups, rounds and people: the random base62 ids the app makes, nothing else. */
export const match: ParamMatcher = (param) => /^[A-Za-z0-9_-]{1,64}$/.test(param);
