package io.ticketsync.testing;

import io.ticketsync.dev.DevBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.ResourcePatternFilter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A broker JVM with KRaft's StandardAuthorizer and a SASL/SCRAM-SHA-512 listener for the principals
 * under test. The plaintext listener (and the controller's) authenticate as ANONYMOUS, a super user:
 * the test's own set-up clients use it, ticket-sync never does.
 */
public final class AuthorizingBroker implements AutoCloseable {

    private static final String MECHANISM = "SCRAM-SHA-512";

    private final DevBroker broker;
    private final int saslPort;

    private AuthorizingBroker(final DevBroker broker, final int saslPort) {
        this.broker = broker;
        this.saslPort = saslPort;
    }

    public static AuthorizingBroker start(final Path dir) throws Exception {
        final int port = Ports.free();
        final int controllerPort = Ports.free();
        final int saslPort = Ports.free();
        final DevBroker broker = DevBroker.start(dir, port, controllerPort, Duration.ofSeconds(90), Map.of(
                "listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort
                        + ",SASL_PLAINTEXT://127.0.0.1:" + saslPort,
                "advertised.listeners", "PLAINTEXT://127.0.0.1:" + port + ",SASL_PLAINTEXT://127.0.0.1:" + saslPort,
                "listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT",
                "sasl.enabled.mechanisms", MECHANISM,
                "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "super.users", "User:ANONYMOUS"));
        return new AuthorizingBroker(broker, saslPort);
    }

    /** The super user's listener, for set-up and checks. */
    public String adminBootstrapServers() {
        return broker.bootstrapServers();
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, adminBootstrapServers()));
    }

    /** Creates (or changes) the SCRAM credential of {@code user}. */
    public void addUser(final String user, final String password) throws Exception {
        try (Admin admin = admin()) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password))).all().get();
        }
    }

    /** ticket-sync settings that connect as {@code user} over SASL/SCRAM. */
    public Map<String, String> clientSettings(final String user, final String password) {
        final Map<String, String> settings = new HashMap<>();
        settings.put("bootstrap.servers", "127.0.0.1:" + saslPort);
        settings.put("security.protocol", "SASL_PLAINTEXT");
        settings.put("sasl.mechanism", MECHANISM);
        settings.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + user + "\" password=\"" + password + "\";");
        return settings;
    }

    /** Replaces every ACL of {@code principal} by {@code acls}, and waits until the authorizer has them. */
    public void grantExactly(final String principal, final Collection<AclBinding> acls) throws Exception {
        final AclBindingFilter ofPrincipal = new AclBindingFilter(ResourcePatternFilter.ANY,
                new AccessControlEntryFilter(principal, null, AclOperation.ANY, AclPermissionType.ANY));
        try (Admin admin = admin()) {
            admin.deleteAcls(List.of(ofPrincipal)).all().get();
            if (!acls.isEmpty()) {
                admin.createAcls(acls).all().get();
            }
            Await.until("the authorizer to hold exactly the granted ACLs of " + principal,
                    () -> admin.describeAcls(ofPrincipal).values().get().size(), held -> held == acls.size(), Duration.ofSeconds(30));
        }
    }

    @Override
    public void close() throws Exception {
        broker.close();
    }
}
