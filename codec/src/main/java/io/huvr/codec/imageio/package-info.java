/**
 * An ImageIO plugin for {@code .huvr} (format name {@code huvr}, suffix {@code huvr}, MIME type
 * {@code image/x-huvr}), registered through {@code META-INF/services}: with the codec jar on the class path,
 * {@code ImageIO.read(file)} decodes {@code .huvr} files and {@code ImageIO.write(image, "huvr", file)}
 * encodes them, in any Java application.
 *
 * <p>Both use the built-in {@code huvr-s} model, or the model file named by the system property
 * {@code huvr.model}; it is loaded once, on first use, and shared by all threads. The writer's quality and
 * effort are set through {@link io.huvr.codec.imageio.HuvrImageWriteParam}.
 */
package io.huvr.codec.imageio;
