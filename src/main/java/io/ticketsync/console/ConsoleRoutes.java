package io.ticketsync.console;

import io.ticketsync.deadletter.tools.AuditEvent;
import io.ticketsync.deadletter.tools.AuditLog;
import io.ticketsync.config.TicketSyncConfig;
import io.ticketsync.control.BrakeEvent;
import io.ticketsync.deadletter.tools.DeadLetter;
import io.ticketsync.deadletter.tools.EditReport;
import io.ticketsync.deadletter.tools.InvalidEditException;
import io.ticketsync.deadletter.tools.UnconfirmedEditException;
import io.ticketsync.deadletter.tools.LetterId;
import io.ticketsync.deadletter.tools.LetterStatus;
import io.ticketsync.deadletter.tools.ReplayPlan;
import io.ticketsync.deadletter.tools.ReplayRequest;
import io.ticketsync.deadletter.tools.SendPace;
import io.ticketsync.deadletter.tools.SendProgress;
import io.ticketsync.deadletter.tools.TransformRules;
import io.ticketsync.deadletter.tools.Selection;
import org.eclipse.jetty.util.Fields;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** What each console page shows and what each form does, given who asks. */
final class ConsoleRoutes {

    static final int PAGE_SIZE = 50;
    private static final int NEWEST = 10;
    private static final Duration BUCKET = Duration.ofMinutes(1);
    private static final List<String> STAGES = List.of("DESERIALIZATION", "PROCESSING", "PRODUCTION");

    private final TicketSyncConfig config;
    private final DeadLetterCatalog catalog;
    private final LetterActions actions;
    private final TicketSnapshots snapshots;
    private final Answers pages;
    private final BrakeSwitch brake;
    private final AuditLog audit;
    /** One message per session for the next page it sees ("12 letters marked resolved"). */
    private final Map<String, String> flashes = new ConcurrentHashMap<>();

    ConsoleRoutes(final TicketSyncConfig config, final DeadLetterCatalog catalog, final LetterActions actions,
                  final TicketSnapshots snapshots, final Answers pages, final BrakeSwitch brake,
                  final AuditLog audit) {
        this.config = config;
        this.catalog = catalog;
        this.actions = actions;
        this.snapshots = snapshots;
        this.pages = pages;
        this.brake = brake;
        this.audit = audit;
    }

    String brake(final Session session) {
        final Map<String, Object> model = base("Dead-letter brake", session);
        final Optional<BrakeEvent> state = brake.state();
        model.put("state", state.map(BrakeEvent::describe).orElse("The brake has never been engaged."));
        model.put("releasable", state.map(BrakeEvent::engaged).orElse(false));
        model.put("application", config.applicationId());
        return pages.render("brake", model);
    }

    /** @return where to go next */
    String releaseBrake(final Fields form, final Session session) throws InterruptedException {
        final String note = Optional.ofNullable(form.getValue("note")).orElse("").trim();
        if (note.isEmpty()) {
            throw new IllegalArgumentException("say why it is safe to resume: the note is recorded with the release");
        }
        // Recorded before it is done: a release the audit trail cannot take does not happen.
        audit.info(AuditEvent.of("brake-release", session.actor(), "started").with("note", note));
        final boolean released = brake.release(session.user(), note);
        audit.info(AuditEvent.of("brake-release", session.actor(), released ? "released" : "not-engaged").with("note", note));
        flashes.put(session.id(), released ? "Released the brake: every instance resumes with a fresh window."
                : "The brake is not engaged; nothing to release.");
        return "/brake";
    }


    String overview(final Session session) {
        final Overview overview = catalog.overview(BUCKET, NEWEST);
        final Map<String, Object> model = base("Overview", session);
        model.put("overview", overview);
        model.put("closed", overview.total() - overview.open());
        model.put("chart", TimelineChart.of(overview.timeline()));
        model.put("letters", rows(overview.newest(), session));
        return pages.render("overview", model);
    }

    String letters(final Fields query, final Session session) {
        final FilterForm filter = FilterForm.from(query);
        final String cursor = query.getValue("cursor");
        if (cursor != null && !cursor.matches("\\d{1,10}")) {
            throw new IllegalArgumentException("cursor must be a number");
        }
        final LetterPage page = catalog.page(new LetterQuery(filter.filter(), filter.includeClosed(), cursor, PAGE_SIZE));
        final Map<String, Object> model = base("Letters", session);
        withFilter(model, filter, "/letters", "Filter");
        model.put("matching", page.matchingText());
        model.put("letters", rows(page.letters(), session));
        model.put("selectable", true);
        model.put("nextCursor", page.nextCursor());
        return pages.render("letters", model);
    }

