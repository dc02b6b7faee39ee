package io.ticketsync.console;

import io.ticketsync.deadletter.tools.AuditLog;
import io.ticketsync.deadletter.tools.AuditTrail;
import io.ticketsync.deadletter.tools.DeadLetterTopicId;
import io.ticketsync.deadletter.tools.DecisionAdoption;
import io.ticketsync.deadletter.tools.WriterBusyException;
import io.ticketsync.config.ConsoleSettings;
import io.ticketsync.config.InvalidConfigException;
import io.ticketsync.config.OidcSettings;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.http.JettyServer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The dead-letter console: the index, the actions and the web server, started together and closed
 * together. It refuses to start without a password: the console shows ticket data and can replay.
 */
public final class DeadLetterConsole implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterConsole.class);

    private static final int MAX_CONNECTIONS = 64;
    /** Pages read Kafka (a letter's detail, a mark, an export): a few more threads than the API's. */
    private static final int MAX_THREADS = 24;
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);

    private final KafkaDeadLetterCatalog catalog;
    private final KafkaLetterActions actions;
    private final KafkaBrakeSwitch brake;
    private final JettyServer server;
    private final ConsoleHealth health;
    private final AuditTrail audit;

    private DeadLetterConsole(final KafkaDeadLetterCatalog catalog, final KafkaLetterActions actions,
                              final KafkaBrakeSwitch brake, final JettyServer server, final ConsoleHealth health,
                              final AuditTrail audit) {
        this.catalog = catalog;
        this.actions = actions;
        this.brake = brake;
        this.server = server;
        this.health = health;
        this.audit = audit;
    }

    /** @throws InvalidConfigException without a complete sign-in configuration (password, or the OIDC keys) */
    public static DeadLetterConsole start(final TicketSyncConfig config) {
        config.requireConsoleSignIn();
        adoptLegacyDecisions(config);
        final KafkaDeadLetterCatalog catalog = KafkaDeadLetterCatalog.start(config);
        // Sign-ins, views and actions are recorded in the audit topic before they happen.
        final AuditTrail audit = AuditTrail.open(config);
        final KafkaLetterActions actions = new KafkaLetterActions(config, catalog, audit);
        final KafkaBrakeSwitch brake = new KafkaBrakeSwitch(config);
        try {
            return new DeadLetterConsole(catalog, actions, brake, serve(config, catalog, actions, brake, audit),
                    new ConsoleHealth(catalog, config.console()), audit);
        } catch (final RuntimeException e) {
            closeQuietly(brake);
            actions.close();
            audit.close();
            catalog.close();
            throw e;
        }
    }

    /**
     * The index applies only decisions bound to their letter: legacy ones are bound first, so an
     * upgraded console shows as closed what the previous version showed as closed. A writer busy
     * meanwhile has bound them itself before it began.
     */
    private static void adoptLegacyDecisions(final TicketSyncConfig config) {
        try {
            DecisionAdoption.adoptOnce(config, DeadLetterTopicId.read(config));
        } catch (final WriterBusyException busy) {
            LOG.info("Legacy decisions are bound by the writer that holds the lease: {}", busy.getMessage());
        }
    }

    /**
     * The web server alone, over any catalog and actions: what {@link #start} runs over Kafka, and
     * what tests run over memory, so they exercise the production wiring.
     *
     * @throws InvalidConfigException without {@code console.password}
     */
    static JettyServer serve(final TicketSyncConfig config, final DeadLetterCatalog catalog, final LetterActions actions,
                             final BrakeSwitch brake, final AuditLog audit) {
        final ConsoleSettings settings = config.console();
        final Optional<OidcSettings> oidc = config.requireConsoleSignIn();
        final Clock clock = Clock.systemUTC();
        final Answers answers = new Answers(new ConsolePages());
        final Sessions sessions = new Sessions(clock, settings.sessionMaxAge());
        final SessionCookie cookie = new SessionCookie(settings.publicHttps());
        final OidcProvider provider = oidc.map(OidcProvider::discover).orElse(null);
        final SignIn signIn = provider != null
                ? new OidcSignIn(provider, sessions, audit, settings.publicUrl().orElseThrow(), answers, clock)
                : new PasswordSignIn(settings.user(), settings.requirePassword(), sessions, clock, audit, cookie, answers);
        final SecurityHeaders security = provider == null ? SecurityHeaders.consoleOnly()
                : provider.endSessionOrigin().map(SecurityHeaders::signingOutAt).orElse(SecurityHeaders.consoleOnly());
        final ConsoleRoutes routes = new ConsoleRoutes(config, catalog, actions,
                new TicketSnapshots(settings.ticketsUrl(), config.api().authToken()), answers, brake, audit);
        return JettyServer.start("ticket-sync-console", settings.bindAddress(), settings.port(), IDLE_TIMEOUT,
                MAX_CONNECTIONS, MAX_THREADS, new ConsoleHandler(sessions, signIn, routes, answers,
                        new ClientView.Reader(settings.trustedProxies()), new FormOrigin(settings.publicUrl()), cookie,
                        new ConsoleHealth(catalog, settings), audit, security),
                new ConsoleErrorHandler(answers, security));
    }

    public int port() {
        return server.port();
    }

    /** Letters indexed so far, and whether the index has caught up with the topic once. */
    public CatalogProgress progress() {
        return catalog.progress();
    }

    /**
     * Serves until {@code stop} opens (empty) or the index has been stale for
     * {@code console.index.stale.exit.ms} (why): the caller turns that into the exit code, so a
     * supervisor restarts a console that could no longer tell the truth.
     */
    public Optional<String> serveUntil(final CountDownLatch stop) throws InterruptedException {
        while (!stop.await(CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS)) {
            final Optional<String> fatal = health.fatal();
            if (fatal.isPresent()) {
                return fatal;
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        server.close();
        closeQuietly(brake);
        actions.close();
        audit.close();
        catalog.close();
    }

    private static void closeQuietly(final KafkaBrakeSwitch brake) {
        try {
            brake.close();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
