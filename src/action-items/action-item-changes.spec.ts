import { diffFields } from './action-item-changes';

describe('diffFields', () => {
  const before = { title: 'Add alerts', dueOn: '2024-07-01', ownerId: 'a', completedAt: null as Date | null };

  it('lists only the fields whose value changes, skipping omitted ones', () => {
    expect(diffFields(before, { title: 'Add alerts', dueOn: '2024-08-01', ownerId: undefined })).toEqual([{ field: 'dueOn', from: '2024-07-01', to: '2024-08-01' }]);
  });

  it('records clearing a field as a change to null and instants as ISO strings', () => {
    expect(diffFields(before, { ownerId: null, completedAt: new Date('2024-07-02T08:00:00Z') })).toEqual([
      { field: 'ownerId', from: 'a', to: null },
      { field: 'completedAt', from: null, to: '2024-07-02T08:00:00.000Z' },
    ]);
  });
});
