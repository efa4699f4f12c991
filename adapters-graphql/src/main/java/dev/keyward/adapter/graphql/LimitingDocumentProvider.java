package dev.keyward.adapter.graphql;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Enforces {@link DocumentLimits} on the parsed document before graphql-java validates it (some
 * validation rules are quadratic in the number of fields, so limits must come first), refuses a
 * request whose operation cannot be chosen (graphql-java would throw rather than answer), and refuses
 * mutations sent with GET, which must not change anything.
 */
final class LimitingDocumentProvider implements PreparsedDocumentProvider {

    private final DocumentLimits limits;

    LimitingDocumentProvider(DocumentLimits limits) {
        this.limits = limits;
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
                                                                      Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        Document document;
        try {
            document = Parser.parse(input.getQuery());
        } catch (InvalidSyntaxException e) {
            // graphql-java reports syntax errors itself, with their location.
            return CompletableFuture.completedFuture(parseAndValidate.apply(input));
        }
        var violation = limits.check(document);
        if (violation.isPresent()) {
            return CompletableFuture.completedFuture(new PreparsedDocumentEntry(ErrorCodes.badInput(
                    violation.get().message(), Map.of("limit", violation.get().limit(), "max", violation.get().max()))));
        }
        String unselectable = operationProblem(document, input.getOperationName());
        if (unselectable != null) {
            return CompletableFuture.completedFuture(new PreparsedDocumentEntry(ErrorCodes.badInput(unselectable, Map.of())));
        }
        RequestContext request = input.getGraphQLContext().get(RequestContext.KEY);
        if (request != null && request.readOnly() && hasMutation(document)) {
            return CompletableFuture.completedFuture(new PreparsedDocumentEntry(ErrorCodes.badInput(
                    "mutations must be sent with POST, not GET", Map.of())));
        }
        return CompletableFuture.completedFuture(parseAndValidate.apply(input));
    }

    /**
     * Why no operation can be chosen, or null. graphql-java throws {@code UnknownOperationException} out
     * of execution for these; an empty name counts as none, where graphql-java would silently run the
     * first operation. A document without operations is left to validation, which names the problem.
     */
    static String operationProblem(Document document, String operationName) {
        List<String> names = new ArrayList<>();
        for (Definition<?> definition : document.getDefinitions()) {
            if (definition instanceof OperationDefinition operation) {
                names.add(operation.getName());
            }
        }
        if (names.isEmpty()) {
            return null;
        }
        if (operationName == null || operationName.isEmpty()) {
            return names.size() > 1
                    ? "the document holds " + names.size() + " operations: name the one to run in 'operationName'"
                    : null;
        }
        return names.contains(operationName) ? null
                : "'operationName' names no operation of the document; it holds " + describe(names);
    }

    private static String describe(List<String> names) {
        return names.stream().map(name -> name == null ? "an anonymous operation" : "'" + name + "'")
                .collect(Collectors.joining(", "));
    }

    private static boolean hasMutation(Document document) {
        for (Definition<?> definition : document.getDefinitions()) {
            if (definition instanceof OperationDefinition operation
                    && operation.getOperation() == OperationDefinition.Operation.MUTATION) {
                return true;
            }
        }
        return false;
    }
}
