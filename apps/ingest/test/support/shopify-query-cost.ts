import { getNamedType, isCompositeType, isInterfaceType, isObjectType, Kind, valueFromASTUntyped, type GraphQLCompositeType, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * Shopify's published rule, simplified: an object costs 1, a scalar 0, a connection 2 plus `first` times one
 * of its items, a mutation 10.
 */
export function costOf(schema: GraphQLSchema, operation: OperationDefinitionNode, variables: Record<string, unknown>): number {
  const root = operation.operation === 'mutation' ? schema.getMutationType()! : schema.getQueryType()!;
  return selectionCost(operation.selectionSet, root, variables) + (operation.operation === 'mutation' ? 10 : 0);
}

function selectionCost(selectionSet: SelectionSetNode | undefined, parent: GraphQLCompositeType, variables: Record<string, unknown>): number {
  if (!selectionSet || !(isObjectType(parent) || isInterfaceType(parent))) return 0;
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      cost += selectionCost(selection.selectionSet, parent, variables);
      continue;
    }
    if (selection.kind !== Kind.FIELD) continue;
    const field = parent.getFields()[selection.name.value];
    const type = field ? getNamedType(field.type) : undefined;
    if (!type || !isCompositeType(type)) continue;
    if (type.name.endsWith('Connection')) {
      const size = selection.arguments?.find((arg) => arg.name.value === 'first' || arg.name.value === 'last');
      const count = size ? Number(valueFromASTUntyped(size.value, variables)) : 0;
      let item = 0;
      for (const inner of selection.selectionSet?.selections ?? []) {
        if (inner.kind !== Kind.FIELD || inner.name.value === 'pageInfo') continue;
        if (!isObjectType(type)) continue;
        const innerType = getNamedType(type.getFields()[inner.name.value].type) as GraphQLCompositeType;
        item = Math.max(item, inner.name.value === 'edges' ? selectionCost(inner.selectionSet, innerType, variables) : 1 + selectionCost(inner.selectionSet, innerType, variables));
      }
      cost += 2 + count * item;
    } else {
      cost += 1 + selectionCost(selection.selectionSet, type, variables);
    }
  }
  return cost;
}
