package io.dbmesh.it.telemetry;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Decodes an OTLP {@code ExportTraceServiceRequest} (protobuf) into the spans it carries. Written
 * against the OTLP trace.proto field numbers rather than with the generated
 * {@code opentelemetry-proto} classes: those need protobuf-java 4, while the sidecar under test
 * (Calcite's Avatica) needs protobuf-java 3 on the same classpath.
 * <pre>
 * ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
 * ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
 * ScopeSpans    { InstrumentationScope scope = 1; repeated Span spans = 2; }
 * Span { bytes trace_id = 1; bytes span_id = 2; string trace_state = 3; bytes parent_span_id = 4;
 *        string name = 5; SpanKind kind = 6; fixed64 start = 7; fixed64 end = 8;
 *        repeated KeyValue attributes = 9; … Status status = 15; }
 * KeyValue { string key = 1; AnyValue value = 2; }   AnyValue { string s = 1; bool b = 2; int64 i = 3; double d = 4; … }
 * Resource { repeated KeyValue attributes = 1; }      Status { string message = 2; StatusCode code = 3; }
 * </pre>
 */
final class OtlpTraces {

    record Span(String traceId, String spanId, String parentSpanId, String name, int kind, long startNanos,
                long endNanos, Map<String, Object> attributes, int statusCode, String serviceName) {
    }

    static List<Span> decode(byte[] request) {
        List<Span> out = new ArrayList<>();
        for (Field rs : fields(request)) {
            if (rs.number != 1) continue;
            String service = null;
            List<byte[]> scopes = new ArrayList<>();
            for (Field f : fields(rs.bytes)) {
                if (f.number == 1) {
                    for (Field a : fields(f.bytes)) if (a.number == 1) {
                        Object[] kv = keyValue(a.bytes);
                        if ("service.name".equals(kv[0])) service = (String) kv[1];
                    }
                } else if (f.number == 2) {
                    scopes.add(f.bytes);
                }
            }
            for (byte[] scope : scopes) {
                for (Field f : fields(scope)) if (f.number == 2) out.add(span(f.bytes, service));
            }
        }
        return out;
    }

    private static Span span(byte[] bytes, String service) {
        String traceId = "", spanId = "", parent = "", name = "";
        int kind = 0, status = 0;
        long start = 0, end = 0;
        Map<String, Object> attributes = new HashMap<>();
        for (Field f : fields(bytes)) {
            switch (f.number) {
                case 1 -> traceId = HexFormat.of().formatHex(f.bytes);
                case 2 -> spanId = HexFormat.of().formatHex(f.bytes);
                case 4 -> parent = HexFormat.of().formatHex(f.bytes);
                case 5 -> name = new String(f.bytes, java.nio.charset.StandardCharsets.UTF_8);
                case 6 -> kind = (int) f.value;
                case 7 -> start = f.value;
                case 8 -> end = f.value;
                case 9 -> {
                    Object[] kv = keyValue(f.bytes);
                    attributes.put((String) kv[0], kv[1]);
                }
                case 15 -> {
                    for (Field s : fields(f.bytes)) if (s.number == 3) status = (int) s.value;
                }
                default -> {
                }
            }
        }
        return new Span(traceId, spanId, parent, name, kind, start, end, attributes, status, service);
    }

    private static Object[] keyValue(byte[] bytes) {
        String key = null;
        Object value = null;
        for (Field f : fields(bytes)) {
            if (f.number == 1) key = new String(f.bytes, java.nio.charset.StandardCharsets.UTF_8);
            else if (f.number == 2) {
                for (Field v : fields(f.bytes)) {
                    value = switch (v.number) {
                        case 1 -> new String(v.bytes, java.nio.charset.StandardCharsets.UTF_8);
                        case 2 -> v.value != 0;
                        case 3 -> v.value;
                        case 4 -> Double.longBitsToDouble(v.value);
                        default -> value;
                    };
                }
            }
        }
        return new Object[]{key, value};
    }

    /** One protobuf field: varint/fixed values in {@code value}, length-delimited ones in {@code bytes}. */
    private record Field(int number, long value, byte[] bytes) {
    }

    private static List<Field> fields(byte[] b) {
        List<Field> out = new ArrayList<>();
        int[] at = {0};
        while (at[0] < b.length) {
            long tag = varint(b, at);
            int number = (int) (tag >>> 3);
            switch ((int) (tag & 7)) {
                case 0 -> out.add(new Field(number, varint(b, at), null));
                case 1 -> {
                    long v = 0;
                    for (int i = 7; i >= 0; i--) v = (v << 8) | (b[at[0] + i] & 0xFF);
                    at[0] += 8;
                    out.add(new Field(number, v, null));
                }
                case 2 -> {
                    int len = (int) varint(b, at);
                    ByteArrayOutputStream copy = new ByteArrayOutputStream(len);
                    copy.write(b, at[0], len);
                    at[0] += len;
                    out.add(new Field(number, 0, copy.toByteArray()));
                }
                case 5 -> {
                    long v = 0;
                    for (int i = 3; i >= 0; i--) v = (v << 8) | (b[at[0] + i] & 0xFF);
                    at[0] += 4;
                    out.add(new Field(number, v, null));
                }
                default -> throw new IllegalArgumentException("unexpected wire type in OTLP payload: " + (tag & 7));
            }
        }
        return out;
    }

    private static long varint(byte[] b, int[] at) {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            byte x = b[at[0]++];
            v |= (long) (x & 0x7F) << shift;
            if (x >= 0) return v;
        }
    }

    private OtlpTraces() {
    }
}
