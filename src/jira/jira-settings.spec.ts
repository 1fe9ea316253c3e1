import { ActionItemStatus } from '../action-items/action-item-enums';
import { Env, InvalidEnvironmentError, loadEnv } from '../config/env';
import {
  categoryForItemStatus,
  foreignProjectProblem,
  itemStatusFor,
  JiraSettingsError,
  preferredStatusNames,
  readJiraSettings,
  syncedProjects,
  withoutUserinfo,
  type JiraSettings,
  type StatusRule,
} from './jira-settings';

const STATUSES = '(OPEN, IN_PROGRESS, BLOCKED, DONE, WONT_DO)';
const JIRA = { JIRA_BASE_URL: 'https://acme.atlassian.net', JIRA_EMAIL: 'sync@acme.test', JIRA_API_TOKEN: 'api-token-1', JIRA_PROJECT_KEY: 'PM' };

/** A valid Env from loadEnv, then overridden: loadEnv itself refuses bad Jira settings, readJiraSettings is under test. */
function envWith(overrides: Partial<Env>, source: Record<string, string> = JIRA): Env {
  return Object.assign(loadEnv(source), overrides);
}

function problemsOf(env: Env): string {
  try {
    readJiraSettings(env);
  } catch (error) {
    expect(error).toBeInstanceOf(JiraSettingsError);
    return (error as Error).message;
  }
  throw new Error('expected readJiraSettings to throw');
}

