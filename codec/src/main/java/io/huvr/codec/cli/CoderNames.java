package io.huvr.codec.cli;

import io.huvr.format.proto.EntropyCoder;

import java.util.Iterator;
import java.util.List;

/** The entropy coders a user may name: the enum's real values, without protobuf's UNSPECIFIED and UNRECOGNIZED. */
final class CoderNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return List.of(EntropyCoder.RANS.name(), EntropyCoder.ZSTD.name()).iterator();
    }
}
