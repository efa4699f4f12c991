package dev.keyward.adapter.graphql;

import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The resource limits a document must respect before it is validated or run, so that a single
 * request cannot make the server do unbounded work: at most {@code maxOperations} operations,
 * {@code maxAliases} aliased fields, a nesting depth of {@code maxDepth} fields and a complexity
 * (the number of fields selected once every fragment is expanded) of {@code maxComplexity}.
 * Fragments are measured once each, so a document that spreads fragments exponentially is
 * measured in linear time; a fragment cycle is left to validation, which rejects it.
 * They are the {@code keyward.graphql.*} settings; the defaults are generous enough for GraphiQL's full
 * introspection query (depth 13) and every query of this schema. Bound at start, so a bad value refuses it.
 */
@Context
@ConfigurationProperties("keyward.graphql")
record DocumentLimits(@Bindable(defaultValue = "15") int maxDepth,
                      @Bindable(defaultValue = "500") int maxComplexity,
                      @Bindable(defaultValue = "15") int maxAliases,
                      @Bindable(defaultValue = "10") int maxOperations) {

    DocumentLimits {
        if (maxDepth < 1 || maxComplexity < 1 || maxAliases < 0 || maxOperations < 1) {
            throw new ConfigurationException("keyward.graphql limits must be positive (max-aliases may be 0), were max-depth "
                    + maxDepth + ", max-complexity " + maxComplexity + ", max-aliases " + maxAliases
                    + ", max-operations " + maxOperations);
        }
    }

    /** Which limit a document broke and a message for the client saying by how much. */
    record Violation(String limit, int max, String message) {
    }

    Optional<Violation> check(Document document) {
        Map<String, FragmentDefinition> fragments = new HashMap<>();
        int operations = 0;
        int aliases = 0;
        for (Definition<?> definition : document.getDefinitions()) {
            if (definition instanceof FragmentDefinition fragment) {
                fragments.putIfAbsent(fragment.getName(), fragment);
                aliases += aliases(fragment.getSelectionSet());
            } else if (definition instanceof OperationDefinition operation) {
                operations++;
                aliases += aliases(operation.getSelectionSet());
            }
        }
        if (operations > maxOperations) {
            return Optional.of(new Violation("operations", maxOperations, "the document holds " + operations
                    + " operations; at most " + maxOperations + " are allowed in one request"));
        }
        if (aliases > maxAliases) {
            return Optional.of(new Violation("aliases", maxAliases, "the document uses " + aliases
                    + " aliases; at most " + maxAliases + " are allowed"));
        }
        Measure measure = new Measure(fragments);
        for (Definition<?> definition : document.getDefinitions()) {
            if (definition instanceof OperationDefinition operation) {
                Size size = measure.of(operation.getSelectionSet());
                if (size.depth > maxDepth) {
                    return Optional.of(new Violation("depth", maxDepth, "the operation " + nameOf(operation)
                            + " nests fields " + size.depth + " deep; at most " + maxDepth + " levels are allowed"));
                }
                if (size.fields > maxComplexity) {
                    return Optional.of(new Violation("complexity", maxComplexity, "the operation " + nameOf(operation)
                            + " selects " + (size.fields == Long.MAX_VALUE ? "too many" : String.valueOf(size.fields))
                            + " fields once fragments are expanded; at most " + maxComplexity + " are allowed"));
                }
            }
        }
        return Optional.empty();
    }

    private static String nameOf(OperationDefinition operation) {
        return operation.getName() == null ? "(anonymous)" : "'" + operation.getName() + "'";
    }

    /** Aliases written in this selection set, not expanding fragments: each is counted where it is written. */
    private static int aliases(SelectionSet set) {
        if (set == null) {
            return 0;
        }
        int count = 0;
        for (Selection<?> selection : set.getSelections()) {
            if (selection instanceof Field field) {
                count += (field.getAlias() != null ? 1 : 0) + aliases(field.getSelectionSet());
            } else if (selection instanceof InlineFragment inline) {
                count += aliases(inline.getSelectionSet());
            }
        }
        return count;
    }

    /** Depth and field count of a selection; counts saturate at {@link Long#MAX_VALUE}. */
    private record Size(int depth, long fields) {
        static final Size EMPTY = new Size(0, 0);
    }

    private static final class Measure {
        private final Map<String, FragmentDefinition> fragments;
        private final Map<String, Size> measured = new HashMap<>();
        private final Set<String> inProgress = new HashSet<>();

        Measure(Map<String, FragmentDefinition> fragments) {
            this.fragments = fragments;
        }

        Size of(SelectionSet set) {
            if (set == null) {
                return Size.EMPTY;
            }
            int depth = 0;
            long fields = 0;
            for (Selection<?> selection : set.getSelections()) {
                Size size;
                if (selection instanceof Field field) {
                    Size inner = of(field.getSelectionSet());
                    size = new Size(inner.depth + 1, add(inner.fields, 1));
                } else if (selection instanceof InlineFragment inline) {
                    size = of(inline.getSelectionSet());
                } else if (selection instanceof FragmentSpread spread) {
                    size = ofFragment(spread.getName());
                } else {
                    size = Size.EMPTY;
                }
                depth = Math.max(depth, size.depth);
                fields = add(fields, size.fields);
            }
            return new Size(depth, fields);
        }

        private Size ofFragment(String name) {
            Size known = measured.get(name);
            if (known != null) {
                return known;
            }
            FragmentDefinition fragment = fragments.get(name);
            if (fragment == null || !inProgress.add(name)) {
                // Unknown or cyclic: validation rejects the document with a precise message.
                return Size.EMPTY;
            }
            Size size = of(fragment.getSelectionSet());
            inProgress.remove(name);
            measured.put(name, size);
            return size;
        }

        private static long add(long a, long b) {
            long sum = a + b;
            return sum < 0 ? Long.MAX_VALUE : sum;
        }
    }
}
