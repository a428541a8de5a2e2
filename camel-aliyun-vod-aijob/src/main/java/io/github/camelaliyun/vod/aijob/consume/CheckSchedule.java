package io.github.camelaliyun.vod.aijob.consume;

import io.github.camelaliyun.vod.aijob.VodAiJobConfiguration;
import java.time.Duration;

/**
 * When a job found unfinished is asked about again: after {@code factor} times its age, no sooner than {@code min}
 * and no later than {@code max}. A job's age is all it needs (the store keeps when the job was added), so the schedule
 * holds no state of its own and moves with the job between nodes. The share of the age bounds how late a finished job
 * is seen: a job checked at age {@code a} and found running is checked next at {@code a (1 + factor)}, so it is seen
 * at most {@code factor} times its run time after it finished. With {@code max = 0} every job is due on every poll.
 *
 * @param min    the shortest interval
 * @param max    the longest interval; zero: every poll checks every job
 * @param factor the share of the job's age
 */
public record CheckSchedule(Duration min, Duration max, double factor) {

    /** Every pending job on every poll: the behaviour before schedules. */
    public static final CheckSchedule EVERY_POLL = new CheckSchedule(Duration.ZERO, Duration.ZERO, 0);

    public CheckSchedule {
        if (min.isNegative()) {
            throw new IllegalArgumentException("Invalid minCheckInterval " + min.toMillis()
                                               + ": must be 0 or more milliseconds");
        }
        if (max.isNegative() || !max.isZero() && max.compareTo(min) < 0) {
            throw new IllegalArgumentException("Invalid maxCheckInterval " + max.toMillis() + " (2 minutes unless"
                                               + " set): must be at least minCheckInterval (" + min.toMillis()
                                               + " ms), or 0 to check every job on every poll; raise"
                                               + " maxCheckInterval with minCheckInterval");
        }
        if (!(factor >= 0 && factor <= 10)) {
            throw new IllegalArgumentException("Invalid checkIntervalFactor " + factor
                                               + ": allowed 0 to 10 (0.05 checks a job again after a twentieth of its age)");
        }
    }

    /** The schedule the options describe; refuses bad values with the option's name. */
    public static CheckSchedule of(VodAiJobConfiguration conf) {
        return new CheckSchedule(Duration.ofMillis(conf.getMinCheckInterval()),
                Duration.ofMillis(conf.getMaxCheckInterval()), conf.getCheckIntervalFactor());
    }

    /**
     * How long after it was tracked a job is first asked about: {@code min}, since a job tracked a moment ago has
     * rarely finished (and its event, with callbacks on, makes it due sooner); at once when every poll checks every job.
     */
    public Duration firstCheckAfter() {
        return max.isZero() ? Duration.ZERO : min;
    }

    /** How long after this check a job of this age, found unfinished, is due again. */
    public Duration nextCheckAfter(Duration age) {
        if (max.isZero()) {
            return Duration.ZERO;
        }
        long millis = (long) (age.toMillis() * factor);
        return Duration.ofMillis(Math.max(min.toMillis(), Math.min(max.toMillis(), millis)));
    }
}
