package io.huvr.format;

import io.huvr.format.HuvrFormatException.Reason;
import io.huvr.format.proto.ModelHeader;
import io.huvr.format.proto.OperatingPoint;
import io.huvr.format.proto.TensorInfo;
import io.huvr.format.proto.TensorType;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The model-header rules of SPEC.md, section "Model file", shared by {@link ModelFileReader} and
 * {@link ModelFileWriter}, checked in the order of the rejection table.
 */
final class ModelHeaderValidator {

    private static final int ELEMENT_BYTES = 4;

    private ModelHeaderValidator() {
    }

    static void validate(ModelHeader header) throws HuvrFormatException {
        long architectureBytes = HeaderValidator.utf8Length(header.getArchitecture());
        if (architectureBytes < 1 || architectureBytes > Limits.MAX_NAME_BYTES
                || HeaderValidator.utf8Length(header.getName()) > Limits.MAX_NAME_BYTES) {
            throw new HuvrFormatException(Reason.MODEL_INVALID_NAME, "architecture must be 1.." + Limits.MAX_NAME_BYTES
                    + " bytes and name at most " + Limits.MAX_NAME_BYTES + ", got " + HuvrFormatException.quote(header.getArchitecture())
                    + " and " + HuvrFormatException.quote(header.getName()));
        }
        checkParameters(header);
        checkOperatingPoints(header);
        long precision = Integer.toUnsignedLong(header.getCdfPrecisionBits());
        if (precision < 1 || precision > Limits.MAX_CDF_PRECISION_BITS) {
            throw new HuvrFormatException(Reason.MODEL_INVALID_CDF_PRECISION,
                    "cdf_precision_bits " + precision + " is not 1.." + Limits.MAX_CDF_PRECISION_BITS);
        }
        if (header.getTensorsCount() > Limits.MAX_TENSORS) {
            throw new HuvrFormatException(Reason.MODEL_TOO_MANY_TENSORS,
                    header.getTensorsCount() + " tensors, the limit is " + Limits.MAX_TENSORS);
        }
        checkTensors(header);
    }

    private static void checkParameters(ModelHeader header) throws HuvrFormatException {
        int count = header.getIntParamsCount() + header.getFloatParamsCount();
        if (count > Limits.MAX_MODEL_PARAMETERS) {
            throw new HuvrFormatException(Reason.MODEL_INVALID_PARAMETER,
                    count + " hyper-parameters, the limit is " + Limits.MAX_MODEL_PARAMETERS);
        }
        Set<String> names = new HashSet<>(header.getIntParamsMap().keySet());
        names.addAll(header.getFloatParamsMap().keySet());
        for (String name : names) {
            long bytes = HeaderValidator.utf8Length(name);
            if (bytes < 1 || bytes > Limits.MAX_NAME_BYTES) {
                throw new HuvrFormatException(Reason.MODEL_INVALID_PARAMETER, "hyper-parameter name "
                        + HuvrFormatException.quote(name) + " is not 1.." + Limits.MAX_NAME_BYTES + " bytes");
            }
        }
        for (Map.Entry<String, Double> parameter : header.getFloatParamsMap().entrySet()) {
            if (!Double.isFinite(parameter.getValue())) {
                throw new HuvrFormatException(Reason.MODEL_INVALID_PARAMETER, "hyper-parameter "
                        + HuvrFormatException.quote(parameter.getKey()) + " is " + parameter.getValue());
            }
        }
    }

