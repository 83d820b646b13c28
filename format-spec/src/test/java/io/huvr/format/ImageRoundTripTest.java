package io.huvr.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.UnknownFieldSet;
import io.huvr.format.proto.ColorModel;
import io.huvr.format.proto.ImageHeader;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ImageRoundTripTest {

    static Stream<String> sampleNames() {
        return Samples.images().keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sampleNames")
    void writtenImageReadsBackUnchanged(String name) throws IOException {
        HuvrImage image = Samples.images().get(name);
        HuvrImage read = HuvrReader.read(HuvrWriter.toBytes(image.header(), image.chunks()));
        assertEquals(image.header(), read.header());
        assertEquals(image.chunks().stream().anyMatch(c -> c.fourcc() == Chunk.FILT) ? 1 : 0, read.minorVersion());
        assertEquals(image.chunks(), read.chunks());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sampleNames")
    void writerProducesTheSpecifiedLayout(String name) throws IOException {
        HuvrImage image = Samples.images().get(name);
        assertArrayEquals(RawContainer.image(1, image.minorVersion(), 0, image.header().toByteArray(), image.chunks()),
                HuvrWriter.toBytes(image.header(), image.chunks()));
    }

    @Test
    void readsAStreamThatDeliversOneByteAtATime() throws IOException {
        HuvrImage image = Samples.images().get("valid-rgba16-alpha-exif-xmp-ancillary");
        byte[] file = HuvrWriter.toBytes(image.header(), image.chunks());
        HuvrImage read = HuvrReader.read(new OneByteAtATime(new ByteArrayInputStream(file)));
        assertEquals(image.header(), read.header());
        assertEquals(image.chunks(), read.chunks());
    }

    @Test
    void accessorsFindTilesAndAlpha() {
        HuvrImage withAlpha = Samples.images().get("valid-rgba16-alpha-exif-xmp-ancillary");
        assertEquals(2, withAlpha.tiles().size());
        assertArrayEquals(withAlpha.chunks().get(2).payload(), withAlpha.alpha().orElseThrow());
        HuvrImage rgb = Samples.images().get("valid-rgb-3x2-tiles-icc-metadata");
        assertEquals(6, rgb.tiles().size());
        assertTrue(rgb.alpha().isEmpty());
    }

    @Test
    void readHeaderStopsAtTheChunkTable() throws IOException {
        HuvrImage image = Samples.images().get("valid-rgb-3x2-tiles-icc-metadata");
        ByteArrayInputStream in = new ByteArrayInputStream(HuvrWriter.toBytes(image.header(), image.chunks()));
        assertEquals(image.header(), HuvrReader.readHeader(in));
        byte[] chunkCount = in.readNBytes(4);
        assertEquals(6, RawContainer.u32(chunkCount, 0));
    }

    @Test
    void newerMinorVersionWithUnknownFieldsAndAncillaryChunksIsRead() throws IOException {
        ImageHeader header = Samples.header(64, 64, ColorModel.RGB, 64).build();
        ImageHeader extended = header.toBuilder().setUnknownFields(UnknownFieldSet.newBuilder()
                .addField(1000, UnknownFieldSet.Field.newBuilder().addVarint(42).build()).build()).build();
        List<Chunk> chunks = List.of(Chunk.tile(new byte[] {1, 2, 3}), new Chunk(Chunk.fourcc("zNew"), new byte[] {9}));
        HuvrImage read = HuvrReader.read(RawContainer.image(1, 7, 0, extended.toByteArray(), chunks));
        assertEquals(7, read.minorVersion());
        assertEquals(header.getWidth(), read.header().getWidth());
        assertFalse(read.header().getUnknownFields().asMap().isEmpty(), "unknown fields are kept for rewriting");
        assertEquals("zNew", read.chunks().get(1).typeName());
    }

    @Test
    void metadataOrderDoesNotChangeTheBytes() throws IOException {
        ImageHeader.Builder base = Samples.header(8, 8, ColorModel.GREY, 8);
        ImageHeader ab = base.clone().putMetadata("a", "1").putMetadata("b", "2").build();
        ImageHeader ba = base.clone().putMetadata("b", "2").putMetadata("a", "1").build();
        assertArrayEquals(HuvrWriter.toBytes(ab, Samples.tiles(1)), HuvrWriter.toBytes(ba, Samples.tiles(1)));
    }

    /** A stream as slow as a network socket can be. */
    private static final class OneByteAtATime extends FilterInputStream {
        OneByteAtATime(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return super.read(buffer, offset, Math.min(length, 1));
        }
    }
}
