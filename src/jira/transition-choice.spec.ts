import type { JiraTransition } from './jira-client';
import { chooseTransition } from './transition-choice';

const to = (id: string, name: string, category?: string): JiraTransition => ({
  id,
  name: `Move to ${name}`,
  to: { name, ...(category ? { statusCategory: { key: category } } : {}) },
});

const START = to('21', 'In Progress', 'indeterminate');
const REVIEW = to('41', 'In Review', 'indeterminate');
const DONE = to('31', 'Done', 'done');
const WONT_DO = to('51', "Won't Do", 'done');
const BACKLOG = to('11', 'Backlog', 'new');
const ODD = to('61', 'Limbo');

describe('chooseTransition', () => {
  const offered = [ODD, START, REVIEW, DONE, WONT_DO, BACKLOG];

  it('takes the first transition into the category when no name is preferred', () => {
    expect(chooseTransition(offered, 'done', [])).toBe(DONE);
    expect(chooseTransition(offered, 'indeterminate', [])).toBe(START);
    expect(chooseTransition(offered, 'new', [])).toBe(BACKLOG);
  });

  it('takes a preferred status name, case-insensitively, over the first in the category', () => {
    expect(chooseTransition(offered, 'done', ["won't do"])).toBe(WONT_DO);
    expect(chooseTransition(offered, 'indeterminate', ['Blocked', 'IN REVIEW'])).toBe(REVIEW);
  });

  it('falls back to the first in the category when the workflow does not offer a preferred name', () => {
    expect(chooseTransition(offered, 'done', ['Declined'])).toBe(DONE);
  });

  it('never takes a preferred name in another category', () => {
    expect(chooseTransition(offered, 'new', ['Done', "Won't Do"])).toBe(BACKLOG);
    expect(chooseTransition([START, DONE], 'new', ['Done'])).toBeNull();
  });

  it('is null when nothing leads into the category', () => {
    expect(chooseTransition([START, REVIEW], 'done', [])).toBeNull();
    expect(chooseTransition([], 'done', ['Done'])).toBeNull();
    expect(chooseTransition([ODD], 'new', ['Limbo'])).toBeNull();
  });
});
