package io.ticketsync.console;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders the console's pages from the Mustache templates in the jar ({@code /console/*.mustache}).
 * Every {@code {{value}}} is HTML-escaped by the template engine, so a letter's bytes can never
 * become markup. A value placed in a link's query is written {@code {{#urlencode}}{{{value}}}{{/urlencode}}}:
 * URL-encoded from the raw text (encoding the HTML-escaped text would turn {@code &} into
 * {@code %26amp%3B}); what comes out is letters, digits and {@code %+-._*}, safe in any attribute.
 */
final class ConsolePages {

    /** Encodes its rendered content as one query-string value. */
    private static final Mustache.Lambda QUERY_VALUE = (fragment, out) ->
            out.write(URLEncoder.encode(fragment.execute(), StandardCharsets.UTF_8));

    private final Mustache.Compiler compiler = Mustache.compiler().escapeHTML(true).defaultValue("")
            .withLoader(ConsolePages::template);
    private final Map<String, Template> compiled = new ConcurrentHashMap<>();

    String render(final String page, final Map<String, Object> model) {
        return compiled.computeIfAbsent(page, name -> {
            try (Reader reader = template(name)) {
                return compiler.compile(reader);
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
        }).execute(withHelpers(model));
    }

    private static Map<String, Object> withHelpers(final Map<String, Object> model) {
        final Map<String, Object> context = new HashMap<>(model);
        context.put("urlencode", QUERY_VALUE);
        return context;
    }

    private static Reader template(final String name) {
        final InputStream in = ConsolePages.class.getResourceAsStream("/console/" + name + ".mustache");
        if (in == null) {
            throw new IllegalStateException("no console template '" + name + "' in the jar");
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
}
