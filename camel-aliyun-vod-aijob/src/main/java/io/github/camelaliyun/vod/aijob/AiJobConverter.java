package io.github.camelaliyun.vod.aijob;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Converter;
import org.apache.camel.Exchange;
import org.apache.camel.spi.TypeConverterRegistry;

import io.github.camelaliyun.vod.aijob.model.AiJob;
import io.github.camelaliyun.vod.aijob.model.SubmittedAiJob;
import io.github.camelaliyun.vod.aijob.model.result.MediaDnaResult;
import io.github.camelaliyun.vod.aijob.model.result.VideoTagResult;

/**
 * Type converters for the component's bodies, {@link AiJob} and {@link SubmittedAiJob} and lists of them: to JSON
 * (a {@code String}, {@code byte[]} or {@code InputStream}, for files, queues, HTTP) and an {@code AiJob} to a
 * {@code Map} (for simple expressions, templates, SQL parameters). The JSON is what the model's annotations define, so
 * it is the same as Camel's {@code marshal().json()} writes; {@code Data} stays the raw string the service sent.
 * <p>
 * An {@code AiJob} also converts to its typed result, {@link VideoTagResult} or {@link MediaDnaResult}
 * ({@code convertBodyTo(VideoTagResult.class)}), empty for a job of the other type; a job whose {@code Data} cannot be
 * read fails the conversion with its {@code AiJobDataException} as the cause. The results convert to JSON text.
 */
@Converter(generateLoader = true)
public final class AiJobConverter {

    /** A plain mapper: the model's annotations fix the JSON, whatever modules an application's mapper has. */
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private AiJobConverter() {
    }

    @Converter
    public static Map<String, Object> toMap(AiJob job) {
        return JSON.convertValue(job, MAP);
    }

    @Converter
    public static String toJson(AiJob job) throws JsonProcessingException {
        return JSON.writeValueAsString(job);
    }

    @Converter
    public static byte[] toBytes(AiJob job) throws JsonProcessingException {
        return JSON.writeValueAsBytes(job);
    }

    @Converter
    public static InputStream toInputStream(AiJob job) throws JsonProcessingException {
        return new ByteArrayInputStream(toBytes(job));
    }

    @Converter
    public static VideoTagResult toVideoTagResult(AiJob job) {
        return job.getVideoTagResult();
    }

    @Converter
    public static MediaDnaResult toMediaDnaResult(AiJob job) {
        return job.getMediaDnaResult();
    }

    @Converter
    public static String toJson(VideoTagResult result) throws JsonProcessingException {
        return JSON.writeValueAsString(result);
    }

    @Converter
    public static String toJson(MediaDnaResult result) throws JsonProcessingException {
        return JSON.writeValueAsString(result);
    }

    @Converter
    public static String toJson(SubmittedAiJob job) throws JsonProcessingException {
        return JSON.writeValueAsString(job);
    }

    @Converter
    public static byte[] toBytes(SubmittedAiJob job) throws JsonProcessingException {
        return JSON.writeValueAsBytes(job);
    }

    @Converter
    public static InputStream toInputStream(SubmittedAiJob job) throws JsonProcessingException {
        return new ByteArrayInputStream(toBytes(job));
    }

    /**
     * A {@code List} of jobs ({@code AiJob} or {@code SubmittedAiJob}) to a JSON array, as a {@code String},
     * {@code byte[]} or {@code InputStream}. A fallback, because a plain {@code List -> String} converter would take
     * over the conversion of every list in the Camel context; this one declines anything but a non-empty list of jobs
     * (an empty list cannot tell what it would have held), or the producer's result list, even empty ({@code []}).
     */
    @Converter(fallback = true)
    public static Object listToJson(Class<?> type, Exchange exchange, Object value, TypeConverterRegistry registry)
            throws JsonProcessingException {
        if (!(value instanceof List<?> list) || (list.isEmpty() && !(list instanceof JobList)) || !isJsonTarget(type)) {
            return null;
        }
        for (Object item : list) {
            if (!(item instanceof AiJob) && !(item instanceof SubmittedAiJob)) {
                return null;
            }
        }
        if (type == String.class) {
            return JSON.writeValueAsString(list);
        }
        byte[] bytes = JSON.writeValueAsBytes(list);
        return type == byte[].class ? bytes : new ByteArrayInputStream(bytes);
    }

    private static boolean isJsonTarget(Class<?> type) {
        return type == String.class || type == byte[].class || type == InputStream.class;
    }
}