    Optional<String> letter(final LetterId id, final Session session) {
        return letter(id, session, null);
    }

    /** What an editor's form gets back: where to go after a send, or the letter's page telling what happened. */
    record EditAnswer(String redirect, Optional<String> page) {
    }

    /** {@code POST /letters/{id}/check} and {@code /edit}: the edited value checked, or sent. */
    EditAnswer letterEdit(final LetterEditPath target, final Fields form, final Session session) {
        final String value = Optional.ofNullable(form.getValue("value")).orElse("");
        try {
            if (target.send()) {
                final EditReport sent = actions.edit(target.letter(), value, "yes".equals(form.getValue("confirm")),
                        form.getValue("note"), session.actor());
                flashes.put(session.id(), "Edited and sent to " + config.topics().replay() + ": "
                        + EditReport.headline(sent.check()) + "; the letter is marked REPLAYED");
                return new EditAnswer("/letters/" + target.letter(), Optional.empty());
            }
            return new EditAnswer(null, letter(target.letter(), session,
                    EditorView.checked(value, actions.checkEdit(target.letter(), value, session.actor()))));
        } catch (final UnconfirmedEditException e) {
            return new EditAnswer(null, letter(target.letter(), session, EditorView.checked(value, e.report())
                    .problem("Nothing sent: " + EditReport.headline(e.report().check())
                            + ". Tick the box that confirms to send it anyway.")));
        } catch (final InvalidEditException | IllegalStateException e) {
            return new EditAnswer(null, letter(target.letter(), session, EditorView.failed(value, "Nothing sent: " + e.getMessage())));
        }
    }

    /** @param editor what the editor shows after a check; null: the letter's own value */
    private Optional<String> letter(final LetterId id, final Session session, final EditorView editor) {
        return catalog.letter(id).map(detail -> {
            final DeadLetter letter = detail.letter();
            if (session.may(Role.VALUES)) {
                // Recorded before anything is shown: an audit trail that cannot take it refuses the page.
                audit.info(AuditEvent.of("view-value", session.actor(), "shown").with("letter", id.toString())
                        .with("dlqTopic", config.topics().deadLetter()));
            }
            final Map<String, Object> model = base("Letter " + id, session);
            model.put("id", id.toString());
            model.put("status", detail.status());
            model.put("resolution", detail.resolution());
            model.put("traceparent", letter.traceparent());
            final List<Map<String, Object>> headers = new ArrayList<>();
            if (session.may(Role.VALUES)) {
                model.put("letter", letter);
                model.put("key", BytesView.of(letter.key()));
                model.put("value", BytesView.of(letter.value()));
                letter.headers().forEach(header -> headers.add(Map.of("key", header.key(), "value",
                        BytesView.of(header.value()).text())));
                model.put("stacktrace", letter.stackTrace());
                final TicketSnapshots.Answer answer = snapshots.of(letter.keyText());
                model.put("snapshot", Map.of("explanation", answer.explanation(), "found", answer.found(),
                        "pretty", answer.found() ? BytesView.of(answer.body().getBytes(StandardCharsets.UTF_8)).text() : ""));
            } else {
                // Not merely hidden by the template: what can quote the record never reaches it.
                model.put("letter", metadata(letter));
                letter.headers().forEach(header -> headers.add(Map.of("key", header.key())));
            }
            model.put("headers", headers);
            if (session.may(Role.VALUES) && session.may(Role.OPERATOR) && detail.status().isOpen()) {
                model.put("editor", (editor == null ? EditorView.of(letter) : editor).model(letter));
            }
            model.put("edited", detail.resolution() != null && !detail.resolution().edit().isEmpty());
            return pages.render("letter", model);
        });
    }

    /** What any role may see of a letter: where it came from and why, nothing that can quote the record. */
    private static Map<String, Object> metadata(final DeadLetter letter) {
        final Map<String, Object> fields = new HashMap<>();
        fields.put("stage", letter.stage());
        fields.put("reason", letter.reason());
        fields.put("exception", letter.exception());
        fields.put("sourceTopic", letter.sourceTopic());
        fields.put("sourcePartition", letter.sourcePartition());
        fields.put("sourceOffset", letter.sourceOffset());
        fields.put("timestamp", letter.timestamp());
        fields.put("replayCount", letter.replayCount());
        return fields;
    }

