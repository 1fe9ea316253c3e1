/** A matcher's link stays SUGGESTED until a person confirms or rejects it; recomputing never changes a decision. */
export enum LinkStatus {
  SUGGESTED = 'SUGGESTED',
  CONFIRMED = 'CONFIRMED',
  REJECTED = 'REJECTED',
}
