package io.huvr.codec.model;

import io.huvr.codec.TinyModels;
import io.huvr.format.ModelFile;
import io.huvr.format.ModelFileReader;
import io.huvr.format.ModelFileWriter;
import io.huvr.format.proto.ModelHeader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A model file whose hyper-parameters ask for more than its tensors hold is refused before any graph is built. */
class HostileModelHeaderTest {
    @Test
    void hyperParametersBeyondTheTensorsAreRefusedWithTheTensorNamed() throws IOException {
        ModelFile file = ModelFileReader.read(new ByteArrayInputStream(TinyModels.file(1)));
        // Each would be a graph of tens of gigabytes: a 3x3 60000 x 60000 convolution, a 60000-wide MLP.
        for (String name : List.of("head_refine_width", "decoder_mlp_hidden", "encoder_width")) {
            ModelHeader header = file.header().toBuilder().putIntParams(name, 60000).build();
            byte[] hostile = ModelFileWriter.toBytes(header, List.copyOf(file.tensors().values()));
            IOException e = assertThrows(IOException.class, () -> HuvrModel.read(new ByteArrayInputStream(hostile)));
            assertTrue(e.getMessage().contains("need tensor") && e.getMessage().contains("60000"), e.getMessage());
        }
    }
}
