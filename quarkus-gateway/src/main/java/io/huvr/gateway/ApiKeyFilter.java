package io.huvr.gateway;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;

/**
 * API-key authentication: endpoints marked {@link ArchiveWrite} need a configured key in {@code X-API-Key},
 * and so does every other {@code /v1} endpoint when {@code huvr.gateway.auth.protect-reads} is set.
 * A missing key is answered 401, a wrong one 403.
 */
public class ApiKeyFilter {
    public static final String HEADER = "X-API-Key";

    /** SHA-256 of each key, compared in constant time. */
    private final List<byte[]> keyDigests;
    private final boolean protectReads;

    public ApiKeyFilter(GatewayConfig config) {
        this.keyDigests = config.auth().apiKeys().orElse(Set.of()).stream().map(ApiKeyFilter::digest).toList();
        this.protectReads = config.auth().protectReads();
    }

    @ServerRequestFilter
    public Response authenticate(ContainerRequestContext request, ResourceInfo resource) {
        boolean write = resource.getResourceMethod() != null && resource.getResourceMethod().isAnnotationPresent(ArchiveWrite.class);
        if (!write && !protectReads) {
            return null;
        }
        String key = request.getHeaderString(HEADER);
        String path = request.getUriInfo().getRequestUri().getRawPath();
        if (key == null || key.isEmpty()) {
            return ProblemDocument.of(401, "missing-api-key", "this request needs an " + HEADER + " header", path)
                    .response().header("WWW-Authenticate", "ApiKey header=\"" + HEADER + "\"").build();
        }
        byte[] digest = digest(key);
        boolean known = false;
        for (byte[] candidate : keyDigests) {
            known |= MessageDigest.isEqual(candidate, digest);
        }
        return known ? null : ProblemDocument.of(403, "invalid-api-key", "the " + HEADER + " is not valid", path)
                .response().build();
    }

    private static byte[] digest(String key) {
        return Sha256.hex(key).getBytes(StandardCharsets.US_ASCII);
    }
}
