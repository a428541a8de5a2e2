package io.github.camelaliyun.vod.aijob.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.camelaliyun.vod.aijob.client.mns.MnsException;
import io.github.camelaliyun.vod.aijob.client.mns.MnsMessage;
import io.github.camelaliyun.vod.aijob.client.mns.MnsQueueClient;
import io.github.camelaliyun.vod.aijob.label.AiJobLabel;
import io.github.camelaliyun.vod.aijob.model.AiJob;
import io.github.camelaliyun.vod.aijob.stats.QueueFigures;

/**
 * Reads a label's MNS queue, into which VOD writes its events ({@code SetMessageCallback} with CallbackType MNS), on a
 * thread of its own: long polls of up to 16 messages, each AI job event handed to {@link AiJobLabel#jobFinished} (the
 * path HTTP events take: the job is due, the consumer woken, or the event remembered for a job tracked soon), then the
 * batch deleted. A message is deleted only once what it says is recorded in the label's store: a node that dies in
 * between leaves it in the queue, and MNS hands it out again after the queue's visibility timeout. A delete whose
 * receipt expired meanwhile is no error (the message comes again, and recording it twice does no harm).
 * <p>
 * Every message is deleted once read, except when the store refused it: events of other types and for jobs of other
 * labels are counted as ignored, messages that are no event as poison (one WARN each, naming the message id). A
 * failed call is retried by the client; when the retries are spent the source waits (1 s, doubling up to 30 s) and
 * tries again, and {@link #failure()} tells the consumer's health check until a receive succeeds.
 */
