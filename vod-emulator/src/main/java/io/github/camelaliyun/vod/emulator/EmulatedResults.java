package io.github.camelaliyun.vod.emulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.CRC32;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code Data} a finished job answers with when the test did not set one: shaped like the service's (the VOD API
 * reference's appendix and event examples), and derived from the media id alone, so that the same video always gets
 * the same tags and matches, in any JVM.
 * <p>
 * Smart tagging ({@code AIVideoTag}): {@code Person} (with {@code FaceUrl}), {@code Keyword}, {@code Location},
 * {@code Time}, {@code Category}, each tag with {@code Times} in milliseconds as strings. The submitted {@code Config}
 * picks the categories with {@code AIVideoTag.AnalyseTypes}: {@code Face} gives persons, {@code Category} categories,
 * {@code ASR} and {@code OCR} keywords (words heard or read), {@code Annotation} keywords, locations and time tags;
 * without {@code AnalyseTypes}, all of them. {@code OrigASRData: true} (inside {@code AIVideoTag} or at the top) with
 * {@code ASR} (or no {@code AnalyseTypes}) adds the sentences, {@code OrigASRData} as an object.
 * <p>
 * Fingerprinting ({@code AIMediaDNA}): about half of the videos match nothing ({@code VideoDNA} empty or missing), the
 * others one or two library videos, with {@code Similarity} and the {@code Detail} times in seconds, all as strings.
 * {@code DNADBId} (inside {@code AIMediaDNA} or at the top) changes the library, hence the matches.
 */
public final class EmulatedResults {

    /**
     * The {@code Data} of the ListAIJob page's sample reply, as published: not valid JSON ({@code \[}). For tests of
     * what a client does with such a job.
     */
    public static final String PUBLISHED_SAMPLE_DATA = "{\"OrigASRData\":{\"AsrTextList\":\\[{\"EndTime\":700,"
            + "\"StartTime\":0,\"Text\":\"Yes.\",\"ChannelId\":0,\"SpeechRate\":85},{\"EndTime\":3750,"
            + "\"StartTime\":1630,\"Text\":\"No.\",\"ChannelId\":0,\"SpeechRate\":28},{\"EndTime\":5910,"
            + "\"StartTime\":4020,\"Text\":\"Of course.\",\"ChannelId\":0,\"SpeechRate\":95},{\"EndTime\":12750,"
            + "\"StartTime\":10090,\"Text\":\"Message.\",\"ChannelId\":0,\"SpeechRate\":45},{\"EndTime\":25230,"
            + "\"StartTime\":13590,\"Text\":\"Hello, good afternoon.\",\"ChannelId\":0,\"SpeechRate\":20},"
            + "{\"EndTime\":30000,\"StartTime\":28220,\"Text\":\"Yes.\",\"ChannelId\":0,\"SpeechRate\":33}],"
            + "\"Duration\":\"30016\"}}\n";

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String[] PERSONS = { "Li Wei", "Zhang Min", "Anna Schmidt", "Carlos Ruiz", "Chen Mei",
            "Tom Baker" };
    private static final String[] KEYWORDS = { "cooking", "travel", "football", "concert", "street food", "mountain",
            "cat", "car", "interview", "weather", "beach", "snow", "dance", "piano", "market", "train" };
    private static final String[] LOCATIONS = { "Shanghai", "Beijing", "Hangzhou", "Singapore", "West Lake",
            "The Bund" };
    private static final String[] TIME_TAGS = { "day", "night", "evening", "morning" };
    private static final String[] CATEGORIES = { "Food", "Travel", "Sports", "Music", "News", "Lifestyle",
            "Education" };
    private static final String[] SENTENCES = { "Welcome back to the channel.", "Today we are in the old town.",
            "Let me show you how it is made.", "It only takes a few minutes.", "Look at the view from here.",
            "Thank you for watching.", "See you next time.", "This is the best part.", "Do you hear that?",
            "Let's try it together." };

    private EmulatedResults() {
    }

    /** The {@code Data} of a successful job of this type on this video, shaped by {@code config} (may be {@code null}). */
    public static String dataFor(String type, String mediaId, String config) {
        JsonNode cfg = readConfig(config);
        if (EmulatedJob.TYPE_VIDEO_TAG.equals(type)) {
            return write(videoTag(mediaId, cfg));
        }
        if (EmulatedJob.TYPE_MEDIA_DNA.equals(type)) {
            return write(mediaDna(mediaId, cfg));
        }
        return null;
    }