describe('readJiraSettings', () => {
  it('is null (sync off) while JIRA_BASE_URL is unset, whatever else is set', () => {
    expect(readJiraSettings(loadEnv({ JIRA_EMAIL: 'sync@acme.test', JIRA_PROJECT_KEY: 'PM' }))).toBeNull();
    expect(readJiraSettings(envWith({ JIRA_BASE_URL: undefined, JIRA_STATUS_MAP: 'nonsense' }))).toBeNull();
  });

  it('reads a basic-auth configuration with the defaults', () => {
    expect(readJiraSettings(loadEnv({ ...JIRA, JIRA_BASE_URL: 'https://acme.atlassian.net//', JIRA_WEBHOOK_SECRET: 'hush' }))).toEqual({
      baseUrl: 'https://acme.atlassian.net',
      siteUrl: 'https://acme.atlassian.net',
      auth: { kind: 'basic', email: 'sync@acme.test', apiToken: 'api-token-1' },
      defaultProjectKey: 'PM',
      teamProjects: new Map(),
      issueType: 'Task',
      statusRules: [
        { category: 'new', itemStatus: ActionItemStatus.OPEN },
        { category: 'indeterminate', itemStatus: ActionItemStatus.IN_PROGRESS },
        { category: 'done', itemStatus: ActionItemStatus.DONE },
      ],
      priorityNames: { P1: 'Highest', P2: 'High', P3: 'Medium', P4: 'Low' },
      pushFields: new Set(['summary', 'description', 'status', 'dueOn', 'priority', 'assignee']),
      pullFields: new Set(['status', 'dueOn', 'assignee']),
      webhookSecret: 'hush',
      label: 'followthrough',
      timeZone: 'UTC',
      publicUrl: 'http://127.0.0.1:4000',
    });
  });

  it('prefers a bearer token over email + API token', () => {
    const settings = readJiraSettings(loadEnv({ ...JIRA, JIRA_BEARER_TOKEN: 'oauth-access' }));
    expect(settings?.auth).toEqual({ kind: 'bearer', token: 'oauth-access' });
  });

  it('links issues on the site named by JIRA_SITE_URL when the API goes through the OAuth gateway', () => {
    const settings = readJiraSettings(
      loadEnv({ JIRA_BASE_URL: 'https://api.atlassian.com/ex/jira/1234-abcd', JIRA_SITE_URL: 'https://acme.atlassian.net/', JIRA_PROJECT_KEY: 'PM', JIRA_BEARER_TOKEN: 'oauth-access' }),
    );
    expect({ baseUrl: settings?.baseUrl, siteUrl: settings?.siteUrl }).toEqual({ baseUrl: 'https://api.atlassian.com/ex/jira/1234-abcd', siteUrl: 'https://acme.atlassian.net' });
  });

  it('accepts a bearer token alone', () => {
    const settings = readJiraSettings(loadEnv({ JIRA_BASE_URL: 'https://acme.atlassian.net', JIRA_PROJECT_KEY: 'PM', JIRA_BEARER_TOKEN: 'oauth-access' }));
    expect(settings?.auth).toEqual({ kind: 'bearer', token: 'oauth-access' });
  });

  it('wants both halves of basic auth', () => {
    expect(problemsOf(envWith({ JIRA_API_TOKEN: undefined }))).toBe(
      'Invalid Jira configuration:\n  JIRA_EMAIL and JIRA_API_TOKEN (or JIRA_BEARER_TOKEN): Jira needs credentials',
    );
    expect(problemsOf(envWith({ JIRA_EMAIL: undefined }))).toContain('Jira needs credentials');
  });

  it('reads the custom settings: team projects (case-insensitive teams), status rules in order, fields, PUBLIC_URL without trailing slashes', () => {
    const settings = readJiraSettings(
      loadEnv({
        ...JIRA,
        JIRA_TEAM_PROJECTS: ' Payments-Team = PAY ,checkout=CART_2,, ',
        JIRA_ISSUE_TYPE: 'Story',
        JIRA_STATUS_MAP: "Won't Do=WONT_DO, Category:Done=DONE, Blocked=BLOCKED, category:new=OPEN",
        JIRA_PRIORITY_MAP: 'P4=Lowest, P3=Medium, P2=High, P1=Blocker',
        JIRA_PUSH_FIELDS: 'summary,status',
        JIRA_PULL_FIELDS: 'dueOn',
        JIRA_LABEL: 'pm-action',
        JIRA_TIME_ZONE: 'America/Sao_Paulo',
        PUBLIC_URL: 'https://followthrough.acme.test/app///',
      }),
    );
    expect(settings).toMatchObject({
      teamProjects: new Map([
        ['payments-team', 'PAY'],
        ['checkout', 'CART_2'],
      ]),
      issueType: 'Story',
      statusRules: [
        { statusName: "Won't Do", itemStatus: ActionItemStatus.WONT_DO },
        { category: 'done', itemStatus: ActionItemStatus.DONE },
        { statusName: 'Blocked', itemStatus: ActionItemStatus.BLOCKED },
        { category: 'new', itemStatus: ActionItemStatus.OPEN },
      ],
      priorityNames: { P1: 'Blocker', P2: 'High', P3: 'Medium', P4: 'Lowest' },
      pushFields: new Set(['summary', 'status']),
      pullFields: new Set(['dueOn']),
      webhookSecret: null,
      label: 'pm-action',
      timeZone: 'America/Sao_Paulo',
      publicUrl: 'https://followthrough.acme.test/app',
    });
  });

  it('reads an empty field list as no fields', () => {
    expect(readJiraSettings(envWith({ JIRA_PULL_FIELDS: '' }))?.pullFields).toEqual(new Set());
    expect(readJiraSettings(envWith({ JIRA_PULL_FIELDS: ' , ' }))?.pullFields).toEqual(new Set());
  });

  it('reads "none" as no fields, which an empty variable cannot say (empty means unset, so the default)', () => {
    expect(readJiraSettings(loadEnv({ ...JIRA, JIRA_PULL_FIELDS: 'None' }))?.pullFields).toEqual(new Set());
    expect(readJiraSettings(loadEnv({ ...JIRA, JIRA_PULL_FIELDS: '' }))?.pullFields).toEqual(new Set(['status', 'dueOn', 'assignee']));
  });

  it('defaults PUBLIC_URL to http://HOST:PORT', () => {
    expect(readJiraSettings(loadEnv({ ...JIRA, HOST: '0.0.0.0', PORT: '8081' }))?.publicUrl).toBe('http://0.0.0.0:8081');
  });

  it('names every mistake at once', () => {
    const env = envWith({
      JIRA_EMAIL: undefined,
      JIRA_API_TOKEN: undefined,
      JIRA_PROJECT_KEY: undefined,
      JIRA_TEAM_PROJECTS: 'payments=PAY, checkout=cart',
      JIRA_STATUS_MAP: 'category:new=OPEN, Review=REVIEWING, category:finished=DONE',
      JIRA_PRIORITY_MAP: 'P1=Highest, P2=High, P3=Medium',
      JIRA_PUSH_FIELDS: 'summary, labels',
      JIRA_PULL_FIELDS: 'status, priority',
    });
    expect(problemsOf(env)).toBe(
      [
        'Invalid Jira configuration:',
        '  JIRA_EMAIL and JIRA_API_TOKEN (or JIRA_BEARER_TOKEN): Jira needs credentials',
        '  JIRA_PROJECT_KEY: set the project that issues are created in (e.g. PM)',
        '  JIRA_TEAM_PROJECTS: "cart" is not a Jira project key',
        '  JIRA_STATUS_MAP: "REVIEWING" is not an item status (OPEN, IN_PROGRESS, BLOCKED, DONE, WONT_DO)',
        '  JIRA_STATUS_MAP: "finished" is not a status category (new, indeterminate, done)',
        '  JIRA_PUSH_FIELDS: unknown field(s) labels; choose from summary, description, status, dueOn, priority, assignee',
        '  JIRA_PULL_FIELDS: unknown field(s) priority; choose from status, dueOn, assignee',
        '  JIRA_PRIORITY_MAP: no Jira priority for P4',
      ].join('\n'),
    );
  });

  it.each([
    ['JIRA_STATUS_MAP', 'Done', '"Done" is not key=value'],
    ['JIRA_STATUS_MAP', '=DONE', '"=DONE" is not key=value'],
    ['JIRA_STATUS_MAP', 'Done=', '"Done=" is not key=value'],
    ['JIRA_STATUS_MAP', 'Done=done', `"done" is not an item status ${STATUSES}`],
    ['JIRA_STATUS_MAP', 'Done=toString', `"toString" is not an item status ${STATUSES}`],
    ['JIRA_PRIORITY_MAP', 'P1=Highest, P2=High, P3=Medium, P4=Low, P5=Lowest', '"P5" is not one of P1, P2, P3, P4'],
    ['JIRA_PRIORITY_MAP', 'P1=Highest, P2=High, P3=Medium, P4=Low, constructor=Lowest', '"constructor" is not one of P1, P2, P3, P4'],
    ['JIRA_TEAM_PROJECTS', 'payments=P', '"P" is not a Jira project key'],
    ['JIRA_TEAM_PROJECTS', 'payments', '"payments" is not key=value'],
  ] as const)('%s=%s: %s', (name, value, problem) => {
    expect(problemsOf(envWith({ [name]: value }))).toBe(`Invalid Jira configuration:\n  ${name}: ${problem}`);
  });

  it('makes loadEnv refuse a half-configured sync', () => {
    expect(() => loadEnv({ JIRA_BASE_URL: 'https://acme.atlassian.net', JIRA_PROJECT_KEY: 'PM' })).toThrow(InvalidEnvironmentError);
    expect(() => loadEnv({ JIRA_BASE_URL: 'https://acme.atlassian.net', JIRA_PROJECT_KEY: 'PM' })).toThrow(
      'Invalid Jira configuration:\n  JIRA_EMAIL and JIRA_API_TOKEN (or JIRA_BEARER_TOKEN): Jira needs credentials',
    );
    expect(loadEnv(JIRA).JIRA_BASE_URL).toBe('https://acme.atlassian.net');
  });

  it('refuses credentials in the site URLs, without repeating them (issue 22, finding 8)', () => {
    const message = problemsOf(envWith({ JIRA_BASE_URL: 'https://sync%40acme.test:api-token-2@acme.atlassian.net', JIRA_SITE_URL: 'https://u:p@acme.atlassian.net' }));
    expect(message).toBe(
      'Invalid Jira configuration:\n' +
        '  JIRA_BASE_URL: has credentials in it (user:token@); give the site alone, e.g. https://acme.atlassian.net, and the account in JIRA_EMAIL and JIRA_API_TOKEN (or JIRA_BEARER_TOKEN)\n' +
        '  JIRA_SITE_URL: has credentials in it (user:token@); give the site alone, e.g. https://acme.atlassian.net, and the account in JIRA_EMAIL and JIRA_API_TOKEN (or JIRA_BEARER_TOKEN)',
    );
  });
});

