import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';

@ArgsType()
export class LinkJiraIssueArgs {
  @Field(() => ID)
  @IsUUID(undefined, { message: 'itemId must be a UUID, as returned by this API' })
  itemId: string;

  @Field({ description: 'The key of the existing issue, e.g. PM-42.' })
  @MaxLength(64)
  @Matches(/^\s*[A-Za-z][A-Za-z0-9_]+-\d+\s*$/, { message: 'issueKey must be a Jira issue key such as PM-42' })
  issueKey: string;

  @Field({
    defaultValue: false,
    description:
      "Write the item's summary, description, priority and labels over the issue's. Without it they stay as people wrote them in Jira (status, due date and assignee still sync); link again with true to hand them to the item.",
  })
  @IsOptional()
  @IsBoolean()
  overwrite: boolean = false;
}
