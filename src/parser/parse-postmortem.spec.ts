import { parsePostmortem } from './parse-postmortem';
import type { ParsedActionItem } from './parsed-postmortem';

const doc = (...lines: string[]) => lines.join('\n');
const item = (overrides: Partial<ParsedActionItem> & Pick<ParsedActionItem, 'text' | 'lines'>): ParsedActionItem => ({
  title: overrides.text.replace(/\.$/, ''),
  kind: 'preventive',
  category: 'other',
  owner: null,
  due: null,
  doneInSource: false,
  section: 'Action items',
  ...overrides,
});

describe('parsePostmortem', () => {
  it('reads a plain-text report whose sections are "Label:" lines', () => {
    const text = doc(
      'Postmortem: Report exports stalled on the reporting cluster',
      '',
      'Summary: From 09:10 to 10:25 UTC on 8 May 2024 no scheduled report exports finished, because a cron job held a lock on the exports table.',
      '',
      'Duration: 75 minutes',
      '',
      'Impact: 18% of customers who export reports received nothing that morning.',
      '',
      'Root Cause: A nightly cleanup job locked the exports table and never released the lock.',
      '',
      'Corrective measures:',
      'Move the cleanup job to a dedicated maintenance window.',
      'Add an alert when an export waits for a lock longer than five minutes.',
      'Write a runbook for clearing stuck table locks.',
    );
    const section = 'Corrective measures';
    expect(parsePostmortem(text)).toEqual({
      format: 'text',
      title: 'Postmortem: Report exports stalled on the reporting cluster',
      summary: 'From 09:10 to 10:25 UTC on 8 May 2024 no scheduled report exports finished, because a cron job held a lock on the exports table.',
      startedAt: '2024-05-08T09:10:00+00:00',
      endedAt: '2024-05-08T10:25:00+00:00',
      durationMinutes: 75,
      impactPercent: 18,
      impact: '18% of customers who export reports received nothing that morning.',
      severity: 'SEV3',
      rootCause: { summary: 'A nightly cleanup job locked the exports table and never released the lock.', category: 'database', component: 'reporting cluster' },
      resolution: null,
      timeline: [],
      actionItems: [
        item({ text: 'Move the cleanup job to a dedicated maintenance window.', kind: 'corrective', section, lines: { start: 12, end: 12 } }),
        item({ text: 'Add an alert when an export waits for a lock longer than five minutes.', kind: 'detective', category: 'monitoring', section, lines: { start: 13, end: 13 } }),
        item({ text: 'Write a runbook for clearing stuck table locks.', kind: 'mitigative', category: 'incident-response', section, lines: { start: 14, end: 14 } }),
      ],
      warnings: [],
    });
  });

  it('reads "#Heading" without a space, bold pseudo-headings, grouping labels, dash sub-bullets and checkboxes, and leaves out the closing remark', () => {
    const text = doc(
      '#Checkout timeouts after a pool resize',
      '',
      '#Summary',
      'The checkout service ran out of database connections after its pool was halved.',
      '',
      '**Root cause**',
      '',
      'A configuration change reduced the connection pool from 40 to 20.',
      '',
      '**Action items**',
      '',
      '- Monitoring:',
      '  - Add an alert on connection pool saturation that pages the checkout on-call',
      '    when more than nine in ten connections are busy.',
      '  - Chart pool wait time on the checkout dashboard.',
      '- [x] Restore the pool size to 40.',
      '- [ ] Validate pool settings in CI before they ship. Owner: @priya, due 2024-09-30',
      '- Review other services for undersized pools:',
      '  — Audit the payments connection pool.',
      '  — Audit the search connection pool.',
      '',
      'We believe these steps will keep checkout healthy.',
    );
    const parsed = parsePostmortem(text);
    const review = 'Review other services for undersized pools';
    expect({ title: parsed.title, summary: parsed.summary, rootCause: parsed.rootCause, actionItems: parsed.actionItems }).toEqual({
      title: 'Checkout timeouts after a pool resize',
      summary: 'The checkout service ran out of database connections after its pool was halved.',
      rootCause: { summary: 'A configuration change reduced the connection pool from 40 to 20.', category: 'configuration-error', component: 'connection pool' },
      actionItems: [
        item({
          text: 'Add an alert on connection pool saturation that pages the checkout on-call when more than nine in ten connections are busy.',
          title: 'Add an alert on connection pool saturation that pages the checkout on-call when more…',
          kind: 'detective',
          category: 'monitoring',
          section: 'Monitoring',
          lines: { start: 13, end: 14 },
        }),
        item({ text: 'Chart pool wait time on the checkout dashboard.', kind: 'detective', category: 'monitoring', section: 'Monitoring', lines: { start: 15, end: 15 } }),
        item({ text: 'Restore the pool size to 40.', doneInSource: true, lines: { start: 16, end: 16 } }),
        item({
          text: 'Validate pool settings in CI before they ship. Owner: @priya, due 2024-09-30',
          title: 'Validate pool settings in CI before they ship',
          category: 'configuration',
          owner: '@priya',
          due: '2024-09-30',
          lines: { start: 17, end: 17 },
        }),
        item({ text: 'Audit the payments connection pool.', kind: 'corrective', section: review, lines: { start: 19, end: 19 } }),
        item({ text: 'Audit the search connection pool.', kind: 'corrective', section: review, lines: { start: 20, end: 20 } }),
      ],
    });
  });

  it('reads owner, due date and kind from an action-item table, ignoring placeholder cells', () => {
    const text = doc(
      '# Search index rebuild outage',
      '',
      '## Follow-up',
      '',
      '| Action | Owner | Due | Type |',
      '| --- | --- | --- | --- |',
      '| Add a dry-run mode to the index rebuild | search-team | 2024-10-01 | Detect |',
      '| Alert when the index document count drops | @lee | Oct 15, 2024 | Prevent |',
      '| Share the rebuild checklist with support | - | n/a | Process |',
    );
    const section = 'Follow-up';
    // The Type column is the authors' own classification, so it wins even where the wording suggests another kind.
    expect(parsePostmortem(text).actionItems).toEqual([
      item({ text: 'Add a dry-run mode to the index rebuild', title: 'Add a dry-run mode to the index rebuild', kind: 'detective', owner: 'search-team', due: '2024-10-01', section, lines: { start: 7, end: 7 } }),
      item({ text: 'Alert when the index document count drops', title: 'Alert when the index document count drops', category: 'monitoring', owner: '@lee', due: '2024-10-15', section, lines: { start: 8, end: 8 } }),
      item({ text: 'Share the rebuild checklist with support', title: 'Share the rebuild checklist with support', kind: 'process', category: 'process', section, lines: { start: 9, end: 9 } }),
    ]);
  });

  it('warns at line 1, column 1 when the document names no measures', () => {
    const parsed = parsePostmortem(doc('# Brief cache blip', '', 'The cache restarted at noon and came back on its own a minute later. Nothing was lost.'));
    expect({ actionItems: parsed.actionItems, warnings: parsed.warnings.map(({ line, column, code }) => ({ line, column, code })) }).toEqual({
      actionItems: [],
      warnings: [
        { line: 1, column: 1, code: 'NO_ACTION_ITEMS' },
        { line: 1, column: 1, code: 'NO_ROOT_CAUSE' },
      ],
    });
  });

  const ambiguous = doc('# Login latency spike', '', 'Start: 06-07-2024 10:00 UTC', 'End: 06-07-2024 10:45 UTC', '', '## Timeline', '', '- 06-07-2024 10:00 UTC latency alert fires', '- 10:45 UTC latency back to normal');

  it('does not guess an ambiguous date, and warns on each line that has one', () => {
    const parsed = parsePostmortem(ambiguous);
    expect({
      startedAt: parsed.startedAt,
      endedAt: parsed.endedAt,
      durationMinutes: parsed.durationMinutes,
      warnings: parsed.warnings.filter((w) => w.code === 'AMBIGUOUS_DATE').map(({ line, message }) => ({ line, message })),
    }).toEqual({
      startedAt: null,
      endedAt: null,
      durationMinutes: 45,
      warnings: [3, 4, 8].map((line) => ({ line, message: '"06-07-2024" could be day-month or month-day; the date was not used.' })),
    });
  });

  // ParseWarning promises a column in the source text; it is counted from the start of the field value or list item text.
  it('places an ambiguous-date warning at the column of the date in the source line', () => {
    expect(parsePostmortem(ambiguous).warnings.filter((w) => w.code === 'AMBIGUOUS_DATE').map((w) => [w.line, w.column])).toEqual([
      [3, 8],
      [4, 6],
      [8, 3],
    ]);
  });

  it('never reports an impossible instant', () => {
    const parsed = parsePostmortem(doc('# Queue outage', '', '## Timeline', '', '- 2024-02-30 10:00 UTC outage began', '- 2024-02-30 10:40 UTC service restored'));
    expect([parsed.startedAt, parsed.endedAt]).toEqual([null, null]);
  });

  it('reads at most 1000 measures and warns at the last one read', () => {
    const bullets = Array.from({ length: 1005 }, (_, i) => `- Add an alert for queue ${i + 10} lag`);
    const parsed = parsePostmortem(doc('# Many queues', '', '## Action items', '', ...bullets));
    expect({ count: parsed.actionItems.length, last: parsed.actionItems.at(-1)?.lines, warning: parsed.warnings.find((w) => w.code === 'TOO_MANY_ITEMS') }).toEqual({
      count: 1000,
      last: { start: 1004, end: 1004 },
      warning: { line: 1004, column: 1, code: 'TOO_MANY_ITEMS', message: 'Only the first 1000 measures were read.' },
    });
  });
  it('does not read a title that merely contains a section word as that section', () => {
    const parsed = parsePostmortem(
      doc('# Checkout outage after the recommendations rollout', '', 'Date: 2024-05-02', 'Severity: SEV2', '', '## Action items', '- Add heap alerts to the payment gateway', '- Load test checkout before each release'),
    );
    expect(parsed.actionItems.map((item) => item.title)).toEqual(['Add heap alerts to the payment gateway', 'Load test checkout before each release']);
    expect(parsed.severity).toBe('SEV2');
  });

  it('still reads a title that starts with a section word, or a lone heading, as that section', () => {
    const titled = parsePostmortem(doc('# Action items: checkout outage', '', '## Detection', '- Alert on heap growth in the payment gateway'));
    expect(titled.actionItems.map((item) => [item.title, item.kind])).toEqual([['Alert on heap growth in the payment gateway', 'detective']]);
    const lone = parsePostmortem(doc('The cart leaked memory.', '', '# Recommendations', '- Load test checkout before each release'));
    expect(lone.actionItems.map((item) => item.title)).toEqual(['Load test checkout before each release']);
  });
});
