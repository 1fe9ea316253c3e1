import MarkdownIt from 'markdown-it';
import type { Review, ReviewItem } from './review';
import { reviewMarkdown } from './review-markdown';

const URL = 'https://followthrough.example.com';

const reviewItem = (fields: Partial<ReviewItem> & Pick<ReviewItem, 'id' | 'title'>): ReviewItem => ({
  status: 'OPEN',
  dueOn: '2024-06-21',
  daysOverdue: 0,
  ownerName: 'Alice Moreau',
  teamName: 'Payments',
  incidentId: 'inc-b',
  incidentTitle: 'Checkout outage again',
  jiraKey: null,
  jiraUrl: null,
  ...fields,
});

const breaker = reviewItem({ id: 'i1', title: 'Add circuit breaker to checkout', jiraKey: 'PAY-101', jiraUrl: 'https://acme.atlassian.net/browse/PAY-101' });
const tricky = reviewItem({ id: 'i2', title: 'Fix [login] | signup\nflow', ownerName: 'Ops | on call', teamName: null, dueOn: null, status: 'BLOCKED' });
const keyOnly = reviewItem({ id: 'i3', title: 'Runbook for failover', jiraKey: 'PLAT-7', jiraUrl: null, daysOverdue: 3, dueOn: '2024-06-20' });

const emptyWeeks = Array.from({ length: 12 }, (_, index) => ({ week: `2024-W${14 + index}`, startsOn: '2024-04-01', opened: 0, completed: 0, openOverdue: 0 }));
const aging = (counts: number[]) =>
  [
    { label: '0–7 days', minDays: 0, maxDays: 7 },
    { label: '8–30 days', minDays: 8, maxDays: 30 },
    { label: '31–90 days', minDays: 31, maxDays: 90 },
    { label: '> 90 days', minDays: 91, maxDays: null },
  ].map((bucket, index) => ({ ...bucket, count: counts[index] }));

const quiet: Review = {
  week: '2024-W25',
  startsOn: '2024-06-17',
  endsOn: '2024-06-23',
  asOf: new Date('2024-06-23T21:59:59.999Z'),
  timeZone: 'Europe/Berlin',
  team: null,
  incidents: [],
  created: [],
  completed: [],
  newlyOverdue: [],
  dueNextWeek: [],
  totals: { open: 0, overdue: 0, aging: aging([0, 0, 0, 0]) },
  completion: { windowWeeks: 12, closed: 0, closedOnTime: 0, onTimeRate: null, medianDaysToClose: null, p90DaysToClose: null },
  trend: emptyWeeks,
  recurringRootCauses: [],
  brokenPromises: [],
  scorecards: [],
};

const busy: Review = {
  ...quiet,
  team: { id: 'team-payments', name: 'Payments' },
  incidents: [
    {
      id: 'inc-b',
      title: 'Checkout outage | again',
      startedAt: new Date('2024-06-18T14:00:00Z'),
      severity: 'SEV2',
      impact: 'Slow checkout,\nerrors for 10%',
      durationMinutes: 40,
      rootCause: 'connection pool exhaustion in checkout',
    },
    { id: 'inc-c', title: 'Slow database failover', startedAt: new Date('2024-06-20T03:00:00Z'), severity: null, impact: null, durationMinutes: null, rootCause: null },
  ],
  created: [breaker, tricky],
  completed: [keyOnly],
  newlyOverdue: [keyOnly],
  dueNextWeek: [breaker],
  totals: { open: 7, overdue: 4, aging: aging([2, 2, 0, 0]) },
  completion: { windowWeeks: 12, closed: 3, closedOnTime: 2, onTimeRate: 0.67, medianDaysToClose: 8.34, p90DaysToClose: 14.08 },
  trend: emptyWeeks.map((week, index) => (index === 11 ? { ...week, opened: 5, completed: 1, openOverdue: 4 } : week)),
  recurringRootCauses: [
    {
      id: 'rc-1',
      label: 'connection pool exhaustion in checkout',
      failureMode: 'connection-pool-exhaustion',
      serviceName: 'checkout',
      incidentCount: 2,
      lastSeenAt: new Date('2024-06-18T14:00:00Z'),
      openItems: [breaker, tricky],
    },
    { id: 'rc-2', label: 'replica lag in postgres', failureMode: 'replica-lag', serviceName: 'postgres', incidentCount: 2, lastSeenAt: null, openItems: [] },
  ],
  brokenPromises: [
    {
      item: breaker,
      code: 'PROMISED_AGAIN',
      reason: 'The same measure was promised after «Checkout outage» (2024-05-20) and never done.',
      evidence: [],
    },
  ],
  scorecards: [
    { teamId: 'team-payments', teamName: 'Payments | EU', open: 3, overdue: 1, createdThisWeek: 3, completedThisWeek: 1, onTimeRate: 0.5, brokenPromises: 3 },
    { teamId: null, teamName: '(no team)', open: 2, overdue: 2, createdThisWeek: 0, completedThisWeek: 0, onTimeRate: null, brokenPromises: 2 },
  ],
};

