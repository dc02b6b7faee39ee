package io.ticketsync.console;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Who is asking and which origin they reached, as the console should believe it: the direct peer
 * and the request's own scheme, host and port, unless the peer is a trusted proxy. Only then are its
 * forwarded headers read, because anyone else can write them.
 *
 * <p>Behind a trusted proxy: the client is the rightmost {@code X-Forwarded-For} entry that is not
 * itself a trusted proxy (a proxy appends the address it saw, so entries to its left are the
 * client's own claims); the scheme is the last {@code X-Forwarded-Proto} value. Without
 * {@code X-Forwarded-For}, the RFC 7239 {@code Forwarded} header is read the same way
 * ({@code for}, {@code proto}, {@code host}). A proxy should set one family and drop the other.
 *
 * @param address the client's address, for throttling and the audit log
 * @param origin  the origin the client's browser used, for the same-origin check
 */
record ClientView(String address, WebOrigin origin) {

    /** Reads requests for the console, believing only the given proxies. */
    static final class Reader {

        private final Set<InetAddress> trustedProxies;

        Reader(final Set<InetAddress> trustedProxies) {
            this.trustedProxies = Set.copyOf(trustedProxies);
        }

        ClientView view(final Request request) {
            final HttpURI uri = request.getHttpURI();
            final String scheme = uri.getScheme() == null ? "http" : uri.getScheme();
            final String peer = Request.getRemoteAddr(request);
            final ClientView direct = new ClientView(peer, new WebOrigin(scheme, host(uri), uri.getPort()));
            if (!trusted(request.getConnectionMetaData().getRemoteSocketAddress())) {
                return direct;
            }
            final List<Hop> hops = hops(request);
            if (hops.isEmpty()) {
                hops.add(new Hop(peer, null, null));   // a proxy that only says which scheme it was asked for
            }
            final Hop client = hops.stream().filter(hop -> !trusted(hop.address())).reduce((left, right) -> right)
                    .orElse(hops.get(0));
            final String forwardedScheme = lastProto(request, hops);
            final String effectiveScheme = "http".equals(forwardedScheme) || "https".equals(forwardedScheme) ? forwardedScheme
                    : scheme;
            final WebOrigin origin = client.host() != null ? WebOrigin.of(effectiveScheme + "://" + client.host())
                    .orElse(direct.origin()) : new WebOrigin(effectiveScheme, host(uri), uri.getPort());
            return new ClientView(client.address(), origin);
        }

        private boolean trusted(final SocketAddress peer) {
            return peer instanceof InetSocketAddress socket && socket.getAddress() != null
                    && trustedProxies.contains(socket.getAddress());
        }

        private boolean trusted(final String address) {
            if (trustedProxies.isEmpty() || !address.matches("[0-9a-fA-F:.]+")) {
                return false;   // a name, "unknown" or an obfuscated id: never a proxy we know, and never looked up
            }
            try {
                return trustedProxies.contains(InetAddress.getByName(address));
            } catch (final UnknownHostException e) {
                return false;
            }
        }

        private static String host(final HttpURI uri) {
            return uri.getHost() == null ? "" : uri.getHost();
        }

        /** The hops the forwarded headers describe, nearest last. */
        private static List<Hop> hops(final Request request) {
            final List<Hop> hops = new ArrayList<>();
            final List<String> forwardedFor = values(request, HttpHeader.X_FORWARDED_FOR.asString());
            if (!forwardedFor.isEmpty()) {
                forwardedFor.forEach(address -> hops.add(new Hop(address(address), null, null)));
                return hops;
            }
            for (final String element : values(request, HttpHeader.FORWARDED.asString())) {
                String address = null;
                String proto = null;
                String host = null;
                for (final String pair : element.split(";")) {
                    final int equals = pair.indexOf('=');
                    if (equals < 0) {
                        continue;
                    }
                    final String name = pair.substring(0, equals).trim().toLowerCase(Locale.ROOT);
                    final String value = unquote(pair.substring(equals + 1).trim());
                    switch (name) {
                        case "for" -> address = address(value);
                        case "proto" -> proto = value.toLowerCase(Locale.ROOT);
                        case "host" -> host = value;
                        default -> { }
                    }
                }
                if (address != null) {
                    hops.add(new Hop(address, proto, host));
                }
            }
            return hops;
        }

        private static String lastProto(final Request request, final List<Hop> hops) {
            final List<String> protos = values(request, HttpHeader.X_FORWARDED_PROTO.asString());
            if (!protos.isEmpty()) {
                return protos.get(protos.size() - 1).toLowerCase(Locale.ROOT);
            }
            return hops.get(hops.size() - 1).proto();
        }

        /** Every comma-separated value of every field of that name, in order. */
        private static List<String> values(final Request request, final String name) {
            final List<String> values = new ArrayList<>();
            for (final HttpField field : request.getHeaders().getFields(name)) {
                for (final String value : field.getValue().split(",")) {
                    if (!value.isBlank()) {
                        values.add(value.trim());
                    }
                }
            }
            return values;
        }

        /** {@code 192.0.2.1}, {@code 192.0.2.1:4711}, {@code [2001:db8::1]:4711} or {@code 2001:db8::1}: the address alone. */
        private static String address(final String value) {
            final String unquoted = unquote(value);
            if (unquoted.startsWith("[")) {
                final int close = unquoted.indexOf(']');
                return close > 0 ? unquoted.substring(1, close) : unquoted;
            }
            final int colon = unquoted.indexOf(':');
            return colon > 0 && colon == unquoted.lastIndexOf(':') ? unquoted.substring(0, colon) : unquoted;
        }

        private static String unquote(final String value) {
            return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                    ? value.substring(1, value.length() - 1) : value;
        }
    }

    /** One proxy hop: the address it saw, and for {@code Forwarded} the scheme and host it was asked for. */
    private record Hop(String address, String proto, String host) {
    }
}
