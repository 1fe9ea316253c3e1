import { matchRevisionItems } from './revision-matching';

describe('matchRevisionItems', () => {
  it('pairs reworded measures, and reports new and dropped ones', () => {
    const parsed = ['Add an alert on disk usage above 80%', 'Rotate the partner API certificate', 'Write a runbook for cache restarts'];
    const existing = [
      { id: 'runbook', text: 'Write a runbook for restarting the cache' },
      { id: 'disk', text: 'Add alert on disk usage over 80%' },
      { id: 'training', text: 'Train support on the status page' },
    ];
    expect(matchRevisionItems(parsed, existing)).toEqual({
      matched: [
        [0, 'disk'],
        [2, 'runbook'],
      ],
      added: [1],
      dropped: ['training'],
    });
  });

  it('pairs the most similar first, so an earlier, weaker candidate does not take the match', () => {
    expect(matchRevisionItems(['Add disk alerts for workers', 'Add disk alerts for queue workers'], [{ id: 'alerts', text: 'Add disk alerts for queue workers' }])).toEqual({
      matched: [[1, 'alerts']],
      added: [0],
      dropped: [],
    });
  });

  it('pairs each item at most once, even when two parsed measures are the same', () => {
    expect(matchRevisionItems(['Add an alert on disk usage', 'Add an alert on disk usage'], [{ id: 'disk', text: 'Add an alert on disk usage' }])).toEqual({
      matched: [[0, 'disk']],
      added: [1],
      dropped: [],
    });
  });

  it('treats half the words shared as the same measure, and fewer as different measures', () => {
    expect([
      matchRevisionItems(['Rotate partner certificate'], [{ id: 'key', text: 'Rotate partner key' }]).matched,
      matchRevisionItems(['Rotate partner certificate'], [{ id: 'key', text: 'Rotate vendor key' }]).matched,
    ]).toEqual([[[0, 'key']], []]);
  });

  it('handles a first revision and a revision that drops everything', () => {
    expect([matchRevisionItems(['Add disk alerts'], []), matchRevisionItems([], [{ id: 'disk', text: 'Add disk alerts' }])]).toEqual([
      { matched: [], added: [0], dropped: [] },
      { matched: [], added: [], dropped: ['disk'] },
    ]);
  });
});
