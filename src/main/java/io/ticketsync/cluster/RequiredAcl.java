package io.ticketsync.cluster;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.util.Locale;

/**
 * One permission a command needs: an ALLOW ACL on a resource (by name or name prefix), and why.
 *
 * @param probe   the concrete resource the startup check looks at: the topic, group or transactional
 *                id the command will use (for a prefix, one name under it)
 * @param purpose what the permission is for, shown when it is missing
 */
public record RequiredAcl(ResourceType resourceType, String name, PatternType patternType, AclOperation operation,
                          String probe, String purpose) {

    public AclBinding binding(final String principal) {
        return new AclBinding(new ResourcePattern(resourceType, name, patternType),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }

    /** A ready-to-run {@code kafka-acls.sh} command that grants it. */
    public String kafkaAclsCommand(final String principal) {
        final String resource = switch (resourceType) {
            case TOPIC -> "--topic";
            case GROUP -> "--group";
            case TRANSACTIONAL_ID -> "--transactional-id";
            case CLUSTER -> "--cluster";
            default -> throw new IllegalStateException("no kafka-acls option for " + resourceType);
        };
        return "kafka-acls.sh --bootstrap-server \"$BOOTSTRAP\" --command-config admin.properties --add"
                + " --allow-principal " + principal + " --operation " + operationName() + " " + resource + " " + name
                + (patternType == PatternType.PREFIXED ? " --resource-pattern-type prefixed" : "");
    }

    /** E.g. "READ on group 'ticket-sync'" or "WRITE on transactional ids prefixed 'ticket-sync-'". */
    public String describe() {
        final String type = switch (resourceType) {
            case TRANSACTIONAL_ID -> "transactional id";
            default -> resourceType.name().toLowerCase(Locale.ROOT);
        };
        return operationName() + " on " + (patternType == PatternType.PREFIXED
                ? type + "s prefixed '" + name + "'" : type + " '" + name + "'");
    }

    private String operationName() {
        return operation.name();
    }
}
