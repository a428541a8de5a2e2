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
import java.util.Collection;
import java.util.List;
import java.util.zip.CRC32;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable store: an append-only log of {@code +} (added), {@code -} (removed), {@code d} (delivery count after a
 * failed delivery) and {@code s} (seeded from the {@code jobIds} option, see {@link #seed}) records, one per line,
 * each with a CRC32, replayed into memory when opened.
 * <ul>
 * <li>Leases and next check times live in memory only: one context holds the file, and when it restarts nobody holds
 * a lease and every job is due.</li>
 * <li>An add is forced to disk before it returns, so it survives a crash of the process or of the machine.</li>
 * <li>A removal is written before the exchange's completion returns, which a crash of the process cannot undo; only a
 * crash of the machine may lose it, and then the job is delivered once more (at-least-once allows that).</li>
 * <li>A torn last record (the process died while writing it) is reported and cut off when the file is opened.</li>
 * <li>The log is rewritten with the pending jobs (and the seeded ids) only (to a temporary file, then an atomic rename) once it holds more
 * than twice as many records as pending jobs, so it does not grow without bound.</li>
 * <li>A lock on {@code <file>.lock} keeps a second Camel context, in this JVM or another, from opening the same
 * file.</li>
 * </ul>
 */
public class FileAiJobStore implements AiJobStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileAiJobStore.class);
    private static final int MIN_RECORDS_BEFORE_COMPACTION = 1024;

    private final Path file;
    private final MemoryAiJobStore index = new MemoryAiJobStore();
    private final FileChannel lockChannel;
    private final FileLock lock;
    private FileChannel log;
    private long records;

    private FileAiJobStore(Path file) throws IOException {
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
        try {
            return new FileAiJobStore(file);
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
        writeRemovals(removed);
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
        if (!index.complete(job)) {
            return false;
        }
        writeRemovals(List.of(job.jobId()));
        return true;
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

    private void writeRemovals(List<String> removed) {
        if (!removed.isEmpty()) {
            StringBuilder out = new StringBuilder(removed.size() * 48);
            for (String id : removed) {
                record(out, "-\t" + id);
            }
            append(out, removed.size(), false);
            if (worthCompacting()) {
                try {
                    compact();
                } catch (IOException e) {
                    // the log is still complete; it will be compacted on a later removal or when reopened
                    LOG.warn("Could not compact the job store file {}: {}", file, e.getMessage());
                }
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
        String[] parts = content.split("\t");
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
        return false;
    }

    private boolean worthCompacting() {
        long live = index.size() + (long) index.seededIds().size();
        return records > MIN_RECORDS_BEFORE_COMPACTION && records > 2L * live;
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
        }
        List<String> seeded = index.seededIds();
        for (String id : seeded) {
            record(out, "s\t" + id);
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
