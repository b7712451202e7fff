package io.loupe.ops.bench;

import io.loupe.index.api.LogKind;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The 27 message shapes of application and system events (audit events describe their action
 * instead), grouped by kind and level, and the words of those shapes that full-text queries search
 * for. Immutable and thread-safe.
 */
final class MessageTemplates {
    /** Words that occur in the templates with document frequencies from well under 1% to about a third. */
    static final List<String> QUERY_WORDS = List.of("get", "post", "completed", "cache", "order", "payment",
            "declined", "slow", "retrying", "timeout", "database", "refused", "exception", "email", "publickey",
            "failed", "started", "memory", "job", "query");

    static final List<MessageTemplate> ALL = List.of(
            app("info", 30, "GET {path} {status} {duration}ms"),
            app("info", 12, "POST {path} {status} {duration}ms"),
            app("info", 14, "request completed path={path} status={status} duration={duration}ms"),
            app("info", 8, "user {user} logged in from {ip}"),
            app("info", 8, "cache hit for key {key}"),
            app("info", 6, "order {order} created with {n} items total {amount} EUR"),
            app("info", 5, "payment authorized for order {order} in {duration} ms"),
            app("info", 4, "sent email {template} to user {user}"),
            app("info", 6, "query executed in {duration} ms returning {rows} rows"),
            app("info", 3, "job {job} finished in {duration} ms"),
            app("info", 4, "session refreshed for user {user}, expires in 3600 s"),
            app("warn", 4, "slow request {path} took {duration} ms status={status}"),
            app("warn", 3, "retrying call to {peer} attempt {n} after timeout of {duration} ms"),
            app("warn", 3, "cache miss for key {key}, loading from database"),
            app("warn", 1, "rate limit approaching for client {ip}: {rows} requests per minute"),
            app("error", 3, "payment declined for order {order}: card declined by issuer"),
            app("error", 3, "upstream {peer} returned {status} after {duration} ms"),
            app("error", 2, "failed to connect to database at {ip}:5432: connection refused"),
            app("error", 2, "unhandled exception in {path}: NullPointerException at line {n}"),
            system("info", "sshd", 3, "Accepted publickey for {sysuser} from {ip} port {port} ssh2"),
            system("info", "systemd", 3, "Started {unit}."),
            system("info", "cron", 2, "({sysuser}) CMD (/usr/local/bin/{job}.sh)"),
            system("info", "nginx", 8, "{ip} - - \"GET {path} HTTP/1.1\" {status} {bytes}"),
            system("warn", "sshd", 3, "Failed password for invalid user {sysuser} from {ip} port {port} ssh2"),
            system("warn", "kernel", 1, "EXT4-fs warning (device {device}): ext4_dx_add_entry: directory index full"),
            system("error", "kernel", 1, "Out of memory: Killed process {pid} ({proc}) total-vm:{bytes}kB"),
            system("error", "systemd", 1, "{unit}: Failed with result 'exit-code'."));

    private MessageTemplates() {
    }

    private static MessageTemplate app(String level, int weight, String text) {
        return new MessageTemplate(LogKind.APPLICATION, level, null, weight, text);
    }

    private static MessageTemplate system(String level, String source, int weight, String text) {
        return new MessageTemplate(LogKind.SYSTEM, level, source, weight, text);
    }

    /** The templates of one kind and level, to pick from by weight. */
    static final class Choice {
        private final List<MessageTemplate> templates = new ArrayList<>();
        private final int[] cumulativeWeights;

        Choice(LogKind kind, String level) {
            for (MessageTemplate template : ALL) {
                if (template.kind() == kind && template.level().equals(level)) {
                    templates.add(template);
                }
            }
            if (templates.isEmpty()) {
                throw new IllegalArgumentException("no message template for " + kind + " events at level " + level);
            }
            cumulativeWeights = new int[templates.size()];
            int sum = 0;
            for (int i = 0; i < templates.size(); i++) {
                sum += templates.get(i).weight();
                cumulativeWeights[i] = sum;
            }
        }

        MessageTemplate pick(SplittableRandom random) {
            int draw = random.nextInt(cumulativeWeights[cumulativeWeights.length - 1]);
            int i = 0;
            while (cumulativeWeights[i] <= draw) {
                i++;
            }
            return templates.get(i);
        }
    }
}
