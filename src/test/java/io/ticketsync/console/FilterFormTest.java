package io.ticketsync.console;

import org.eclipse.jetty.util.Fields;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FilterFormTest {

    @Test
    void shouldReadTheSameSelectionAsTheCliAndWriteItBackAsAQuery() {
        final Fields fields = new Fields();
        fields.put("reason", "unmapped-status");
        fields.put("ticket", "T 1&2");
        fields.put("sourcePartition", "3");
        fields.put("since", "2026-11-22T10:00");
        fields.put("until", "2026-11-23T00:00:00Z");
        fields.put("includeClosed", "true");
        final FilterForm form = FilterForm.from(fields);
        assertThat(form.filter().reason()).isEqualTo("unmapped-status");
        assertThat(form.filter().sourcePartition()).isEqualTo(3);
        assertThat(form.filter().since()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
        assertThat(form.includeClosed()).isTrue();
        assertThat(form.query()).isEqualTo("reason=unmapped-status&ticket=T+1%262&sourcePartition=3&since=2026-11-22T10%3A00"
                + "&until=2026-11-23T00%3A00%3A00Z&includeClosed=true");
        final Fields again = new Fields();
        form.values().forEach(again::put);
        assertThat(FilterForm.from(again).filter()).isEqualTo(form.filter());
    }

    @Test
    void shouldNameTheFieldThatDoesNotParse() {
        final Fields fields = new Fields();
        fields.put("offsetFrom", "ten");
        assertThatThrownBy(() -> FilterForm.from(fields)).hasMessageContaining("offsetFrom").hasMessageContaining("ten");
        final Fields time = new Fields();
        time.put("since", "yesterday");
        assertThatThrownBy(() -> FilterForm.from(time)).hasMessageContaining("since");
        final Fields partition = new Fields();
        partition.put("sourcePartition", "-1");
        assertThatThrownBy(() -> FilterForm.from(partition)).hasMessageContaining("sourcePartition");
    }
}
