package io.ticketsync.bench.app;

import com.sun.management.OperatingSystemMXBean;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs inside the application under test and writes what the harness cannot see from outside to
 * a small properties file every 50 ms: records fetched by its consumers (read from the clients'
 * own JMX metrics, so it works for Kafka Streams and the hand-written loop alike), when the first
 * record was fetched and the CPU time used by then, peak heap, an injected fault's time, and the
 * Kafka Streams client's state (empty for the hand-written loop).
 */
public final class StatsReporter {

    private static final long PERIOD_MS = 50;
    /** The exit code of an application under test whose figures can no longer be written. */
    static final int EXIT_STATS_FAILED = 70;

    private final Path file;
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        final Thread thread = new Thread(runnable, "bench-stats");
        thread.setDaemon(true);
        return thread;
    });
    private long firstFetchAt;
    private long cpuAtFirstFetch;
    private long peakHeap;
    private volatile long faultAt;
    private volatile String faultThread = "";

    private StatsReporter(final Path file) {
        this.file = file;
    }

    public static StatsReporter start(final Path file) {
        final StatsReporter reporter = new StatsReporter(file);
        reporter.timer.scheduleAtFixedRate(reporter::writeOrHalt, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
        Runtime.getRuntime().addShutdownHook(new Thread(reporter::write, "bench-stats-final"));
        return reporter;
    }

    /** Called by an injected fault, on the thread that is about to die. */
    public void faultInjected() {
        faultThread = Thread.currentThread().getName();
        faultAt = System.currentTimeMillis();
    }

    /**
     * A periodic task that throws is never run again, silently: the harness would then read stale
     * figures as if the application had stopped fetching. Stop the application loudly instead; the
     * harness reports a child that died.
     */
    private void writeOrHalt() {
        try {
            write();
        } catch (final RuntimeException | Error e) {
            System.err.println("bench stats: cannot write " + file + ", stopping the application under test: " + e);
            System.err.flush();
            Runtime.getRuntime().halt(EXIT_STATS_FAILED);
        }
    }

    private synchronized void write() {
        final long now = System.currentTimeMillis();
        final long cpu = os.getProcessCpuTime();
        final long fetched = fetchedRecords();
        peakHeap = Math.max(peakHeap, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        if (firstFetchAt == 0 && fetched > 0) {
            firstFetchAt = now;
            cpuAtFirstFetch = cpu;
        }
        final Properties stats = new Properties();
        stats.setProperty("time", Long.toString(now));
        stats.setProperty("fetched", Long.toString(fetched));
        stats.setProperty("firstFetchAt", Long.toString(firstFetchAt));
        stats.setProperty("cpuAtFirstFetchNanos", Long.toString(cpuAtFirstFetch));
        stats.setProperty("cpuNanos", Long.toString(cpu));
        stats.setProperty("peakHeapBytes", Long.toString(peakHeap));
        stats.setProperty("faultAt", Long.toString(faultAt));
        stats.setProperty("faultThread", faultThread);
        stats.setProperty("streamsState", streamsState());
        try {
            final Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            try (var out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                stats.store(out, null);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Kafka Streams client's state metric (RUNNING, REBALANCING, ...), or empty. */
    private String streamsState() {
        try {
            for (final ObjectName name : server.queryNames(new ObjectName("kafka.streams:type=stream-metrics,client-id=*"), null)) {
                return String.valueOf(server.getAttribute(name, "state"));
            }
        } catch (final Exception e) {
            // not there yet, or not Kafka Streams
        }
        return "";
    }

    /** Sum of records-consumed-total over the process's consumers (main and restore alike). */
    private long fetchedRecords() {
        try {
            long total = 0;
            for (final ObjectName name : server.queryNames(
                    new ObjectName("kafka.consumer:type=consumer-fetch-manager-metrics,client-id=*"), null)) {
                final Object value = server.getAttribute(name, "records-consumed-total");
                total += value instanceof Number number ? number.longValue() : 0;
            }
            return total;
        } catch (final Exception e) {
            return 0;
        }
    }
}