describe('withoutUserinfo', () => {
  it.each([
    ['https://acme.atlassian.net', 'https://acme.atlassian.net'],
    ['https://acme.atlassian.net/', 'https://acme.atlassian.net/'],
    ['https://u:p@acme.atlassian.net', 'https://acme.atlassian.net'],
    ['https://token@api.atlassian.com/ex/jira/abc?x=1', 'https://api.atlassian.com/ex/jira/abc?x=1'],
    ['https://jira.acme.test/team@ops', 'https://jira.acme.test/team@ops'],
  ])('%s → %s', (url, bare) => {
    expect(withoutUserinfo(url)).toBe(bare);
  });
});

describe('the synced projects (issue 22, finding 7)', () => {
  const settings = readJiraSettings(loadEnv({ ...JIRA, JIRA_TEAM_PROJECTS: 'payments=PAY, checkout=CART, billing=PAY' })) as JiraSettings;

  it('are JIRA_PROJECT_KEY and the team projects, once each', () => {
    expect(syncedProjects(settings)).toEqual(['CART', 'PAY', 'PM']);
  });

  it('take issues of those projects only, and say which ones otherwise', () => {
    expect(foreignProjectProblem(settings, 'PAY-7', 'PAY')).toBeNull();
    expect(foreignProjectProblem(settings, 'PM-1', 'pm')).toBeNull();
    expect(foreignProjectProblem(settings, 'HR-3', 'HR')).toBe(
      'HR-3 is in project HR, which this server does not sync: link an issue of CART, PAY or PM (JIRA_PROJECT_KEY, JIRA_TEAM_PROJECTS).',
    );
    const alone = readJiraSettings(loadEnv(JIRA)) as JiraSettings;
    expect(foreignProjectProblem(alone, 'HR-3', 'HR')).toBe('HR-3 is in project HR, which this server does not sync: link an issue of PM (JIRA_PROJECT_KEY, JIRA_TEAM_PROJECTS).');
  });
});

