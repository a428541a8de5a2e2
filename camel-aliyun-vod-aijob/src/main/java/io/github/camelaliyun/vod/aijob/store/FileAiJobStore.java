package io.github.camelaliyun.vod.aijob.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable store: an append-only log of records, one per line, each with a CRC32, replayed into memory when opened:
 * {@code +} (added), {@code -} (removed, with its submit ledger), {@code d} (delivery count after a failed delivery),
 * {@code s} (seeded from the {@code jobIds} option, see {@link #seed}), {@code L} and {@code l} (a pending job's
 * submit ledger set, with tabs, line breaks and backslashes escaped, or forgotten), {@code D} (a job completed, when)
 * and {@code E} (an early event remembered, when).
 * <ul>
 * <li>Leases and next check times live in memory only: one context holds the file, and when it restarts nobody holds
 * a lease and every job is due.</li>
 * <li>An add is forced to disk before it returns, so it survives a crash of the process or of the machine.</li>
 * <li>A removal is written before the exchange's completion returns, which a crash of the process cannot undo; only a
 * crash of the machine may lose it, and then the job is delivered once more (at-least-once allows that).</li>
 * <li>A torn last record (the process died while writing it) is reported and cut off when the file is opened.</li>
 * <li>A submit ledger is forced to disk before {@link #saveSubmitLedger} returns; a completion, its delivery record
 * and an early event are written like a removal.</li>
 * <li>The log is rewritten with what is live only (to a temporary file, then an atomic rename): the pending jobs with
 * their counts and ledgers, the seeded ids, the jobs delivered within {@link StoreBounds#DELIVERED_RETENTION} (at most
 * {@link StoreBounds#DELIVERED_PER_LABEL}) and the early events within {@link StoreBounds#EARLY_EVENT_EXPIRY} (at
 * most {@link StoreBounds#EARLY_EVENTS_PER_LABEL}), once it holds more than twice as many records as that could
 * take, so it does not grow without bound: its size follows the pending jobs, the seeded ids and the bounded
 * entries.</li>
 * <li>A lock on {@code <file>.lock} keeps a second Camel context, in this JVM or another, from opening the same
 * file.</li>
 * </ul>
 */
public class FileAiJobStore implements AiJobStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileAiJobStore.class);
    private static final int MIN_RECORDS_BEFORE_COMPACTION = 1024;

    private final Path file;
    private final MemoryAiJobStore index;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private FileChannel log;
    private long records;

    private FileAiJobStore(Path file, StoreBounds bounds) throws IOException {
        this.index = new MemoryAiJobStore(bounds);
        this.file = file.toAbsolutePath();
        Path parent = this.file.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.lockChannel = FileChannel.open(Path.of(this.file + ".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock acquired;
        try {
            acquired = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            acquired = null;
        }
        if (acquired == null) {
            lockChannel.close();
            throw new IllegalStateException("The job store file " + this.file + " is already open in another Camel"
                                            + " context (in this JVM or another process): a store file serves one"
                                            + " context at a time; give each context its own jobStoreFile");
        }
        this.lock = acquired;
        try {
            this.log = FileChannel.open(this.file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            load();
            if (worthCompacting()) {
                compact();
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    /**
     * Opens (or creates) a store file.
     *
     * @throws IllegalStateException when another Camel context holds the file
     */
    public static FileAiJobStore open(Path file) {
        return open(file, StoreBounds.DEFAULT);
    }

    /** Opens (or creates) a store file with other bounds than the component's; for tests. */
    static FileAiJobStore open(Path file, StoreBounds bounds) {
        try {
            return new FileAiJobStore(file, bounds);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the job store file " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized List<String> add(Collection<String> jobIds, Instant addedAt) {
        for (String id : jobIds) {
            checkId(id);
        }
        List<String> added = index.add(jobIds, addedAt);
        if (!added.isEmpty()) {
            StringBuilder out = new StringBuilder(added.size() * 64);
            for (String id : added) {
                record(out, "+\t" + addedAt.toEpochMilli() + "\t" + id);
            }
            append(out, added.size(), true);
        }
        return added;
    }

    /**
     * Like {@link #add} for the ids not seeded before; the file also records that they were seeded (after their add,
     * so that a torn write can lose the mark, which only means adding a pending id again, never the job).
     */
    @Override
    public synchronized List<String> seed(Collection<String> jobIds, Instant addedAt) {
        for (String id : jobIds) {
            checkId(id);
        }
        List<String> fresh = index.markSeeded(jobIds);
        if (fresh.isEmpty()) {
            return List.of();
        }
        List<String> added = index.add(fresh, addedAt);
        StringBuilder out = new StringBuilder(fresh.size() * 96);
        for (String id : added) {
            record(out, "+\t" + addedAt.toEpochMilli() + "\t" + id);
        }
        for (String id : fresh) {
            record(out, "s\t" + id);
        }
        append(out, added.size() + fresh.size(), true);
        return added;
    }

    @Override
    public synchronized List<String> remove(Collection<String> jobIds) {
        List<String> removed = index.remove(jobIds);
        StringBuilder out = new StringBuilder(removed.size() * 48);
        for (String id : removed) {
            record(out, "-\t" + id);
        }
        appendRemovals(out, removed.size());
        return removed;
    }

    @Override
    public synchronized List<ClaimedJob> claim(String owner, int limit, Duration leaseDuration,
            Duration firstCheckAfter) {
        return index.claim(owner, limit, leaseDuration, firstCheckAfter);
    }

    @Override
    public synchronized List<ClaimedJob> claimAhead(String owner, int limit, Duration leaseDuration) {
        return index.claimAhead(owner, limit, leaseDuration);
    }

    @Override
    public synchronized boolean complete(ClaimedJob job) {
        return complete(List.of(job)).isEmpty();
    }

    /** The removals and their delivery records in one write. */
    @Override
    public synchronized List<ClaimedJob> complete(Collection<ClaimedJob> jobs) {
        List<ClaimedJob> refused = new ArrayList<>();
        List<String> done = new ArrayList<>();
        for (ClaimedJob job : jobs) {
            if (index.complete(job)) {
                done.add(job.jobId());
            } else {
                refused.add(job);
            }
        }
        writeRemovals(done);
        return refused;
    }

    @Override
    public synchronized List<ClaimedJob> release(Collection<Release> releases) {
        List<ClaimedJob> refused = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        int count = 0;
        for (Release release : releases) {
            ClaimedJob job = release.job();
            if (!index.release(job, release.checkAgainIn(), release.deliveryFailed())) {
                refused.add(job);
            } else if (release.deliveryFailed()) {
                record(out, "d\t" + index.deliveries(job.jobId()) + "\t" + job.jobId());
                count++;
            }
        }
        if (count > 0) {
            append(out, count, false);
        }
        return refused;
    }

    /** A failed delivery's count is written (not forced, like a removal): it survives a restart of the process. */
    @Override
    public synchronized boolean release(ClaimedJob job, Duration checkAgainIn, boolean deliveryFailed) {
        if (!index.release(job, checkAgainIn, deliveryFailed)) {
            return false;
        }
        if (deliveryFailed) {
            StringBuilder out = new StringBuilder(64);
            record(out, "d\t" + index.deliveries(job.jobId()) + "\t" + job.jobId());
            append(out, 1, false);
        }
        return true;
    }

    /** In memory, like every next check time: after a restart every job is due anyway. */
    @Override
    public synchronized boolean markDue(String jobId) {
        return index.markDue(jobId);
    }

    @Override
    public synchronized List<ClaimedJob> renew(Collection<ClaimedJob> jobs, Duration leaseDuration) {
        return index.renew(jobs, leaseDuration);
    }

    /** A pending job's delivery count (0 when it is not pending). */
    public int deliveries(String jobId) {
        return index.deliveries(jobId);
    }

    @Override
    public synchronized boolean deliveredLately(String jobId) {
        return index.deliveredLately(jobId);
    }

    @Override
    public synchronized boolean rememberEarlyEvent(String jobId) {
        checkId(jobId);
        long now = System.currentTimeMillis();
        if (!index.rememberEarlyEvent(jobId, now)) {
            return false;
        }
        StringBuilder out = new StringBuilder(64);
        record(out, "E\t" + now + "\t" + jobId);
        append(out, 1, false);
        return true;
    }

    @Override
    public synchronized String submitLedger(String jobId) {
        return index.submitLedger(jobId);
    }

    @Override
    public synchronized boolean saveSubmitLedger(String jobId, String leaseToken, String ledger) {
        return index.saveSubmitLedger(jobId, leaseToken, ledger) && writeLedger(jobId, ledger);
    }

    @Override
    public synchronized boolean saveSubmitLedgerAhead(String jobId, String leaseToken, String ledger) {
        return index.saveSubmitLedgerAhead(jobId, leaseToken, ledger) && writeLedger(jobId, ledger);
    }

    private boolean writeLedger(String jobId, String ledger) {
        StringBuilder out = new StringBuilder(64 + (ledger == null ? 0 : ledger.length()));
        record(out, ledger == null ? "l\t" + jobId : "L\t" + jobId + "\t" + escape(ledger));
        append(out, 1, true);
        return true;
    }

    /** The file (and its directory, where compaction writes) can be written. */
    @Override
    public synchronized void verify() {
        Path dir = file.getParent();
        if (!log.isOpen() || !Files.isWritable(file) || dir != null && !Files.isWritable(dir)) {
            throw new IllegalStateException("The job store file " + file + " is not writable: give the user of this"
                                            + " process write access to it and to its directory (compaction writes"
                                            + " a new file there), or choose another jobStoreFile");
        }
    }

    /** Removals of pending jobs, each with a delivery record when it was a completion. */
    private void writeRemovals(List<String> removed) {
        if (!removed.isEmpty()) {
            StringBuilder out = new StringBuilder(removed.size() * 48);
            int count = 0;
            for (String id : removed) {
                record(out, "-\t" + id);
                Long deliveredAt = index.deliveredAt(id);
                if (deliveredAt != null) {
                    record(out, "D\t" + deliveredAt + "\t" + id);
                    count++;
                }
            }
            appendRemovals(out, removed.size() + count);
        }
    }

    private void appendRemovals(StringBuilder out, int count) {
        if (count == 0) {
            return;
        }
        append(out, count, false);
        if (worthCompacting()) {
            try {
                compact();
            } catch (IOException e) {
                // the log is still complete; it will be compacted on a later removal or when reopened
                LOG.warn("Could not compact the job store file {}: {}", file, e.getMessage());
            }
        }
    }

    @Override
    public List<PendingJob> pending(long afterSequence, int limit) {
        return index.pending(afterSequence, limit);
    }

    @Override
    public int size() {
        return index.size();
    }

    /** How many records the file holds now (pending adds plus not yet compacted history). */
    public synchronized long records() {
        return records;
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }

    @Override
    public String toString() {
        return "FileAiJobStore[" + file + ", pending=" + size() + "]";
    }

    private static void checkId(String id) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("A job id to store is blank");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new IllegalArgumentException("Job id '" + id + "' contains whitespace or a control character");
            }
        }
    }

    private static void record(StringBuilder out, String content) {
        CRC32 crc = new CRC32();
        crc.update(content.getBytes(StandardCharsets.UTF_8));
        out.append(content).append('\t').append(Long.toHexString(crc.getValue())).append('\n');
    }

    private void append(StringBuilder lines, int count, boolean force) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                log.write(buffer);
            }
            if (force) {
                log.force(false);
            }
            records += count;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write to the job store file " + file + ": " + e.getMessage(), e);
        }
    }

    private void load() throws IOException {
        byte[] content = Files.readAllBytes(file);
        int lineStart = 0;
        long goodLength = 0;
        int lineNumber = 0;
        for (int i = 0; i < content.length; i++) {
            if (content[i] != '\n') {
                continue;
            }
            lineNumber++;
            String line = new String(content, lineStart, i - lineStart, StandardCharsets.UTF_8);
            if (replay(line)) {
                records++;
                goodLength = i + 1;
            } else if (i == content.length - 1) {
                break; // a damaged last line is handled as torn, below
            } else {
                LOG.error("Job store file {}: line {} is damaged and was skipped; a job may have to be tracked again",
                        file, lineNumber);
                goodLength = i + 1;
            }
            lineStart = i + 1;
        }
        if (goodLength < content.length) {
            LOG.warn("Job store file {}: ignored a torn last record ({} bytes at offset {}), written when the process"
                     + " stopped in the middle of a write; the file was cut back to its last complete record",
                    file, content.length - goodLength, goodLength);
            log.truncate(goodLength);
            log.force(false);
        }
        log.position(goodLength);
        LOG.debug("Opened job store file {}: {} pending jobs from {} records", file, index.size(), records);
    }

    /** Applies one line; false when it is not a complete, intact record. */
    private boolean replay(String line) {
        int lastTab = line.lastIndexOf('\t');
        if (lastTab < 0) {
            return false;
        }
        String content = line.substring(0, lastTab);
        CRC32 crc = new CRC32();
        crc.update(content.getBytes(StandardCharsets.UTF_8));
        if (!Long.toHexString(crc.getValue()).equals(line.substring(lastTab + 1))) {
            return false;
        }
        String[] parts = content.split("\t", -1);
        if (parts.length == 3 && parts[0].equals("+")) {
            index.put(parts[2], Long.parseLong(parts[1]));
            return true;
        }
        if (parts.length == 2 && parts[0].equals("-")) {
            index.remove(List.of(parts[1]));
            return true;
        }
        if (parts.length == 3 && parts[0].equals("d")) {
            index.setDeliveries(parts[2], Integer.parseInt(parts[1]));
            return true;
        }
        if (parts.length == 2 && parts[0].equals("s")) {
            index.markSeeded(List.of(parts[1]));
            return true;
        }
        if (parts.length == 3 && parts[0].equals("L")) {
            index.saveSubmitLedger(parts[1], null, unescape(parts[2]));
            return true;
        }
        if (parts.length == 2 && parts[0].equals("l")) {
            index.saveSubmitLedger(parts[1], null, null);
            return true;
        }
        if (parts.length == 3 && parts[0].equals("D")) {
            index.recordDelivered(parts[2], Long.parseLong(parts[1]));
            return true;
        }
        if (parts.length == 3 && parts[0].equals("E")) {
            index.rememberEarlyEvent(parts[2], Long.parseLong(parts[1]));
            return true;
        }
        return false;
    }

    /** When the log holds twice what a compaction could write at most (a job's add, count and ledger, and the rest). */
    private boolean worthCompacting() {
        long live = 3L * index.size() + index.seededCount() + index.deliveredCount() + index.earlyEventCount();
        return records > MIN_RECORDS_BEFORE_COMPACTION && records > 2L * live;
    }

    /** A ledger in one field of a line: no tab, line break or lone backslash left. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String unescape(String field) {
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 1 < field.length()) {
                char next = field.charAt(++i);
                out.append(switch (next) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private void compact() throws IOException {
        Path temp = Path.of(file + ".compacting");
        List<PendingJob> live = index.all();
        StringBuilder out = new StringBuilder(live.size() * 64);
        int counts = 0;
        for (PendingJob job : live) {
            record(out, "+\t" + job.addedAtMillis() + "\t" + job.jobId());
            int deliveries = index.deliveries(job.jobId());
            if (deliveries > 0) {
                record(out, "d\t" + deliveries + "\t" + job.jobId());
                counts++;
            }
            String ledger = index.submitLedger(job.jobId());
            if (ledger != null) {
                record(out, "L\t" + job.jobId() + "\t" + escape(ledger));
                counts++;
            }
        }
        List<String> seeded = index.seededIds();
        for (String id : seeded) {
            record(out, "s\t" + id);
        }
        // after the jobs: an early event written before the add of its job would be consumed by it on replay
        for (Map.Entry<String, Long> entry : index.deliveredEntries().entrySet()) {
            record(out, "D\t" + entry.getValue() + "\t" + entry.getKey());
            counts++;
        }
        for (Map.Entry<String, Long> entry : index.earlyEventEntries().entrySet()) {
            record(out, "E\t" + entry.getValue() + "\t" + entry.getKey());
            counts++;
        }
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(out.toString().getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        log.close();
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            LOG.debug("Compacted job store file {}: {} records down to {}", file, records, live.size());
            records = live.size() + seeded.size() + counts;
        } finally {
            // after a failed move the old log is still whole: go on appending to it
            log = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            log.position(log.size());
        }
    }

    private void closeQuietly() {
        try {
            if (log != null) {
                log.close();
            }
        } catch (IOException e) {
            LOG.debug("Closing {} failed: {}", file, e.getMessage());
        }
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
            lockChannel.close();
        } catch (IOException e) {
            LOG.debug("Releasing the lock of {} failed: {}", file, e.getMessage());
        }
    }
}
