package io.huvr.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

class HeaderJsonTest {

    private static final HuvrImage RGBA = Samples.images().get("valid-rgba16-alpha-exif-xmp-ancillary");

    @Test
    void headerJsonUsesSpecNamesHexDigestAndPrintsDefaults() {
        JsonObject json = JsonParser.parseString(HeaderJson.toJson(RGBA.header())).getAsJsonObject();
        assertEquals("a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf", json.get("model_sha256").getAsString());
        assertEquals(40, json.get("width").getAsInt());
        assertEquals("RGBA", json.get("color_model").getAsString());
        assertEquals(2, json.getAsJsonObject("layout").get("tiles_x").getAsInt());
        assertEquals(1.25, json.getAsJsonObject("quantization").get("step_scale").getAsDouble());
        assertEquals("", json.get("icc_profile").getAsString(), "fields at their default are printed too");
    }

    @Test
    void imageJsonSummarisesChunksByType() {
        JsonObject json = JsonParser.parseString(HeaderJson.toJson(RGBA)).getAsJsonObject();
        assertEquals("1.0", json.get("version").getAsString());
        assertEquals(16, json.getAsJsonObject("header").get("bit_depth").getAsInt());
        JsonArray chunks = json.getAsJsonArray("chunks");
        assertEquals(5, chunks.size());
        JsonObject tiles = chunks.get(0).getAsJsonObject();
        assertEquals("TILE", tiles.get("type").getAsString());
        assertEquals(2, tiles.get("count").getAsInt());
        assertEquals(5 + 8, tiles.get("bytes").getAsLong());
        assertEquals("XMP ", chunks.get(3).getAsJsonObject().get("type").getAsString());
        assertNull(json.get("filter"));
    }

    @Test
    void imageJsonDescribesTheReconstructionFilter() {
        HuvrImage image = Samples.images().get("valid-rgb-filter-version-1-1");
        JsonObject json = JsonParser.parseString(HeaderJson.toJson(image)).getAsJsonObject();
        assertEquals("1.1", json.get("version").getAsString());
        JsonObject filter = json.getAsJsonObject("filter");
        assertEquals(1, filter.get("radius").getAsInt());
        assertEquals(10, filter.get("fraction_bits").getAsInt());
        assertEquals(48, filter.get("taps").getAsInt());
    }
}
