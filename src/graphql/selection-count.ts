import { Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * How many selections the document's operations hold with every fragment expanded where it is spread, as the cost
 * limit and execution see them. Each fragment is counted once and its count reused, so this takes time in the
 * document's size, not the expansion's: `fragment Fk { ...F(k-1) ...F(k-1) }` 30 levels deep is a billion.
 * A cyclic or unknown fragment counts as empty (validation refuses the document); a nest too deep for the stack
 * counts as Infinity.
 */
export function expandedSelectionCount(document: DocumentNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const counted = new Map<string, number>();
  const counting = new Set<string>();

  const countOf = (set: SelectionSetNode | undefined): number => {
    let count = 0;
    for (const selection of set?.selections ?? []) {
      count += 1;
      if (selection.kind === Kind.FIELD) count += countOf(selection.selectionSet);
      else if (selection.kind === Kind.INLINE_FRAGMENT) count += countOf(selection.selectionSet);
      else count += fragmentCount(selection.name.value);
    }
    return count;
  };
  const fragmentCount = (name: string): number => {
    const known = counted.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    if (!fragment || counting.has(name)) return 0;
    counting.add(name);
    const count = countOf(fragment.selectionSet);
    counting.delete(name);
    counted.set(name, count);
    return count;
  };

  try {
    let total = 0;
    for (const definition of document.definitions) if (definition.kind === Kind.OPERATION_DEFINITION) total += countOf(definition.selectionSet);
    return total;
  } catch (error) {
    if (error instanceof RangeError) return Infinity; // the call stack ran out
    throw error;
  }
}