    static ObjectNode videoTag(String mediaId, JsonNode config) {
        Random random = random("AIVideoTag", mediaId);
        JsonNode own = config.path(EmulatedJob.TYPE_VIDEO_TAG);
        String analyse = own.path("AnalyseTypes").asText(config.path("AnalyseTypes").asText(""));
        Set<String> types = Arrays.stream(analyse.split(",")).map(t -> t.trim().toLowerCase(Locale.ROOT))
                .filter(t -> !t.isEmpty()).collect(Collectors.toSet());
        boolean all = types.isEmpty();
        long lengthMs = 30_000 + random.nextInt(150_000);

        ObjectNode data = JSON.createObjectNode();
        if (all || types.contains("face")) {
            ArrayNode persons = tags(data, "Person", PERSONS, 1 + random.nextInt(2), lengthMs, random);
            for (int i = 0; i < persons.size(); i++) {
                ((ObjectNode) persons.get(i)).put("FaceUrl",
                        "http://emulated-vod.example/" + mediaId + "/faces/Index_" + String.format("%05d", i) + ".jpg");
            }
        }
        if (all || types.contains("asr") || types.contains("ocr") || types.contains("annotation")) {
            tags(data, "Keyword", KEYWORDS, 2 + random.nextInt(3), lengthMs, random);
        }
        if (all || types.contains("annotation")) {
            tags(data, "Location", LOCATIONS, 1, lengthMs, random);
            tags(data, "Time", TIME_TAGS, 1, lengthMs, random);
        }
        if (all || types.contains("category")) {
            ArrayNode categories = data.putArray("Category");
            categories.addObject().put("Tag", pick(CATEGORIES, random));
        }
        boolean sentences = own.path("OrigASRData").asBoolean(config.path("OrigASRData").asBoolean(false));
        if (sentences && (all || types.contains("asr"))) {
            ObjectNode asr = data.putObject("OrigASRData");
            ArrayNode list = asr.putArray("AsrTextList");
            long at = random.nextInt(2_000);
            int count = 2 + random.nextInt(4);
            for (int i = 0; i < count && at < lengthMs; i++) {
                String text = pick(SENTENCES, random);
                long end = Math.min(lengthMs, at + 900 + random.nextInt(3_000));
                list.addObject().put("EndTime", end).put("StartTime", at).put("Text", text).put("ChannelId", 0)
                        .put("SpeechRate", 60 + random.nextInt(120));
                at = end + random.nextInt(4_000);
            }
            asr.put("Duration", Long.toString(lengthMs));
        }
        return data;
    }

    private static ArrayNode tags(ObjectNode data, String category, String[] pool, int count, long lengthMs,
            Random random) {
        ArrayNode array = data.putArray(category);
        List<String> chosen = new ArrayList<>();
        while (chosen.size() < Math.min(count, pool.length)) {
            String tag = pick(pool, random);
            if (!chosen.contains(tag)) {
                chosen.add(tag);
            }
        }
        for (String tag : chosen) {
            ArrayNode times = array.addObject().put("Tag", tag).putArray("Times");
            int n = 1 + random.nextInt(3);
            random.longs(n, 0, lengthMs).sorted().forEach(ms -> times.add(Long.toString(ms / 10 * 10)));
        }
        return array;
    }

    static ObjectNode mediaDna(String mediaId, JsonNode config) {
        String library = config.path(EmulatedJob.TYPE_MEDIA_DNA).path("DNADBId").asText(config.path("DNADBId").asText(""));
        Random random = random("DNA" + library, mediaId);
        ObjectNode data = JSON.createObjectNode();
        int outcome = random.nextInt(6);
        if (outcome == 0) {
            return data; // no VideoDNA at all: no match
        }
        ArrayNode matches = data.putArray("VideoDNA");
        if (outcome <= 2) {
            return data; // an empty VideoDNA: no match either
        }
        int count = outcome == 5 ? 2 : 1;
        for (int i = 0; i < count; i++) {
            int hundredths = 80 + random.nextInt(21);
            String similarity = hundredths == 100 ? "1" : "0." + hundredths;
            ObjectNode match = matches.addObject().put("Similarity", similarity).put("PrimaryKey", hex(random));
            ArrayNode detail = match.putArray("Detail");
            double at = random.nextInt(60);
            for (int d = 0, n = 1 + random.nextInt(2); d < n; d++) {
                double length = 5 + random.nextInt(200) / 10.0;
                ObjectNode segment = detail.addObject();
                segment.putObject("Input").put("Start", seconds(at)).put("Duration", seconds(length));
                segment.putObject("Duplication").put("Start", seconds(random.nextInt(300) / 10.0))
                        .put("Duration", seconds(length + random.nextInt(10) / 10.0));
                at += length + random.nextInt(20);
            }
        }
        return data;
    }

    private static String seconds(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String hex(Random random) {
        StringBuilder sb = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            sb.append(Character.forDigit(random.nextInt(16), 16));
        }
        return sb.toString();
    }

    private static String pick(String[] pool, Random random) {
        return pool[random.nextInt(pool.length)];
    }

    /** {@link Random} is specified to the bit, and CRC32 too: the same id gives the same data everywhere. */
    private static Random random(String salt, String mediaId) {
        CRC32 crc = new CRC32();
        crc.update((salt + "/" + mediaId).getBytes(StandardCharsets.UTF_8));
        return new Random(crc.getValue());
    }

    private static JsonNode readConfig(String config) {
        if (config == null || config.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(config);
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode(); // SubmitAIJob refuses such a Config before any job exists
        }
    }

    private static String write(JsonNode data) {
        try {
            return JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
