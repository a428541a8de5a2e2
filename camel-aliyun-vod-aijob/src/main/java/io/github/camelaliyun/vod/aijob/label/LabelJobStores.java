package io.github.camelaliyun.vod.aijob.label;

import io.github.camelaliyun.vod.aijob.VodAiJobConfiguration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.github.camelaliyun.vod.aijob.store.AiJobStore;
import io.github.camelaliyun.vod.aijob.store.FileAiJobStore;
import io.github.camelaliyun.vod.aijob.store.JdbcAiJobStore;
import io.github.camelaliyun.vod.aijob.store.MemoryAiJobStore;

/**
 * The job store of each label of a component: one {@link Label} per label holds the store chosen for it and the store
 * opened for it. Everything else a label's consumers share (which jobs are being delivered, how often each was
 * delivered, when each is due) lives in that store, leased job by job, so it is shared by every consumer of the label
 * in this context and, with a dataSource, on every node. Endpoints register their {@code jobStore} bean,
 * {@code jobStoreFile} or {@code dataSource} when they are created, so that every endpoint of a label, whether or not
 * it repeats the option, gets the same store whichever starts first. Conflicting choices are refused there, with the
 * option to fix.
 */
public final class LabelJobStores {

    /** The placeholder in {@code jobStoreFile} replaced by the endpoint's label: one file per label. */
    public static final String LABEL_PLACEHOLDER = "{label}";

    /** A label's choice: a file (absolute, normalized), a bean of the application, or a table of a DataSource. */
    private record Choice(String file, AiJobStore bean, DataSource dataSource, String table, boolean createTable,
            Duration statementTimeout) {
        String describe() {
            if (bean != null) {
                return "the jobStore bean " + bean;
            }
            return dataSource != null ? "the dataSource " + dataSource + " (table " + table + ")"
                    : "the jobStoreFile " + file;
        }

        int rank() {
            return bean != null ? 0 : file != null ? 1 : 2;
        }

        String briefly() {
            return bean != null ? "a jobStore bean" : file != null ? "the jobStoreFile " + file
                    : "the dataSource " + dataSource;
        }

        String kind() {
            return bean != null ? "jobStore" : dataSource != null ? "dataSource" : "jobStoreFile";
        }
    }

    /** One label's bookkeeping: what its endpoints chose, and the store opened for it (null until first used). */
    private static final class Label {
        Choice choice;
        AiJobStore opened;
    }

    private final Map<String, Label> labels = new HashMap<>();

    /**
     * How long one statement of a label's JDBC store may take: a third of the lease (the interval of its renewals),
     * at least a second, so that neither a poll nor the lease renewer waits on a stuck database past a renewal.
     */
    static Duration statementTimeout(long leaseDurationMillis) {
        return Duration.ofMillis(Math.max(1000, leaseDurationMillis / 3));
    }

    /** The file a {@code jobStoreFile} value names for a label, or null when the value is unset. */
    public static String resolveFile(String jobStoreFile, String label) {
        if (jobStoreFile == null || jobStoreFile.isBlank()) {
            return null;
        }
        return Path.of(jobStoreFile.replace(LABEL_PLACEHOLDER, label)).toAbsolutePath().normalize().toString();
    }

    /** Records the store an endpoint of {@code label} names, if any; refuses one that conflicts with another. */
    public synchronized void register(String label, VodAiJobConfiguration configuration) {
        String file = resolveFile(configuration.getJobStoreFile(), label);
        AiJobStore bean = configuration.getJobStore();
        DataSource dataSource = configuration.getDataSource();
        int named = (file != null ? 1 : 0) + (bean != null ? 1 : 0) + (dataSource != null ? 1 : 0);
        if (named == 0) {
            return;
        }
        if (named > 1) {
            throw new IllegalArgumentException("The endpoint with the label '" + label + "' names more than one job"
                                               + " store (jobStore, jobStoreFile, dataSource; set on the endpoint or"
                                               + " the component): set one of them");
        }
        Choice choice = new Choice(file, bean, dataSource, configuration.getJobStoreTable(),
                configuration.isJobStoreCreateTable(), statementTimeout(configuration.getLeaseDuration()));
        Label known = labels.get(label);
        if (known != null && known.choice != null) {
            checkSameChoice(label, known.choice, choice);
            return;
        }
        for (Map.Entry<String, Label> other : labels.entrySet()) {
            if (other.getValue().choice != null) {
                checkNotShared(other.getKey(), other.getValue().choice, label, choice);
            }
        }
        if (known != null && known.opened != null) {
            throw new IllegalArgumentException("The label '" + label + "' already keeps its pending jobs in memory (an"
                                               + " endpoint without jobStore, jobStoreFile or dataSource was used"
                                               + " first), so it cannot switch to " + choice.describe() + ": name the"
                                               + " store on the first endpoint of the label, or use another label");
        }
        labels.computeIfAbsent(label, l -> new Label()).choice = choice;
    }

