package io.ticketsync.config;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Replaces secret values (passwords, JAAS configs, keys, tokens) before configuration is shown or logged. */
public final class SecretMasker {

    public static final String MASK = "[hidden]";

    private static final Pattern SECRET_KEY = Pattern.compile(
            ".*(password|secret|jaas|token|credential|private\\.key|key\\.pem|user\\.info|keystore\\.key|apikey|api\\.key).*");

    private SecretMasker() {
    }

    public static boolean isSecret(final String key) {
        return SECRET_KEY.matcher(key.toLowerCase(Locale.ROOT)).matches();
    }

    /** A sorted copy with every secret value replaced by {@link #MASK}. */
    public static Map<String, String> mask(final Map<String, String> values) {
        final Map<String, String> masked = new TreeMap<>();
        values.forEach((key, value) -> masked.put(key, isSecret(key) ? MASK : value));
        return masked;
    }
}
