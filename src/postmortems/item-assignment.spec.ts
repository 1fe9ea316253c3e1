import { AssignmentOrigin, Priority } from '../action-items/action-item-enums';
import type { ParsedActionItem } from '../parser/parsed-postmortem';
import { DEFAULT_DUE_POLICY } from './due-policy';
import { assignItem, looksLikeTeam, ownerName, priorityFor } from './item-assignment';

const from = new Date('2024-07-01T12:00:00Z');
const item: ParsedActionItem = {
  text: 'Add an alert on replica lag',
  title: 'Add an alert on replica lag',
  kind: 'detective',
  category: 'monitoring',
  owner: null,
  due: null,
  doneInSource: false,
  section: 'Action items',
  lines: { start: 12, end: 12 },
};

describe('assignItem', () => {
  it('takes owner and due date from the text first', () => {
    expect(assignItem({ ...item, owner: '@alice', due: '2024-08-15' }, 'SEV2', 'payments-team', DEFAULT_DUE_POLICY, from)).toEqual({
      ownerName: 'alice',
      ownerOrigin: AssignmentOrigin.TEXT,
      dueOn: '2024-08-15',
      dueOrigin: AssignmentOrigin.TEXT,
    });
  });

  it("falls back to the service's team and the due-date policy", () => {
    expect(assignItem(item, 'SEV2', 'payments-team', DEFAULT_DUE_POLICY, from)).toEqual({
      ownerName: 'payments-team',
      ownerOrigin: AssignmentOrigin.OWNERSHIP_MAP,
      dueOn: '2024-07-31',
      dueOrigin: AssignmentOrigin.POLICY,
    });
  });

  it('leaves the owner empty when neither the text nor the map names one', () => {
    expect(assignItem(item, null, null, DEFAULT_DUE_POLICY, from)).toEqual({ ownerName: null, ownerOrigin: null, dueOn: '2024-08-26', dueOrigin: AssignmentOrigin.POLICY });
  });

  // ownerName('@') is '', which `??` keeps while the origin test treats it as absent: an empty name from the map.
  it('falls back to the team when the written owner is a bare "@"', () => {
    expect(assignItem({ ...item, owner: '@' }, null, 'sre', DEFAULT_DUE_POLICY, from)).toEqual({
      ownerName: 'sre',
      ownerOrigin: AssignmentOrigin.OWNERSHIP_MAP,
      dueOn: '2024-08-26',
      dueOrigin: AssignmentOrigin.POLICY,
    });
  });
});

describe('ownerName', () => {
  it('strips handle marks on either side', () => {
    expect(['@alice', 'alice@', ' @@bob@ ', 'Jane Doe'].map(ownerName)).toEqual(['alice', 'alice', 'bob', 'Jane Doe']);
  });
});

describe('looksLikeTeam', () => {
  it('recognises team-like names and all-capitals acronyms, and takes anything else for a person', () => {
    expect(['payments-team', 'search squad', 'platform', 'devops', 'SRE', 'DB', 'alice', 'Jane Doe', 'Thomas'].map(looksLikeTeam)).toEqual([true, true, true, true, true, true, false, false, false]);
  });
});

describe('priorityFor', () => {
  it('maps severity to priority, and an unknown severity to P3', () => {
    expect((['SEV1', 'SEV2', 'SEV3', 'SEV4', null] as const).map(priorityFor)).toEqual([Priority.P1, Priority.P2, Priority.P3, Priority.P4, Priority.P3]);
  });
});