    /** @return where to go next */
    String mark(final Fields form, final Session session) {
        final LetterStatus status = LetterStatus.valueOf(form.getValue("action"));
        final FilterForm filter = FilterForm.from(form);
        final List<LetterId> ids = "matching".equals(form.getValue("scope")) ? List.of()
                : form.getValues("id").stream().map(LetterId::parse).toList();
        if (ids.isEmpty() && !"matching".equals(form.getValue("scope"))) {
            throw new IllegalArgumentException("select at least one letter, or choose all matching");
        }
        final long marked = actions.mark(new Selection(ids, filter.filter(), filter.includeClosed()), status,
                form.getValue("note"), session.actor(), IndexEnds.parse(form.getValue("ends")));
        flashes.put(session.id(), marked + " letters marked " + status.name().toLowerCase(Locale.ROOT));
        return ids.size() == 1 ? "/letters/" + ids.get(0) : "/letters?" + filter.query();
    }

    String replayForm(final Fields query, final Session session) {
        final FilterForm filter = FilterForm.from(query);
        final Map<String, Object> model = base("Replay", session);
        withFilter(model, filter, "/replay", "Select");
        model.put("matching", catalog.page(new LetterQuery(filter.filter(), filter.includeClosed(), null, 1)).matchingText());
        return pages.render("replay", model);
    }

    /**
     * A dry run, or (with the dry run's plan from its confirm form) sending exactly what it
     * showed: the console never sends a selection nobody reviewed.
     *
     * @return the job's page
     */
    String startReplay(final Fields form, final Session session) {
        final String plan = form.getValue("plan");
        if (plan != null) {
            return "/replay/jobs/" + actions.startPlan(ReplayPlan.fromToken(plan), session.actor()).id();
        }
        final FilterForm filter = FilterForm.from(form);
        final int maxReplays = Integer.parseInt(Optional.ofNullable(form.getValue("maxReplays")).orElse("3").trim());
        if (maxReplays < 1 || maxReplays > 100) {
            throw new IllegalArgumentException("max replays must be between 1 and 100");
        }
        final boolean includeDiscarded = "true".equals(form.getValue("includeDiscarded"));
        if (includeDiscarded && !"yes".equals(form.getValue("confirmDiscarded"))) {
            throw new IllegalArgumentException("discarded letters were marked as not wanted: tick the box that confirms"
                    + " they are to be sent again");
        }
        // Rules that do not parse are refused here (400, with the line and reason): nothing runs.
        final String rules = Optional.ofNullable(form.getValue("rules")).orElse("");
        final ReplayJob job = actions.startDryRun(new ReplayRequest(filter.filter(), config.topics().replay(), maxReplays,
                true, 500, false, filter.includeClosed(), includeDiscarded, session.user())
                .with(rules.isBlank() ? null : TransformRules.parse(rules), SendPace.parseRate(form.getValue("rate"))),
                session.actor());
        return "/replay/jobs/" + job.id();
    }

    Optional<String> job(final String jobId, final Session session) {
        return actions.replay(jobId).map(job -> {
            final Map<String, Object> model = base("Replay", session);
            final FilterForm filter = FilterForm.from(fieldsOf(job));
            model.put("filterFields", hiddenFields(filter));
            model.put("selection", filter.model().get("describe"));
            model.put("dryRun", job.request().dryRun());
            model.put("actor", job.actor());
            model.put("started", job.started());
            model.put("target", job.request().target());
            model.put("maxReplays", job.request().maxReplays());
            model.put("running", job.state() == ReplayJob.State.RUNNING);
            model.put("refresh", job.state() == ReplayJob.State.RUNNING);
            model.put("failed", job.state() == ReplayJob.State.FAILED);
            model.put("failure", job.failure());
            model.put("committed", job.committed());
            model.put("read", job.read());
            model.put("total", job.total());
            if (job.report() != null) {
                model.put("report", job.report());
                model.put("hasLetters", !job.report().letters().isEmpty());
                model.put("letters", job.report().letters().stream().map(LetterId::toString).toList());
                model.put("planToken", job.report().plan() == null ? null : job.report().plan().toToken());
                model.put("listed", job.report().plan() != null && job.report().plan().letters() != null);
                model.put("different", job.report().differsFromPlan());
                model.put("planned", job.report().planned());
                model.put("problems", job.report().problems());
                model.put("transform", job.report().transform());
            }
            model.put("sending", job.sending() == null ? null : sendingModel(job.sending()));
            model.put("rate", job.request().ratePerSecond() == 0 ? "no limit" : job.request().ratePerSecond() + "/s");
            return pages.render("job", model);
        });
    }