describe('itemStatusFor', () => {
  const rules: StatusRule[] = [
    { category: 'new', itemStatus: ActionItemStatus.OPEN },
    { category: 'indeterminate', itemStatus: ActionItemStatus.IN_PROGRESS },
    { category: 'done', itemStatus: ActionItemStatus.DONE },
    { statusName: "Won't Do", itemStatus: ActionItemStatus.WONT_DO },
    { statusName: 'Blocked', itemStatus: ActionItemStatus.BLOCKED },
  ];

  it.each([
    ['To Do', 'new', ActionItemStatus.OPEN],
    ['In Review', 'indeterminate', ActionItemStatus.IN_PROGRESS],
    ['Done', 'done', ActionItemStatus.DONE],
    ["Won't Do", 'done', ActionItemStatus.WONT_DO],
    ["WON'T DO", 'done', ActionItemStatus.WONT_DO],
    ['blocked', 'indeterminate', ActionItemStatus.BLOCKED],
    ['Blocked', '', ActionItemStatus.BLOCKED],
    ['Parked', 'undefined', null],
    ['To Do', '', null],
  ])('"%s" (category %s) → %s', (name, category, expected) => {
    expect(itemStatusFor(rules, name, category)).toBe(expected);
  });

  it('lets a name rule win even when it comes after the category rule', () => {
    const reversed = [...rules].reverse();
    expect(itemStatusFor(reversed, "Won't Do", 'done')).toBe(ActionItemStatus.WONT_DO);
    expect(itemStatusFor(reversed, 'Done', 'done')).toBe(ActionItemStatus.DONE);
  });

  it('takes the first category rule when two cover the same category', () => {
    const twice: StatusRule[] = [
      { category: 'done', itemStatus: ActionItemStatus.WONT_DO },
      { category: 'done', itemStatus: ActionItemStatus.DONE },
    ];
    expect(itemStatusFor(twice, 'Done', 'done')).toBe(ActionItemStatus.WONT_DO);
  });

  it('maps nothing without rules', () => {
    expect(itemStatusFor([], 'Done', 'done')).toBeNull();
  });
});

describe('categoryForItemStatus', () => {
  it.each([
    [ActionItemStatus.OPEN, 'new'],
    [ActionItemStatus.IN_PROGRESS, 'indeterminate'],
    [ActionItemStatus.BLOCKED, 'indeterminate'],
    [ActionItemStatus.DONE, 'done'],
    [ActionItemStatus.WONT_DO, 'done'],
  ])('%s → %s', (status, category) => {
    expect(categoryForItemStatus(status)).toBe(category);
  });
});

describe('preferredStatusNames', () => {
  const rules: StatusRule[] = [
    { category: 'done', itemStatus: ActionItemStatus.WONT_DO },
    { statusName: "Won't Do", itemStatus: ActionItemStatus.WONT_DO },
    { statusName: 'Declined', itemStatus: ActionItemStatus.WONT_DO },
    { statusName: 'Done', itemStatus: ActionItemStatus.DONE },
  ];

  it('lists the status names mapped to the item status, in rule order, without category rules', () => {
    expect(preferredStatusNames(rules, ActionItemStatus.WONT_DO)).toEqual(["Won't Do", 'Declined']);
    expect(preferredStatusNames(rules, ActionItemStatus.DONE)).toEqual(['Done']);
    expect(preferredStatusNames(rules, ActionItemStatus.OPEN)).toEqual([]);
  });
});