const HEADINGS = [
  '## What broke this week',
  '## What we promised',
  '## What got done',
  '## What is late',
  '### Newly overdue',
  '### Due next week',
  '## What keeps coming back',
  '## Promises we keep breaking',
  '## Teams',
  '## 12-week trend',
];

const headings = (markdown: string) => markdown.split('\n').filter((line) => line.startsWith('#'));

/** The text under a heading, up to the next heading. */
function section(markdown: string, heading: string): string {
  const lines = markdown.split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) throw new Error(`No heading ${heading}`);
  const end = lines.findIndex((line, index) => index > start && line.startsWith('#'));
  return lines
    .slice(start + 1, end < 0 ? undefined : end)
    .join('\n')
    .trim();
}

/** Each table's rows, split on the pipes that are not escaped. */
function tables(markdown: string): string[][][] {
  const blocks: string[][][] = [];
  let current: string[][] | null = null;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('|')) {
      const cells = line.slice(1, -1).split(/(?<!\\)\|/).map((cell) => cell.trim());
      current ??= [];
      current.push(cells);
    } else if (current) {
      blocks.push(current);
      current = null;
    }
  }
  if (current) blocks.push(current);
  return blocks;
}

const markdownIt = new MarkdownIt();

/** The tables as a markdown renderer reads them: each row's cells as plain text (a link as its text). */
function renderedTables(markdown: string): string[][][] {
  const tokens = markdownIt.parse(markdown, {});
  const result: string[][][] = [];
  let row: string[] = [];
  tokens.forEach((token, index) => {
    if (token.type === 'table_open') result.push([]);
    else if (token.type === 'tr_open') row = [];
    else if (token.type === 'tr_close') result[result.length - 1].push(row);
    else if (token.type === 'inline' && /^t[hd]_open$/.test(tokens[index - 1].type)) {
      row.push((token.children ?? []).map((child) => (child.type === 'html_inline' && child.content === '<br>' ? '\n' : child.content)).join(''));
    }
  });
  return result;
}

/** The links of the rendered markdown: [text, href]. */
function links(markdown: string): [string, string][] {
  const found: [string, string][] = [];
  const walk = (tokens: ReturnType<MarkdownIt['parse']>) => {
    for (let index = 0; index < tokens.length; index += 1) {
      const token = tokens[index];
      if (token.children) walk(token.children);
      if (token.type === 'link_open') {
        let text = '';
        for (let next = index + 1; tokens[next].type !== 'link_close'; next += 1) text += tokens[next].content;
        found.push([text, token.attrGet('href') ?? '']);
      }
    }
  };
  walk(markdownIt.parse(markdown, {}));
  return found;
}

