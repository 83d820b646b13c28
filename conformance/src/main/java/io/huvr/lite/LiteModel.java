package io.huvr.lite;

import io.huvr.format.ModelFile;
import io.huvr.format.ModelFileReader;
import io.huvr.format.Tensor;
import io.huvr.format.proto.ModelHeader;
import io.huvr.format.proto.TensorType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

/**
 * A {@code huvr-inr-v1} model file as codec/MODEL.md defines it: the hyper-parameters, the decoder's
 * tensors as flat row-major float arrays (shapes checked), the quantisation log-steps and the CDF
 * tables of every operating point. Encoder tensors are not read.
 */
public final class LiteModel {
    public static final String ARCHITECTURE = "huvr-inr-v1";
    private static final String HEAD_REFINE_WIDTH = "head_refine_width";

    final int patchSize;
    final int tileSize;
    final int tokenDim;
    final int decoderWidth;
    final int decoderDepth;
    final int decoderHidden;
    final int frequencies;
    final int inrWidth;
    final int inrOutWidth;
    /** Width of the head's refinement, 0 when the model has none (the hyper-parameter is optional). */
    final int headRefineWidth;
    /** Patches per tile side {@code n} and INR cells per patch side {@code g}. */
    final int patchesPerSide;
    final int cellsPerPatchSide;

    private final ModelFile file;
    final float[] patchLogSteps;
    final float[] globalLogSteps;
    /** The entropy tables of each operating point. */
    final SymbolDecoder.Tables[] tables;

    private LiteModel(ModelFile file) throws LiteDecodeException {
        this.file = file;
        ModelHeader header = file.header();
        if (!ARCHITECTURE.equals(header.getArchitecture())) {
            throw new LiteDecodeException("model architecture is '" + header.getArchitecture() + "', not " + ARCHITECTURE);
        }
        Map<String, Long> params = header.getIntParamsMap();
        patchSize = param(params, "patch_size");
        tileSize = param(params, "tile_size");
        tokenDim = param(params, "token_dim");
        decoderWidth = param(params, "decoder_width");
        decoderDepth = param(params, "decoder_depth");
        decoderHidden = param(params, "decoder_mlp_hidden");
        frequencies = param(params, "fourier_frequencies");
        inrWidth = param(params, "inr_width");
        inrOutWidth = param(params, "inr_out_width");
        headRefineWidth = params.containsKey(HEAD_REFINE_WIDTH) ? param(params, HEAD_REFINE_WIDTH) : 0;
        if (patchSize % 4 != 0 || tileSize % patchSize != 0) {
            throw new LiteDecodeException("patch_size must be a multiple of 4 and tile_size a multiple of patch_size");
        }
        patchesPerSide = tileSize / patchSize;
        cellsPerPatchSide = patchSize / 4;
        patchLogSteps = floats("quant.patch.log_step", tokenDim);
        globalLogSteps = floats("quant.global.log_step", tokenDim);
        int points = header.getOperatingPointsCount();
        if (points == 0) {
            throw new LiteDecodeException("model has no operating points");
        }
        boolean inContext = false;
        for (int k = 0; k < points; k++) {
            inContext |= file.tensors().containsKey("entropy.op" + k + ".patch.context");
        }
        tables = new SymbolDecoder.Tables[points];
        for (int k = 0; k < points; k++) {
            String patch = "entropy.op" + k + ".patch";
            tables[k] = new SymbolDecoder.Tables(tables("entropy.op" + k + ".global", tokenDim), tables(patch, tokenDim),
                    inContext ? tables(patch + ".context", tokenDim * SymbolDecoder.CONTEXTS_PER_CHANNEL) : null);
        }
    }

    /** Reads and checks a model file. */
    public static LiteModel load(Path path) throws IOException {
        return new LiteModel(ModelFileReader.read(path));
    }

    /** Wraps a model file already read. */
    public static LiteModel of(ModelFile file) throws LiteDecodeException {
        return new LiteModel(file);
    }

    public byte[] sha256() {
        return file.sha256();
    }

    public String sha256Hex() {
        return HexFormat.of().formatHex(file.sha256());
    }

    int operatingPoints() {
        return tables.length;
    }

    /** A FLOAT32 tensor of exactly the given shape, row-major. */
    float[] floats(String name, int... shape) throws LiteDecodeException {
        Tensor tensor = tensor(name);
        if (tensor.info().getType() != TensorType.FLOAT32 || !Arrays.equals(tensor.shape(), shape)) {
            throw new LiteDecodeException("model tensor " + name + " is " + tensor.info().getType() + " "
                    + Arrays.toString(tensor.shape()) + ", " + ARCHITECTURE + " needs FLOAT32 " + Arrays.toString(shape));
        }
        return tensor.floats();
    }

    private CdfTable[] tables(String name, int count) throws LiteDecodeException {
        Tensor tensor = tensor(name);
        if (tensor.info().getType() != TensorType.INT32) {
            throw new LiteDecodeException("entropy tables " + name + " are not INT32");
        }
        return CdfTable.parseAll(name, tensor.ints(), count);
    }

    private Tensor tensor(String name) throws LiteDecodeException {
        Tensor tensor = file.tensors().get(name);
        if (tensor == null) {
            throw new LiteDecodeException("model lacks tensor " + name + " that " + ARCHITECTURE + " needs");
        }
        return tensor;
    }

    private static int param(Map<String, Long> params, String name) throws LiteDecodeException {
        Long value = params.get(name);
        if (value == null) {
            throw new LiteDecodeException("model lacks hyper-parameter " + name + " that " + ARCHITECTURE + " needs");
        }
        boolean mayBeZero = name.endsWith("_depth") || name.equals(HEAD_REFINE_WIDTH);
        if (value < (mayBeZero ? 0 : 1) || value > 1 << 16) {
            throw new LiteDecodeException("hyper-parameter " + name + " = " + value + " is out of range");
        }
        return value.intValue();
    }
}