    private static Map<String, Object> sendingModel(final SendProgress sending) {
        return Map.of("sent", sending.sent(),
                "remaining", sending.remaining() < 0 ? "unknown" : String.valueOf(sending.remaining()),
                "rate", String.format(Locale.ROOT, "%.1f/s", sending.rate()),
                "estimate", sending.estimate().map(left -> "about " + left.toSeconds() + " s").orElse("unknown"));
    }

    void export(final Fields query, final Session session, final OutputStream out) throws IOException {
        final FilterForm filter = FilterForm.from(query);
        actions.export(Selection.of(filter.filter(), filter.includeClosed()), session.actor(), out);
    }

    private Map<String, Object> base(final String title, final Session session) {
        final Map<String, Object> model = new HashMap<>();
        model.put("title", title);
        model.put("session", Map.of("user", session.user(), "csrf", session.csrf(), "roles",
                String.join(", ", Role.names(session.roles()))));
        model.put("can", Map.of("values", session.may(Role.VALUES), "operate", session.may(Role.OPERATOR)));
        model.put("csrf", session.csrf());
        final CatalogProgress progress = catalog.progress();
        model.put("indexing", !progress.caughtUp());
        model.put("indexed", progress.indexed());
        model.put("inTopic", progress.inTopic());
        model.put("stale", progress.stale() ? Map.of("since", progress.staleSince(), "problem", progress.problem()) : null);
        model.put("flash", flashes.remove(session.id()));
        model.put("ends", IndexEnds.format(catalog.indexedEnds()));
        model.put("braked", brake.state().filter(BrakeEvent::engaged).map(BrakeEvent::describe).orElse(null));
        return model;
    }

    private static void withFilter(final Map<String, Object> model, final FilterForm filter, final String action,
                                   final String button) {
        model.put("filter", filter.model());
        model.put("action", action);
        model.put("button", button);
        model.put("filterFields", hiddenFields(filter));
        final List<Map<String, Object>> stages = new ArrayList<>();
        STAGES.forEach(stage -> stages.add(Map.of("name", stage,
                "selected", stage.equalsIgnoreCase(filter.values().getOrDefault("stage", "")))));
        model.put("stages", stages);
    }

    private static List<Map<String, Object>> hiddenFields(final FilterForm filter) {
        final List<Map<String, Object>> fields = new ArrayList<>();
        filter.values().forEach((name, value) -> fields.add(Map.of("name", name, "value", value)));
        if (filter.includeClosed()) {
            fields.add(Map.of("name", "includeClosed", "value", "true"));
        }
        return fields;
    }

    /** The filter fields a job was started with, to offer the same selection for the real run. */
    private static Fields fieldsOf(final ReplayJob job) {
        final Fields fields = new Fields();
        final var filter = job.request().filter();
        put(fields, "stage", filter.stage());
        put(fields, "reason", filter.reason());
        put(fields, "ticket", filter.ticketId());
        put(fields, "sourcePartition", filter.sourcePartition());
        put(fields, "offsetFrom", filter.sourceOffsetFrom());
        put(fields, "offsetTo", filter.sourceOffsetTo());
        put(fields, "since", filter.since());
        put(fields, "until", filter.until());
        put(fields, "includeClosed", job.request().includeClosed() ? "true" : null);
        return fields;
    }

    private static void put(final Fields fields, final String name, final Object value) {
        if (value != null) {
            fields.put(name, value.toString());
        }
    }

    private static List<Map<String, Object>> rows(final List<LetterSummary> letters, final Session session) {
        final List<Map<String, Object>> rows = new ArrayList<>();
        for (final LetterSummary letter : letters) {
            final Map<String, Object> row = new HashMap<>();
            row.put("id", letter.id().toString());
            row.put("timestamp", letter.timestamp());
            row.put("stage", letter.stage());
            row.put("reason", letter.reason());
            if (session.may(Role.VALUES)) {
                row.put("ticketId", letter.ticketId()); // the record's key
            }
            row.put("sourceTopic", letter.sourceTopic());
            row.put("sourcePartition", letter.sourcePartition());
            row.put("sourceOffset", letter.sourceOffset());
            row.put("replayCount", letter.replayCount());
            row.put("status", letter.status());
            rows.add(row);
        }
        return rows;
    }
}
