package io.github.camelaliyun.vod.aijob;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.camelaliyun.vod.aijob.store.AiJobStore;
import io.github.camelaliyun.vod.aijob.store.FileAiJobStore;
import io.github.camelaliyun.vod.aijob.store.MemoryAiJobStore;

/**
 * Which job store each label of a component uses, and the stores the component opened for them. Endpoints register
 * their {@code jobStore} bean or {@code jobStoreFile} when they are created, so that every endpoint of a label, whether
 * or not it repeats the option, gets the same store whichever starts first. Conflicting choices are refused there, with
 * the option to fix.
 */
final class LabelJobStores {

    /** The placeholder in {@code jobStoreFile} replaced by the endpoint's label: one file per label. */
    static final String LABEL_PLACEHOLDER = "{label}";

    /** A label's choice: a file (absolute, normalized) or a bean of the application; never both. */
    private record Choice(String file, AiJobStore bean) {
        String describe() {
            return bean != null ? "the jobStore bean " + bean : "the jobStoreFile " + file;
        }
    }

    private final Map<String, Choice> choices = new HashMap<>();
    private final Map<String, AiJobStore> opened = new HashMap<>();

    /** The file a {@code jobStoreFile} value names for a label, or null when the value is unset. */
    static String resolveFile(String jobStoreFile, String label) {
        if (jobStoreFile == null || jobStoreFile.isBlank()) {
            return null;
        }
        return Path.of(jobStoreFile.replace(LABEL_PLACEHOLDER, label)).toAbsolutePath().normalize().toString();
    }

    /** Records the store an endpoint of {@code label} names, if any; refuses one that conflicts with another. */
    synchronized void register(String label, String jobStoreFile, AiJobStore bean) {
        String file = resolveFile(jobStoreFile, label);
        if (file == null && bean == null) {
            return;
        }
        if (file != null && bean != null) {
            throw new IllegalArgumentException("The endpoint with the label '" + label + "' names both a jobStore bean"
                                               + " and the jobStoreFile " + file + ": set one of them");
        }
        Choice choice = new Choice(file, bean);
        Choice known = choices.get(label);
        if (known != null) {
            checkSameChoice(label, known, choice);
            return;
        }
        for (Map.Entry<String, Choice> other : choices.entrySet()) {
            checkNotShared(other.getKey(), other.getValue(), label, choice);
        }
        if (opened.containsKey(label)) {
            throw new IllegalArgumentException("The label '" + label + "' already keeps its pending jobs in memory (an"
                                               + " endpoint without jobStore or jobStoreFile was used first), so it"
                                               + " cannot switch to " + choice.describe() + ": name the store on the"
                                               + " first endpoint of the label, or use another label");
        }
        choices.put(label, choice);
    }

    private static void checkSameChoice(String label, Choice known, Choice choice) {
        String prefix = "Endpoints with the label '" + label + "' share one job store, but ";
        if (known.bean() != null && choice.bean() != null && known.bean() != choice.bean()) {
            throw new IllegalArgumentException(prefix + "they name different jobStore beans (" + known.bean() + " and "
                                               + choice.bean() + "): name the same bean, or use other labels");
        }
        if (known.file() != null && choice.file() != null && !known.file().equals(choice.file())) {
            throw new IllegalArgumentException(prefix + "they name different jobStoreFile values (" + known.file()
                                               + " and " + choice.file() + "): give them the same file or other labels");
        }
        if ((known.bean() == null) != (choice.bean() == null)) {
            throw new IllegalArgumentException(prefix + "one names a jobStore bean and another the jobStoreFile "
                                               + (known.file() != null ? known.file() : choice.file())
                                               + ": keep one of them, on one endpoint or on all");
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
    }

    /** The store of a label: its bean, else its file (opened on first use), else one in memory. */
    synchronized AiJobStore storeOf(String label) {
        Choice choice = choices.get(label);
        if (choice != null && choice.bean() != null) {
            return choice.bean();
        }
        return opened.computeIfAbsent(label,
                l -> choice == null ? new MemoryAiJobStore() : FileAiJobStore.open(Path.of(choice.file())));
    }

    /**
     * Forgets and returns the stores opened here, for the component to close when it stops; beans belong to the
     * application and are not among them. The memory stores go with them: their jobs are lost.
     */
    synchronized List<AiJobStore> takeOpened() {
        List<AiJobStore> stores = new ArrayList<>(opened.values());
        opened.clear();
        return stores;
    }
}
