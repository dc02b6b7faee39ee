package io.ticketsync.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Self-signed certificates for 127.0.0.1, made with the JDK's keytool at test time. */
public final class TestCertificates {

    /** A keystore with one key and certificate, and a truststore that trusts that certificate. */
    public record Pair(Path keystore, Path truststore, String password) {
    }

    /** The same key and certificate as PEM files, for servers that are not Java (nginx). */
    public record Pem(Path certificate, Path privateKey) {
    }

    private TestCertificates() {
    }

    /** Writes {@code name}'s certificate and its unencrypted PKCS#8 key from the pair's keystore as PEM files in {@code dir}. */
    public static Pem pem(final Pair pair, final String name, final Path dir) throws Exception {
        final KeyStore keystore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pair.keystore())) {
            keystore.load(in, pair.password().toCharArray());
        }
        final Key key = keystore.getKey(name, pair.password().toCharArray());
        final Certificate certificate = keystore.getCertificate(name);
        final Path certificateFile = dir.resolve(name + "-certificate.pem");
        final Path keyFile = dir.resolve(name + "-key.pem");
        Files.writeString(certificateFile, pemBlock("CERTIFICATE", certificate.getEncoded()));
        Files.writeString(keyFile, pemBlock("PRIVATE KEY", key.getEncoded()));
        return new Pem(certificateFile, keyFile);
    }

    private static String pemBlock(final String type, final byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    public static Pair create(final Path dir, final String name, final String password) throws Exception {
        final Path keystore = dir.resolve(name + "-keystore.p12");
        final Path certificate = dir.resolve(name + ".crt");
        final Path truststore = dir.resolve(name + "-truststore.p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", password, "-keypass", password);
        keytool("-exportcert", "-alias", name, "-keystore", keystore.toString(), "-storepass", password,
                "-rfc", "-file", certificate.toString());
        keytool("-importcert", "-alias", name, "-file", certificate.toString(), "-keystore", truststore.toString(),
                "-storetype", "PKCS12", "-storepass", password, "-noprompt");
        return new Pair(keystore, truststore, password);
    }

    private static void keytool(final String... args) throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
        }
    }
}
