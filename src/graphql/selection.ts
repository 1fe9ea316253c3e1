import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

type Fragments = GraphQLResolveInfo['fragments'];

/**
 * True when the field's sub-selection, through fragments, asks for no field outside `allowed` (a resolver may
 * then load less). Directives are not evaluated: a field under @skip still counts as asked for.
 */
export function selectsOnly(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, allowed: ReadonlySet<string>): boolean {
  return info.fieldNodes.every((node) => !node.selectionSet || within(node.selectionSet, info.fragments, allowed));
}

function within(selectionSet: SelectionSetNode, fragments: Fragments, allowed: ReadonlySet<string>): boolean {
  return selectionSet.selections.every((selection) => {
    if (selection.kind === Kind.FIELD) return allowed.has(selection.name.value);
    if (selection.kind === Kind.INLINE_FRAGMENT) return within(selection.selectionSet, fragments, allowed);
    const fragment = fragments[selection.name.value];
    return fragment !== undefined && within(fragment.selectionSet, fragments, allowed);
  });
}
