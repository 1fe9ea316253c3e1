import { parse } from 'graphql';
import { fragmentTree } from '../../test/support/graphql-arbitraries';
import { expandedSelectionCount } from './selection-count';
import { threadCpuMs } from '../../test/support/thread-cpu';

const count = (source: string) => expandedSelectionCount(parse(source));

describe('selections with fragments expanded (what the cost limit and execution walk)', () => {
  it('counts fields, spreads and inline fragments, each fragment as often as it is spread', () => {
    expect(count('{ owners { nodes { id name } } }')).toBe(4);
    expect(count('{ a: __typename b: __typename }')).toBe(2);
    expect(count('{ ...F ...F } fragment F on Query { owners { totalCount } }')).toBe(2 + 2 * 2);
    expect(count('{ ... on Query { owners { totalCount } } }')).toBe(3);
    // Every operation of the document: without an operationName the cost limit walks them all.
    expect(count('query A { __typename } query B { __typename __typename }')).toBe(3);
  });

  it('counts a fragment tree of 2^30 leaves in well under 100 ms, looking at each fragment once', () => {
    const started = threadCpuMs(); // CPU time: a busy machine does not inflate it
    // 2^30 leaves and 2^31 - 2 spreads below the root spread.
    expect(count(fragmentTree(30))).toBe(2 ** 31 - 1 + 2 ** 30);
    expect(threadCpuMs() - started).toBeLessThan(100);
  });

  it('counts cyclic and unknown fragments as empty (validation refuses them)', () => {
    expect(count('{ ...A } fragment A on Query { __typename ...B } fragment B on Query { ...A }')).toBe(1 + 2 + 1);
    expect(count('{ ...Missing }')).toBe(1);
  });
});
