/** The fake's internal state records (not wire shapes). */
import type { AdfNode, ChangeItem } from './types';

export interface UserRecord {
  accountId: string;
  displayName: string;
  emailAddress: string | null;
  active: boolean;
  hideEmail: boolean;
}

export interface ProjectRecord {
  id: string;
  key: string;
  name: string;
  /** Next issue number; keys are never reused, even after a delete or move. */
  nextNumber: number;
}

export interface IssueRecord {
  id: string;
  key: string;
  projectId: string;
  projectKey: string;
  issueTypeId: string;
  summary: string;
  description: AdfNode | null;
  statusId: string;
  resolutionId: string | null;
  resolutionDate: Date | null;
  statusCategoryChanged: Date;
  labels: string[];
  duedate: string | null;
  assigneeAccountId: string | null;
  reporterAccountId: string;
  priorityId: string;
  created: Date;
  updated: Date;
  deleted: boolean;
}

/** The fields a write can change; status changes go through transitions, keys through moves. */
export type IssuePatch = Partial<Pick<IssueRecord, 'summary' | 'description' | 'labels' | 'duedate' | 'assigneeAccountId' | 'priorityId' | 'issueTypeId' | 'statusId' | 'resolutionId'>>;

/** A comment on an issue (contract: `POST`/`GET /rest/api/3/issue/{issueIdOrKey}/comment`). Not part of the changelog. */
export interface CommentRecord {
  id: string;
  issueId: string;
  authorAccountId: string;
  body: AdfNode;
  properties: { key: string; value: unknown }[];
  created: Date;
  updated: Date;
}

export interface History {
  id: number;
  authorAccountId: string;
  created: Date;
  items: ChangeItem[];
}

export type StoreEvent =
  | { kind: 'created' | 'deleted'; issue: IssueRecord; actor: string; at: Date }
  | { kind: 'updated'; issue: IssueRecord; actor: string; at: Date; history: History }
  | { kind: 'commented'; issue: IssueRecord; actor: string; at: Date; comment: CommentRecord };