    private static void checkSameChoice(String label, Choice known, Choice choice) {
        String prefix = "Endpoints with the label '" + label + "' share one job store, but ";
        if (!known.kind().equals(choice.kind())) {
            // named in a fixed order (bean, file, dataSource), whichever came first
            Choice one = known.rank() <= choice.rank() ? known : choice;
            Choice another = one == known ? choice : known;
            throw new IllegalArgumentException(prefix + "one names " + one.briefly() + " and another "
                                               + another.briefly() + ": keep one of them, on one endpoint or on all");
        }
        if (known.bean() != null && known.bean() != choice.bean()) {
            throw new IllegalArgumentException(prefix + "they name different jobStore beans (" + known.bean() + " and "
                                               + choice.bean() + "): name the same bean, or use other labels");
        }
        if (known.file() != null && !known.file().equals(choice.file())) {
            throw new IllegalArgumentException(prefix + "they name different jobStoreFile values (" + known.file()
                                               + " and " + choice.file() + "): give them the same file or other labels");
        }
        if (known.dataSource() != null
                && (known.dataSource() != choice.dataSource() || !known.table().equals(choice.table()))) {
            throw new IllegalArgumentException(prefix + "they name " + known.describe() + " and " + choice.describe()
                                               + ": give them the same dataSource and jobStoreTable, or other labels");
        }
    }

    private static void checkNotShared(String otherLabel, Choice other, String label, Choice choice) {
        if (choice.file() != null && choice.file().equals(other.file())) {
            throw new IllegalArgumentException("The labels '" + otherLabel + "' and '" + label + "' both name the"
                                               + " jobStoreFile " + choice.file() + ": a store file holds the jobs of"
                                               + " one label, so give each label its own file (put " + LABEL_PLACEHOLDER
                                               + " in the name, for example jobs-" + LABEL_PLACEHOLDER + ".log)");
        }
        if (choice.bean() != null && choice.bean() == other.bean()) {
            throw new IllegalArgumentException("The labels '" + otherLabel + "' and '" + label + "' both name the same"
                                               + " jobStore bean " + choice.bean() + ": a store holds the jobs of one"
                                               + " label (each label's consumer would deliver the other's jobs), so"
                                               + " give each label its own bean, set on its endpoints rather than on"
                                               + " the component");
        }
        // one dataSource and table for several labels is fine: the rows carry the label
    }

    /** The store of a label: its bean, else its table or file (opened on first use), else one in memory. */
    public synchronized AiJobStore storeOf(String label) {
        Label state = labels.computeIfAbsent(label, l -> new Label());
        Choice choice = state.choice;
        if (choice != null && choice.bean() != null) {
            return choice.bean();
        }
        if (state.opened == null) {
            if (choice == null) {
                state.opened = new MemoryAiJobStore();
            } else if (choice.dataSource() != null) {
                state.opened = new JdbcAiJobStore(choice.dataSource(), choice.table(), label, choice.createTable(),
                        choice.statementTimeout());
            } else {
                state.opened = FileAiJobStore.open(Path.of(choice.file()));
            }
        }
        return state.opened;
    }

    /**
     * Forgets and returns the stores opened here, for the component to close when it stops; beans belong to the
     * application and are not among them (nor are DataSources: a JDBC store's close leaves its DataSource open). The
     * memory stores go with them: their jobs are lost.
     */
    public synchronized List<AiJobStore> takeOpened() {
        List<AiJobStore> stores = new ArrayList<>();
        for (Label state : labels.values()) {
            if (state.opened != null) {
                stores.add(state.opened);
                state.opened = null;
            }
        }
        return stores;
    }
}
