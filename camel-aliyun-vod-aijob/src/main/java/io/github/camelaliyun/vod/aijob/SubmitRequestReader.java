package io.github.camelaliyun.vod.aijob;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Message;

import io.github.camelaliyun.vod.aijob.client.SubmitAiJobRequest;
import io.github.camelaliyun.vod.aijob.model.AiJob;

/**
 * Builds a SubmitAIJob request from a message and the endpoint's options, refusing before any call what the service
 * would refuse (or bill for nothing): no media id, an unknown job type, Config or UserData that is not JSON, UserData
 * over 512 bytes, smart tagging in a region that does not offer it.
 */
final class SubmitRequestReader {

    static final int MAX_USER_DATA_BYTES = 512;
    private static final Set<String> VIDEO_TAG_REGIONS = Set.of("cn-beijing", "cn-shanghai");
    private static final Pattern SEPARATORS = Pattern.compile("[,\\s]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SubmitRequestReader() {
    }

    static SubmitAiJobRequest read(Message message, VodAiJobConfiguration conf) {
        String mediaId = mediaId(message);
        Object typesHeader = message.getHeader(VodAiJobConstants.JOB_TYPES);
        List<String> types = typesHeader != null
                ? types(typesHeader, "header " + VodAiJobConstants.JOB_TYPES, conf.getRegionId())
                : types(conf.getJobTypes(), "jobTypes option", conf.getRegionId());
        Object configHeader = message.getHeader(VodAiJobConstants.CONFIG);
        String config = configHeader != null
                ? json(configHeader, "header " + VodAiJobConstants.CONFIG) : json(conf.getConfig(), "config option");
        Object userDataHeader = message.getHeader(VodAiJobConstants.USER_DATA);
        String userData = userDataHeader != null
                ? userData(userDataHeader, "header " + VodAiJobConstants.USER_DATA)
                : userData(conf.getUserData(), "userData option");
        return new SubmitAiJobRequest(mediaId, types, config, userData);
    }

    private static String mediaId(Message message) {
        Object header = message.getHeader(VodAiJobConstants.MEDIA_ID);
        Object value = header != null ? header : message.getBody();
        String source = header != null ? "header " + VodAiJobConstants.MEDIA_ID : "message body";
        if (value == null || (value instanceof CharSequence && value.toString().isBlank())) {
            throw new IllegalArgumentException("No media id to submit AI jobs for: put the video id in the message body"
                                               + " (a String) or in the " + VodAiJobConstants.MEDIA_ID + " header");
        }
        if (!(value instanceof CharSequence)) {
            throw new IllegalArgumentException("The " + source + " holds a " + value.getClass().getName()
                                               + ", not a media id: submitAiJob takes the video id as a String");
        }
        return JobIdsReader.checkOne(value.toString().strip(), "Media id", source);
    }

    /** The job types, each AIMediaDNA or AIVideoTag (any case), duplicates dropped. */
    static List<String> types(Object value, String source, String regionId) {
        List<String> raw = new ArrayList<>();
        if (value instanceof CharSequence) {
            for (String part : SEPARATORS.split(value.toString().strip())) {
                if (!part.isEmpty()) {
                    raw.add(part);
                }
            }
        } else if (value instanceof Collection) {
            for (Object item : (Collection<?>) value) {
                raw.add(String.valueOf(item).strip());
            }
        } else if (value != null) {
            throw new IllegalArgumentException("The " + source + " holds a " + value.getClass().getName()
                                               + ": give job types as a String or a Collection");
        }
        if (raw.isEmpty()) {
            throw new IllegalArgumentException("No job type to submit: set the jobTypes option or the "
                                               + VodAiJobConstants.JOB_TYPES + " header to AIMediaDNA (video"
                                               + " fingerprinting), AIVideoTag (smart tagging), or both");
        }
        Set<String> types = new LinkedHashSet<>();
        for (String type : raw) {
            if (type.equalsIgnoreCase(AiJob.TYPE_MEDIA_DNA)) {
                types.add(AiJob.TYPE_MEDIA_DNA);
            } else if (type.equalsIgnoreCase(AiJob.TYPE_VIDEO_TAG)) {
                types.add(AiJob.TYPE_VIDEO_TAG);
            } else {
                throw new IllegalArgumentException("Unknown job type '" + type + "' in the " + source + ": use"
                                                   + " AIMediaDNA (video fingerprinting), AIVideoTag (smart tagging),"
                                                   + " or both separated by a comma");
            }
        }
        if (types.contains(AiJob.TYPE_VIDEO_TAG) && !VIDEO_TAG_REGIONS.contains(regionId)) {
            throw new IllegalArgumentException("AIVideoTag (smart tagging) is not offered in region " + regionId
                                               + ": use regionId cn-beijing or cn-shanghai, or submit AIMediaDNA only");
        }
        return new ArrayList<>(types);
    }

    /** JSON text from a String (checked) or from a Map or JsonNode (written); {@code null} stays {@code null}. */
    static String json(Object value, String source) {
        if (value == null) {
            return null;
        }
        if (value instanceof CharSequence) {
            String text = value.toString();
            try {
                JSON.readTree(text);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("The " + source + " is not valid JSON (" + e.getOriginalMessage()
                                                   + "); give a JSON object such as {\"AIVideoTag\":{\"AnalyseTypes\":"
                                                   + "\"ASR,OCR\"}}, or a Map",
                        e);
            }
            return text;
        }
        if (value instanceof Map || value instanceof JsonNode) {
            try {
                return JSON.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("The " + source + " cannot be written as JSON: "
                                                   + e.getOriginalMessage(),
                        e);
            }
        }
        throw new IllegalArgumentException("The " + source + " holds a " + value.getClass().getName()
                                           + ": give a String of JSON, a Map or a JsonNode");
    }

    static String userData(Object value, String source) {
        String json = json(value, source);
        if (json != null) {
            int bytes = json.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_USER_DATA_BYTES) {
                throw new IllegalArgumentException("The " + source + " is " + bytes + " bytes of JSON; SubmitAIJob"
                                                   + " accepts at most " + MAX_USER_DATA_BYTES + " bytes of UserData");
            }
        }
        return json;
    }
}
