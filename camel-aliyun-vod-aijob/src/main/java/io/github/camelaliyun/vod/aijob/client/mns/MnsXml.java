package io.github.camelaliyun.vod.aijob.client.mns;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The XML of the MNS REST API, read and written with the JDK's StAX: a root element holding either leaf elements
 * ({@code <Error><Code>...</Code>...</Error>}) or records of leaf elements
 * ({@code <Messages><Message><MessageId>...</MessageId>...</Message>...</Messages>}). No DTD and no external entity is
 * ever read.
 */
public final class MnsXml {

    /** The XML namespace of MNS documents. */
    public static final String NAMESPACE = "http://mns.aliyuncs.com/doc/v1/";

    private static final XMLInputFactory INPUT = XMLInputFactory.newFactory();

    static {
        INPUT.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        INPUT.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        INPUT.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    }

    /**
     * A parsed document: its root's local name, the root's own leaf values, and each child record's leaf values.
     */
    public record Document(String root, Map<String, String> leaves, List<Map<String, String>> records) {
    }

    private MnsXml() {
    }

    public static Document parse(byte[] xml) throws XMLStreamException {
        XMLStreamReader reader;
        synchronized (INPUT) {
            reader = INPUT.createXMLStreamReader(new ByteArrayInputStream(xml));
        }
        try {
            String root = null;
            Map<String, String> leaves = new HashMap<>();
            List<Map<String, String>> records = new ArrayList<>();
            Map<String, String> record = null;
            StringBuilder text = new StringBuilder();
            int depth = 0;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    text.setLength(0);
                    if (depth == 1) {
                        root = reader.getLocalName();
                    } else if (depth == 2) {
                        record = new HashMap<>();
                    }
                } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                    text.append(reader.getText());
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    String name = reader.getLocalName();
                    if (depth == 3 && record != null) {
                        record.put(name, text.toString());
                    } else if (depth == 2) {
                        if (record != null && !record.isEmpty()) {
                            records.add(record);
                        } else {
                            leaves.put(name, text.toString()); // a leaf of the root itself
                        }
                        record = null;
                    }
                    text.setLength(0);
                    depth--;
                }
            }
            if (root == null) {
                throw new XMLStreamException("no root element");
            }
            return new Document(root, leaves, records);
        } finally {
            reader.close();
        }
    }

    /** {@code <ReceiptHandles>} for BatchDeleteMessage. */
    public static String receiptHandles(List<String> handles) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ReceiptHandles xmlns=\"")
                .append(NAMESPACE).append("\">");
        for (String handle : handles) {
            xml.append("<ReceiptHandle>").append(escape(handle)).append("</ReceiptHandle>");
        }
        return xml.append("</ReceiptHandles>").toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
