package io.huvr.gateway;

/**
 * A request the gateway refuses for a known reason; {@link ProblemMapper} answers it as an RFC 7807
 * problem document.
 */
public final class ProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;
    private final long retryAfterSeconds;

    /**
     * @param status HTTP status
     * @param type   a short, stable name of the kind of problem (the document's {@code type} URN ends with it)
     * @param detail one line for the client
     */
    public ProblemException(int status, String type, String detail) {
        this(status, type, detail, 0);
    }

    /** A problem the client may retry after the given number of seconds (sent as Retry-After when positive). */
    public ProblemException(int status, String type, String detail, long retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ProblemException badRequest(String type, String detail) {
        return new ProblemException(400, type, detail);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
