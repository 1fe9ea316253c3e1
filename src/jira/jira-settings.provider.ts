import { Env } from '../config/env';
import { JiraClient } from './jira-client';
import { readJiraSettings, type JiraSettings } from './jira-settings';

export const JIRA_SETTINGS = Symbol('JIRA_SETTINGS');
export const JIRA_CLIENT = Symbol('JIRA_CLIENT');

/** Null when Jira is not configured: the service then runs without sync. */
export const jiraSettingsProvider = { provide: JIRA_SETTINGS, inject: [Env], useFactory: (env: Env) => readJiraSettings(env) };

export const jiraClientProvider = {
  provide: JIRA_CLIENT,
  inject: [Env, JIRA_SETTINGS],
  useFactory: (env: Env, settings: JiraSettings | null) =>
    settings ? new JiraClient(settings, { timeoutMs: env.JIRA_TIMEOUT_MS, writeSpacingMs: env.JIRA_WRITE_SPACING_MS }) : null,
};
