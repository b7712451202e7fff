package io.loupe.ops.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.loupe.index.api.Setting;
import io.loupe.index.api.SettingSource;
import io.loupe.index.log.LogStoreConfig;
import io.loupe.index.metric.MetricStoreConfig;
import io.loupe.ingest.scrape.ScrapeConfig;
import io.loupe.index.wal.WalConfig;
import io.loupe.ingest.IngestConfig;
import io.loupe.ingest.elastic.ElasticConfig;
import io.loupe.ingest.syslog.SyslogConfig;
import io.loupe.search.SearchConfig;
import io.loupe.search.AuditConfig;
import io.loupe.search.PipeConfig;
import io.loupe.search.TailConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * All settings of all modules, read from one YAML file, then {@code LOUPE_*} environment
 * variables, then command-line flags (each overriding the one before), into each module's config record.
 */
public final class LoupeConfig {
    /** Every setting, in the order {@code loupe config} prints them. */
    public static final List<Setting> ALL_SETTINGS = allSettings();

    private final ServerConfig server;
    private final LogStoreConfig logStore;
    private final WalConfig wal;
    private final IngestConfig ingest;
    private final SearchConfig search;
    private final MetricStoreConfig metricStore;
    private final ScrapeConfig scrape;
    private final ElasticConfig elastic;
    private final SyslogConfig syslog;
    private final TailConfig tail;
    private final PipeConfig pipes;
    private final AuditConfig audit;

    private LoupeConfig(SettingSource source) {
        this.server = ServerConfig.from(source);
        this.logStore = LogStoreConfig.from(source);
        this.wal = WalConfig.from(source);
        this.ingest = IngestConfig.from(source);
        this.search = SearchConfig.from(source);
        this.metricStore = MetricStoreConfig.from(source);
        this.scrape = ScrapeConfig.from(source);
        this.elastic = ElasticConfig.from(source);
        this.syslog = SyslogConfig.from(source);
        this.tail = TailConfig.from(source);
        this.pipes = PipeConfig.from(source);
        this.audit = AuditConfig.from(source);
    }

    private static List<Setting> allSettings() {
        List<Setting> all = new ArrayList<>(ServerConfig.SETTINGS);
        all.addAll(LogStoreConfig.SETTINGS);
        all.addAll(WalConfig.SETTINGS);
        all.addAll(IngestConfig.SETTINGS);
        all.addAll(SearchConfig.SETTINGS);
        all.addAll(MetricStoreConfig.SETTINGS);
        all.addAll(ScrapeConfig.SETTINGS);
        all.addAll(ElasticConfig.SETTINGS);
        all.addAll(SyslogConfig.SETTINGS);
        all.addAll(TailConfig.SETTINGS);
        all.addAll(PipeConfig.SETTINGS);
        all.addAll(AuditConfig.SETTINGS);
        return List.copyOf(all);
    }

    /**
     * @param yamlFile  the config file, or null for none
     * @param env       the environment ({@code System.getenv()})
     * @param overrides values from command-line flags, by setting key
     */
    public static LoupeConfig load(Path yamlFile, Map<String, String> env, Map<String, String> overrides) throws IOException {
        Map<String, String> values = new HashMap<>();
        if (yamlFile != null) {
            values.putAll(readYaml(yamlFile));
        }
        for (Setting setting : ALL_SETTINGS) {
            String fromEnv = env.get(setting.environmentVariable());
            if (fromEnv != null) {
                values.put(setting.key(), fromEnv);
            }
        }
        values.putAll(overrides);
        return new LoupeConfig(SettingSource.of(values));
    }

    /** Flattens the YAML file to dotted keys; an unknown key is an error that lists the known ones. */
    static Map<String, String> readYaml(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("config file " + file + " does not exist");
        }
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        Map<String, String> flat = new HashMap<>();
        if (root != null && !root.isMissingNode() && !root.isNull()) {
            flatten("", root, flat);
        }
        Set<String> known = new TreeSet<>();
        ALL_SETTINGS.forEach(s -> known.add(s.key()));
        for (String key : flat.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("config file " + file + ": unknown setting '" + key
                        + "'; run ./loupe config to list the settings");
            }
        }
        return flat;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        if (node.isArray()) {
            into.put(prefix, node.toString());
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), into);
            }
        } else {
            into.put(prefix, node.asText());
        }
    }

    /** The reference printed by {@code ./loupe config}: every setting, its variable, default and meaning. */
    public static String reference() {
        StringBuilder out = new StringBuilder("# Loupe settings: YAML key (environment variable) = default\n"
                + "# Precedence: command-line flag > environment variable > config file > default.\n\n");
        for (Setting setting : ALL_SETTINGS) {
            out.append(setting.key()).append(" (").append(setting.environmentVariable()).append(") = ")
                    .append(setting.defaultValue()).append("\n    ").append(setting.doc()).append("\n");
        }
        return out.toString();
    }

    public ServerConfig server() {
        return server;
    }

    public LogStoreConfig logStore() {
        return logStore;
    }

    public WalConfig wal() {
        return wal;
    }

    public IngestConfig ingest() {
        return ingest;
    }

    public SearchConfig search() {
        return search;
    }

    public MetricStoreConfig metricStore() {
        return metricStore;
    }

    public ScrapeConfig scrape() {
        return scrape;
    }

    public ElasticConfig elastic() {
        return elastic;
    }

    public SyslogConfig syslog() {
        return syslog;
    }

    public PipeConfig pipes() {
        return pipes;
    }

    public AuditConfig audit() {
        return audit;
    }

    public TailConfig tail() {
        return tail;
    }
}
