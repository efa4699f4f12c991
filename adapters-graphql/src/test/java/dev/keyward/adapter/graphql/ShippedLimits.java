package dev.keyward.adapter.graphql;

import io.micronaut.context.ApplicationContext;

/** The document limits as shipped: bound by Micronaut from no configuration, so tests see the real defaults. */
final class ShippedLimits {

    static final DocumentLimits LIMITS = bind();

    private ShippedLimits() {
    }

    private static DocumentLimits bind() {
        try (ApplicationContext context = ApplicationContext.run()) {
            return context.getBean(DocumentLimits.class);
        }
    }
}
