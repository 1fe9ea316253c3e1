import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PostmortemFormat } from './postmortem-format';

registerEnumType(PostmortemFormat, { name: 'PostmortemFormat' });

@ObjectType('Postmortem', { description: 'One imported revision of the document written about an incident, kept whole.' })
export class PostmortemModel {
  @Field(() => ID)
  id: string;

  @Field(() => PostmortemFormat)
  format: PostmortemFormat;

  @Field({ description: 'SHA-256 of the raw text, hex.' })
  sha256: string;

  @Field(() => String, { nullable: true, description: 'Where the document came from (a URL or file path), as given at import.' })
  sourceUri: string | null;

  @Field()
  importedAt: Date;

  @Field({ name: 'text', description: 'The document exactly as imported.' })
  rawText: string;

  @Field(() => Int, { description: '1 for the first import of this incident\'s postmortem, then 2, 3, …' })
  revision: number;
}
