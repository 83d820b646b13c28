package io.huvr.gateway;

import jakarta.ws.rs.core.Response;

/** An RFC 7807 {@code application/problem+json} body. */
public record ProblemDocument(String type, String title, int status, String detail, String instance) {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:huvr:problem:";

    public static ProblemDocument of(int status, String type, String detail, String instance) {
        Response.StatusType statusType = Response.Status.fromStatusCode(status);
        String title = statusType == null ? "HTTP " + status : statusType.getReasonPhrase();
        return new ProblemDocument(TYPE_PREFIX + type, title, status, detail, instance);
    }

    /** A response carrying this document (headers may be added to the builder). */
    public Response.ResponseBuilder response() {
        return Response.status(status).type(MEDIA_TYPE).entity(this);
    }
}
