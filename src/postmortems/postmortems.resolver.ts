import { Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Args } from '../graphql/args';
import { ActionItemKind } from '../action-items/action-item-enums';
import type { GraphQLContext } from '../graphql/graphql-context';
import type { Severity } from '../incidents/severity';
import { ImportPostmortemInput } from './import-postmortem.input';
import { ImportPostmortemPayload } from './import-postmortem.payload';
import { PostmortemPreviewModel } from './parsed-postmortem.model';
import { PostmortemImportService } from './postmortem-import.service';
import { PreviewPostmortemArgs } from './preview-postmortem.args';

@Resolver()
export class PostmortemsResolver {
  constructor(private readonly imports: PostmortemImportService) {}

  @Mutation(() => ImportPostmortemPayload, {
    description: 'Imports a postmortem: the incident, the document, and every measure as an owned, due-dated item. Idempotent; edited content from the same sourceUri becomes a new revision.',
  })
  importPostmortem(@Args('input') input: ImportPostmortemInput, @Context() context: GraphQLContext): Promise<ImportPostmortemPayload> {
    return this.imports.import(input, context.actor);
  }

  @Query(() => PostmortemPreviewModel, { description: 'Parses a postmortem without saving anything.' })
  previewPostmortem(@Args() { text }: PreviewPostmortemArgs): PostmortemPreviewModel {
    const parsed = this.imports.preview(text);
    return {
      ...parsed,
      severity: parsed.severity as Severity | null,
      actionItems: parsed.actionItems.map((item) => ({ ...item, kind: item.kind.toUpperCase() as ActionItemKind, lineStart: item.lines.start, lineEnd: item.lines.end })),
    };
  }
}
