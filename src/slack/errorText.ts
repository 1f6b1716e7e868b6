/** Friendly text for domain errors now lives in copy.ts, with every other code's words. */
export { ACTION_TEXT, domainErrorText, NO_TEAM_TEXT } from './copy.js';
