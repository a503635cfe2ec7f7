/**
 * What the app shell needs once someone is signed in: their organisation and 我的工作. The layout
 * imports this on sign-in rather than at start, so the sign-in page does not carry Yjs and Dexie.
 */
export { organisation } from './organisationSession.svelte';
export { closeWork, workSession } from './workSession.svelte';