public final class QueueEventSource implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(QueueEventSource.class);
    private static final long MIN_PAUSE_MILLIS = 1000;
    private static final long MAX_PAUSE_MILLIS = 30_000;
    /** The most trusted results kept for jobs not delivered yet; beyond, the jobs are asked about with ListAIJob. */
    static final int MAX_TRUSTED = 10_000;

    private final AiJobLabel label;
    private final MnsQueueClient queue;
    private final QueueFigures figures;
    private final int batchSize;
    private final int waitSeconds;
    private final String name;
    private volatile boolean running = true;
    private volatile MnsException failure;
    private final Object pauseLock = new Object();
    /** The finished jobs as their events tell them, for eventQueueTrustEvents; {@code null} when off. */
    private final Map<String, AiJob> trusted;

    public QueueEventSource(AiJobLabel label, MnsQueueClient queue, int batchSize, int waitSeconds) {
        this(label, queue, batchSize, waitSeconds, null);
    }

    /**
     * @param trusted where to put the job each AI job event describes before it is recorded (so that the woken
     *                consumer finds it), or {@code null} to trust nothing but ListAIJob
     */
    public QueueEventSource(AiJobLabel label, MnsQueueClient queue, int batchSize, int waitSeconds,
                            Map<String, AiJob> trusted) {
        this.trusted = trusted;
        this.label = label;
        this.queue = queue;
        this.figures = label.statistics().queue();
        this.batchSize = batchSize;
        this.waitSeconds = waitSeconds;
        this.name = label + " event queue " + queue.queue();
    }

    /** The failure of the last receive or delete, until a receive succeeds; {@code null} while the queue is read. */
    public MnsException failure() {
        return failure;
    }

    public String queueName() {
        return queue.queue();
    }

    @Override
    public void run() {
        long pause = MIN_PAUSE_MILLIS;
        LOG.info("{}: reading {} (long polls of {} s, up to {} messages)", name, queue.endpoint(), waitSeconds,
                batchSize);
        while (running) {
            try {
                List<MnsMessage> messages = queue.receive(batchSize, waitSeconds);
                figures.received(messages.size());
                if (failure != null) {
                    LOG.info("{}: read again after {}", name, failure.getErrorCode());
                    failure = null;
                }
                pause = MIN_PAUSE_MILLIS;
                if (!messages.isEmpty()) {
                    delete(record(messages));
                }
            } catch (MnsException e) {
                if (!running) {
                    break;
                }
                figures.failed();
                MnsException before = failure;
                failure = e;
                if (before == null || !before.getErrorCode().equals(e.getErrorCode())) {
                    LOG.warn("{}: {}; trying again every {} s at most, events wait in the queue meanwhile (the"
                             + " consumer's checks still deliver every job)", name, e.getMessage(),
                            MAX_PAUSE_MILLIS / 1000);
                } else {
                    LOG.debug("{}: {}", name, e.getMessage());
                }
                sleep(pause);
                pause = Math.min(MAX_PAUSE_MILLIS, pause * 2);
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                LOG.warn("{}: {}", name, e.toString(), e);
                sleep(pause);
                pause = Math.min(MAX_PAUSE_MILLIS, pause * 2);
            }
        }
        LOG.debug("{}: stopped", name);
    }

    /** Records each message's event; answers the receipt handles of the messages to delete. */
    private List<String> record(List<MnsMessage> messages) {
        List<String> done = new ArrayList<>(messages.size());
        int refused = 0;
        RuntimeException storeFailure = null;
        for (MnsMessage message : messages) {
            QueuedEvent event = QueuedEvent.parse(message.body());
            switch (event.kind()) {
                case POISON -> {
                    LOG.warn("{}: deleted message {}, which is not a VOD event: {}", name, message.messageId(),
                            event.problem());
                    figures.poisonMessage();
                    done.add(message.receiptHandle());
                }
                case OTHER_TYPE -> {
                    LOG.debug("{}: ignored a {} event (not an AI job event)", name, event.type());
                    figures.eventIgnored();
                    done.add(message.receiptHandle());
                }
                default -> {
                    boolean kept = keep(event);
                    try {
                        AiJobLabel.EventOutcome outcome = label.jobFinished(event.jobId(), false);
                        if (outcome == AiJobLabel.EventOutcome.DUE || outcome == AiJobLabel.EventOutcome.TRACKED) {
                            LOG.debug("{}: {} event for job {}: due now", name, event.type(), event.jobId());
                            figures.eventAccepted();
                        } else {
                            LOG.debug("{}: {} event for job {}: {} (not pending in this label)", name, event.type(),
                                    event.jobId(), outcome);
                            figures.eventIgnored();
                            if (kept) {
                                trusted.remove(event.jobId()); // not this label's, or delivered already
                            }
                        }
                        done.add(message.receiptHandle());
                    } catch (RuntimeException e) {
                        if (kept) {
                            trusted.remove(event.jobId());
                        }
                        refused++;
                        storeFailure = e; // not deleted: it comes back after the visibility timeout
                    }
                }
            }
        }
        if (storeFailure != null) {
            LOG.warn("{}: could not record {} events in the job store ({}); they stay in the queue and come back"
                     + " after its visibility timeout", name, refused, storeFailure.toString());
        }
        return done;
    }

    /** Keeps the job the event describes for the consumer, when trusted and there is room; whether it was kept. */
    private boolean keep(QueuedEvent event) {
        if (trusted == null || event.job() == null || trusted.size() >= MAX_TRUSTED) {
            return false;
        }
        trusted.put(event.jobId(), event.job());
        return true;
    }

    private void delete(List<String> handles) {
        if (handles.isEmpty()) {
            return;
        }
        List<MnsQueueClient.DeleteFailure> failures = queue.delete(handles);
        int expired = 0;
        for (MnsQueueClient.DeleteFailure f : failures) {
            if (f.isExpired()) {
                expired++;
            } else {
                LOG.warn("{}: could not delete a message: {} {}; it comes back after the visibility timeout", name,
                        f.errorCode(), f.message());
            }
        }
        if (expired > 0) {
            LOG.debug("{}: {} receipts had expired (their messages come again, or were deleted already)", name,
                    expired);
        }
        figures.deleted(handles.size() - failures.size());
    }

    /** Ends the loop and the long poll in progress. */
    public void stop() {
        running = false;
        synchronized (pauseLock) {
            pauseLock.notifyAll();
        }
        queue.close();
    }

    private void sleep(long millis) {
        synchronized (pauseLock) {
            if (!running) {
                return;
            }
            try {
                pauseLock.wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }
}
