package io.github.camelaliyun.vod.aijob.input;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

import io.github.camelaliyun.vod.aijob.client.VodApi;
import io.github.camelaliyun.vod.aijob.model.AiJob;
import io.github.camelaliyun.vod.aijob.model.SubmittedAiJob;

/**
 * Turns what a message holds into job ids: a String (ids separated by commas and whitespace, Unicode's included), a
 * Collection, an array, or an Iterator/Iterable of ids, where each id may also be a {@link SubmittedAiJob} or an
 * {@link AiJob} (what submitAiJob and listAiJobs return). Ids are trimmed, blank ones dropped and duplicates kept
 * once, in the order given; anything that cannot be a job id is refused before a call is made, naming the id and its
 * position.
 */
public final class JobIdsReader {

    public static final String ACCEPTED_TYPES
            = "a String (ids separated by commas or whitespace), a Collection, an array, or an Iterator/Iterable of"
              + " String ids, SubmittedAiJob or AiJob";

    private JobIdsReader() {
    }

    /**
     * @param  value  the header or body value; {@code null} is not allowed here (the caller says where ids go)
     * @param  source where the value came from, for error messages ("body", "header CamelAliyunVodAiJobIds")
     * @return        the unique ids in the order first given
     */
    public static List<String> read(Object value, String source) {
        if (value instanceof CharSequence) {
            return unique(IdSeparators.split(value.toString()), source);
        }
        String single = jobIdOf(value);
        if (single != null) {
            return unique(List.of(single), source);
        }
        Iterator<?> items = iterator(value, source);
        List<String> ids = new ArrayList<>();
        int position = 0;
        while (items.hasNext()) {
            Object item = items.next();
            position++;
            if (item == null) {
                ids.add("");
            } else if (item instanceof CharSequence) {
                ids.add(item.toString());
            } else if (jobIdOf(item) != null) {
                ids.add(jobIdOf(item));
            } else {
                throw new IllegalArgumentException("Job id at position " + position + " of the " + source + " is a "
                                                   + item.getClass().getName()
                                                   + ", not a String, SubmittedAiJob or AiJob");
            }
        }
        return unique(ids, source);
    }

    /** The job id a result of submitAiJob or listAiJobs carries, or null for anything else. */
    private static String jobIdOf(Object value) {
        if (value instanceof SubmittedAiJob submitted) {
            return String.valueOf(submitted.jobId());
        }
        if (value instanceof AiJob job) {
            return String.valueOf(job.getJobId());
        }
        return null;
    }

    private static Iterator<?> iterator(Object value, String source) {
        if (value instanceof Iterable) {
            return ((Iterable<?>) value).iterator();
        }
        if (value instanceof Iterator) {
            return (Iterator<?>) value;
        }
        if (value != null && value.getClass().isArray() && !value.getClass().getComponentType().isPrimitive()) {
            int length = Array.getLength(value);
            List<Object> items = new ArrayList<>(length);
            for (int i = 0; i < length; i++) {
                items.add(Array.get(value, i));
            }
            return items.iterator();
        }
        String type = value == null ? "null" : value.getClass().getName();
        throw new IllegalArgumentException("The " + source + " holds a " + type + ", which cannot hold job ids: use "
                                           + ACCEPTED_TYPES);
    }

    private static List<String> unique(List<String> raw, String source) {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String id = IdSeparators.strip(raw.get(i));
            if (id.isEmpty()) {
                continue;
            }
            check(id, "Job id", " at position " + (i + 1), source);
            ids.add(id);
        }
        return new ArrayList<>(ids);
    }

    /** Checks one id of another kind (a media id), with the same rules as job ids. */
    public static String checkOne(String id, String noun, String source) {
        check(id, noun, "", source);
        return id;
    }

    private static void check(String id, String noun, String where, String source) {
        if (id.length() > VodApi.MAX_ID_LENGTH) {
            throw new IllegalArgumentException(noun + " '" + id.substring(0, 20) + "...'" + where + " of the " + source
                                               + " has " + id.length() + " characters; ids have at most "
                                               + VodApi.MAX_ID_LENGTH);
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            String problem = c == ',' ? "a comma"
                    : IdSeparators.isSpace(c) ? String.format("whitespace (U+%04X)", (int) c)
                    : Character.isISOControl(c) ? "a control character" : null;
            if (problem != null) {
                throw new IllegalArgumentException(noun + " '" + printable(id) + "'" + where + " of the " + source
                                                   + " contains " + problem
                                                   + "; give each id as its own element, without separators inside");
            }
        }
    }

    private static String printable(String id) {
        StringBuilder sb = new StringBuilder(id.length());
        for (char c : id.toCharArray()) {
            boolean invisible = Character.isISOControl(c) || (c != ' ' && IdSeparators.isSpace(c));
            sb.append(invisible ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return sb.toString();
    }
}
