/** Small postmortems written for the import specs. */

export const CART_LEAK_V1 = `# Cart outage: shopping cart memory leak

Date: 2024-05-02
Start: 2024-05-02 09:00 UTC
End: 2024-05-02 10:30 UTC
Impact: About 25% of users could not check out.
Root Cause: A memory leak in the shopping cart service exhausted its heap.

## Action items

- Add heap usage alerts for the shopping cart service
- Run a load test of checkout before every release (owner: @dana) by 2024-06-15
- Review the cart session cache code for unbounded maps
`;

// Revision 2: one measure reworded, one new, the code review dropped.
export const CART_LEAK_V2 = `# Cart outage: shopping cart memory leak

Date: 2024-05-02
Start: 2024-05-02 09:00 UTC
End: 2024-05-02 10:30 UTC
Impact: About 25% of users could not check out.
Root Cause: A memory leak in the shopping cart service exhausted its heap.

## Action items

- Add heap usage alerts and a dashboard for the shopping cart service
- Run a load test of checkout before every release (owner: @dana) by 2024-06-15
- Cap the cart session cache at 50,000 entries
`;

export const NO_MEASURES = `# Search was slow for ten minutes

Impact: search results took 4 seconds instead of 300 ms.
Root Cause: A cold cache after a deploy.
`;
