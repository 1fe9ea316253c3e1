/** The fake Jira's public surface; see fake-jira.ts. */
export { DEFAULT_USERS, startFakeJira } from './fake-jira';
export { SEARCH_REMOVED } from './routes';
export { adfProblem } from './adf';
export type * from './types';
