package io.github.camelaliyun.vod.aijob;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Converter;
import org.apache.camel.Exchange;
import org.apache.camel.spi.TypeConverterRegistry;

import io.github.camelaliyun.vod.aijob.model.AiJob;

/**
 * Type converters for {@link AiJob}: to a {@code Map} (for simple expressions, templates, SQL parameters) and to JSON
 * (for files, queues, HTTP); a list of jobs converts to a JSON array. {@code Data} stays the raw string the service
 * sent, so nothing is lost when it is not valid JSON.
 */
@Converter(generateLoader = true)
public final class AiJobConverter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AiJobConverter() {
    }

    @Converter
    public static Map<String, Object> toMap(AiJob job) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("jobId", job.getJobId());
        map.put("mediaId", job.getMediaId());
        map.put("type", job.getType());
        map.put("status", job.getStatusText());
        map.put("creationTime", job.getCreationTime() == null ? null : job.getCreationTime().toString());
        map.put("completeTime", job.getCompleteTime() == null ? null : job.getCompleteTime().toString());
        map.put("code", job.getCode());
        map.put("message", job.getMessage());
        map.put("data", job.getData());
        return map;
    }

    @Converter
    public static String toJson(AiJob job) throws JsonProcessingException {
        return JSON.writeValueAsString(toMap(job));
    }

    /**
     * A {@code List} of jobs to a JSON array. A fallback, because a plain {@code List -> String} converter would take
     * over the conversion of every list in the Camel context; this one declines anything but a list of jobs.
     */
    @Converter(fallback = true)
    public static Object listToJson(Class<?> type, Exchange exchange, Object value, TypeConverterRegistry registry)
            throws JsonProcessingException {
        if (type != String.class || !(value instanceof List) || ((List<?>) value).isEmpty()) {
            return null;
        }
        List<?> list = (List<?>) value;
        for (Object item : list) {
            if (!(item instanceof AiJob)) {
                return null;
            }
        }
        List<Map<String, Object>> maps = new ArrayList<>(list.size());
        for (Object item : list) {
            maps.add(toMap((AiJob) item));
        }
        return JSON.writeValueAsString(maps);
    }
}
