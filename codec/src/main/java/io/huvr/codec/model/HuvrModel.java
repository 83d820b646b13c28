package io.huvr.codec.model;

import io.huvr.codec.entropy.CdfTable;
import io.huvr.codec.entropy.ContextTables;
import io.huvr.codec.entropy.EntropyCodingException;
import io.huvr.codec.entropy.TableSelector;
import io.huvr.format.ModelFile;
import io.huvr.format.ModelFileReader;
import io.huvr.format.Tensor;
import io.huvr.format.proto.ModelHeader;
import io.huvr.format.proto.OperatingPoint;
import io.huvr.format.proto.TensorType;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A loaded model file: the inference graph with its trained parameters, the quantisation steps and
 * the integer entropy tables of every operating point, identified by the SHA-256 of the file.
 *
 * <p>Inference runs through {@link SameDiff#output}, which keeps one session per calling thread;
 * callers bound the number of threads that use one model.
 */
public final class HuvrModel {
    /** The model the codec uses when none is named, on the class path. */
    public static final String DEFAULT_RESOURCE = "/io/huvr/codec/models/huvr-s.huvrm";

    static final String LAMBDA_PARAM = "lambda";

    private final ModelFile file;
    private final HuvrConfig config;
    private final HuvrGraph graph;
    private final float[] patchLogSteps;
    private final float[] globalLogSteps;
    private final CdfTable[][] patchTables;
    private final CdfTable[][] globalTables;
    /** Per operating point, the patch tables in context; null for a model with factorized patch tables only. */
    private final ContextTables[] contextTables;
    private final INDArray defaultGrid;

    private HuvrModel(ModelFile file) throws IOException {
        this.file = file;
        ModelHeader header = file.header();
        try {
            this.config = HuvrConfig.fromHeader(header);
        } catch (IllegalArgumentException e) {
            throw new IOException("unusable model file: " + e.getMessage(), e);
        }
        if (!header.containsFloatParams(LAMBDA_PARAM)) {
            throw new IOException("model file lacks hyper-parameter " + LAMBDA_PARAM);
        }
        requireSizedTensors();
        this.graph = HuvrGraph.inference(config);
        for (SDVariable v : graph.sd().variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                v.setArray(parameter(v));
            }
        }
        this.patchLogSteps = floats(HuvrGraph.PATCH_STEP);
        this.globalLogSteps = floats(HuvrGraph.GLOBAL_STEP);
        int points = header.getOperatingPointsCount();
        if (points == 0) {
            throw new IOException("model file has no operating points");
        }
        this.patchTables = new CdfTable[points][];
        this.globalTables = new CdfTable[points][];
        for (int k = 0; k < points; k++) {
            patchTables[k] = tables(tableTensorName(k, false), config.tokenDim());
            globalTables[k] = tables(tableTensorName(k, true), config.tokenDim());
        }
        boolean inContext = false;
        for (int k = 0; k < points; k++) {
            inContext |= file.tensors().containsKey(contextTensorName(k));
        }
        this.contextTables = inContext ? new ContextTables[points] : null;
        for (int k = 0; contextTables != null && k < points; k++) {
            contextTables[k] = new ContextTables(
                    tables(contextTensorName(k), config.tokenDim() * ContextTables.CONTEXTS));
        }
        this.defaultGrid = HuvrGraph.gridFourierFeatures(config.gridPerPatch(), config.fourierFrequencies());
    }

    /** Loads a model file from disk. */
    public static HuvrModel load(Path file) throws IOException {
        return new HuvrModel(ModelFileReader.read(file));
    }

    /** Loads a model file from a stream. */
    public static HuvrModel read(InputStream in) throws IOException {
        return new HuvrModel(ModelFileReader.read(in));
    }

    /** Loads the default model shipped on the class path. */
    public static HuvrModel loadDefault() throws IOException {
        try (InputStream in = HuvrModel.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IOException("the default model " + DEFAULT_RESOURCE + " is not on the class path");
            }
            return read(in);
        }
    }

    static String tableTensorName(int operatingPoint, boolean global) {
        return "entropy.op" + operatingPoint + (global ? ".global" : ".patch");
    }

    /** The tensor of an operating point's patch tables in context (optional: all operating points or none). */
    static String contextTensorName(int operatingPoint) {
        return tableTensorName(operatingPoint, false) + ".context";
    }

    /** The dequantisation step of a channel: {@code exp(logStep) * stepScale}, in float as every decoder computes it. */
    static float step(float logStep, float stepScale) {
        return (float) Math.exp(logStep) * stepScale;
    }

    public HuvrConfig config() {
        return config;
    }

    public byte[] sha256() {
        return file.sha256();
    }

    public String sha256Hex() {
        return file.sha256Hex();
    }

    public String name() {
        return file.header().getName();
    }

    /** The distortion weight at step scale 1 the model was trained with (the encoder's refinement uses it). */
    public double lambda() {
        return file.header().getFloatParamsOrThrow(LAMBDA_PARAM);
    }

    /** A trained parameter by its tensor name (a copy). */
    public INDArray parameter(String name) {
        return graph.sd().getVariable(name).getArr().dup();
    }

    public List<OperatingPoint> operatingPoints() {
        return file.header().getOperatingPointsList();
    }

    /**
     * The quantisation step of every value of one tile's TinToks {@code [tokens, tokenDim]} in C order at an
     * operating point: token 0 (global) has the global steps, the patch tokens the patch steps.
     */
    public float[] tileSteps(int operatingPoint) {
        float scale = operatingPoints().get(operatingPoint).getStepScale();
        int dim = config.tokenDim();
        float[] steps = new float[(1 + config.patchesPerTile()) * dim];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = step(i < dim ? globalLogSteps[i] : patchLogSteps[i % dim], scale);
        }
        return steps;
    }

    /** The factorized tables of an operating point: one per channel of the global or of the patch tokens. */
    public CdfTable[] tables(int operatingPoint, boolean global) {
        return global ? globalTables[operatingPoint] : patchTables[operatingPoint];
    }

    /**
     * The symbols of tile {@code tile} of latents {@code [tiles, tokens, tokenDim]} in C order: each value divided by
     * its step ({@link #tileSteps}) and rounded half up.
     */
    public static int[] symbols(float[] latents, int tile, float[] steps) {
        int[] symbols = new int[steps.length];
        for (int i = 0; i < symbols.length; i++) {
            symbols[i] = Math.round(latents[tile * symbols.length + i] / steps[i]);
        }
        return symbols;
    }

    /** Writes the tokens a decoder makes of one tile's symbols, {@code symbols[i] * steps[i]}, into {@code out} from {@code offset}. */
    public static void dequantise(int[] symbols, float[] steps, float[] out, int offset) {
        for (int i = 0; i < symbols.length; i++) {
            out[offset + i] = symbols[i] * steps[i];
        }
    }

    /** Whether the patch tokens are coded in context ({@link ContextTables}) rather than with the factorized tables. */
    public boolean codesInContext() {
        return contextTables != null;
    }

    /** The tables that code one tile's symbols at an operating point, as format-spec/spec/entropy-coding.md selects them. */
    public TableSelector tableSelector(int operatingPoint) {
        return contextTables == null
                ? TableSelector.forTile(globalTables[operatingPoint], patchTables[operatingPoint])
                : TableSelector.forTile(globalTables[operatingPoint], contextTables[operatingPoint], config.patchesPerSide());
    }

    /** Writes the trained parameters and hyper-parameters as a NumPy archive ({@link ModelWeights}). */
    public void writeWeights(Path npz) throws IOException {
        ModelWeights.write(graph.sd(), config, npz);
    }

    /** Continuous TinToks {@code [tiles, tokens, tokenDim]} of tiles {@code [tiles, 3, tile, tile]} in [-1, 1]. */
    public INDArray encodeTiles(INDArray tiles) {
        return graph.sd().output(Map.of(HuvrGraph.IMAGE, tiles), HuvrGraph.LATENT).get(HuvrGraph.LATENT);
    }

    /** INR features {@code [tiles, inrOut, n * side, n * side]} of dequantised TinToks, on the default grid. */
    public INDArray synthesize(INDArray tokens) {
        return synthesize(tokens, defaultGrid);
    }

    /** INR features on any grid of cells per patch (from {@link HuvrGraph#gridFourierFeatures}). */
    public INDArray synthesize(INDArray tokens, INDArray gridFeatures) {
        return graph.sd().output(Map.of(HuvrGraph.TOKENS, tokens, HuvrGraph.GRID, gridFeatures), HuvrGraph.FEATURES)
                .get(HuvrGraph.FEATURES);
    }

    /** RGB {@code [tiles, 3, 4h, 4w]} of tiles' feature grids {@code [tiles, inrOut, h, w]}, each zero-padded at its edges. */
    public INDArray render(INDArray featureMap) {
        return graph.sd().output(Map.of(HuvrGraph.FEATURE_MAP, featureMap), HuvrGraph.RGB).get(HuvrGraph.RGB);
    }

    /** The file's tensors against {@link HuvrConfig#sizingTensorShapes()}: a hostile header cannot size the graph. */
    private void requireSizedTensors() throws IOException {
        for (Map.Entry<String, long[]> e : config.sizingTensorShapes().entrySet()) {
            long[] actual = file.tensors().containsKey(e.getKey())
                    ? Arrays.stream(file.tensor(e.getKey()).shape()).asLongStream().toArray() : null;
            if (!Arrays.equals(actual, e.getValue())) {
                throw new IOException("the model's hyper-parameters need tensor " + e.getKey() + " of shape "
                        + Arrays.toString(e.getValue()) + ", the file has " + (actual == null ? "none" : Arrays.toString(actual)));
            }
        }
    }

    private INDArray parameter(SDVariable v) throws IOException {
        Tensor t;
        try {
            t = file.tensor(v.name());
        } catch (java.util.NoSuchElementException e) {
            throw new IOException("model file lacks tensor " + v.name() + " that " + HuvrConfig.ARCHITECTURE + " needs");
        }
        long[] expected = v.getArr().shape();
        long[] actual = Arrays.stream(t.shape()).asLongStream().toArray();
        if (!Arrays.equals(expected, actual)) {
            throw new IOException("model tensor " + v.name() + " has shape " + Arrays.toString(actual) + ", expected "
                    + Arrays.toString(expected));
        }
        return Nd4j.create(t.floats(), expected, 'c').castTo(DataType.FLOAT);
    }

    private float[] floats(String name) throws IOException {
        return graph.sd().getVariable(name).getArr().data().asFloat();
    }

    private CdfTable[] tables(String name, int count) throws IOException {
        Tensor tensor = file.tensors().get(name);
        if (tensor == null) {
            throw new IOException("model file lacks entropy tables " + name);
        }
        if (tensor.info().getType() != TensorType.INT32) {
            throw new IOException("entropy tables " + name + " are " + tensor.info().getType() + ", not INT32");
        }
        int[] ints = tensor.ints();
        CdfTable[] tables = new CdfTable[count];
        int offset = 0;
        for (int c = 0; c < tables.length; c++) {
            if (offset + 3 > ints.length) {
                throw new IOException("entropy tables " + name + " are truncated at table " + c);
            }
            // In long: a hostile symbol count near 2^31 must not wrap around into a passing check.
            long end = offset + 5L + ints[offset + 2];
            if (ints[offset + 2] < 0 || end > ints.length) {
                throw new IOException("entropy tables " + name + " are truncated at table " + c);
            }
            int length = (int) (end - offset);
            try {
                tables[c] = CdfTable.fromInts(Arrays.copyOfRange(ints, offset, offset + length));
            } catch (EntropyCodingException e) {
                throw new IOException("entropy table " + name + "[" + c + "] is invalid: " + e.getMessage(), e);
            }
            offset += length;
        }
        if (offset != ints.length) {
            throw new IOException("entropy tables " + name + " have " + (ints.length - offset) + " trailing ints");
        }
        return tables;
    }
}