    private static void checkOperatingPoints(ModelHeader header) throws HuvrFormatException {
        if (header.getOperatingPointsCount() > Limits.MAX_OPERATING_POINTS) {
            throw new HuvrFormatException(Reason.MODEL_INVALID_OPERATING_POINT,
                    header.getOperatingPointsCount() + " operating points, the limit is " + Limits.MAX_OPERATING_POINTS);
        }
        for (int index = 0; index < header.getOperatingPointsCount(); index++) {
            OperatingPoint point = header.getOperatingPoints(index);
            boolean nameFits = HeaderValidator.utf8Length(point.getName()) <= Limits.MAX_NAME_BYTES;
            boolean scaleValid = Float.isFinite(point.getStepScale()) && point.getStepScale() > 0;
            boolean bppValid = Float.isFinite(point.getNominalBpp()) && point.getNominalBpp() >= 0;
            if (!nameFits || !scaleValid || !bppValid) {
                throw new HuvrFormatException(Reason.MODEL_INVALID_OPERATING_POINT, "operating point " + index
                        + " needs a name of at most " + Limits.MAX_NAME_BYTES + " bytes, a finite step_scale > 0"
                        + " and a finite nominal_bpp >= 0; it has step_scale " + point.getStepScale()
                        + ", nominal_bpp " + point.getNominalBpp());
            }
        }
    }

    private static void checkTensors(ModelHeader header) throws HuvrFormatException {
        Set<String> names = new HashSet<>();
        long total = 0;
        for (int index = 0; index < header.getTensorsCount(); index++) {
            TensorInfo info = header.getTensors(index);
            String where = "tensor " + index + " " + HuvrFormatException.quote(info.getName());
            long nameBytes = HeaderValidator.utf8Length(info.getName());
            if (nameBytes < 1 || nameBytes > Limits.MAX_NAME_BYTES) {
                throw new HuvrFormatException(Reason.TENSOR_INVALID_NAME,
                        where + ": a name is 1.." + Limits.MAX_NAME_BYTES + " UTF-8 bytes, this one " + nameBytes);
            }
            if (!names.add(info.getName())) {
                throw new HuvrFormatException(Reason.TENSOR_DUPLICATE_NAME, where + ": the name appears twice");
            }
            if (info.getType() != TensorType.FLOAT32 && info.getType() != TensorType.INT32) {
                throw new HuvrFormatException(Reason.TENSOR_INVALID_TYPE,
                        where + ": type " + info.getTypeValue() + " is not FLOAT32 or INT32");
            }
            long bytes = checkedByteLength(info, where);
            if (info.getByteLength() != bytes) {
                throw new HuvrFormatException(Reason.TENSOR_LENGTH_MISMATCH, where + ": byte_length "
                        + Long.toUnsignedString(info.getByteLength()) + ", the shape needs " + bytes);
            }
            total += bytes;
            if (total > Limits.MAX_MODEL_TENSOR_BYTES) {
                throw new HuvrFormatException(Reason.MODEL_TOO_LARGE, "tensors up to " + where + " need " + total
                        + " bytes, the limit is " + Limits.MAX_MODEL_TENSOR_BYTES);
            }
        }
    }

    /** The bytes the shape needs, after checking the rank, every dimension and the size limit. */
    private static long checkedByteLength(TensorInfo info, String where) throws HuvrFormatException {
        if (info.getShapeCount() < 1 || info.getShapeCount() > Limits.MAX_TENSOR_RANK) {
            throw new HuvrFormatException(Reason.TENSOR_INVALID_SHAPE,
                    where + ": rank " + info.getShapeCount() + " is not 1.." + Limits.MAX_TENSOR_RANK);
        }
        if (info.getShapeList().contains(0)) {
            throw new HuvrFormatException(Reason.TENSOR_INVALID_SHAPE, where + ": a dimension is 0");
        }
        long bytes = ELEMENT_BYTES;
        for (int dimension : info.getShapeList()) {
            // Each factor is below 2^32 and the product so far at most MAX_TENSOR_BYTES < 2^31: no overflow.
            bytes *= Integer.toUnsignedLong(dimension);
            if (bytes > Limits.MAX_TENSOR_BYTES) {
                throw new HuvrFormatException(Reason.TENSOR_TOO_LARGE, where + ": shape " + info.getShapeList()
                        + " exceeds " + Limits.MAX_TENSOR_BYTES + " bytes");
            }
        }
        return bytes;
    }
}
