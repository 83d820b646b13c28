package io.huvr.format;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.huvr.format.proto.ImageHeader;
import io.huvr.format.proto.ReconstructionFilter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Human-readable JSON for headers: protobuf's JSON mapping with the spec's field names and every field printed,
 * except that model_sha256 is lowercase hex rather than base64, so it matches {@link ModelFile#sha256Hex()}.
 */
public final class HeaderJson {

    private static final JsonFormat.Printer PROTO_PRINTER =
            JsonFormat.printer().preservingProtoFieldNames().alwaysPrintFieldsWithNoPresence();
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private HeaderJson() {
    }

    /** The header as a JSON object. */
    public static String toJson(ImageHeader header) {
        return GSON.toJson(headerObject(header));
    }

    /**
     * The container as a JSON object: {@code version} ("1.0" or "1.1"), {@code header}, {@code chunks}, one entry
     * per chunk type in order of first appearance with its {@code count} and total payload {@code bytes}, and for an
     * image with a reconstruction filter {@code filter}: its {@code radius}, {@code fraction_bits} and number of
     * {@code taps} (or the {@code error} that makes its payload invalid).
     */
    public static String toJson(HuvrImage image) {
        JsonObject root = new JsonObject();
        root.addProperty("version", ContainerPrelude.MAJOR_VERSION + "." + image.minorVersion());
        root.add("header", headerObject(image.header()));
        Map<String, JsonObject> byType = new LinkedHashMap<>();
        for (Chunk chunk : image.chunks()) {
            JsonObject summary = byType.computeIfAbsent(chunk.typeName(), type -> {
                JsonObject created = new JsonObject();
                created.addProperty("type", type);
                created.addProperty("count", 0);
                created.addProperty("bytes", 0L);
                return created;
            });
            summary.addProperty("count", summary.get("count").getAsInt() + 1);
            summary.addProperty("bytes", summary.get("bytes").getAsLong() + chunk.payload().length);
        }
        JsonArray chunks = new JsonArray();
        byType.values().forEach(chunks::add);
        root.add("chunks", chunks);
        if (byType.containsKey(Chunk.typeName(Chunk.FILT))) {
            root.add("filter", filterObject(image));
        }
        return GSON.toJson(root);
    }

    private static JsonObject filterObject(HuvrImage image) {
        JsonObject object = new JsonObject();
        try {
            ReconstructionFilter filter = image.filter().orElseThrow();
            object.addProperty("radius", filter.getRadius());
            object.addProperty("fraction_bits", filter.getFractionBits());
            object.addProperty("taps", filter.getTapsCount());
        } catch (HuvrFormatException e) {
            object.addProperty("error", e.getMessage());
        }
        return object;
    }

    private static JsonObject headerObject(ImageHeader header) {
        String protoJson;
        try {
            protoJson = PROTO_PRINTER.print(header);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("ImageHeader has no Any fields, so JSON printing cannot fail", e);
        }
        JsonObject object = JsonParser.parseString(protoJson).getAsJsonObject();
        object.addProperty("model_sha256", HexFormat.of().formatHex(header.getModelSha256().toByteArray()));
        return object;
    }
}
