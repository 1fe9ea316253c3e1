import { readAnnotations, toCalendarDate } from './item-annotations';

const none = { owner: null, due: null, doneInSource: false };

describe('readAnnotations', () => {
  it('reads an owner label in any case, with the handle as written', () => {
    expect([
      readAnnotations('Add disk alerts. Owner: @alice'),
      readAnnotations('Add disk alerts (owner: payments-team)'),
      readAnnotations('Add disk alerts. OWNER: amirh@'),
      readAnnotations('Add disk alerts. Assignee - dave'),
      readAnnotations('Add disk alerts. owner: Jane Doe'),
    ]).toEqual([
      { ...none, owner: '@alice' },
      { ...none, owner: 'payments-team' },
      { ...none, owner: 'amirh@' },
      { ...none, owner: 'dave' },
      { ...none, owner: 'Jane Doe' },
    ]);
  });

  it('takes a trailing @handle for the owner, but not an e-mail address in the text', () => {
    expect([readAnnotations('Add disk alerts — @bob'), readAnnotations('Add disk alerts @carol.'), readAnnotations('Email ops@example.com about the alerts')]).toEqual([
      { ...none, owner: '@bob' },
      { ...none, owner: '@carol' },
      none,
    ]);
  });

  it('reads due dates written after a label or after "by", in ISO or with a written month', () => {
    expect(
      ['Rotate keys (Due: Feb 28, 2025)', 'Rotate keys, due 2024-07-01', 'Rotate keys by 2024-07-01', 'Rotate keys by March 5, 2025', 'Rotate keys by 5 March 2025', 'Rotate keys, deadline: 2025-01-15'].map(
        (text) => readAnnotations(text).due,
      ),
    ).toEqual(['2025-02-28', '2024-07-01', '2024-07-01', '2025-03-05', '2025-03-05', '2025-01-15']);
  });

  it('gives no due date for a date without a year, a weekday, a quarter or a bare year', () => {
    expect(['Rotate keys by March 5', 'Rotate keys (Due: March 5)', 'Rotate keys by Friday', 'Rotate keys. ETA: Q3 2025', 'Cut the due diligence backlog by 2025'].map((text) => readAnnotations(text))).toEqual([
      none,
      none,
      none,
      none,
      none,
    ]);
  });

  it('reads done marks: "(DONE)", "(completed)", "[done]" and a check mark', () => {
    expect(['Rotate keys (DONE)', 'Rotate keys (completed)', 'Rotate keys [done]', 'Rotate keys ✅', 'Rotate keys when done'].map((text) => readAnnotations(text).doneInSource)).toEqual([
      true,
      true,
      true,
      true,
      false,
    ]);
  });

  it('reads owner, due date and done mark together', () => {
    expect(readAnnotations('Pin the base image. OWNER: amirh@ (DONE) due 2024-02-01')).toEqual({ owner: 'amirh@', due: '2024-02-01', doneInSource: true });
  });

  // The owner pattern allows a capitalised second word for "Jane Doe", so the label after a sentence break joins it.
  it('ends the owner at the end of its sentence', () => {
    expect(readAnnotations('Fix the queue. Owner: @alice. Due: 2025-01-10')).toEqual({ owner: '@alice', due: '2025-01-10', doneInSource: false });
  });

  // readCalendarDay refuses "04-12-2022" as ambiguous; a due date written the same way should not be guessed either.
  it('gives no due date for a numeric date whose day and month could be swapped', () => {
    expect(readAnnotations('Rotate keys (Due: 03/04/2025)').due).toBeNull();
  });

  it('gives no due date for an impossible date', () => {
    expect(readAnnotations('Rotate keys (Due: 2025-02-30)').due).toBeNull();
  });
});

describe('toCalendarDate', () => {
  it('writes dates that name their year as YYYY-MM-DD, and nothing else', () => {
    expect(['March 5, 2025', '2025-03-05', '31/12/2025', '5 March', 'next Tuesday', 'Q3 2025', '2025'].map(toCalendarDate)).toEqual([
      '2025-03-05',
      '2025-03-05',
      '2025-12-31',
      null,
      null,
      null,
      null,
    ]);
  });
});
