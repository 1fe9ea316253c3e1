// Written by `npm run migration:generate` from the files in migrations/, oldest first. An explicit list (not a
// glob) so that a stale compiled file in dist/ can never run; a test checks it matches the folder.
import { Initial1795243866258 } from '../../migrations/1795243866258-Initial';
import { ImportPostmortems1795246123367 } from '../../migrations/1795246123367-ImportPostmortems';
import { RecurrenceAndMeasures1795250762933 } from '../../migrations/1795250762933-RecurrenceAndMeasures';
import { JiraSync1795252367544 } from '../../migrations/1795252367544-JiraSync';
import { ApiTokens1795257725232 } from '../../migrations/1795257725232-ApiTokens';
import { ActiveItemsByDueDate1795264052254 } from '../../migrations/1795264052254-ActiveItemsByDueDate';
import { CoveringIndexesForFlags1795265567210 } from '../../migrations/1795265567210-CoveringIndexesForFlags';
import { DataVersion1795269089912 } from '../../migrations/1795269089912-DataVersion';
import { MergedServices1796549476558 } from '../../migrations/1796549476558-MergedServices';
import { JiraDescriptionFacts1796549865897 } from '../../migrations/1796549865897-JiraDescriptionFacts';
import { JiraRecurrenceComments1796549974273 } from '../../migrations/1796549974273-JiraRecurrenceComments';
import { KeepAdoptedIssueText1796550938763 } from '../../migrations/1796550938763-KeepAdoptedIssueText';

export const MIGRATIONS = [Initial1795243866258, ImportPostmortems1795246123367, RecurrenceAndMeasures1795250762933, JiraSync1795252367544, ApiTokens1795257725232, ActiveItemsByDueDate1795264052254, CoveringIndexesForFlags1795265567210, DataVersion1795269089912, MergedServices1796549476558, JiraDescriptionFacts1796549865897, JiraRecurrenceComments1796549974273, KeepAdoptedIssueText1796550938763];