describe('reviewMarkdown', () => {
  const markdown = reviewMarkdown(busy, URL);
  const empty = reviewMarkdown(quiet, URL);

  it('has the title, the summary and every section, in order', () => {
    expect(headings(markdown)).toEqual(['# Reliability review 2024-W25 — Payments', ...HEADINGS]);
    expect(headings(empty)).toEqual(['# Reliability review 2024-W25', ...HEADINGS]);
    expect(markdown.split('\n').slice(0, 5)).toEqual([
      '# Reliability review 2024-W25 — Payments',
      '',
      '2024-06-17 to 2024-06-23 (Europe/Berlin), as of 2024-06-23T21:59:59.999Z.',
      '',
      '**7** open · **4** overdue · **1** completed this week · on time 67% over 12 weeks',
    ]);
    expect(empty).toContain('**0** open · **0** overdue · **0** completed this week · on time — over 12 weeks');
  });

  it('ends with a single newline and never leaves two blank lines in a row', () => {
    for (const text of [markdown, empty]) {
      expect(text.endsWith('\n')).toBe(true);
      expect(text.endsWith('\n\n')).toBe(false);
      expect(text).not.toMatch(/\n{3,}/);
    }
  });

  it('writes tables with a header, a separator and the same number of cells in every row', () => {
    const found = tables(markdown);
    // Incidents, promised, done, aging, newly overdue, due next week, root causes, promises, teams, trend.
    expect(found.map((rows) => [rows[0][0], rows.length - 2])).toEqual([
      ['Incident', 2],
      ['Item', 2],
      ['Item', 1],
      ['Overdue for', 4],
      ['Item', 1],
      ['Item', 1],
      ['Root cause', 2],
      ['Item', 1],
      ['Team', 2],
      ['Week', 12],
    ]);
    for (const rows of found) {
      expect(rows[1]).toEqual(rows[0].map(() => '---'));
      for (const row of rows) expect([rows[0][0], row.length]).toEqual([rows[0][0], rows[0].length]);
    }
  });

  it('renders as tables of whole rows (a markdown renderer agrees on the cells)', () => {
    const rendered = renderedTables(markdown);
    expect(rendered.map((rows) => rows.map((row) => row.length))).toEqual(tables(markdown).map((rows) => rows.filter((_, index) => index !== 1).map((row) => row.length)));
    // The pipes and line breaks inside the values stay in their cell.
    const [incidents] = rendered;
    expect(incidents[1]).toEqual(['Checkout outage | again', '2024-06-18 14:00', 'SEV2', 'Slow checkout, errors for 10%', 'connection pool exhaustion in checkout']);
    expect(incidents[2]).toEqual(['Slow database failover', '2024-06-20 03:00', '—', '—', '—']);
  });

  it('links each item to its page, with the title it has (pipes, brackets and line breaks escaped)', () => {
    expect(section(markdown, '## What we promised')).toBe(
      [
        '| Item | Owner | Team | Due | Status |',
        '| --- | --- | --- | --- | --- |',
        `| [Add circuit breaker to checkout](${URL}/items/i1) ([PAY-101](https://acme.atlassian.net/browse/PAY-101)) | Alice Moreau | Payments | 2024-06-21 | OPEN |`,
        `| [Fix \\[login\\] \\| signup flow](${URL}/items/i2) | Ops \\| on call | — | — | BLOCKED |`,
      ].join('\n'),
    );
    expect(links(section(markdown, '## What we promised'))).toEqual([
      ['Add circuit breaker to checkout', `${URL}/items/i1`],
      ['PAY-101', 'https://acme.atlassian.net/browse/PAY-101'],
      ['Fix [login] | signup flow', `${URL}/items/i2`],
    ]);
  });

  it('links to Jira only when both the key and the URL are known', () => {
    expect(section(markdown, '## What got done')).toContain(`| [Runbook for failover](${URL}/items/i3) | Alice Moreau |`);
    expect(links(section(markdown, '## What got done'))).toEqual([['Runbook for failover', `${URL}/items/i3`]]);
    const urlOnly = reviewMarkdown({ ...quiet, completed: [{ ...keyOnly, jiraKey: null, jiraUrl: 'https://acme.atlassian.net/browse/PLAT-7' }] }, URL);
    expect(links(section(urlOnly, '## What got done'))).toEqual([['Runbook for failover', `${URL}/items/i3`]]);
  });

  it.each([
    ['Fix [login] | signup', 'Fix [login] | signup'],
    ['Rotate the keys in C:\\secrets\\', 'Rotate the keys in C:\\secrets\\'],
    ['Match \\| in the PromQL', 'Match \\| in the PromQL'],
    ['Handle \\[brackets\\] in search', 'Handle \\[brackets\\] in search'],
    ['[WIP] ] [ unbalanced', '[WIP] ] [ unbalanced'],
  ])('keeps the title %j as the text of its link', (title, text) => {
    const review = { ...quiet, created: [reviewItem({ id: 'i9', title })] };
    expect(links(reviewMarkdown(review, URL))).toEqual([[text, `${URL}/items/i9`]]);
    expect(renderedTables(reviewMarkdown(review, URL))[0][1]).toHaveLength(5);
  });

  it('lists the late items by how late they are, then the newly overdue and the items due next week', () => {
    expect(section(markdown, '## What is late')).toBe(['| Overdue for | Items |', '| --- | --- |', '| 0–7 days | 2 |', '| 8–30 days | 2 |', '| 31–90 days | 0 |', '| > 90 days | 0 |'].join('\n'));
    expect(links(section(markdown, '### Newly overdue'))).toEqual([['Runbook for failover', `${URL}/items/i3`]]);
    expect(links(section(markdown, '### Due next week'))).toEqual([
      ['Add circuit breaker to checkout', `${URL}/items/i1`],
      ['PAY-101', 'https://acme.atlassian.net/browse/PAY-101'],
    ]);
  });

  it('lists the open items of a recurring root cause in one cell, or a dash', () => {
    expect(section(markdown, '## What keeps coming back')).toBe(
      [
        '| Root cause | Incidents | Open items |',
        '| --- | --- | --- |',
        `| connection pool exhaustion in checkout | 2 | [Add circuit breaker to checkout](${URL}/items/i1) ([PAY-101](https://acme.atlassian.net/browse/PAY-101))<br>[Fix \\[login\\] \\| signup flow](${URL}/items/i2) |`,
        '| replica lag in postgres | 2 | — |',
      ].join('\n'),
    );
  });

  it('shows the broken promises, the team scorecards and the trend', () => {
    expect(section(markdown, '## Promises we keep breaking')).toBe(
      [
        '| Item | Flag | Why |',
        '| --- | --- | --- |',
        `| [Add circuit breaker to checkout](${URL}/items/i1) ([PAY-101](https://acme.atlassian.net/browse/PAY-101)) | PROMISED_AGAIN | The same measure was promised after «Checkout outage» (2024-05-20) and never done. |`,
      ].join('\n'),
    );
    expect(section(markdown, '## Teams')).toBe(
      [
        '| Team | Open | Overdue | Created | Completed | On time | Broken promises |',
        '| --- | --- | --- | --- | --- | --- | --- |',
        '| Payments \\| EU | 3 | 1 | 3 | 1 | 50% | 3 |',
        '| (no team) | 2 | 2 | 0 | 0 | — | 2 |',
      ].join('\n'),
    );
    const trend = section(markdown, '## 12-week trend').split('\n');
    expect(trend).toHaveLength(14);
    expect([trend[0], trend[2], trend[13]]).toEqual(['| Week | Opened | Completed | Open overdue |', '| 2024-W14 | 0 | 0 | 0 |', '| 2024-W25 | 5 | 1 | 4 |']);
  });

  it('says so when a section is empty', () => {
    expect(HEADINGS.map((heading) => section(empty, heading))).toEqual([
      'No incident started this week.',
      'No new action items this week.',
      'Nothing was completed this week.',
      ['| Overdue for | Items |', '| --- | --- |', '| 0–7 days | 0 |', '| 8–30 days | 0 |', '| 31–90 days | 0 |', '| > 90 days | 0 |'].join('\n'),
      'Nothing became overdue this week.',
      'Nothing is due next week.',
      'No root cause has recurred.',
      'No broken promises.',
      'No action items.',
      section(empty, '## 12-week trend'),
    ]);
    expect(section(empty, '## 12-week trend').split('\n')).toHaveLength(14);
    expect(tables(empty).map((rows) => rows[0][0])).toEqual(['Overdue for', 'Week']);
  });

  it('omits a table with no rows and no message (no trend weeks)', () => {
    const text = reviewMarkdown({ ...quiet, trend: [] }, URL);
    expect(section(text, '## 12-week trend')).toBe('');
    expect(text.endsWith('## 12-week trend\n')).toBe(true);
  });
});

