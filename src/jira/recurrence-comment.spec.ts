import { loadEnv } from '../config/env';
import { readJiraSettings } from './jira-settings';
import { isRecurrenceComment, recurrenceComment, recurrenceMarker, type Recurrence } from './recurrence-comment';

const SETTINGS = readJiraSettings(loadEnv({ JIRA_BASE_URL: 'https://acme.atlassian.net', JIRA_EMAIL: 'sync@acme.test', JIRA_API_TOKEN: 't', JIRA_PROJECT_KEY: 'PM', PUBLIC_URL: 'https://followthrough.acme.test/' }))!;
const ITEM_ID = '7f3c2a10-5b1e-4c8a-9d2f-0e6b4a1c9d33';
const INCIDENT_ID = '0b6d3c1e-2f4a-4e8b-9c7d-5a1f2e3d4c5b';

/** The September 2024 payment gateway outage, recurring for an item promised after the March one (examples/). */
const SEPTEMBER: Recurrence = {
  incidentId: INCIDENT_ID,
  incidentTitle: 'Payment gateway API outage, 6 September 2024',
  startedAt: new Date('2024-09-06T16:40:00Z'),
  rootCause: { failureMode: 'memory-leak', serviceName: 'payment gateway' },
};
const MARKER = `https://followthrough.acme.test/items/${ITEM_ID}#recurrence-${INCIDENT_ID}`;

describe('recurrenceComment', () => {
  it('says which incident had the same root cause, when, that the item is still open, and links to the item', () => {
    expect(recurrenceComment(ITEM_ID, SEPTEMBER, SETTINGS)).toEqual({
      body: {
        type: 'doc',
        version: 1,
        content: [
          {
            type: 'paragraph',
            content: [{ type: 'text', text: 'Incident «Payment gateway API outage, 6 September 2024» on 2024-09-06 had the same root cause (memory leak in payment gateway); this item is still open.' }],
          },
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'In Followthrough: ' },
              { type: 'text', text: `https://followthrough.acme.test/items/${ITEM_ID}`, marks: [{ type: 'link', attrs: { href: MARKER } }] },
            ],
          },
        ],
      },
    });
  });

  it('leaves the root cause out when the postmortem names no failure mode, and dates the incident in UTC', () => {
    const late = { ...SEPTEMBER, startedAt: new Date('2024-09-06T23:30:00-07:00'), rootCause: { failureMode: 'unknown', serviceName: 'payment gateway' } };
    const [first] = recurrenceComment(ITEM_ID, late, SETTINGS).body.content;
    expect(first.content[0]).toEqual({ type: 'text', text: 'Incident «Payment gateway API outage, 6 September 2024» on 2024-09-07 had the same root cause; this item is still open.' });
  });
});

describe('recurrenceMarker and isRecurrenceComment', () => {
  it('marks a comment by its link to the item with the recurring incident in the fragment', () => {
    expect(recurrenceMarker(SETTINGS, ITEM_ID, INCIDENT_ID)).toBe(MARKER);
  });

  it('recognises the comment as Jira returns it, and nothing else', () => {
    const { body } = recurrenceComment(ITEM_ID, SEPTEMBER, SETTINGS);
    expect(isRecurrenceComment(structuredClone(body), MARKER)).toBe(true);
    expect(isRecurrenceComment(body, recurrenceMarker(SETTINGS, ITEM_ID, 'another-incident'))).toBe(false);
    expect(isRecurrenceComment(body, recurrenceMarker(SETTINGS, 'another-item', INCIDENT_ID))).toBe(false);
    const person = { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: `Same as ${MARKER}` }] }] };
    expect(isRecurrenceComment(person, MARKER)).toBe(false);
    expect(isRecurrenceComment('Incident «Payment gateway API outage» had the same root cause', MARKER)).toBe(false);
    expect(isRecurrenceComment(null, MARKER)).toBe(false);
  });
});
