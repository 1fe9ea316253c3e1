import { Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RequireRole } from '../auth/access.decorators';
import { Role } from '../auth/role';
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

  // An editor's: it parses as much as an import does (and large documents on a worker thread, see PostmortemParser).
  @RequireRole(Role.EDITOR)
  @Query(() => PostmortemPreviewModel, { description: 'Parses a postmortem without saving anything (editor). At most one per request.' })
  async previewPostmortem(@Args() { text }: PreviewPostmortemArgs, @Context() context: GraphQLContext): Promise<PostmortemPreviewModel> {
    const parsed = await this.imports.preview(text, context.signal);
    return {
      ...parsed,
      severity: parsed.severity as Severity | null,
      actionItems: parsed.actionItems.map((item) => ({ ...item, kind: item.kind.toUpperCase() as ActionItemKind, lineStart: item.lines.start, lineEnd: item.lines.end })),
    };
  }
}
