package io.github.camelaliyun.vod.aijob.submit;

import io.github.camelaliyun.vod.aijob.VodAiJobConfiguration;
import io.github.camelaliyun.vod.aijob.VodAiJobConstants;
import io.github.camelaliyun.vod.aijob.input.IdSeparators;
import io.github.camelaliyun.vod.aijob.input.JobIdsReader;
import io.github.camelaliyun.vod.aijob.input.MessageInput;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.apache.camel.Message;

import io.github.camelaliyun.vod.aijob.client.SubmitAiJobRequest;
import io.github.camelaliyun.vod.aijob.client.VodApi;
import io.github.camelaliyun.vod.aijob.model.AiJob;

/**
 * Builds a SubmitAIJob request from a message and the endpoint's options, refusing before any call what the service
 * would refuse (or bill for nothing): no media id, an unknown job type, Config or UserData that is not JSON, UserData
 * over 512 bytes, smart tagging in a region that does not offer it.
 */
public final class SubmitRequestReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Reads exactly one JSON value: {@code {"a":1}}} or {@code {} {}} fail instead of stopping after the first. */
    private static final ObjectReader ONE_JSON_VALUE = JSON.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // {"a":1,"a":2}: which one the service would keep is not known, so neither is sent
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final String CONFIG_EXAMPLE = "{\"AIVideoTag\":{\"AnalyseTypes\":\"ASR,OCR\"}}";
    private static final String USER_DATA_EXAMPLE = "{\"orderId\":\"42\"}";

    private SubmitRequestReader() {
    }

    public static SubmitAiJobRequest read(Message message, VodAiJobConfiguration conf) {
        String mediaId = mediaId(MessageInput.headerElseBody(message, VodAiJobConstants.SUBMIT_MEDIA_ID));
        MessageInput types = MessageInput.headerElse(message, VodAiJobConstants.SUBMIT_JOB_TYPES, conf.getJobTypes(),
                "jobTypes option");
        MessageInput config = MessageInput.headerElse(message, VodAiJobConstants.SUBMIT_CONFIG, conf.getConfig(),
                "config option");
        MessageInput userData = MessageInput.headerElse(message, VodAiJobConstants.SUBMIT_USER_DATA,
                conf.getUserData(), "userData option");
        return new SubmitAiJobRequest(mediaId, types(types.value(), types.source(), conf.getRegionId()),
                json(config.value(), config.source()), userData(userData.value(), userData.source()));
    }

    /**
     * The video comes from the submit header or the body, never from CamelAliyunVodAiJobMediaId: the consumer and
     * submitAiJob itself write that one, and reading it would start paid jobs on the video of an earlier job.
     */
    private static String mediaId(MessageInput input) {
        Object value = input.value();
        // whitespace at the ends, of any kind (no-break, zero-width), as for job ids; inside an id it is refused
        if (value instanceof CharSequence text) {
            value = IdSeparators.strip(text.toString());
        }
        if (value == null || (value instanceof CharSequence && value.toString().isEmpty())) {
            throw new IllegalArgumentException("No media id to submit AI jobs for in the " + input.source()
                                               + ": put the video id in the message body (a String) or in the "
                                               + VodAiJobConstants.SUBMIT_MEDIA_ID + " header ("
                                               + VodAiJobConstants.MEDIA_ID + " is an output of the consumer and of"
                                               + " submitAiJob, and is not read)");
        }
        if (!(value instanceof CharSequence)) {
            throw new IllegalArgumentException("The " + input.source() + " holds a " + value.getClass().getName()
                                               + ", not a media id: submitAiJob takes the video id as a String, in"
                                               + " the body or in the " + VodAiJobConstants.SUBMIT_MEDIA_ID
                                               + " header");
        }
        return JobIdsReader.checkOne(value.toString(), "Media id", input.source());
    }

    /** The job types, each AIMediaDNA or AIVideoTag (any case), duplicates dropped. */
    public static List<String> types(Object value, String source, String regionId) {
        List<String> raw = new ArrayList<>();
        if (value instanceof CharSequence) {
            raw.addAll(IdSeparators.split(value.toString()));
        } else if (value instanceof Collection) {
            for (Object item : (Collection<?>) value) {
                raw.add(IdSeparators.strip(String.valueOf(item)));
            }
        } else if (value != null) {
            throw new IllegalArgumentException("The " + source + " holds a " + value.getClass().getName()
                                               + ": give job types as a String or a Collection");
        }
        if (raw.isEmpty()) {
            throw new IllegalArgumentException("No job type to submit: set the jobTypes option or the "
                                               + VodAiJobConstants.SUBMIT_JOB_TYPES + " header to AIMediaDNA (video"
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
        if (types.contains(AiJob.TYPE_VIDEO_TAG) && !VodApi.VIDEO_TAG_REGIONS.contains(regionId)) {
            throw new IllegalArgumentException("AIVideoTag (smart tagging) is not offered in region " + regionId
                                               + ": use regionId cn-beijing or cn-shanghai, or submit AIMediaDNA only");
        }
        return new ArrayList<>(types);
    }

    /**
     * JSON text from a String (checked to hold one JSON object and nothing after it) or from a Map or JsonNode
     * (written); {@code null} stays {@code null}. The service takes Config and UserData as JSON objects.
     */
    public static String json(Object value, String source) {
        return json(value, source, CONFIG_EXAMPLE);
    }

    private static String json(Object value, String source, String example) {
        if (value == null) {
            return null;
        }
        if (value instanceof CharSequence) {
            String text = value.toString();
            JsonNode node;
            try {
                node = ONE_JSON_VALUE.readTree(text);
            } catch (JsonProcessingException e) {
                // no cause: Jackson's text, the root cause a route would log, does not say which option is wrong
                throw new IllegalArgumentException("The " + source + " is not valid JSON" + where(e) + " ("
                                                   + reason(e) + "); give one JSON object such as " + example
                                                   + ", or a Map" + (source.endsWith(" option")
                                                           ? "; in an endpoint URI (and in YAML or XML"
                                                             + " parameters, which Camel appends to the URI) write"
                                                             + " it as RAW(...), such as "
                                                             + source.substring(0, source.indexOf(' '))
                                                             + "=RAW(" + example + "): otherwise Camel reads an & as"
                                                             + " the start of the next option and decodes + and %xx"
                                                           : ""));
            }
            requireObject(node, source, example);
            return text;
        }
        if (value instanceof JsonNode node) {
            requireObject(node, source, example);
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

    private static String where(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        if (location == null || location.getColumnNr() < 1) {
            return "";
        }
        return location.getLineNr() > 1 ? " at line " + location.getLineNr() + ", column " + location.getColumnNr()
                : " at character " + location.getColumnNr();
    }

    private static String reason(JsonProcessingException e) {
        String text = e.getOriginalMessage();
        if (text != null && text.startsWith("Trailing token")) {
            return "something follows the JSON object";
        }
        return text == null ? e.getClass().getSimpleName() : text.lines().findFirst().orElse(text);
    }

    private static void requireObject(JsonNode node, String source, String example) {
        if (node == null || !node.isObject()) {
            String what = node == null || node.isMissingNode() ? "nothing" : "a JSON " + node.getNodeType()
                    .name().toLowerCase(Locale.ROOT);
            throw new IllegalArgumentException("The " + source + " holds " + what + ", not a JSON object; give one"
                                               + " JSON object such as " + example + ", or a Map");
        }
    }

    public static String userData(Object value, String source) {
        String json = json(value, source, USER_DATA_EXAMPLE);
        if (json != null) {
            int bytes = json.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > VodApi.MAX_USER_DATA_BYTES) {
                throw new IllegalArgumentException("The " + source + " is " + bytes + " bytes of JSON; SubmitAIJob"
                                                   + " accepts at most " + VodApi.MAX_USER_DATA_BYTES + " bytes of UserData");
            }
        }
        return json;
    }
}
