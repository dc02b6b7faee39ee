package io.ticketsync.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The dead-letter console's settings.
 *
 * @param password       empty when none is configured: then the console refuses to start
 * @param ticketsUrl     a ticket-sync HTTP API to ask for a ticket's current snapshot, if any
 * @param publicUrl      the origin browsers see (behind a TLS proxy: {@code https://console.example.com}),
 *                       scheme, host and port only; empty: the request's own origin
 * @param trustedProxies the direct peers whose forwarded headers (X-Forwarded-*, Forwarded) are
 *                       believed; empty: nobody's
 * @param staleReady     how long the index may be stale before {@code /health/ready} fails
 * @param staleExit      how long the index may be stale before {@code /health/live} fails and the console exits; zero: never
 * @param auth           how people sign in; the OIDC details are read by {@link TicketSyncConfig#requireConsoleSignIn}
 *                       only, since only the console's own environment holds the client secret
 * @param sessionMaxAge  a session ends after this long whatever its tokens say
 */
public record ConsoleSettings(String bindAddress, int port, String user, Optional<String> password, Optional<URI> ticketsUrl,
                              Optional<URI> publicUrl, Set<InetAddress> trustedProxies, Duration staleReady, Duration staleExit,
                              Auth auth, Duration sessionMaxAge) {

    /** How people sign in to the console. */
    public enum Auth { PASSWORD, OIDC }

    public ConsoleSettings {
        trustedProxies = Set.copyOf(trustedProxies);
    }

    static ConsoleSettings read(final RawConfig raw) {
        return new ConsoleSettings(raw.required(ConfigKeys.CONSOLE_BIND_ADDRESS), raw.port(ConfigKeys.CONSOLE_PORT),
                raw.required(ConfigKeys.CONSOLE_USER), raw.secret(ConfigKeys.CONSOLE_PASSWORD, "the console needs it"),
                raw.httpUrl(ConfigKeys.CONSOLE_TICKETS_URL), origin(raw), addresses(raw),
                raw.millis(ConfigKeys.CONSOLE_INDEX_STALE_READY_MS),
                Duration.ofMillis(raw.longBetween(ConfigKeys.CONSOLE_INDEX_STALE_EXIT_MS, 0, Long.MAX_VALUE / 1_000_000,
                        "0 (never) or a positive number of milliseconds")), auth(raw),
                raw.millis(ConfigKeys.CONSOLE_SESSION_MAX_AGE_MS));
    }

    private static Auth auth(final RawConfig raw) {
        final String value = raw.optional(ConfigKeys.CONSOLE_AUTH).orElse("password").trim();
        switch (value) {
            case "password":
                return Auth.PASSWORD;
            case "oidc":
                return Auth.OIDC;
            default:
                throw raw.invalid(ConfigKeys.CONSOLE_AUTH, "'" + ConfigKeys.CONSOLE_AUTH + "' must be password or oidc, got '"
                        + value + "'");
        }
    }

    /**
     * Where the provider sends browsers back after sign-in: the public origin, which must be https
     * unless it is this machine (a redirect URI over plain http would hand codes to the network).
     */
    URI oidcRedirectBase(final RawConfig raw) {
        final URI url = publicUrl.orElseThrow(() -> raw.invalid(ConfigKeys.CONSOLE_PUBLIC_URL, "console.auth=oidc needs '"
                + ConfigKeys.CONSOLE_PUBLIC_URL + "', the origin browsers use: the provider redirects to it after sign-in"));
        if (!"https".equals(url.getScheme()) && !isLoopback(url.getHost())) {
            throw raw.invalid(ConfigKeys.CONSOLE_PUBLIC_URL, "console.auth=oidc needs an https '" + ConfigKeys.CONSOLE_PUBLIC_URL
                    + "' (plain http only on localhost), got '" + url + "'");
        }
        return url;
    }

    private static boolean isLoopback(final String host) {
        return "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
    }

    /** @throws InvalidConfigException when none is configured: the console shows ticket data and can replay */
    public String requirePassword() {
        return password.orElseThrow(() -> new InvalidConfigException("the console needs a password: set console.password"
                + " (TICKET_SYNC_CONSOLE_PASSWORD), at least 16 characters"));
    }

    /** Whether browsers reach the console over https: then its cookie is {@code Secure} and {@code __Host-}. */
    public boolean publicHttps() {
        return publicUrl.map(url -> "https".equals(url.getScheme())).orElse(false);
    }

    /** An origin, not a page: a path, query or user part would be compared with nothing a browser sends. */
    private static Optional<URI> origin(final RawConfig raw) {
        final Optional<URI> url = raw.httpUrl(ConfigKeys.CONSOLE_PUBLIC_URL);
        url.ifPresent(uri -> {
            final boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath()))
                    && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
            if (!bare) {
                throw raw.invalid(ConfigKeys.CONSOLE_PUBLIC_URL, "'" + ConfigKeys.CONSOLE_PUBLIC_URL + "' must be an origin such as"
                        + " https://console.example.com (scheme, host, optional port; no path or query), got '" + uri + "'");
            }
        });
        return url;
    }

    /** IP literals only: a host name would be resolved (and could change) behind the operator's back. */
    private static Set<InetAddress> addresses(final RawConfig raw) {
        final Set<InetAddress> addresses = new LinkedHashSet<>();
        for (final String entry : raw.optional(ConfigKeys.CONSOLE_TRUSTED_PROXIES).orElse("").split(",")) {
            final String address = entry.trim();
            if (address.isEmpty()) {
                continue;
            }
            try {
                if (!isIpLiteral(address)) {
                    throw new UnknownHostException(address);
                }
                addresses.add(InetAddress.getByName(address));
            } catch (final UnknownHostException e) {
                throw raw.invalid(ConfigKeys.CONSOLE_TRUSTED_PROXIES, "'" + ConfigKeys.CONSOLE_TRUSTED_PROXIES + "' must list IP addresses"
                        + " separated by commas, such as 127.0.0.1,10.0.0.5; got '" + address + "'");
            }
        }
        return addresses;
    }

    /** Dotted-quad IPv4 or any IPv6 form: for these, {@link InetAddress#getByName} parses and never asks DNS. */
    private static boolean isIpLiteral(final String address) {
        if (address.contains(":")) {
            return address.matches("[0-9a-fA-F:.]+");
        }
        return address.matches("(\\d{1,3}\\.){3}\\d{1,3}")
                && Arrays.stream(address.split("\\.")).allMatch(octet -> Integer.parseInt(octet) <= 255);
    }

    @Override
    public String toString() {
        return "ConsoleSettings[" + bindAddress + ":" + port + ", user=" + user + ", password="
                + (password.isPresent() ? "[hidden]" : "none") + ", ticketsUrl=" + ticketsUrl.orElse(null)
                + ", publicUrl=" + publicUrl.orElse(null) + ", trustedProxies=" + trustedProxies
                + ", staleReady=" + staleReady.toMillis() + " ms, staleExit=" + staleExit.toMillis() + " ms, auth=" + auth
                + ", sessionMaxAge=" + sessionMaxAge.toMillis() + " ms]";
    }
}
