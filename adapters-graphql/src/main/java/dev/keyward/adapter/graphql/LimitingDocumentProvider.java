package dev.keyward.adapter.graphql;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Enforces {@link DocumentLimits} on the parsed document before graphql-java validates it (some
 * validation rules are quadratic in the number of fields, so limits must come first), and refuses
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
        RequestContext request = input.getGraphQLContext().get(RequestContext.KEY);
        if (request != null && request.readOnly() && hasMutation(document)) {
            return CompletableFuture.completedFuture(new PreparsedDocumentEntry(ErrorCodes.badInput(
                    "mutations must be sent with POST, not GET", Map.of())));
        }
        return CompletableFuture.completedFuture(parseAndValidate.apply(input));
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