// Issue 22, finding 15: titles, names and reasons come from postmortems, Jira and users, and the markdown is
// pasted into Confluence or Slack. Whatever they hold must stay text: no HTML, no link, no emphasis or code,
// no new heading or table cell, and the reader sees it as written.
describe('reviewMarkdown with hostile text', () => {
  const HOSTILE = [
    '<img src=x onerror=alert(1)>',
    '| pipes | and more |',
    '[link](javascript:alert(1))',
    '![image](https://evil.example/x.png) <script>alert(1)</script>',
    '**bold** *em* _under_ `code` ~~gone~~ snake_case_name',
    '# heading? R&D &lt;b&gt; &amp; <https://evil.example>',
    '<b>closing</b>\\',
    'ops ## javascript:alert(1) #',
  ];
  const permissive = new MarkdownIt({ html: true, linkify: true });
  const ITEM_LINK = `${URL}/items/`;
  const JIRA = 'https://acme.atlassian.net/browse/';

  const hostileReview = (text: string): Review => {
    const entry = reviewItem({ id: 'h1', title: text, ownerName: text, teamName: text, jiraKey: text, jiraUrl: 'javascript:alert(1)' });
    const linked = reviewItem({ id: 'h2', title: text, jiraKey: text, jiraUrl: `${JIRA}PAY-9?q=)|<b> x` });
    return {
      ...busy,
      team: { id: 'team-x', name: text },
      incidents: [{ ...busy.incidents[0], title: text, impact: text, rootCause: text }],
      created: [entry, linked],
      recurringRootCauses: [{ ...busy.recurringRootCauses[0], label: text, openItems: [entry] }],
      brokenPromises: [{ ...busy.brokenPromises[0], item: entry, reason: text }],
      scorecards: [{ ...busy.scorecards[0], teamName: text }],
    };
  };

  /** Every token of the rendered document that is markup a text could have made: HTML, links, images, emphasis, code. */
  const markup = (markdown: string) => {
    const found: string[] = [];
    const walk = (tokens: ReturnType<MarkdownIt['parse']>) => {
      for (const token of tokens) {
        if (token.children) walk(token.children);
        if (token.type === 'html_inline' && token.content !== '<br>') found.push(`html ${token.content}`);
        else if (['html_block', 'image', 'code_inline', 'em_open', 's_open'].includes(token.type)) found.push(token.type);
        else if (token.type === 'link_open') {
          // Ours, or a bare http(s) URL in the text that the renderer turns into a link to itself (linkify).
          const href = token.attrGet('href') ?? '';
          if (!href.startsWith(ITEM_LINK) && !href.startsWith(JIRA) && !(token.markup === 'linkify' && /^https?:/.test(href))) found.push(`link ${href}`);
        }
      }
    };
    walk(permissive.parse(markdown, {}));
    return found;
  };

  it.each(HOSTILE)('keeps %j as inert text everywhere it appears', (text) => {
    const markdown = reviewMarkdown(hostileReview(text), URL);
    const written = text.replace(/\s+/g, ' ').trim();
    expect(markup(markdown)).toEqual([]);
    expect(permissive.render(markdown)).not.toMatch(/<(img|script|b|code|em|s)[\s>]/);
    expect(permissive.render(markdown).match(/<strong>/g)).toHaveLength(3);
    // The same headings, and every table has the cells it should, each showing the text as written.
    expect(headings(markdown).slice(1)).toEqual(HEADINGS);
    const heading = permissive.parse(markdown, {}).slice(0, 3);
    expect([heading[0].tag, heading[1].children?.map((child) => child.content).join('')]).toEqual(['h1', `Reliability review 2024-W25 — ${written}`]);
    const [incidents, promised, , , , , causes, promises, teams] = renderedTables(markdown);
    expect(incidents[1]).toEqual([written, '2024-06-18 14:00', 'SEV2', written, written]);
    // A Jira URL that is not http(s) is no link: the key is left out, as when the URL is unknown.
    expect(promised[1]).toEqual([written, written, written, '2024-06-21', 'OPEN']);
    expect(promised[2]).toEqual([`${written} (${written})`, 'Alice Moreau', 'Payments', '2024-06-21', 'OPEN']);
    expect(causes[1]).toEqual([written, '2', written]);
    expect(promises[1]).toEqual([written, 'PROMISED_AGAIN', written]);
    expect(teams[1]).toEqual([written, '3', '1', '3', '1', '50%', '3']);
    expect(links(markdown).filter(([, href]) => !href.startsWith(ITEM_LINK))).toEqual([
      [written, `${JIRA}PAY-9?q=%29%7C%3Cb%3E%20x`],
      ['PAY-101', `${JIRA}PAY-101`],
    ]);
  });

  it('escapes what would be markup and leaves ordinary text as it is', () => {
    const title = (text: string) => section(reviewMarkdown({ ...quiet, created: [reviewItem({ id: 'i9', title: text })] }, URL), '## What we promised').split('\n')[2].split('](')[0].slice(3);
    expect(title('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(title('R&D: fix *all* the `flags` in snake_case_name, _now_ ~~later~~')).toBe('R&amp;D: fix \\*all\\* the \\`flags\\` in snake_case_name, \\_now\\_ \\~\\~later\\~\\~');
    expect(title('Add circuit breaker to checkout (2024-06-20, 50%) #ops')).toBe('Add circuit breaker to checkout (2024-06-20, 50%) #ops');
  });
});
